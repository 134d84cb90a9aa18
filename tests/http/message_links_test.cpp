// The action links in delivered messages, end to end: the real Outbox renders
// a fired reminder (http.public_url set) over a real SQLite file, a retry
// sends byte-identical text, and a link taken from the message is posted to
// the real HTTP job on loopback, which acts on the reminder.
#include <gtest/gtest.h>

#include <boost/asio/post.hpp>
#include <thread>

#include "cadence/delivery.hpp"
#include "cadence/links.hpp"
#include "config_text.hpp"
#include "http/http_job.hpp"
#include "http_client.hpp"
#include "temp_dir.hpp"
#include "test_time.hpp"

namespace cadence::http {
namespace {

using cadence::testing::diagnostics_text;

using cadence::testing::TempDir;
namespace client = cadence::testing::http_client;
namespace bhttp = boost::beast::http;

using cadence::testing::kTestStart;  // 2027-01-15T08:00:00Z
constexpr std::string_view kPublicUrl = "https://cadence.example/crm";

std::string links_config(const std::string& db, bool with_public_url) {
  return "timezone: Asia/Shanghai\nlocale: en\n"
         "owners:\n  - id: zhang\n    locale: en\n    channels: [console]\n"
         "channels:\n  - id: console\n    type: console\n"
         "kinds:\n  visit: deep\n  call: normal\n"
         "rules:\n  - id: follow-up\n    match: {}\n    cadence: {every: 14d, kinds: [call, "
         "visit]}\n"
         "database: " +
         db + "\nhttp:\n  listen: 127.0.0.1:8787\n" +
         (with_public_url ? "  public_url: " + std::string(kPublicUrl) + "/\n" : "");
}

// Records every message; answers with the queued outcomes, then "delivered".
class RecordingTransport : public Transport {
 public:
  SendResult send(const ChannelSpec&, const Message& message, Instant) override {
    sent.push_back(message);
    if (!answers.empty()) {
      SendResult r = answers.front();
      answers.erase(answers.begin());
      return r;
    }
    return SendResult(Outcome::kDelivered, std::nullopt, 0, "ok");
  }
  std::vector<Message> sent;
  std::vector<SendResult> answers;
};

// The URL after "<label>: " in a message's text, or "".
std::string link_in(const std::string& text, const std::string& label) {
  const std::string marker = "\n" + label + ": ";
  const auto at = text.find(marker);
  if (at == std::string::npos) return "";
  const auto start = at + marker.size();
  return text.substr(start, text.find('\n', start) - start);
}

class MessageLinksTest : public ::testing::Test {
 protected:
  void load(bool with_public_url) {
    db_ = dir_.file("cadence.db");
    auto parsed = parse_config(links_config(db_, with_public_url), "test.yaml",
                               SubstitutionSource::from_process());
    ASSERT_TRUE(parsed.ok()) << diagnostics_text(parsed);
    parsed.config->http.listen = "127.0.0.1:0";  // any free port
    config_ = std::make_shared<Config>(std::move(*parsed.config));
    StoreOptions options;
    options.path = db_;
    options.clock = &clock_;
    auto store = open_sqlite_store(options);
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(store.value());
    Contact li;
    li.id = "li-wei";
    li.name = "李伟";
    ASSERT_TRUE(store_->add_contact(li));
    Occurrence o;
    o.key = "follow-up|contact:li-wei|2027-01-15";
    o.rule = "follow-up";
    o.kind = ReminderKind::kCadence;
    o.subject = "contact:li-wei";
    o.owner = "zhang";
    o.due = Date{std::chrono::year{2027}, std::chrono::January, std::chrono::day{15}};
    o.fire_at = kTestStart;
    o.title = "Call 李伟";
    o.details_json = R"({"contact":"李伟","days_since_touch":20,"target_days":14})";
    ASSERT_EQ(*store_->upsert_occurrences({o}), 1);
    Occurrence fired = *store_->get_occurrence_by_key(o.key);
    reminder_ = fired.row_id;
    fired.state = OccurrenceState::kFired;
    fired.fired_at = kTestStart;
    fired.fire_count = 1;
    ASSERT_TRUE(store_->fire_occurrence(
        fired, plan_deliveries(fired, *config_->find_owner("zhang"), kTestStart)));
    auto channels = parse_channels(config_->channels);
    ASSERT_TRUE(channels) << channels.error().message();
    OutboxOptions outbox_options;
    outbox_options.seed = 1;
    outbox_ =
        std::make_unique<Outbox>(*store_, clock_, *channels, *config_, transport_, outbox_options);
  }

  void start_http() {
    job_ = std::make_unique<HttpJob>(clock_);
    auto started = job_->start(io_, config_);
    ASSERT_TRUE(started) << started.error().message();
    loop_ = std::thread([this] { io_.run(); });
  }

  void TearDown() override {
    if (!loop_.joinable()) return;
    boost::asio::post(io_, [this] { job_->stop(); });
    loop_.join();
  }

  TempDir dir_;
  std::string db_;
  ManualClock clock_{kTestStart};
  std::shared_ptr<Config> config_;
  std::unique_ptr<Store> store_;
  RecordingTransport transport_;
  std::unique_ptr<Outbox> outbox_;
  RowId reminder_ = 0;
  boost::asio::io_context io_;
  std::unique_ptr<HttpJob> job_;
  std::thread loop_;
};

TEST_F(MessageLinksTest, RetriedMessageIsIdenticalAndItsDoneLinkActsOnTheRealServer) {
  load(true);
  transport_.answers.push_back(SendResult(Outcome::kRetryable, std::nullopt, 503, "busy"));
  ASSERT_TRUE(outbox_->process_due(kTestStart));
  clock_.advance(Duration{3600});
  auto second = outbox_->process_due(clock_.now());
  ASSERT_TRUE(second);
  EXPECT_EQ(second->sent, 1);
  ASSERT_EQ(transport_.sent.size(), 2u);
  const Message& first = transport_.sent[0];
  // The idempotency key and the body do not change between attempts.
  EXPECT_EQ(first.idempotency_key, transport_.sent[1].idempotency_key);
  EXPECT_EQ(first.text, transport_.sent[1].text);
  EXPECT_EQ(first.markdown, transport_.sent[1].markdown);
  EXPECT_EQ(first.html, transport_.sent[1].html);

  const std::string done = link_in(first.text, "Mark done");
  const std::string prefix = std::string(kPublicUrl) + "/a/";
  ASSERT_EQ(done.rfind(prefix, 0), 0u) << first.text;
  for (const char* label :
       {"Snooze 1 day", "Snooze 3 days", "Snooze 1 week", "Log a touch (call)"}) {
    EXPECT_EQ(link_in(first.text, label).rfind(prefix, 0), 0u) << label << "\n" << first.text;
  }
  EXPECT_NE(first.markdown.find("[Mark done](" + done + ")"), std::string::npos) << first.markdown;
  EXPECT_NE(first.html.find("<a href=\"" + done + "\""), std::string::npos) << first.html;

  // The link is signed with the key the HTTP job uses (<db dir>/http.key).
  start_http();
  const std::string path = "/a/" + done.substr(prefix.size());
  auto confirm = client::get(job_->port(), path);
  ASSERT_EQ(confirm.result(), bhttp::status::ok) << confirm.body();
  EXPECT_EQ(store_->get_occurrence(reminder_)->state, OccurrenceState::kFired);
  auto acted = client::post(job_->port(), path);
  ASSERT_EQ(acted.result(), bhttp::status::ok) << acted.body();
  EXPECT_EQ(store_->get_occurrence(reminder_)->state, OccurrenceState::kDone);
  // The same message's link works once.
  EXPECT_EQ(client::post(job_->port(), path).result(), bhttp::status::conflict);
}

TEST_F(MessageLinksTest, TouchLinkFromTheMessageLogsACall) {
  load(true);
  ASSERT_TRUE(outbox_->process_due(kTestStart));
  ASSERT_EQ(transport_.sent.size(), 1u);
  const std::string touch = link_in(transport_.sent[0].text, "Log a touch (call)");
  ASSERT_FALSE(touch.empty()) << transport_.sent[0].text;
  start_http();
  const std::string path = touch.substr(std::string(kPublicUrl).size());
  ASSERT_EQ(client::post(job_->port(), path).result(), bhttp::status::ok);
  auto touches = store_->list_interactions(std::string("li-wei"), std::nullopt, 10);
  ASSERT_TRUE(touches);
  ASSERT_EQ(touches->size(), 1u);
  EXPECT_EQ((*touches)[0].kind, "call");
  EXPECT_EQ((*touches)[0].source, "link");
}

TEST_F(MessageLinksTest, NoPublicUrlNoLinks) {
  load(false);
  ASSERT_TRUE(outbox_->process_due(kTestStart));
  ASSERT_EQ(transport_.sent.size(), 1u);
  EXPECT_EQ(transport_.sent[0].text.find("/a/"), std::string::npos) << transport_.sent[0].text;
  EXPECT_EQ(transport_.sent[0].html.find("<a "), std::string::npos);
  // And no key file was made for links nobody sends.
  EXPECT_FALSE(std::filesystem::exists(dir_.file("http.key")));
}

}  // namespace
}  // namespace cadence::http
