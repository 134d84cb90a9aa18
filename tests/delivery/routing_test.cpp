// Routing and channel health through the real transport, the real SQLite
// store and the loopback chat receiver: fallback_after, dead channels
// (Slack/Discord 404/410), Discord rate-limit pacing and 429 pauses, and the
// fresh age window of a re-queued (`cadencectl outbox retry`) delivery.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cadence/channel.hpp"
#include "cadence/delivery.hpp"
#include "cadence/store.hpp"
#include "test_support.hpp"
#include "test_time.hpp"

namespace cadence {
namespace {

using nlohmann::json;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using testing::TempDir;

using cadence::testing::kTestStart;  // 2027-01-15T08:00:00Z

ChannelSpec channel(const std::string& id, const std::string& type,
                    std::map<std::string, std::string> params, const std::string& url = "") {
  ChannelConfig c;
  c.id = id;
  c.type = type;
  c.url = url;
  c.params = std::move(params);
  auto s = parse_channel(c);
  EXPECT_TRUE(s) << (s ? "" : s.error().message());
  return s ? *s : ChannelSpec{};
}

// A SQLite store on a ManualClock, an owner and the real transport.
struct Routing : ::testing::Test {
  TempDir dir;
  ManualClock clock{kTestStart};
  std::unique_ptr<Store> store;
  Config config;
  std::unique_ptr<Transport> transport = make_transport();
  testing::ChatReceiver receiver;

  void SetUp() override {
    StoreOptions so;
    so.path = dir.file("cadence.db");
    so.clock = &clock;
    auto opened = open_sqlite_store(so);
    ASSERT_TRUE(opened) << opened.error().message();
    store = std::move(*opened);
    config.locale = Locale::kEn;
  }

  void set_owner(std::vector<std::string> channels, std::optional<Duration> fallback_after) {
    OwnerConfig owner;
    owner.id = "zhang";
    owner.name = "Zhang Wei";
    owner.channels = std::move(channels);
    owner.fallback_after = fallback_after;
    config.owners = {owner};
  }

  RowId fire(const std::string& contact) {
    Occurrence o;
    o.key = "keep-in-touch|contact:" + contact + "|2027-01-15";
    o.rule = "keep-in-touch";
    o.subject = "contact:" + contact;
    o.owner = "zhang";
    o.due = to_date(std::chrono::floor<std::chrono::days>(clock.now()));
    o.fire_at = clock.now();
    o.title = "Call " + contact;
    EXPECT_TRUE(store->upsert_occurrences({o}));
    auto stored = store->get_occurrence_by_key(o.key);
    EXPECT_TRUE(stored);
    Occurrence fired = *stored;
    fired.state = OccurrenceState::kFired;
    fired.fired_at = clock.now();
    EXPECT_TRUE(
        store->fire_occurrence(fired, plan_deliveries(fired, config.owners[0], clock.now())));
    return fired.row_id;
  }

  std::vector<Delivery> rows() {
    auto r = store->list_deliveries(std::nullopt, 1000);
    EXPECT_TRUE(r);
    return r ? *r : std::vector<Delivery>{};
  }

  // Requests the receiver saw for one service.
  std::vector<json> seen(const std::string& service) {
    std::vector<json> out;
    for (const auto& r : receiver.requests()) {
      if (r["service"] == service) out.push_back(r);
    }
    return out;
  }
};

TEST_F(Routing, FallbackAfterSendsToTheNextChannelWhenThePrimaryKeepsFailing) {
  set_owner({"slack", "wecom"}, hours{2});
  std::vector<ChannelSpec> chans = {
      channel("slack", "", {{"api_url", receiver.base("slack")}}, "slack://A/B/C"),
      channel("wecom", "wecom", {{"key", "k"}, {"api_url", receiver.base("wecom")}})};
  for (auto& c : chans) c.pace.clear();  // pacing is tested elsewhere
  // Slack answers 500 until further notice; WeCom is healthy.
  json failures = json::array();
  for (int i = 0; i < 200; ++i) {
    failures.push_back({{"service", "slack"}, {"status", 500}, {"body", "rollup_error"}});
  }
  receiver.queue(failures);
  OutboxOptions opt;
  opt.seed = 5;
  Outbox outbox(*store, clock, chans, config, *transport, opt);
  fire("li");
  ASSERT_EQ(rows().size(), 1u) << "with fallback_after only the first channel is queued";

  int fallbacks = 0;
  int sent = 0;
  Instant fallback_at{};
  for (int pass = 0; pass < 60 && fallbacks == 0; ++pass) {
    auto next = *store->next_delivery_time();
    ASSERT_TRUE(next);
    clock.set(std::max(clock.now(), *next));
    EXPECT_TRUE(seen("wecom").empty()) << "nothing on the fallback channel before it is due";
    auto r = outbox.process_due(clock.now());
    ASSERT_TRUE(r) << r.error().message();
    sent += r->sent;
    fallbacks += r->fallbacks;
    if (r->fallbacks > 0) fallback_at = clock.now();
  }
  ASSERT_EQ(fallbacks, 1);
  // Exactly at the deadline: the retry before it was moved onto it.
  EXPECT_EQ(fallback_at, kTestStart + hours{2});
  auto r = outbox.process_due(clock.now());
  ASSERT_TRUE(r);
  EXPECT_EQ(sent + r->sent, 1);
  auto wecom = seen("wecom");
  ASSERT_EQ(wecom.size(), 1u);
  EXPECT_TRUE(wecom[0]["ok"].get<bool>()) << wecom[0].dump();
  EXPECT_NE(wecom[0]["body"].get<std::string>().find("Call li"), std::string::npos);
  EXPECT_GE(seen("slack").size(), 3u);

  // The primary is still retried, and a later failure queues nothing twice.
  auto all = rows();
  ASSERT_EQ(all.size(), 2u);
  const Delivery& primary = all[0].channel == "slack" ? all[0] : all[1];
  const Delivery& fallback = all[0].channel == "slack" ? all[1] : all[0];
  EXPECT_EQ(primary.state, DeliveryState::kQueued);
  EXPECT_EQ(fallback.state, DeliveryState::kSent);
  EXPECT_EQ(fallback.idempotency_key,
            idempotency_key_for(primary.idempotency_key + "|fallback", "wecom"));
  clock.set(primary.next_attempt_at);
  auto again = outbox.process_due(clock.now());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->fallbacks, 0);
  EXPECT_EQ(rows().size(), 2u);
}

TEST_F(Routing, NoFallbackWhenThePrimaryRecoversAndTheReminderIsAcknowledged) {
  set_owner({"slack", "wecom"}, hours{2});
  std::vector<ChannelSpec> chans = {
      channel("slack", "", {{"api_url", receiver.base("slack")}}, "slack://A/B/C"),
      channel("wecom", "wecom", {{"key", "k"}, {"api_url", receiver.base("wecom")}})};
  receiver.queue(json::array(
      {{{"service", "slack"}, {"status", 503}}, {{"service", "slack"}, {"status", 503}}}));
  Outbox outbox(*store, clock, chans, config, *transport);
  const RowId id = fire("li");
  // Two failures, then Slack takes it: well inside the two hours.
  while (seen("slack").size() < 3) {
    auto next = *store->next_delivery_time();
    ASSERT_TRUE(next);
    clock.set(std::max(clock.now(), *next));
    ASSERT_TRUE(outbox.process_due(clock.now()));
  }
  const Instant sent_at = clock.now();
  EXPECT_LT(sent_at - kTestStart, hours{2});
  // Sent: the next channel waits fallback_after for an acknowledgement.
  ASSERT_EQ(rows().size(), 2u);
  EXPECT_EQ(*store->next_delivery_time(), std::optional<Instant>(sent_at + hours{2}));

  // The salesperson acknowledges (`cadencectl ack`: the reminder is done).
  auto occurrence = store->get_occurrence(id);
  ASSERT_TRUE(occurrence);
  occurrence->state = OccurrenceState::kDone;
  ASSERT_TRUE(store->update_occurrence(*occurrence));

  clock.set(sent_at + hours{2});
  ASSERT_TRUE(outbox.process_due(clock.now()));
  EXPECT_TRUE(seen("wecom").empty());
  EXPECT_EQ(*store->next_delivery_time(), std::nullopt);
  for (const Delivery& d : rows()) {
    EXPECT_EQ(d.state, DeliveryState::kSent) << d.channel;
    if (d.channel == "wecom") {
      EXPECT_EQ(d.sent_at, std::nullopt);
      EXPECT_EQ(d.last_error, "not sent: the reminder was done before fallback_after");
    }
  }
}

TEST_F(Routing, AnUnacknowledgedReminderFallsBackAfterASuccessfulSend) {
  set_owner({"slack", "wecom"}, hours{2});
  std::vector<ChannelSpec> chans = {
      channel("slack", "", {{"api_url", receiver.base("slack")}}, "slack://A/B/C"),
      channel("wecom", "wecom", {{"key", "k"}, {"api_url", receiver.base("wecom")}})};
  Outbox outbox(*store, clock, chans, config, *transport);
  fire("li");
  auto first = outbox.process_due(clock.now());
  ASSERT_TRUE(first);
  EXPECT_EQ(first->sent, 1);
  EXPECT_EQ(seen("slack").size(), 1u);

  // Nobody reacts. A second before the deadline nothing more is sent.
  clock.set(kTestStart + hours{2} - seconds{1});
  ASSERT_TRUE(outbox.process_due(clock.now()));
  EXPECT_TRUE(seen("wecom").empty());

  clock.set(kTestStart + hours{2});
  auto second = outbox.process_due(clock.now());
  ASSERT_TRUE(second);
  EXPECT_EQ(second->sent, 1);
  auto wecom = seen("wecom");
  ASSERT_EQ(wecom.size(), 1u);
  EXPECT_NE(wecom[0]["body"].get<std::string>().find("Call li"), std::string::npos);
  // WeCom is the owner's last channel: nothing further is queued.
  ASSERT_EQ(rows().size(), 2u);
  for (const Delivery& d : rows()) {
    EXPECT_EQ(d.state, DeliveryState::kSent) << d.channel;
    EXPECT_TRUE(d.sent_at) << d.channel;
  }
  EXPECT_EQ(*store->next_delivery_time(), std::nullopt);
}

TEST_F(Routing, DeletedDiscordWebhookIsDeadAndItsRemindersFallBack) {
  set_owner({"discord", "wecom"}, hours{2});
  std::vector<ChannelSpec> chans = {
      channel("discord", "", {{"api_url", receiver.base("discord")}}, "discord://123/tok"),
      channel("wecom", "wecom", {{"key", "k"}, {"api_url", receiver.base("wecom")}})};
  chans[1].pace.clear();
  receiver.queue(json::array({{{"service", "discord"},
                               {"status", 404},
                               {"body", R"({"message": "Unknown Webhook", "code": 10015})"}}}));
  Outbox outbox(*store, clock, chans, config, *transport);
  fire("a");
  fire("b");
  auto r = outbox.process_due(clock.now());
  ASSERT_TRUE(r) << r.error().message();
  // One request to the deleted webhook, never a second.
  EXPECT_EQ(seen("discord").size(), 1u);
  EXPECT_EQ(r->dead, 2);
  EXPECT_EQ(r->fallbacks, 2);
  ASSERT_EQ(outbox.dead_channels().count("discord"), 1u);
  EXPECT_NE(outbox.dead_channels().at("discord").find("404"), std::string::npos);
  auto r2 = outbox.process_due(clock.now());
  ASSERT_TRUE(r2);
  EXPECT_EQ(r2->sent, 2);  // both reminders reached the owner on WeCom
  EXPECT_EQ(seen("wecom").size(), 2u);
  int dead = 0;
  for (const auto& d : rows()) {
    if (d.channel != "discord") continue;
    EXPECT_EQ(d.state, DeliveryState::kDead);
    ++dead;
  }
  EXPECT_EQ(dead, 2);
  // Slack's archived channel (410) is dead too; a 500 is not.
  auto slack = channel("slack", "", {{"api_url", receiver.base("slack")}}, "slack://A/B/C");
  receiver.queue(
      json::array({{{"service", "slack"}, {"status", 410}, {"body", "channel_is_archived"}},
                   {{"service", "slack"}, {"status", 500}}}));
  Message m;
  m.title = "t";
  m.text = "x";
  EXPECT_TRUE(transport->send(slack, m, clock.now()).channel_gone);
  EXPECT_FALSE(transport->send(slack, m, clock.now()).channel_gone);
}

TEST_F(Routing, DiscordRateLimitHeadersPauseTheWebhookNotOthers) {
  set_owner({"discord", "hook"}, std::nullopt);
  std::vector<ChannelSpec> chans = {
      channel("discord", "", {{"api_url", receiver.base("discord")}}, "discord://123/tok"),
      channel("hook", "webhook", {}, receiver.base("webhook") + "/in")};
  // The bucket is empty after this message, refilled 2.5 s later.
  receiver.queue(json::array({{{"service", "discord"},
                               {"status", 200},
                               {"body", R"({"id": "1"})"},
                               {"headers",
                                {{"X-RateLimit-Limit", "5"},
                                 {"X-RateLimit-Remaining", "0"},
                                 {"X-RateLimit-Reset-After", "2.5"},
                                 {"X-RateLimit-Bucket", "abcd"}}}}}));
  Outbox outbox(*store, clock, chans, config, *transport);
  for (int i = 0; i < 3; ++i) fire("c" + std::to_string(i));
  auto r = outbox.process_due(clock.now());
  ASSERT_TRUE(r);
  EXPECT_EQ(seen("discord").size(), 1u);
  EXPECT_EQ(seen("webhook").size(), 3u) << "other channels are not held up";
  EXPECT_EQ(r->deferred, 2);
  for (const auto& d : rows()) {
    if (d.channel == "discord" && d.state == DeliveryState::kQueued) {
      EXPECT_EQ(d.next_attempt_at, kTestStart + seconds{3});  // 2.5 s, whole seconds up
    }
  }
  // Nothing during the pause; everything after it.
  ASSERT_TRUE(outbox.process_due(kTestStart + seconds{2}));
  EXPECT_EQ(seen("discord").size(), 1u);
  clock.set(kTestStart + seconds{3});
  auto after = outbox.process_due(clock.now());
  ASSERT_TRUE(after);
  EXPECT_EQ(after->sent, 2);
  EXPECT_EQ(seen("discord").size(), 3u);
}

TEST_F(Routing, A429RetryAfterPausesTheWholeChannel) {
  set_owner({"discord"}, std::nullopt);
  std::vector<ChannelSpec> chans = {
      channel("discord", "", {{"api_url", receiver.base("discord")}}, "discord://123/tok")};
  receiver.queue(
      json::array({{{"service", "discord"},
                    {"status", 429},
                    {"headers", {{"Retry-After", "7"}, {"X-RateLimit-Scope", "user"}}},
                    {"body", R"({"message": "You are being rate limited.", "retry_after": 6.5,
                     "global": false})"}}}));
  Outbox outbox(*store, clock, chans, config, *transport);
  for (int i = 0; i < 4; ++i) fire("c" + std::to_string(i));
  auto r = outbox.process_due(clock.now());
  ASSERT_TRUE(r);
  EXPECT_EQ(seen("discord").size(), 1u) << "no request during Retry-After";
  EXPECT_EQ(r->retried, 1);
  EXPECT_EQ(r->deferred, 3);
  for (const auto& d : rows()) EXPECT_GE(d.next_attempt_at, kTestStart + seconds{7});
  ASSERT_TRUE(outbox.process_due(kTestStart + seconds{6}));
  EXPECT_EQ(seen("discord").size(), 1u);
  while (auto next = *store->next_delivery_time()) {
    clock.set(std::max(clock.now(), *next));
    ASSERT_TRUE(outbox.process_due(clock.now()));
  }
  EXPECT_EQ(seen("discord").size(), 5u);
  for (const auto& d : rows()) EXPECT_EQ(d.state, DeliveryState::kSent);
}

// `cadencectl outbox retry` re-queues with attempts 0 and created_at = now;
// the store keeps that created_at, so the delivery gets a full max_age again.
TEST_F(Routing, RequeuedDeadDeliveryGetsAFreshAgeWindow) {
  set_owner({"slack"}, std::nullopt);
  std::vector<ChannelSpec> chans = {
      channel("slack", "", {{"api_url", "http://127.0.0.1:9"}}, "slack://A/B/C")};
  chans[0].pace.clear();
  fire("li");
  Delivery d = rows().at(0);
  ASSERT_EQ(d.created_at, kTestStart);
  d.state = DeliveryState::kDead;
  d.attempts = 30;
  d.last_error = "gave up";
  ASSERT_TRUE(store->update_delivery(d));
  ASSERT_EQ(rows().at(0).created_at, kTestStart) << "an update without a new created_at keeps it";

  clock.set(kTestStart + hours{72});
  const Instant requeued_at = clock.now();
  d.state = DeliveryState::kQueued;
  d.attempts = 0;
  d.next_attempt_at = requeued_at;
  d.created_at = requeued_at;  // what `outbox retry` does
  ASSERT_TRUE(store->update_delivery(d));
  ASSERT_EQ(rows().at(0).created_at, requeued_at);

  OutboxOptions opt;
  opt.retry.max_age = hours{1};
  opt.seed = 9;
  Outbox outbox(*store, clock, chans, config, *transport, opt);  // port 9: nobody listens
  int passes = 0;
  while (auto next = *store->next_delivery_time()) {
    clock.set(std::max(clock.now(), *next));
    ASSERT_TRUE(outbox.process_due(clock.now()));
    ASSERT_LT(++passes, 200);
  }
  Delivery dead = rows().at(0);
  EXPECT_EQ(dead.state, DeliveryState::kDead);
  // Retried for (about) the whole hour after the re-queue, not min_attempts
  // quick attempts measured against the 3-day-old created_at.
  EXPECT_GE(clock.now() - requeued_at, hours{1} - minutes{10});
  EXPECT_GT(dead.attempts, opt.retry.min_attempts);
}

}  // namespace
}  // namespace cadence
