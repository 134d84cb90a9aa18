// Fault tests through the real transport: the SMTP server is down for a
// while, then up; every message arrives exactly once. Secrets never reach
// logs or stored errors.
//
// Store: the real SQLite store (a file in a temp dir) for the SMTP fault
// test; the secrets test uses the in-memory FakeStore.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cadence/channel.hpp"
#include "cadence/delivery.hpp"
#include "cadence/store.hpp"
#include "fake_store.hpp"
#include "server_process.hpp"
#include "test_support.hpp"
#include "test_time.hpp"

namespace cadence {
namespace {

using nlohmann::json;
using std::chrono::seconds;
using testing::kPython;
using testing::server_script;
using testing::ServerProcess;
using testing::TempDir;

using cadence::testing::kTestStart;  // 2027-01-15T08:00:00Z

Config owner_config(const std::vector<std::string>& channels) {
  Config config;
  config.locale = Locale::kEn;
  OwnerConfig owner;
  owner.id = "zhang";
  owner.name = "Zhang Wei";
  owner.email = "zhang@example.com";
  owner.channels = channels;
  config.owners.push_back(owner);
  return config;
}

Occurrence sample(int i, Instant at) {
  Occurrence o;
  o.key = "keep-in-touch|contact:c" + std::to_string(i) + "|2027-01-15";
  o.rule = "keep-in-touch";
  o.subject = "contact:c" + std::to_string(i);
  o.owner = "zhang";
  o.kind = ReminderKind::kCadence;
  o.due = to_date(std::chrono::floor<std::chrono::days>(at));
  o.title = "Call c" + std::to_string(i);
  o.details_json = R"({"contact_name":"联系人)" + std::to_string(i) +
                   R"(","last_touch_days_ago":20,"target_days":14})";
  o.fire_at = at;
  return o;
}

void fire_n(testing::FakeStore& store, const Config& config, int n, Instant at) {
  for (int i = 0; i < n; ++i) {
    Occurrence o = sample(i, at);
    o.row_id = store.add(o);
    o.state = OccurrenceState::kFired;
    ASSERT_TRUE(store.fire_occurrence(o, plan_deliveries(o, config.owners[0], at)));
  }
}

// Fires like the scheduler: occurrence recorded, then fired with its outbox
// rows in one transaction.
void fire_n(Store& store, const Config& config, int n, Instant at) {
  for (int i = 0; i < n; ++i) {
    Occurrence o = sample(i, at);
    ASSERT_TRUE(store.upsert_occurrences({o}));
    auto stored = store.get_occurrence_by_key(o.key);
    ASSERT_TRUE(stored) << stored.error().message();
    Occurrence fired = *stored;
    fired.state = OccurrenceState::kFired;
    fired.fired_at = at;
    ASSERT_TRUE(store.fire_occurrence(fired, plan_deliveries(fired, config.owners[0], at)));
  }
}

TEST(OutboxFault, SmtpDownThenUpDeliversEveryMessageExactlyOnce) {
  TempDir dir;
  std::string maildir = dir.file("mail");
  int port = 0;
  {
    ServerProcess probe({kPython, server_script("smtp_server.py"), "--maildir", maildir});
    port = probe.port();
  }  // killed: the port is now closed
  ChannelConfig cc;
  cc.id = "mail";
  cc.url = "mailto://127.0.0.1:" + std::to_string(port) + "?mode=insecure&from=cadence@example.com";
  auto spec = parse_channel(cc);
  ASSERT_TRUE(spec) << spec.error().message();
  Config config = owner_config({"mail"});
  ManualClock clock{kTestStart};
  StoreOptions so;
  so.path = dir.file("cadence.db");
  so.clock = &clock;
  auto opened = open_sqlite_store(so);
  ASSERT_TRUE(opened) << opened.error().message();
  Store& store = **opened;
  TransportOptions topt;
  topt.connect_timeout = std::chrono::milliseconds{2000};
  auto transport = make_transport(topt);
  OutboxOptions opt;
  opt.seed = 11;
  Outbox outbox(store, clock, {*spec}, config, *transport, opt);
  const int kMessages = 20;
  fire_n(store, config, kMessages, clock.now());

  // Down: three passes, all fail, none lost.
  for (int pass = 0; pass < 3; ++pass) {
    auto next = *store.next_delivery_time();
    ASSERT_TRUE(next);
    clock.set(std::max(clock.now(), *next));
    auto r = outbox.process_due(clock.now());
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(r->sent, 0);
    EXPECT_EQ(r->dead, 0);
  }
  auto queued = store.list_deliveries(std::nullopt, 1000);
  ASSERT_TRUE(queued);
  ASSERT_EQ(queued->size(), static_cast<std::size_t>(kMessages));
  for (const auto& d : *queued) {
    EXPECT_EQ(d.state, DeliveryState::kQueued);
    EXPECT_FALSE(d.last_error.empty());
  }

  // Up again on the same port.
  ServerProcess server({kPython, server_script("smtp_server.py"), "--maildir", maildir, "--port",
                        std::to_string(port)});
  int passes = 0;
  while (auto next = *store.next_delivery_time()) {
    clock.set(std::max(clock.now(), *next));
    ASSERT_TRUE(outbox.process_due(clock.now()));
    ASSERT_LT(++passes, 50);
  }
  std::set<std::string> expected_ids;
  auto rows = store.list_deliveries(std::nullopt, 1000);
  ASSERT_TRUE(rows);
  for (const auto& d : *rows) {
    EXPECT_EQ(d.state, DeliveryState::kSent) << d.last_error;
    EXPECT_GE(d.attempts, 2);
    expected_ids.insert("<" + d.idempotency_key + "@example.com>");
  }
  auto out = testing::run_command({kPython, server_script("read_maildir.py"), maildir});
  json mails = json::parse(out.out);
  ASSERT_EQ(mails.size(), static_cast<std::size_t>(kMessages));
  std::set<std::string> got;
  for (const auto& m : mails) got.insert(m["message_id"].get<std::string>());
  EXPECT_EQ(got, expected_ids);  // each once, with the key derived from its occurrence
}

TEST(OutboxFault, SecretsNeverAppearInLogsOrErrors) {
  std::ostringstream log;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log);
  auto logger = std::make_shared<spdlog::logger>("capture", sink);
  logger->set_level(spdlog::level::trace);
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::trace);

  const std::vector<std::string> secrets = {
      "SECdingSECRET0001",   "wecomKEYsecret0002",
      "feishuSECRET0003",    "whsec_c2VjcmV0LXdlYmhvb2sta2V5LTA0",
      "123456:TGsecret0005", "smtpPASSWORD0006",
      "slackTOKENsecret0007"};
  testing::ChatReceiver receiver(json{{"dingtalk", "SECother"}, {"feishu", "other"}});
  auto make = [&](const std::string& id, const std::string& type, const std::string& url,
                  std::map<std::string, std::string> params) {
    ChannelConfig c;
    c.id = id;
    c.type = type;
    c.url = url;
    c.params = std::move(params);
    auto s = parse_channel(c);
    EXPECT_TRUE(s) << id;
    return *s;
  };
  std::vector<ChannelSpec> channels = {
      // Wrong secrets: the receiver rejects them (permanent errors get logged).
      make("ding", "dingtalk", "",
           {{"token", "tok"}, {"secret", secrets[0]}, {"api_url", receiver.base("dingtalk")}}),
      make("wecom", "wecom", "", {{"key", secrets[1]}, {"api_url", receiver.base("wecom")}}),
      make("feishu", "feishu", "",
           {{"token", "t"}, {"secret", secrets[2]}, {"api_url", receiver.base("feishu")}}),
      make("hook", "webhook", receiver.base("webhook") + "/in", {{"secret", secrets[3]}}),
      make("tg", "", "tgram://" + secrets[4] + "/42", {{"api_url", "http://127.0.0.1:9"}}),
      make("mail", "",
           "mailto://u:" + secrets[5] + "@127.0.0.1:9?from=c@example.com&to=z@example.com", {}),
      make("slack", "", "slack://A/B/" + secrets[6], {{"api_url", receiver.base("slack")}}),
  };
  receiver.queue(json::array(
      {{{"status", 200}, {"body", {{"errcode", 93000}, {"errmsg", "invalid webhook url"}}}}}));
  std::vector<std::string> ids;
  for (const auto& c : channels) ids.push_back(c.id);
  Config config = owner_config(ids);
  testing::FakeStore store;
  ManualClock clock{kTestStart};
  auto transport = make_transport();
  Outbox outbox(store, clock, channels, config, *transport);
  fire_n(store, config, 1, clock.now());
  auto r = outbox.process_due(clock.now());
  ASSERT_TRUE(r);
  // Config errors mention channel ids only.
  ChannelConfig broken;
  broken.id = "broken";
  broken.url = "dingtalk://" + secrets[0] + "@/";
  auto e = parse_channel(broken);
  ASSERT_FALSE(e);

  spdlog::set_default_logger(previous);
  std::string everything = log.str() + e.error().message();
  for (const auto& [id, d] : store.deliveries()) everything += "\n" + d.last_error;
  EXPECT_GT(r->sent + r->retried + r->dead, 6);
  EXPECT_GT(r->dead, 0);
  EXPECT_GT(r->retried, 0);
  for (const auto& s : secrets) {
    EXPECT_EQ(everything.find(s), std::string::npos) << "secret leaked: " << s << "\n"
                                                     << everything;
  }
  for (const auto& c : channels) {
    if (!c.url.empty()) {
      EXPECT_EQ(everything.find(c.url), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace cadence
