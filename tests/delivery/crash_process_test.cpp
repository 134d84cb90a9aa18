// The real cadenced delivers a burst of reminders to the loopback chat
// receiver (generic webhook, Standard Webhooks `webhook-id` = the delivery's
// idempotency key), is SIGKILLed in the middle of the burst and restarted:
// every reminder arrives at least once; the only duplicates are messages the
// receiver had got but the killed daemon had not yet recorded as sent (in
// flight), and each duplicate carries the same webhook-id and body.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "cadence/clock.hpp"
#include "cadence/store.hpp"
#include "overdue_contacts.hpp"
#include "process.hpp"
#include "temp_dir.hpp"
#include "test_support.hpp"

namespace cadence {
namespace {

using cadence::testing::binary_path;
using cadence::testing::ChildProcess;
using cadence::testing::NotifySocket;
using cadence::testing::overdue_webhook_config;
using cadence::testing::read_file;
using cadence::testing::SpawnOptions;
using cadence::testing::TempDir;
using cadence::testing::wait_until;
using nlohmann::json;
using namespace std::chrono_literals;

constexpr int kReminders = 1000;

// webhook-id -> the SHA-256 of each body received with it.
std::map<std::string, std::vector<std::string>> received(testing::ChatReceiver& receiver) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& r : receiver.compact_requests()) {
    if (r["service"] != "webhook") continue;
    out[r["id"].get<std::string>()].push_back(r["body_sha256"].get<std::string>());
  }
  return out;
}

TEST(DeliveryCrash, KilledMidBurstEveryReminderArrivesDuplicatesOnlyInFlight) {
  TempDir dir;
  const std::string db = dir.file("cadence.db");
  // A slightly slow receiver (5 ms per answer) so the burst takes seconds.
  testing::ChatReceiver receiver(json::object(), 0.005);
  const std::string config = dir.write("cadence.yaml", overdue_webhook_config(db, receiver.port()));
  {
    // Contacts added 30 days ago and never touched: all overdue at start-up.
    ManualClock past(SystemClock().now() - Duration{30 * 86400});
    StoreOptions options;
    options.path = db;
    options.clock = &past;
    auto store = open_sqlite_store(options);
    ASSERT_TRUE(store) << store.error().message();
    ASSERT_TRUE((*store)->transaction([&]() -> Status {
      for (int i = 0; i < kReminders; ++i) {
        Contact c;
        c.id = "c" + std::to_string(i);
        c.name = "Contact " + std::to_string(i);
        c.tier = "A";
        c.owner = "zhang";
        if (auto added = (*store)->add_contact(c); !added) return added.error();
      }
      return ok_status();
    }));
  }
  auto start = [&](const std::string& tag, NotifySocket& notify) {
    SpawnOptions options;
    options.args = {"--config", config};
    options.env["NOTIFY_SOCKET"] = notify.path();
    options.stdout_path = dir.file(tag + ".out");
    options.stderr_path = dir.file(tag + ".err");
    auto child = std::make_unique<ChildProcess>(binary_path("src/cadenced"), options);
    EXPECT_TRUE(notify.wait_for_line("READY=1", 20s)) << read_file(options.stderr_path);
    return child;
  };

  NotifySocket notify(dir.file("notify.sock"));
  auto first = start("first", notify);
  // Mid-burst: some delivered, most not.
  ASSERT_TRUE(wait_until([&] { return receiver.count() >= kReminders / 5; }, 60s))
      << read_file(dir.file("first.err"));
  ASSERT_TRUE(first->send_signal(SIGKILL));
  auto status = first->wait_for_exit(10s);
  ASSERT_TRUE(status);
  EXPECT_FALSE(status->exited);
  EXPECT_EQ(status->signal, SIGKILL);

  // What the killed daemon left: rows recorded as sent, and the messages the
  // receiver got whose sending was not yet recorded (in flight at the kill).
  std::set<std::string> all_keys, unsent_keys;
  {
    auto store = open_sqlite_store(StoreOptions{db});
    ASSERT_TRUE(store) << store.error().message();
    auto rows = (*store)->list_deliveries(std::nullopt, 100'000);
    ASSERT_TRUE(rows);
    for (const auto& d : *rows) {
      all_keys.insert(d.idempotency_key);
      if (d.state != DeliveryState::kSent) unsent_keys.insert(d.idempotency_key);
    }
  }
  // A request written just before the kill may be logged by the receiver a
  // moment later: give it a short while to show up.
  const std::size_t logged = receiver.count();
  wait_until([&] { return receiver.count() > logged; }, 300ms);
  auto at_kill = received(receiver);
  std::set<std::string> in_flight;
  for (const auto& [id, bodies] : at_kill) {
    if (unsent_keys.count(id) != 0) in_flight.insert(id);
  }
  ASSERT_LT(at_kill.size(), static_cast<std::size_t>(kReminders)) << "the kill came too late";
  ASSERT_FALSE(unsent_keys.empty());

  auto second = start("second", notify);
  ASSERT_TRUE(wait_until(
      [&] {
        auto store = open_sqlite_store(StoreOptions{db});
        if (!store) return false;
        auto queued = (*store)->list_deliveries(DeliveryState::kQueued, 10);
        auto sent = (*store)->list_deliveries(DeliveryState::kSent, 100'000);
        return queued && sent && queued->empty() &&
               sent->size() == static_cast<std::size_t>(kReminders);
      },
      120s))
      << read_file(dir.file("second.err"));
  second->send_signal(SIGTERM);
  second->wait_for_exit(10s);

  auto store = open_sqlite_store(StoreOptions{db});
  ASSERT_TRUE(store);
  auto rows = (*store)->list_deliveries(std::nullopt, 100'000);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), static_cast<std::size_t>(kReminders)) << "one row per reminder";
  std::set<std::string> keys;
  for (const auto& d : *rows) {
    EXPECT_EQ(d.state, DeliveryState::kSent) << d.last_error;
    keys.insert(d.idempotency_key);
  }
  EXPECT_EQ(keys.size(), static_cast<std::size_t>(kReminders));

  auto got = received(receiver);
  std::size_t duplicates = 0;
  for (const auto& key : keys) {
    auto it = got.find(key);
    ASSERT_NE(it, got.end()) << "reminder with key " << key << " never arrived";
    if (it->second.size() > 1) {
      duplicates += it->second.size() - 1;
      EXPECT_EQ(it->second.size(), 2u) << key;
      EXPECT_EQ(in_flight.count(key), 1u) << key << " was resent but was not in flight";
      for (const auto& body : it->second) EXPECT_EQ(body, it->second.front());
    }
  }
  for (const auto& [id, bodies] : got) {
    EXPECT_EQ(keys.count(id), 1u) << "unknown webhook-id " << id;
  }
  EXPECT_LE(duplicates, in_flight.size());
  std::cout << "[ crash    ] " << at_kill.size() << " received before the kill, "
            << in_flight.size() << " in flight, " << duplicates << " duplicate(s) after restart\n";
}

}  // namespace
}  // namespace cadence
