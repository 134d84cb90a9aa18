// Outages against the running daemon: the real cadenced, a real SQLite file
// and real loopback servers. Overdue contacts fire at start-up; their
// deliveries meet a receiver that is down, a host name that never resolves
// (RFC 2606 `.invalid`), TLS that cannot be trusted (a self-signed
// certificate; a port that speaks plain HTTP to an https URL) and an SMTP
// server that refuses on connect (421, and 554). Each time: the rows stay queued with an
// error and are retried (attempts grow), none goes dead (the default
// max_age is 24 h), nothing is sent in clear, the daemon keeps delivering on
// the channels that work and stops cleanly; once the service is back on the
// same port, every row is delivered exactly once.
//
// The retry backoff is the built-in one (full jitter, 2 s · 2^attempt), not
// configurable: the tests wait for two attempts per row, then for delivery,
// polling the database.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "fake_wall_clock.hpp"
#include "overdue_contacts.hpp"
#include "process.hpp"
#include "temp_dir.hpp"
#include "test_support.hpp"

namespace cadence {
namespace {

using cadence::testing::free_loopback_port;

using cadence::testing::add_overdue_contacts;
using cadence::testing::binary_path;
using cadence::testing::ChildProcess;
using cadence::testing::FakeWallClock;
using cadence::testing::kPython;
using cadence::testing::NotifySocket;
using cadence::testing::OutboxRow;
using cadence::testing::read_file;
using cadence::testing::read_outbox;
using cadence::testing::server_script;
using cadence::testing::ServerProcess;
using cadence::testing::SpawnOptions;
using cadence::testing::TempDir;
using cadence::testing::wait_until;
using nlohmann::json;
using namespace std::chrono_literals;

constexpr int kOutageContacts = 10;

// A port free right now (bound to 0, read, released).
// A loopback TCP server on `port` that greets every connection with `line`
// and closes it: an SMTP server refusing service ("421 …").
class GreetAndClose {
 public:
  GreetAndClose(int port, std::string line) : line_(std::move(line)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    const int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(fd_, 16) != 0) {
      ::close(fd_);
      fd_ = -1;
      return;
    }
    thread_ = std::thread([this] { serve(); });
  }
  ~GreetAndClose() { stop(); }
  GreetAndClose(const GreetAndClose&) = delete;
  GreetAndClose& operator=(const GreetAndClose&) = delete;

  bool listening() const { return fd_ >= 0; }
  int connections() const { return connections_.load(); }
  // Closes the listening socket (the port is free again).
  void stop() {
    if (fd_ < 0) return;
    stopping_ = true;
    ::shutdown(fd_, SHUT_RDWR);  // wakes accept()
    if (thread_.joinable()) thread_.join();
    ::close(fd_);
    fd_ = -1;
  }

 private:
  void serve() {
    while (!stopping_) {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      ++connections_;
      const ssize_t n = ::write(c, line_.data(), line_.size());
      static_cast<void>(n);
      ::close(c);
    }
  }

  std::string line_;
  int fd_ = -1;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
};

// The chat receiver on a given port (and, with a certificate, over HTTPS).
std::unique_ptr<ServerProcess> receiver_on(int port, const std::string& cert = "",
                                           const std::string& key = "") {
  std::vector<std::string> argv{kPython, server_script("chat_receiver.py"), "--port",
                                std::to_string(port)};
  if (!cert.empty()) {
    argv.insert(argv.end(), {"--cert", cert, "--key", key});
  }
  return std::make_unique<ServerProcess>(argv);
}

// GET a receiver's control path (plain HTTP or HTTPS trusting `ca_file`).
json receiver_get(int port, const std::string& path) {
  delivery::HttpClient client(5000ms, 10000ms);
  delivery::HttpRequest r;
  r.method = "GET";
  r.url = "http://127.0.0.1:" + std::to_string(port) + path;
  return json::parse(client.perform("control", r).body, nullptr, false);
}

// webhook-ids of every request the plain-HTTP receiver on `port` got on `path`.
std::map<std::string, int> webhook_ids(int port, const std::string& path) {
  std::map<std::string, int> ids;
  const json all = receiver_get(port, "/_requests");
  if (!all.is_array()) return ids;
  for (const auto& r : all) {
    if (r.value("path", "") != path) continue;
    ++ids[r["headers"].value("webhook-id", "")];
  }
  return ids;
}

// The receiver on `port` got each of `rows`' webhook-ids on `path` exactly
// once, `expected` in all, and no id that is not a row's.
void expect_each_row_received_once(const std::vector<OutboxRow>& rows, int port,
                                   const std::string& path, int expected) {
  std::set<std::string> keys;
  for (const auto& r : rows) keys.insert(r.key);
  const auto got = webhook_ids(port, path);
  EXPECT_EQ(got.size(), static_cast<std::size_t>(expected));
  for (const auto& [id, n] : got) {
    EXPECT_EQ(keys.count(id), 1u) << "unknown webhook-id " << id;
    EXPECT_EQ(n, 1) << id << " received " << n << " times";
  }
}

std::string rule_and_owner(const std::vector<std::string>& channels) {
  std::string list;
  for (const auto& c : channels) list += (list.empty() ? "" : ", ") + c;
  return "owners:\n"
         "  - id: zhang\n"
         "    channels: [" +
         list +
         "]\n"
         "rules:\n"
         "  - id: keep-in-touch\n"
         "    match: {tier: A}\n"
         "    cadence: {every: 14d, kinds: [call, visit]}\n";
}

// A daemon on a fresh database with kOutageContacts overdue contacts.
class Daemon {
 public:
  // `extra_yaml` is added to the config (a `delivery:` section); with a
  // `clock`, the daemon runs on it.
  Daemon(TempDir& dir, const std::string& channels_yaml, const std::vector<std::string>& route,
         const std::string& extra_yaml = "", const FakeWallClock* clock = nullptr)
      : dir_(dir), db_(dir.file("cadence.db")), notify_(dir.file("notify.sock")), clock_(clock) {
    config_ = dir.write("cadence.yaml", "timezone: UTC\nlocale: en\ndatabase: " + db_ + "\n" +
                                            channels_yaml + rule_and_owner(route) + extra_yaml);
    seeded_ = add_overdue_contacts(db_, 0, kOutageContacts).ok();
  }

  bool start() {
    if (!seeded_) return false;
    SpawnOptions options;
    options.args = {"--config", config_};
    if (clock_ != nullptr) options.env = clock_->child_env();
    options.env["NOTIFY_SOCKET"] = notify_.path();
    options.stdout_path = dir_.file("daemon.out");
    options.stderr_path = dir_.file("daemon.err");
    child_ = std::make_unique<ChildProcess>(binary_path("src/cadenced"), options);
    return notify_.wait_for_line("READY=1", 60s).has_value();
  }
  // SIGTERM; true if it exited 0.
  bool stop() {
    if (!child_) return false;
    child_->send_signal(SIGTERM);
    auto status = child_->wait_for_exit(20s);
    return status && status->is_exit(0);
  }
  bool running() { return child_ && child_->running(); }
  std::string log() const { return read_file(dir_.file("daemon.err")); }
  std::vector<OutboxRow> rows(const std::string& channel) const {
    std::vector<OutboxRow> out;
    for (auto& r : read_outbox(db_)) {
      if (r.channel == channel) out.push_back(std::move(r));
    }
    return out;
  }
  // Polls until the channel has kOutageContacts rows and each satisfies `ok`.
  bool wait_rows(const std::string& channel, const std::function<bool(const OutboxRow&)>& ok,
                 std::chrono::milliseconds timeout) const {
    return wait_until(
        [&] {
          auto rs = rows(channel);
          if (rs.size() != static_cast<std::size_t>(kOutageContacts)) return false;
          for (const auto& r : rs) {
            if (!ok(r)) return false;
          }
          return true;
        },
        timeout);
  }

 private:
  TempDir& dir_;
  std::string db_;
  std::string config_;
  NotifySocket notify_;
  const FakeWallClock* clock_ = nullptr;
  bool seeded_ = false;
  std::unique_ptr<ChildProcess> child_;
};

bool failing_queued(const OutboxRow& r, int attempts) {
  return r.state == "queued" && r.attempts >= attempts && !r.last_error.empty();
}

std::string describe(const std::vector<OutboxRow>& rows) {
  std::string out;
  for (const auto& r : rows) {
    out += r.channel + " " + r.state + " attempts=" + std::to_string(r.attempts) + " " +
           r.last_error + "\n";
  }
  return out;
}

std::string webhook_channel(const std::string& id, const std::string& url) {
  return "  - id: " + id + "\n    type: webhook\n    url: \"" + url + "\"\n";
}

TEST(OutageProcess, ReceiverDownThenBackOnTheSamePortDeliversEveryReminderOnce) {
  TempDir dir;
  const int port = free_loopback_port();
  ASSERT_GT(port, 0);
  Daemon daemon(dir,
                "channels:\n" + webhook_channel("hook", "http://127.0.0.1:" + std::to_string(port) +
                                                            "/webhook/in"),
                {"hook"});
  ASSERT_TRUE(daemon.start()) << daemon.log();

  // Down: every reminder queued with a connection error, retried, none dead.
  ASSERT_TRUE(daemon.wait_rows(
      "hook", [](const OutboxRow& r) { return failing_queued(r, 2); }, 60s))
      << describe(daemon.rows("hook")) << daemon.log();
  for (const auto& r : daemon.rows("hook")) {
    EXPECT_NE(r.state, "dead") << r.last_error;
    EXPECT_NE(r.last_error.find("onnect"), std::string::npos) << r.last_error;
  }
  EXPECT_TRUE(daemon.running());

  // Back on the same port.
  auto receiver = receiver_on(port);
  ASSERT_EQ(receiver->port(), port);
  ASSERT_TRUE(daemon.wait_rows(
      "hook", [](const OutboxRow& r) { return r.state == "sent"; }, 90s))
      << describe(daemon.rows("hook")) << daemon.log();
  const auto rows = daemon.rows("hook");
  for (const auto& r : rows) EXPECT_GE(r.attempts, 3) << "delivered before the outage ended?";
  expect_each_row_received_once(rows, port, "/webhook/in", kOutageContacts);
  EXPECT_TRUE(daemon.stop()) << daemon.log();
}

TEST(OutageProcess, AHostNameThatNeverResolvesIsRetriedWhileOtherChannelsDeliver) {
  TempDir dir;
  testing::ChatReceiver receiver;
  Daemon daemon(dir,
                "channels:\n" +
                    webhook_channel("nowhere", "https://cadence-outage-test.invalid/hook") +
                    webhook_channel("hook", receiver.base("webhook") + "/in"),
                {"nowhere", "hook"});
  ASSERT_TRUE(daemon.start()) << daemon.log();
  ASSERT_TRUE(daemon.wait_rows(
      "hook", [](const OutboxRow& r) { return r.state == "sent"; }, 60s))
      << describe(daemon.rows("hook")) << daemon.log();
  ASSERT_TRUE(daemon.wait_rows(
      "nowhere", [](const OutboxRow& r) { return failing_queued(r, 2); }, 60s))
      << describe(daemon.rows("nowhere")) << daemon.log();
  for (const auto& r : daemon.rows("nowhere")) {
    EXPECT_NE(r.state, "dead");
    EXPECT_NE(r.last_error.find("resolve"), std::string::npos) << r.last_error;
  }
  EXPECT_NE(daemon.log().find("to retry"), std::string::npos) << daemon.log();
  EXPECT_TRUE(daemon.running());
  EXPECT_EQ(receiver.count(), static_cast<std::size_t>(kOutageContacts));
  EXPECT_TRUE(daemon.stop()) << daemon.log();
}

TEST(OutageProcess, UntrustedTlsIsRetriedAndNothingIsSentInClear) {
  TempDir dir;
  // A self-signed certificate for 127.0.0.1, made for this test.
  const std::string cert = dir.file("cert.pem");
  const std::string key = dir.file("key.pem");
  auto made = testing::run_process(
      "/usr/bin/openssl",
      {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
       "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"},
      {}, 60s);
  ASSERT_TRUE(made.status.is_exit(0)) << made.err;
  const int tls_port = free_loopback_port();
  auto self_signed = receiver_on(tls_port, cert, key);
  // The plain-HTTP receiver gets the good channel and an https URL to its own
  // port: a TLS client hello answered in plain text.
  const int plain_port = free_loopback_port();
  auto plain = receiver_on(plain_port);
  const std::string plain_base = "127.0.0.1:" + std::to_string(plain_port);
  Daemon daemon(dir,
                "channels:\n" +
                    webhook_channel("selfsigned", "https://127.0.0.1:" + std::to_string(tls_port) +
                                                      "/webhook/tls") +
                    webhook_channel("cleartext", "https://" + plain_base + "/webhook/clear") +
                    webhook_channel("hook", "http://" + plain_base + "/webhook/in"),
                {"selfsigned", "cleartext", "hook"});
  ASSERT_TRUE(daemon.start()) << daemon.log();
  ASSERT_TRUE(daemon.wait_rows(
      "hook", [](const OutboxRow& r) { return r.state == "sent"; }, 60s))
      << describe(daemon.rows("hook")) << daemon.log();
  for (const std::string channel : {"selfsigned", "cleartext"}) {
    ASSERT_TRUE(daemon.wait_rows(
        channel, [](const OutboxRow& r) { return failing_queued(r, 2); }, 60s))
        << channel << "\n"
        << describe(daemon.rows(channel)) << daemon.log();
    for (const auto& r : daemon.rows(channel)) EXPECT_NE(r.state, "dead") << r.last_error;
  }
  // The self-signed receiver never got a request through; the plain one got
  // only the good channel's (a TLS hello is not an HTTP request it logs).
  auto asked = testing::run_process(
      "/usr/bin/curl",
      {"-s", "--cacert", cert, "https://127.0.0.1:" + std::to_string(tls_port) + "/_count"});
  const json tls_requests = json::parse(asked.out, nullptr, false);
  ASSERT_TRUE(tls_requests.is_object()) << "the test's own TLS client could not connect";
  EXPECT_EQ(tls_requests.value("count", -1), 0);
  EXPECT_TRUE(webhook_ids(plain_port, "/webhook/clear").empty());
  EXPECT_EQ(webhook_ids(plain_port, "/webhook/in").size(),
            static_cast<std::size_t>(kOutageContacts));
  EXPECT_TRUE(daemon.running());
  EXPECT_TRUE(daemon.stop()) << daemon.log();
}

// The SMTP port greets every connection with `greeting` (and closes it) until
// the real server takes the port over.
void smtp_refusing_then_accepting(const std::string& greeting, const std::string& code) {
  TempDir dir;
  const std::string maildir = dir.file("mail");
  const int port = free_loopback_port();
  auto refusing = std::make_unique<GreetAndClose>(port, greeting);
  ASSERT_TRUE(refusing->listening());
  Daemon daemon(dir,
                "channels:\n"
                "  - id: mail\n"
                "    type: email\n"
                "    url: \"mailto://127.0.0.1:" +
                    std::to_string(port) +
                    "?mode=insecure&from=cadence@example.com&to=me@example.com\"\n",
                {"mail"});
  ASSERT_TRUE(daemon.start()) << daemon.log();
  ASSERT_TRUE(daemon.wait_rows(
      "mail", [](const OutboxRow& r) { return failing_queued(r, 2); }, 60s))
      << describe(daemon.rows("mail")) << daemon.log();
  for (const auto& r : daemon.rows("mail")) {
    EXPECT_NE(r.state, "dead") << r.last_error;
    EXPECT_NE(r.last_error.find(code), std::string::npos) << r.last_error;
  }
  EXPECT_GE(refusing->connections(), 2 * kOutageContacts);
  refusing.reset();  // the port is free again

  ServerProcess server({kPython, server_script("smtp_server.py"), "--maildir", maildir, "--port",
                        std::to_string(port)});
  ASSERT_TRUE(daemon.wait_rows(
      "mail", [](const OutboxRow& r) { return r.state == "sent"; }, 90s))
      << describe(daemon.rows("mail")) << daemon.log();
  std::set<std::string> expected;
  for (const auto& r : daemon.rows("mail")) expected.insert("<" + r.key + "@example.com>");
  auto out = testing::run_command({kPython, server_script("read_maildir.py"), maildir});
  const json mails = json::parse(out.out, nullptr, false);
  ASSERT_TRUE(mails.is_array()) << out.out;
  std::multiset<std::string> got;
  for (const auto& m : mails) got.insert(m.value("message_id", ""));
  EXPECT_EQ(got.size(), static_cast<std::size_t>(kOutageContacts)) << "each message exactly once";
  EXPECT_EQ(std::set<std::string>(got.begin(), got.end()), expected);
  EXPECT_TRUE(daemon.stop()) << daemon.log();
}

TEST(OutageProcess, SmtpRefusingThenAcceptingDeliversEveryMessageOnce) {
  smtp_refusing_then_accepting("421 4.3.2 mail.example.com Service not available, try later\r\n",
                               "421");
}

// 554 on connect ("no SMTP service here") refuses the session, not the
// message: queued and retried like 421, never dead before max_age.
TEST(OutageProcess, SmtpRefusingWith554OnConnectThenAcceptingDeliversEveryMessageOnce) {
  smtp_refusing_then_accepting("554 5.7.1 mail.example.com no SMTP service here\r\n", "554");
}

// --- simulated time: the daemon on a FakeWallClock, moved a minute at a time

// Retries at most a minute apart, so every row is due again after each
// simulated minute; given up after 30 minutes.
constexpr const char* kMinuteRetries =
    "delivery:\n"
    "  max_age: 30m\n"
    "  retry_base: 1s\n"
    "  retry_max: 1m\n";
// The same age with retries up to 10 minutes apart: a backoff step from
// minute 20 on may land past the age.
constexpr const char* kLongRetries =
    "delivery:\n"
    "  max_age: 30m\n"
    "  retry_base: 1s\n"
    "  retry_max: 10m\n";

// A daemon on a FakeWallClock started at t0 = now, with one webhook channel
// to a loopback port where nothing listens yet; after start() each of the
// kOutageContacts reminders has failed once.
class OutageInSimulatedTime : public ::testing::Test {
 protected:
  // `retries` is the config's delivery: section.
  void start(const std::string& retries) {
    ASSERT_EQ(FakeWallClock::unavailable(), "");
    clock_.set_quietly(t0_);
    ASSERT_GT(port_, 0);
    daemon_ = std::make_unique<Daemon>(
        dir_,
        "channels:\n" +
            webhook_channel("hook", "http://127.0.0.1:" + std::to_string(port_) + "/webhook/in"),
        std::vector<std::string>{"hook"}, retries, &clock_);
    ASSERT_TRUE(daemon_->start()) << daemon_->log();
    ASSERT_TRUE(daemon_->wait_rows(
        "hook", [](const OutboxRow& r) { return failing_queued(r, 1); }, 30s))
        << describe(daemon_->rows("hook")) << daemon_->log();
  }

  // Moves the clock to t0 + `minute`, announced; fails the test if the
  // kernel refused.
  void move_to(int minute) {
    ASSERT_TRUE(clock_.set(t0_ + std::chrono::minutes{minute}))
        << "clock_settime: " << std::strerror(errno)
        << " (needs CAP_SYS_TIME, i.e. root: the kernel's clock-set announcement wakes the "
           "daemon)";
  }

  // Minute by minute from `first` to `last`: each minute, once the daemon
  // has tried every row that was due (none is due any more; with
  // `every_minute`, once each row has one more attempt), every row is still
  // queued: none given up before max_age.
  void fail_each_minute(int first, int last, bool every_minute) {
    for (int minute = first; minute <= last; ++minute) {
      move_to(minute);
      const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                   (t0_ + std::chrono::minutes{minute}).time_since_epoch())
                                   .count();
      const int attempts = every_minute ? minute + 1 : 1;
      ASSERT_TRUE(daemon_->wait_rows(
          "hook",
          [&](const OutboxRow& r) {
            return failing_queued(r, attempts) && r.next_attempt_at > now;
          },
          20s))
          << "minute " << minute << " (every row tried when due, queued, not dead)\n"
          << describe(daemon_->rows("hook")) << daemon_->log();
    }
  }

  TempDir dir_;
  FakeWallClock clock_{dir_.file("faketime.rc")};
  const Instant t0_ = SystemClock().now();
  const int port_ = free_loopback_port();
  std::unique_ptr<Daemon> daemon_;
};

// The webhook's receiver is down for 10 simulated minutes: every row stays
// queued and is tried again each minute (none dead: max_age is 30 min), then
// the receiver is back on the same port and each reminder arrives once.
TEST_F(OutageInSimulatedTime, ReceiverDownTenMinutesThenEveryReminderArrivesOnce) {
  start(kMinuteRetries);
  fail_each_minute(1, 10, true);
  for (const auto& r : daemon_->rows("hook")) {
    EXPECT_NE(r.last_error.find("onnect"), std::string::npos) << r.last_error;
  }

  auto receiver = receiver_on(port_);
  ASSERT_EQ(receiver->port(), port_);
  move_to(11);
  ASSERT_TRUE(daemon_->wait_rows(
      "hook", [](const OutboxRow& r) { return r.state == "sent"; }, 20s))
      << describe(daemon_->rows("hook")) << daemon_->log();
  const auto rows = daemon_->rows("hook");
  for (const auto& r : rows) {
    EXPECT_GE(r.attempts, 12) << "one attempt a simulated minute, then the delivery";
  }
  expect_each_row_received_once(rows, port_, "/webhook/in", kOutageContacts);
  EXPECT_TRUE(daemon_->stop()) << daemon_->log();
}

// A receiver that never comes back, retries up to 10 minutes apart: the
// rows are still queued at 29 minutes, though a backoff step drawn after
// minute 20 may land past the age (the outbox used to give up right then);
// they go dead only once they are 30 minutes old (`delivery: max_age: 30m`).
TEST_F(OutageInSimulatedTime, DeadOnlyAfterTheConfiguredMaxAge) {
  start(kLongRetries);
  fail_each_minute(1, 29, false);
  // The rows fell due a moment after t0 (whole seconds), so their last
  // attempt is at t0 + 30 min + up to a few seconds: run past it.
  move_to(30);
  ASSERT_TRUE(daemon_->wait_rows(
      "hook", [](const OutboxRow& r) { return r.state == "dead"; }, 20s))
      << describe(daemon_->rows("hook")) << daemon_->log();
  for (const auto& r : daemon_->rows("hook")) {
    EXPECT_NE(r.last_error.find("gave up after"), std::string::npos) << r.last_error;
    EXPECT_NE(r.last_error.find("over 30m"), std::string::npos) << r.last_error;
    EXPECT_GE(r.attempts, 8) << "max_age gives up only after 8 attempts";
  }
  EXPECT_TRUE(daemon_->running());
  EXPECT_TRUE(daemon_->stop()) << daemon_->log();
}

}  // namespace
}  // namespace cadence
