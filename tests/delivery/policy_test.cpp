// Retry delays, pacing and the outbox worker with a scripted transport.
#include <gtest/gtest.h>

#include <deque>

#include "cadence/delivery.hpp"
#include "fake_store.hpp"
#include "test_time.hpp"

namespace cadence {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

using cadence::testing::kTestStart;  // 2027-01-15T08:00:00Z

TEST(RetryDelay, FullJitterWithinTheExponentialCeiling) {
  RetryPolicy p;
  std::mt19937_64 rng(42);
  for (int attempt = 0; attempt < 12; ++attempt) {
    milliseconds ceiling = std::min<milliseconds>(p.cap, p.base * (1LL << attempt));
    milliseconds max_seen{0};
    for (int i = 0; i < 200; ++i) {
      auto d = retry_delay(p, attempt, std::nullopt, rng);
      ASSERT_GE(d.count(), 0);
      ASSERT_LE(d, ceiling) << attempt;
      max_seen = std::max(max_seen, d);
    }
    EXPECT_GT(max_seen, ceiling / 2) << "jitter should spread over [0, ceiling]";
  }
}

TEST(RetryDelay, ServerHintIsAFloor) {
  RetryPolicy p;
  std::mt19937_64 rng(1);
  for (int i = 0; i < 50; ++i) {
    EXPECT_GE(retry_delay(p, 1, milliseconds{30'000}, rng), milliseconds{30'000});
  }
  // A hint longer than the cap is honoured, not shortened.
  EXPECT_EQ(retry_delay(p, 1, milliseconds{3'600'000}, rng), milliseconds{3'600'000});
}

TEST(Pacer, DingTalkNeverMoreThanTwentyInAnyMinute) {
  Pacer pacer;
  auto limits = default_pace(ChannelKind::kDingTalk);
  std::deque<Instant> sent;
  Instant now = kTestStart;
  int total = 0;
  for (int step = 0; step < 600; ++step, now += seconds{1}) {
    while (!pacer.try_acquire("robot", limits, now)) {
      sent.push_back(now);
      ++total;
    }
    while (!sent.empty() && sent.front() <= now - seconds{60}) sent.pop_front();
    ASSERT_LE(sent.size(), 20u) << "at step " << step;
  }
  EXPECT_GT(total, 90);  // but it does keep sending (≈ 10 per minute sustained + burst)
}

TEST(Pacer, ReportsWhenTheNextTokenIsDue) {
  Pacer pacer;
  std::vector<PaceLimit> one_per_second{{1, seconds{1}}};
  EXPECT_FALSE(pacer.try_acquire("s", one_per_second, kTestStart));
  auto ready = pacer.try_acquire("s", one_per_second, kTestStart);
  ASSERT_TRUE(ready);
  EXPECT_EQ(*ready, kTestStart + seconds{1});
  EXPECT_FALSE(pacer.try_acquire("s", one_per_second, kTestStart + seconds{1}));
  EXPECT_FALSE(pacer.try_acquire("other", one_per_second, kTestStart));  // per destination
}

TEST(Idempotency, StableAndDistinct) {
  EXPECT_EQ(idempotency_key_for("r|contact:li|2026-08-20", "mail"),
            idempotency_key_for("r|contact:li|2026-08-20", "mail"));
  EXPECT_NE(idempotency_key_for("r|contact:li|2026-08-20", "mail"),
            idempotency_key_for("r|contact:li|2026-08-20", "wecom"));
  EXPECT_EQ(idempotency_key_for("a", "b").size(), 35u);
}

// A transport that answers from a script and records what it was asked.
class ScriptedTransport final : public Transport {
 public:
  std::deque<SendResult> script;
  std::vector<std::pair<std::string, std::string>> calls;  // (channel, idempotency key)

  SendResult send(const ChannelSpec& ch, const Message& m, Instant) override {
    calls.emplace_back(ch.id, m.idempotency_key);
    if (script.empty()) return {Outcome::kDelivered, std::nullopt, 200, "ok"};
    SendResult r = script.front();
    script.pop_front();
    return r;
  }
};

struct OutboxFixture : ::testing::Test {
  testing::FakeStore store;
  ManualClock clock{kTestStart};
  Config config;
  ScriptedTransport transport;

  OutboxFixture() {
    OwnerConfig owner;
    owner.id = "zhang";
    owner.channels = {"hook"};
    config.owners.push_back(owner);
  }

  std::vector<ChannelSpec> channels() {
    ChannelSpec hook;
    hook.id = "hook";
    hook.kind = ChannelKind::kWebhook;
    hook.url = "http://127.0.0.1:9/x";
    return {hook};
  }

  RowId fire(const std::string& key) {
    Occurrence o;
    o.key = key;
    o.owner = "zhang";
    o.title = "Call " + key;
    o.fire_at = clock.now();
    RowId id = store.add(o);
    o.row_id = id;
    o.state = OccurrenceState::kFired;
    EXPECT_TRUE(store.fire_occurrence(o, plan_deliveries(o, config.owners[0], clock.now())));
    return id;
  }
};

TEST_F(OutboxFixture, RetriesThenDeliversWithTheSameKey) {
  OutboxOptions opt;
  opt.seed = 7;
  Outbox outbox(store, clock, channels(), config, transport, opt);
  fire("a");
  transport.script = {{Outcome::kRetryable, std::nullopt, 500, "HTTP 500"},
                      {Outcome::kRetryable, milliseconds{120'000}, 429, "HTTP 429"}};
  auto r1 = outbox.process_due(clock.now());
  ASSERT_TRUE(r1);
  EXPECT_EQ(r1->retried, 1);
  const Delivery& d = store.deliveries().begin()->second;
  EXPECT_EQ(d.attempts, 1);
  EXPECT_EQ(d.last_error, "HTTP 500");
  EXPECT_GT(d.next_attempt_at, clock.now());
  EXPECT_LE(d.next_attempt_at, clock.now() + seconds{5});  // base 2 s * 2^1, ceil
  clock.set(d.next_attempt_at);
  ASSERT_TRUE(outbox.process_due(clock.now()));
  const Delivery& d2 = store.deliveries().begin()->second;
  EXPECT_EQ(d2.attempts, 2);
  EXPECT_GE(d2.next_attempt_at, clock.now() + seconds{120});  // Retry-After honoured
  // Nothing is sent during the hint.
  auto early = outbox.process_due(clock.now() + seconds{60});
  ASSERT_TRUE(early);
  EXPECT_EQ(early->sent + early->retried, 0);
  clock.set(d2.next_attempt_at);
  auto r3 = outbox.process_due(clock.now());
  ASSERT_TRUE(r3);
  EXPECT_EQ(r3->sent, 1);
  EXPECT_EQ(store.deliveries().begin()->second.state, DeliveryState::kSent);
  ASSERT_EQ(transport.calls.size(), 3u);
  EXPECT_EQ(transport.calls[0].second, transport.calls[2].second);
  EXPECT_EQ(transport.calls[0].second, idempotency_key_for("a", "hook"));
}

TEST_F(OutboxFixture, PermanentErrorGoesDeadWithoutRetry) {
  Outbox outbox(store, clock, channels(), config, transport);
  fire("b");
  transport.script = {{Outcome::kPermanent, std::nullopt, 200, "errcode 310000: sign not match"}};
  auto r = outbox.process_due(clock.now());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->dead, 1);
  const Delivery& d = store.deliveries().begin()->second;
  EXPECT_EQ(d.state, DeliveryState::kDead);
  EXPECT_EQ(d.last_error, "errcode 310000: sign not match");
  EXPECT_FALSE(*store.next_delivery_time());
}

TEST_F(OutboxFixture, GivesUpAfterMaxAge) {
  OutboxOptions opt;
  opt.retry.max_age = std::chrono::hours{1};
  opt.seed = 3;
  Outbox outbox(store, clock, channels(), config, transport, opt);
  fire("c");
  for (int i = 0; i < 100; ++i)
    transport.script.push_back({Outcome::kRetryable, std::nullopt, 503, "HTTP 503"});
  int passes = 0;
  while (auto next = *store.next_delivery_time()) {
    clock.set(*next);
    ASSERT_TRUE(outbox.process_due(clock.now()));
    ASSERT_LT(++passes, 100);
  }
  const Delivery& d = store.deliveries().begin()->second;
  EXPECT_EQ(d.state, DeliveryState::kDead);
  EXPECT_NE(d.last_error.find("gave up after"), std::string::npos) << d.last_error;
  EXPECT_NE(d.last_error.find("over 1h"), std::string::npos) << d.last_error;
  // Dead at the age exactly: the backoff step that would pass it is cut to
  // it, and the attempt made there is the last.
  EXPECT_EQ(clock.now() - kTestStart, std::chrono::hours{1});
  EXPECT_GT(d.attempts, 3);
}

TEST_F(OutboxFixture, UnknownChannelIsDeadNotLost) {
  Outbox outbox(store, clock, {}, config, transport);
  fire("d");
  auto r = outbox.process_due(clock.now());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->dead, 1);
  EXPECT_NE(store.deliveries().begin()->second.last_error.find("not configured"),
            std::string::npos);
}

TEST_F(OutboxFixture, PacingDefersInsteadOfSending) {
  auto chans = channels();
  chans[0].pace = {PaceLimit{1, seconds{3}}};
  Outbox outbox(store, clock, chans, config, transport);
  for (int i = 0; i < 3; ++i) fire("p" + std::to_string(i));
  auto r = outbox.process_due(clock.now());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->sent, 1);
  EXPECT_EQ(r->deferred, 2);
  int total_sent = 1;
  while (auto next = *store.next_delivery_time()) {
    EXPECT_GE(*next - clock.now(), seconds{3});
    clock.set(*next);
    auto rr = outbox.process_due(clock.now());
    ASSERT_TRUE(rr);
    total_sent += rr->sent;
  }
  EXPECT_EQ(total_sent, 3);
  EXPECT_EQ(transport.calls.size(), 3u);
}

}  // namespace
}  // namespace cadence
