// Delivery throughput and fire-to-delivery latency against a local webhook
// receiver (tests/support/servers/chat_receiver.py), through the real SQLite
// outbox and the real libcurl transport, pacing off.
//
//   build/bench/delivery_bench [--count N] [--workers T]
//
// Fires N reminders in one burst (each: fire_occurrence with one delivery),
// then empties the outbox: with --workers 0 (default) by Outbox::process_due
// on this thread; with --workers T the way cadenced does it, dispatch_due()
// to T sender threads and collect() on this thread. Prints throughput,
// latency percentiles (fire -> 2xx received) and resident memory (before,
// when sending starts, peak while sending, after). The sending figures are the
// outbox's: the bench keeps only two maps of key -> time (~100 B a message).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cadence/channel.hpp"
#include "cadence/delivery.hpp"
#include "cadence/store.hpp"

namespace {

using Wall = std::chrono::steady_clock;

long rss_kib() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

struct Receiver {
  pid_t pid = -1;
  int port = 0;
  explicit Receiver(const std::string& script) {
    int fds[2];
    if (pipe(fds) != 0) return;
    pid = fork();
    if (pid == 0) {
      dup2(fds[1], STDOUT_FILENO);
      close(fds[0]);
      execl("/usr/bin/python3", "/usr/bin/python3", script.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(fds[1]);
    char buf[32] = {};
    ssize_t n = read(fds[0], buf, sizeof buf - 1);
    port = n > 0 ? std::atoi(buf) : 0;
  }
  ~Receiver() {
    if (pid > 0) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
  }
};

// When each idempotency key was delivered (shared by sender threads).
struct Timings {
  std::mutex mutex;
  std::map<std::string, Wall::time_point> done;
  int failures = 0;
};

class TimingTransport final : public cadence::Transport {
 public:
  TimingTransport(std::unique_ptr<cadence::Transport> inner, Timings& timings)
      : inner_(std::move(inner)), timings_(timings) {}
  cadence::SendResult send(const cadence::ChannelSpec& ch, const cadence::Message& m,
                           cadence::Instant now) override {
    auto r = inner_->send(ch, m, now);
    const auto at = Wall::now();
    std::lock_guard lock(timings_.mutex);
    if (r.outcome == cadence::Outcome::kDelivered)
      timings_.done[m.idempotency_key] = at;
    else
      ++timings_.failures;
    return r;
  }

 private:
  std::unique_ptr<cadence::Transport> inner_;
  Timings& timings_;
};

}  // namespace

int main(int argc, char** argv) {
  using namespace cadence;
  int count = 1000;
  int workers = 0;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--count") count = std::atoi(argv[i + 1]);
    if (std::string(argv[i]) == "--workers") workers = std::atoi(argv[i + 1]);
  }
  const std::filesystem::path source = std::filesystem::path(__FILE__).parent_path().parent_path();
  Receiver receiver((source / "tests/support/servers/chat_receiver.py").string());
  if (receiver.port == 0) {
    std::cerr << "receiver did not start\n";
    return 1;
  }
  auto dir = std::filesystem::temp_directory_path() / ("cadence-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto store = open_sqlite_store(StoreOptions{(dir / "bench.db").string()});
  if (!store) {
    std::cerr << store.error().message() << "\n";
    return 1;
  }
  Store& db = **store;

  ChannelConfig cc;
  cc.id = "hook";
  cc.url = "http://127.0.0.1:" + std::to_string(receiver.port) + "/webhook/bench";
  cc.params = {{"secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}};
  auto spec = parse_channel(cc);
  if (!spec) {
    std::cerr << spec.error().message() << "\n";
    return 1;
  }
  Config config;
  config.locale = Locale::kZhCN;
  OwnerConfig owner;
  owner.id = "zhang";
  owner.channels = {"hook"};
  config.owners.push_back(owner);

  SystemClock clock;
  const long rss_before = rss_kib();
  // Fire the burst: each occurrence recorded and its delivery queued in one transaction.
  std::map<std::string, Wall::time_point> fired;
  const Instant now = clock.now();
  std::vector<Occurrence> occurrences;
  for (int i = 0; i < count; ++i) {
    Occurrence o;
    o.key = "bench|contact:c" + std::to_string(i) + "|2027-01-15";
    o.rule = "bench";
    o.kind = ReminderKind::kCadence;
    o.subject = "contact:c" + std::to_string(i);
    o.owner = "zhang";
    o.due = to_date(std::chrono::floor<std::chrono::days>(now));
    o.fire_at = now;
    o.title = "Call contact " + std::to_string(i);
    o.details_json = R"({"contact_name":"联系人)" + std::to_string(i) +
                     R"(","account_name":"Acme","last_touch_days_ago":23,"target_days":14})";
    occurrences.push_back(o);
  }
  if (auto n = db.upsert_occurrences(occurrences); !n) {
    std::cerr << n.error().message() << "\n";
    return 1;
  }
  const auto t_fire = Wall::now();
  for (const auto& o : occurrences) {
    auto stored = db.get_occurrence_by_key(o.key);
    if (!stored) return 1;
    Occurrence f = *stored;
    f.state = OccurrenceState::kFired;
    f.fired_at = now;
    auto rows = plan_deliveries(f, owner, now);
    if (auto st = db.fire_occurrence(f, rows); !st) {
      std::cerr << st.error().message() << "\n";
      return 1;
    }
    fired[rows[0].idempotency_key] = Wall::now();
  }
  // The burst is in the store; the bench's own copies are not the outbox's memory.
  occurrences.clear();
  occurrences.shrink_to_fit();
  const long rss_send_start = rss_kib();
  const auto t_start = Wall::now();
  Timings timings;
  TimingTransport timing(make_transport(), timings);
  OutboxOptions options;
  options.pacing = false;
  Outbox outbox(db, clock, {*spec}, config, timing, options);
  long rss_peak = rss_kib();
  std::mutex wake_mutex;
  std::condition_variable wake;
  bool woken = false;
  if (workers > 0) {
    OutboxWorkers w;
    w.threads = workers;
    w.make_transport = [&timings] {
      return std::make_unique<TimingTransport>(make_transport(), timings);
    };
    w.notify = [&] {
      {
        std::lock_guard lock(wake_mutex);
        woken = true;
      }
      wake.notify_all();
    };
    outbox.start_workers(w);
  }
  for (int pass = 0; pass < 100'000; ++pass) {
    if (workers > 0) {
      auto c = outbox.collect(clock.now());
      auto d = c ? outbox.dispatch_due(clock.now()) : c;
      if (!d) {
        std::cerr << d.error().message() << "\n";
        return 1;
      }
      rss_peak = std::max(rss_peak, rss_kib());
      if (outbox.in_flight() == 0) {
        auto next = db.next_delivery_time();
        if (!next || !next->has_value()) break;
      }
      // Like the daemon's loop: sleep until the sender threads post a wake.
      std::unique_lock lock(wake_mutex);
      wake.wait_for(lock, std::chrono::milliseconds(200), [&] { return woken; });
      woken = false;
      continue;
    }
    auto r = outbox.process_due(clock.now());
    if (!r) {
      std::cerr << r.error().message() << "\n";
      return 1;
    }
    rss_peak = std::max(rss_peak, rss_kib());
    auto next = db.next_delivery_time();
    if (!next || !next->has_value()) break;
    std::this_thread::sleep_until(Wall::now() + std::chrono::milliseconds(200));
  }
  const auto t_end = Wall::now();
  const long rss_after = rss_kib();
  std::lock_guard timings_lock(timings.mutex);

  std::vector<double> latency_ms;
  for (const auto& [key, at] : timings.done) {
    auto it = fired.find(key);
    if (it != fired.end()) {
      latency_ms.push_back(std::chrono::duration<double, std::milli>(at - it->second).count());
    }
  }
  std::sort(latency_ms.begin(), latency_ms.end());
  auto pct = [&](double p) {
    if (latency_ms.empty()) return 0.0;
    return latency_ms[std::min(latency_ms.size() - 1,
                               static_cast<std::size_t>(p * latency_ms.size()))];
  };
  const double fire_s = std::chrono::duration<double>(t_start - t_fire).count();
  const double send_s = std::chrono::duration<double>(t_end - t_start).count();
  const double total_s = std::chrono::duration<double>(t_end - t_fire).count();
  std::printf("mode:             %s\n",
              workers > 0
                  ? ("dispatch/collect, " + std::to_string(workers) + " sender threads").c_str()
                  : "process_due on one thread");
  std::printf("reminders:        %d fired, %zu delivered, %d failed attempts\n", count,
              timings.done.size(), timings.failures);
  std::printf("fire (store):     %.3f s\n", fire_s);
  std::printf("send (outbox):    %.3f s  -> %.0f deliveries/s\n", send_s,
              static_cast<double>(timings.done.size()) / send_s);
  std::printf(
      "fire->delivered:  all within %.3f s; latency p50 %.0f ms, p99 %.0f ms, max %.0f ms\n",
      total_s, pct(0.50), pct(0.99), latency_ms.empty() ? 0.0 : latency_ms.back());
  std::printf(
      "resident memory:  %ld KiB before, %ld KiB when sending starts (burst in the store), "
      "%ld KiB peak while sending, %ld KiB after\n",
      rss_before, rss_send_start, rss_peak, rss_after);
  std::filesystem::remove_all(dir);
  return timings.done.size() == static_cast<std::size_t>(count) ? 0 : 1;
}
