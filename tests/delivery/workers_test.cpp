// Asynchronous sending (Outbox::start_workers / dispatch_due / collect) with
// the real transport against the loopback chat receiver: dispatching never
// blocks on a slow service, a slow channel does not hold up the others, and a
// dispatched row is leased in the store (a crash re-sends it, never loses it).
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>

#include "cadence/channel.hpp"
#include "cadence/delivery.hpp"
#include "fake_store.hpp"
#include "test_support.hpp"
#include "test_time.hpp"

namespace cadence {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::steady_clock;

using cadence::testing::kTestStart;  // 2027-01-15T08:00:00Z

ChannelSpec channel(const std::string& id, const std::string& type, const std::string& url,
                    std::map<std::string, std::string> params = {}) {
  ChannelConfig c;
  c.id = id;
  c.type = type;
  c.url = url;
  c.params = std::move(params);
  auto s = parse_channel(c);
  EXPECT_TRUE(s) << (s ? "" : s.error().message());
  return s ? *s : ChannelSpec{};
}

// The owner thread's side of notify: a flag and a condition variable, as the
// daemon's asio::post would be.
struct Wakeups {
  std::mutex mutex;
  std::condition_variable cv;
  int pending = 0;
  int total = 0;
  void notify() {
    {
      std::lock_guard lock(mutex);
      ++pending;
      ++total;
    }
    cv.notify_all();
  }
  bool wait(milliseconds timeout) {
    std::unique_lock lock(mutex);
    bool woke = cv.wait_for(lock, timeout, [&] { return pending > 0; });
    pending = 0;
    return woke;
  }
};

struct Workers : ::testing::Test {
  testing::FakeStore store;
  ManualClock clock{kTestStart};
  Config config;
  std::unique_ptr<Transport> transport = make_transport();
  testing::ChatReceiver receiver;
  Wakeups wakeups;

  void fire(int n, const std::vector<std::string>& channels) {
    OwnerConfig owner;
    owner.id = "zhang";
    owner.channels = channels;
    config.owners = {owner};
    for (int i = 0; i < n; ++i) {
      Occurrence o;
      o.key = "k|contact:c" + std::to_string(i) + "|2027-01-15";
      o.owner = "zhang";
      o.title = "Call c" + std::to_string(i);
      o.fire_at = clock.now();
      o.row_id = store.add(o);
      o.state = OccurrenceState::kFired;
      ASSERT_TRUE(store.fire_occurrence(o, plan_deliveries(o, owner, clock.now())));
    }
  }

  int sent_on(const std::string& channel) {
    int n = 0;
    for (const auto& [id, d] : store.deliveries()) {
      if (d.channel == channel && d.state == DeliveryState::kSent) ++n;
    }
    return n;
  }
};

TEST_F(Workers, ASlowChannelHoldsUpNeitherTheCallerNorOtherChannels) {
  // Discord answers each request after 2 s; the webhook at once.
  json slow = json::array();
  for (int i = 0; i < 2; ++i) {
    slow.push_back(
        {{"service", "discord"}, {"status", 200}, {"body", R"({"id": "1"})"}, {"delay", 2.0}});
  }
  receiver.queue(slow);
  std::vector<ChannelSpec> chans = {
      channel("slow", "", "discord://1/t", {{"api_url", receiver.base("discord")}}),
      channel("fast", "webhook", receiver.base("webhook") + "/in")};
  fire(2, {"slow", "fast"});
  Outbox outbox(store, clock, chans, config, *transport);
  OutboxWorkers w;
  w.threads = 2;
  w.notify = [this] { wakeups.notify(); };
  outbox.start_workers(w);

  const auto t0 = steady_clock::now();
  auto dispatched = outbox.dispatch_due(clock.now());
  const auto dispatch_time = steady_clock::now() - t0;
  ASSERT_TRUE(dispatched) << dispatched.error().message();
  EXPECT_LT(dispatch_time, milliseconds{500}) << "dispatch must not wait for a send";
  EXPECT_EQ(outbox.in_flight(), 4u);
  // Leased: still queued, due again only after the lease.
  for (const auto& [id, d] : store.deliveries()) {
    EXPECT_EQ(d.state, DeliveryState::kQueued);
    EXPECT_EQ(d.next_attempt_at, kTestStart + seconds{5});
    EXPECT_EQ(d.attempts, 0);
  }
  // A second dispatch during the sends sends nothing twice.
  ASSERT_TRUE(outbox.dispatch_due(clock.now()));

  // The fast deliveries are recorded while the slow channel is still on its
  // first message (one send in flight per channel).
  std::optional<steady_clock::duration> fast_done;
  int slow_when_fast_done = -1;
  const auto deadline = steady_clock::now() + seconds{15};
  while (outbox.in_flight() > 0 && steady_clock::now() < deadline) {
    wakeups.wait(milliseconds{200});
    auto got = outbox.collect(clock.now());
    ASSERT_TRUE(got) << got.error().message();
    if (!fast_done && sent_on("fast") == 2) {
      fast_done = steady_clock::now() - t0;
      slow_when_fast_done = sent_on("slow");
    }
  }
  ASSERT_TRUE(fast_done);
  EXPECT_LT(*fast_done, seconds{2});
  EXPECT_EQ(slow_when_fast_done, 0);
  EXPECT_EQ(sent_on("slow"), 2);
  EXPECT_EQ(outbox.in_flight(), 0u);
  EXPECT_GE(steady_clock::now() - t0, seconds{4}) << "slow sends run one at a time per channel";
  EXPECT_GE(wakeups.total, 1);
  // Each message exactly once.
  std::size_t discord = 0, hooks = 0;
  for (const auto& r : receiver.requests()) {
    if (r["service"] == "discord") ++discord;
    if (r["service"] == "webhook") ++hooks;
  }
  EXPECT_EQ(discord, 2u);
  EXPECT_EQ(hooks, 2u);
}

TEST_F(Workers, FailuresAreRecordedLikeTheSynchronousPath) {
  receiver.queue(json::array(
      {{{"service", "webhook"}, {"status", 503}}, {{"service", "webhook"}, {"status", 400}}}));
  std::vector<ChannelSpec> chans = {channel("hook", "webhook", receiver.base("webhook") + "/in")};
  fire(3, {"hook"});
  Outbox outbox(store, clock, chans, config, *transport);
  OutboxWorkers w;
  w.notify = [this] { wakeups.notify(); };
  outbox.start_workers(w);
  ASSERT_TRUE(outbox.dispatch_due(clock.now()));
  OutboxReport total;
  const auto deadline = steady_clock::now() + seconds{10};
  while (outbox.in_flight() > 0 && steady_clock::now() < deadline) {
    wakeups.wait(milliseconds{200});
    auto got = outbox.collect(clock.now());
    ASSERT_TRUE(got);
    total.sent += got->sent;
    total.retried += got->retried;
    total.dead += got->dead;
  }
  EXPECT_EQ(total.sent, 1);
  EXPECT_EQ(total.retried, 1);
  EXPECT_EQ(total.dead, 1);
  int queued = 0;
  for (const auto& [id, d] : store.deliveries()) {
    if (d.state != DeliveryState::kQueued) continue;
    ++queued;
    EXPECT_EQ(d.attempts, 1);
    EXPECT_EQ(d.last_error.rfind("HTTP 503", 0), 0u) << d.last_error;
    EXPECT_GT(d.next_attempt_at, kTestStart);
  }
  EXPECT_EQ(queued, 1);
}

}  // namespace
}  // namespace cadence
