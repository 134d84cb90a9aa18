// The crash-consistency suite: the real cadenced fires and delivers thousands
// of reminders to the loopback chat receiver (generic webhook; `webhook-id` =
// the delivery's idempotency key) and is SIGKILLed at least 200 times at
// random moments — while starting, just after READY (planning, the first
// fires) and in the middle of the delivery burst — and restarted at once
// each time. New contacts arrive in waves between kills, so the bursts keep
// coming until the last kills.
//
// After every kill (the daemon dead, the database as the kill left it): the
// database opens read-only, no occurrence has fired twice, no occurrence has
// two deliveries; every 10th kill and at the end `PRAGMA integrity_check` is
// "ok". The keys the receiver got but the database does not record as sent
// are that kill's in-flight window. At the end: every reminder delivered at
// least once (lost = 0), one occurrence per contact fired once, one sent
// delivery each; every key received more than once was in flight at a kill
// (at most once more than the number of kills that caught it in flight) and
// carried the same body each time; no unknown webhook-id.
//
// The PRNG seed is printed; CADENCE_KILL_SEED=N replays a run's kill plan
// (the moments still depend on the machine's speed).
#include <gtest/gtest.h>
#include <signal.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

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

constexpr int kKills = 200;
constexpr int kContacts = 3000;
constexpr int kWaves = 6;  // kContacts / kWaves contacts join at a time
constexpr int kIntegrityEvery = 10;

// The receiver's log, fetched incrementally: webhook-id and body hash of
// every request, in arrival order.
class ReceiverLog {
 public:
  explicit ReceiverLog(testing::ChatReceiver& receiver)
      : receiver_(receiver), client_(5000ms, 10000ms) {}

  // Fetches the requests logged since the last call. Pages of 100 entries
  // (about 13 KB): the HTTP client keeps at most 64 KiB of an answer, and a
  // page it cut would not parse. A page that does not parse is a failure,
  // never the end of the log: under ASan most deliveries arrive after the
  // last kill, and a silently short log counted them as lost.
  void fetch() {
    for (;;) {
      delivery::HttpRequest r;
      r.method = "GET";
      r.url = receiver_.base("_compact?from=" + std::to_string(total_) + "&limit=100");
      const auto answer = client_.perform("control", r);
      auto page = json::parse(answer.body, nullptr, false);
      if (!page.is_array()) {
        ADD_FAILURE() << "the receiver's log page from " << total_ << " did not parse: HTTP "
                      << answer.status << " " << answer.transport_error << " " << answer.body.size()
                      << " bytes";
        return;
      }
      if (page.empty()) return;
      for (const auto& e : page) {
        ++total_;
        if (e.value("service", "") != "webhook") {
          ++other_;
          continue;
        }
        bodies_[e.value("id", "")].push_back(e.value("body_sha256", ""));
      }
    }
  }
  std::size_t total() const { return total_; }
  std::size_t other_services() const { return other_; }
  // webhook-id -> the hash of each body received with it.
  const std::map<std::string, std::vector<std::string>>& bodies() const { return bodies_; }

 private:
  testing::ChatReceiver& receiver_;
  delivery::HttpClient client_;
  std::size_t total_ = 0;
  std::size_t other_ = 0;
  std::map<std::string, std::vector<std::string>> bodies_;
};

std::int64_t scalar(SQLite::Database& db, const char* sql) {
  SQLite::Statement q(db, sql);
  return q.executeStep() ? q.getColumn(0).getInt64() : -1;
}

// Where in its life the daemon is killed.
enum class Moment { kStartUp, kJustReady, kMidBurst };
const char* name(Moment m) {
  switch (m) {
    case Moment::kStartUp:
      return "start-up";
    case Moment::kJustReady:
      return "just after READY";
    case Moment::kMidBurst:
      return "mid-burst";
  }
  return "?";
}

TEST(KillSuite, TwoHundredSigkillsLoseNothingAndDuplicateOnlyInFlight) {
  std::uint64_t seed = std::random_device{}();
  if (const char* s = std::getenv("CADENCE_KILL_SEED")) seed = std::strtoull(s, nullptr, 10);
  std::cout << "[ kills ] seed " << seed << " (CADENCE_KILL_SEED=" << seed << " replays)\n";
  std::mt19937_64 rng(seed);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };

  TempDir dir;
  const std::string db = dir.file("cadence.db");
  testing::ChatReceiver receiver;
  ReceiverLog log(receiver);
  const std::string config = dir.write("cadence.yaml", overdue_webhook_config(db, receiver.port()));
  int contacts = 0;
  auto add_wave = [&] {
    const int to = std::min(kContacts, contacts + kContacts / kWaves);
    const Status added = testing::add_overdue_contacts(db, contacts, to);
    ASSERT_TRUE(added.ok()) << added.error().message();
    contacts = to;
  };
  add_wave();
  ASSERT_FALSE(::testing::Test::HasFatalFailure());

  int spawned = 0;
  std::vector<double> ready_ms;
  std::unique_ptr<NotifySocket> notify;
  auto spawn = [&] {
    // A fresh socket per daemon: a READY=1 of a killed one is never mistaken
    // for the next one's.
    notify.reset();
    notify = std::make_unique<NotifySocket>(dir.file("notify" + std::to_string(spawned % 2)));
    ++spawned;
    SpawnOptions options;
    options.args = {"--config", config};
    options.env["NOTIFY_SOCKET"] = notify->path();
    options.stdout_path = dir.file("daemon.out");
    options.stderr_path = dir.file("daemon.err");
    return std::make_unique<ChildProcess>(binary_path("src/cadenced"), options);
  };
  auto wait_ready = [&] {
    const auto t0 = std::chrono::steady_clock::now();
    const bool ready = notify->wait_for_line("READY=1", 60s).has_value();
    ready_ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    return ready;
  };

  std::map<Moment, int> moments;
  std::map<std::string, int> caught_in_flight;  // key -> kills that found it in flight
  std::size_t in_flight_total = 0;
  int integrity_checks = 0;
  const auto suite_start = std::chrono::steady_clock::now();

  for (int kill = 1; kill <= kKills; ++kill) {
    const int pick = uniform(0, 99);
    const Moment moment =
        pick < 25 ? Moment::kStartUp : (pick < 45 ? Moment::kJustReady : Moment::kMidBurst);
    ++moments[moment];
    auto daemon = spawn();
    const auto spawned_at = std::chrono::steady_clock::now();
    if (moment == Moment::kStartUp) {
      // Anywhere from exec through opening, checking and planning.
      const auto delay = std::chrono::milliseconds(uniform(0, 60));
      std::this_thread::sleep_until(spawned_at + delay);
    } else {
      ASSERT_TRUE(wait_ready()) << "kill " << kill << ": the daemon did not start\n"
                                << read_file(dir.file("daemon.err"));
      if (moment == Moment::kJustReady) {
        std::this_thread::sleep_for(std::chrono::milliseconds(uniform(0, 30)));
      } else {
        // Until the receiver has seen a random number of new requests (or a
        // random time passed: the burst may be over or paused by a lease).
        const std::size_t target = log.total() + static_cast<std::size_t>(uniform(1, 300));
        const auto limit = std::chrono::milliseconds(uniform(50, 700));
        wait_until([&] { return receiver.count() >= target; }, limit);
      }
    }
    ASSERT_TRUE(daemon->send_signal(SIGKILL)) << "kill " << kill << ": the daemon had exited\n"
                                              << read_file(dir.file("daemon.err"));
    auto status = daemon->wait_for_exit(10s);
    ASSERT_TRUE(status);
    ASSERT_FALSE(status->exited) << "kill " << kill << ": " << testing::to_string(*status) << "\n"
                                 << read_file(dir.file("daemon.err"));
    ASSERT_EQ(status->signal, SIGKILL);

    // A request written just before the kill is logged by the receiver a
    // moment later: wait until its count stops moving.
    std::size_t last = receiver.count();
    wait_until(
        [&] {
          std::this_thread::sleep_for(20ms);
          const std::size_t now = receiver.count();
          const bool stable = now == last;
          last = now;
          return stable;
        },
        2s);
    log.fetch();

    // The database as the kill left it.
    std::set<std::string> unsent;
    {
      SQLite::Database sql(db, SQLite::OPEN_READONLY);
      SQLite::Statement q(sql, "SELECT idempotency_key FROM deliveries WHERE state != 'sent'");
      while (q.executeStep()) unsent.insert(q.getColumn(0).getString());
      EXPECT_EQ(scalar(sql, "SELECT count(*) FROM occurrences WHERE fire_count > 1"), 0)
          << "kill " << kill << ": an occurrence fired twice";
      EXPECT_EQ(scalar(sql,
                       "SELECT count(*) FROM (SELECT occurrence FROM deliveries "
                       "GROUP BY occurrence, channel HAVING count(*) > 1)"),
                0)
          << "kill " << kill << ": an occurrence has two deliveries on one channel";
      if (kill % kIntegrityEvery == 0) {
        SQLite::Statement check(sql, "PRAGMA integrity_check");
        ASSERT_TRUE(check.executeStep());
        ASSERT_EQ(check.getColumn(0).getString(), "ok") << "kill " << kill;
        ++integrity_checks;
      }
    }
    for (const auto& key : unsent) {
      if (log.bodies().count(key) != 0) {
        ++caught_in_flight[key];
        ++in_flight_total;
      }
    }
    // The next wave once the daemon has caught up, and in any case on a
    // schedule, so that every wave is in before the last quarter of kills.
    const bool caught_up =
        unsent.empty() && log.bodies().size() >= static_cast<std::size_t>(contacts);
    if (contacts < kContacts && (caught_up || kill % (kKills * 3 / 4 / kWaves) == 0)) {
      add_wave();
      ASSERT_FALSE(::testing::Test::HasFatalFailure());
    }
  }
  const double kill_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - suite_start).count();
  ASSERT_EQ(contacts, kContacts);

  // The last start: let it finish.
  auto last = spawn();
  ASSERT_TRUE(wait_ready()) << read_file(dir.file("daemon.err"));
  ASSERT_TRUE(wait_until(
      [&] {
        try {
          SQLite::Database sql(db, SQLite::OPEN_READONLY);
          return scalar(sql, "SELECT count(*) FROM deliveries WHERE state = 'sent'") == kContacts &&
                 scalar(sql, "SELECT count(*) FROM deliveries WHERE state != 'sent'") == 0;
        } catch (const SQLite::Exception&) {
          return false;  // busy for a moment
        }
      },
      180s))
      << read_file(dir.file("daemon.err"));
  last->send_signal(SIGTERM);
  auto status = last->wait_for_exit(10s);
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->is_exit(0)) << testing::to_string(*status);
  const double total_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - suite_start).count();
  log.fetch();

  std::set<std::string> keys;
  {
    SQLite::Database sql(db, SQLite::OPEN_READONLY);
    SQLite::Statement check(sql, "PRAGMA integrity_check");
    ASSERT_TRUE(check.executeStep());
    EXPECT_EQ(check.getColumn(0).getString(), "ok");
    ++integrity_checks;
    // One occurrence per contact, fired exactly once; one sent delivery each.
    EXPECT_EQ(scalar(sql,
                     "SELECT count(DISTINCT subject) FROM occurrences "
                     "WHERE rule = 'keep-in-touch' AND fire_count = 1"),
              kContacts);
    EXPECT_EQ(scalar(sql, "SELECT count(*) FROM occurrences WHERE fire_count > 1"), 0);
    EXPECT_EQ(scalar(sql, "SELECT count(*) FROM occurrences WHERE fire_count = 1"), kContacts);
    EXPECT_EQ(scalar(sql, "SELECT count(*) FROM deliveries"), kContacts);
    EXPECT_EQ(scalar(sql, "SELECT count(DISTINCT occurrence) FROM deliveries"), kContacts);
    SQLite::Statement q(sql, "SELECT idempotency_key FROM deliveries");
    while (q.executeStep()) keys.insert(q.getColumn(0).getString());
  }
  ASSERT_EQ(keys.size(), static_cast<std::size_t>(kContacts));

  std::size_t delivered = 0, duplicates = 0, lost = 0;
  for (const auto& key : keys) {
    auto it = log.bodies().find(key);
    if (it == log.bodies().end()) {
      ++lost;
      ADD_FAILURE() << "reminder with key " << key << " never arrived";
      continue;
    }
    ++delivered;
    const auto extra = it->second.size() - 1;
    if (extra == 0) continue;
    duplicates += extra;
    const auto caught = caught_in_flight.find(key);
    const std::size_t times = caught == caught_in_flight.end() ? 0 : caught->second;
    EXPECT_LE(extra, times) << key << " was received " << it->second.size()
                            << " times but was in flight at " << times << " kill(s)";
    for (const auto& body : it->second) EXPECT_EQ(body, it->second.front()) << key;
  }
  for (const auto& [id, bodies] : log.bodies()) {
    EXPECT_EQ(keys.count(id), 1u) << "unknown webhook-id '" << id << "'";
  }
  EXPECT_EQ(log.other_services(), 0u);
  EXPECT_LE(duplicates, in_flight_total);

  double ready_sum = 0, ready_max = 0;
  for (double ms : ready_ms) {
    ready_sum += ms;
    ready_max = std::max(ready_max, ms);
  }
  std::cout << "[ kills ] " << kKills << " kills, " << kContacts << " reminders, " << delivered
            << " delivered, " << duplicates << " duplicate(s), " << lost << " lost\n"
            << "[ kills ] moments: " << moments[Moment::kStartUp] << " " << name(Moment::kStartUp)
            << ", " << moments[Moment::kJustReady] << " " << name(Moment::kJustReady) << ", "
            << moments[Moment::kMidBurst] << " " << name(Moment::kMidBurst) << "; "
            << in_flight_total << " in flight summed over the kills (" << caught_in_flight.size()
            << " distinct keys); " << integrity_checks << " integrity checks ok\n"
            << "[ kills ] " << ready_ms.size() << " starts to READY: mean "
            << (ready_ms.empty() ? 0 : ready_sum / static_cast<double>(ready_ms.size()))
            << " ms, max " << ready_max << " ms; 200 kill cycles " << kill_seconds
            << " s, whole suite " << total_seconds << " s\n";
  EXPECT_EQ(lost, 0u);
}

}  // namespace
}  // namespace cadence
