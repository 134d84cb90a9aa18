// The real cadenced with an http: section: an action link acts on the same
// database the scheduler job uses, and the scheduler sees the change through
// its inotify watch (a touch logged by link resolves the fired reminder within
// a second, as with cadencectl). Health, readiness and metrics from outside
// the process; SIGTERM ends it promptly with a client still connected.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <string>

#include "cadence/action_token.hpp"
#include "cadence/clock.hpp"
#include "cadence/store.hpp"
#include "http_client.hpp"
#include "process.hpp"
#include "prometheus_text.hpp"
#include "temp_dir.hpp"

namespace cadence::http {
namespace {

using cadence::testing::free_loopback_port;

using cadence::testing::binary_path;
using cadence::testing::ChildProcess;
using cadence::testing::NotifySocket;
using cadence::testing::read_file;
using cadence::testing::SpawnOptions;
using cadence::testing::TempDir;
using cadence::testing::wait_until;
namespace client = cadence::testing::http_client;
namespace bhttp = boost::beast::http;
using namespace std::chrono_literals;

// A port free right now (bound to 0, read, released); the daemon binds it next.
std::string process_config(const std::string& db, std::uint16_t port) {
  return "timezone: UTC\nlocale: en\ndatabase: " + db +
         "\nowners:\n  - id: zhang\n    channels: [console]\n"
         "channels:\n  - id: console\n    type: console\n"
         "kinds:\n  call: normal\n  visit: deep\n"
         "rules:\n  - id: keep-in-touch\n    match: {tier: A}\n"
         "    cadence: {every: 14d, kinds: [call, visit]}\n"
         "http:\n  listen: 127.0.0.1:" +
         std::to_string(port) + "\n  public_url: https://cadence.example\n  token: t\n";
}

TEST(HttpProcess, LinkActsAndTheSchedulerSeesItThroughInotify) {
  TempDir dir;
  const std::string db = dir.file("cadence.db");
  {
    // Added 30 days ago and never touched: overdue at start.
    ManualClock past(SystemClock().now() - Duration{30 * 86400});
    StoreOptions options;
    options.path = db;
    options.clock = &past;
    auto store = open_sqlite_store(options);
    ASSERT_TRUE(store) << store.error().message();
    Contact c;
    c.id = "zhao";
    c.name = "Zhao Lei";
    c.tier = "A";
    c.owner = "zhang";
    ASSERT_TRUE((*store)->add_contact(c));
  }
  const std::uint16_t port = free_loopback_port();
  const std::string config = dir.write("cadence.yaml", process_config(db, port));
  NotifySocket notify(dir.file("notify.sock"));
  SpawnOptions options;
  options.args = {"--config", config};
  options.env["NOTIFY_SOCKET"] = notify.path();
  options.stdout_path = dir.file("out");
  options.stderr_path = dir.file("err");
  ChildProcess daemon(binary_path("src/cadenced"), options);
  ASSERT_TRUE(notify.wait_for_line("READY=1", 10s)) << read_file(dir.file("err"));
  ASSERT_NE(read_file(dir.file("err")).find("http: listening on 127.0.0.1:" + std::to_string(port)),
            std::string::npos)
      << read_file(dir.file("err"));
  EXPECT_EQ(client::get(port, "/healthz").result(), bhttp::status::ok);

  // The overdue reminder fires; the scheduler is running, so the daemon is ready.
  auto store = open_sqlite_store(StoreOptions{db});
  ASSERT_TRUE(store);
  std::optional<Occurrence> fired;
  ASSERT_TRUE(wait_until(
      [&] {
        auto open = (*store)->open_occurrences_for_subject("contact:zhao");
        if (!open || open->empty() || open->front().state != OccurrenceState::kFired) return false;
        fired = open->front();
        return true;
      },
      10s))
      << read_file(dir.file("out")) << read_file(dir.file("err"));
  EXPECT_EQ(client::get(port, "/readyz").result(), bhttp::status::ok);
  const auto metrics =
      cadence::testing::parse_prometheus_text(client::get(port, "/metrics").body());
  EXPECT_EQ(metrics.value("cadence_reminders_fired_total{kind=\"cadence\"}"), 1.0);

  // The daemon generated the key next to the database, private.
  auto key = load_or_create_action_key("", dir.file("http.key"));
  ASSERT_TRUE(key) << key.error().message();
  auto claim = make_action_claim(fired->row_id, "touch:call", SystemClock().now() + Duration{600});
  const std::string path = "/a/" + *sign_action_token(*key, *claim);
  ASSERT_EQ(client::get(port, path).result(), bhttp::status::ok);
  const auto posted_at = std::chrono::steady_clock::now();
  auto acted = client::post(port, path);
  ASSERT_EQ(acted.result(), bhttp::status::ok) << acted.body();
  // Resolution is the scheduler's work (the HTTP job only added the touch):
  // it happens because the scheduler saw another connection's commit.
  ASSERT_TRUE(wait_until(
      [&] {
        auto o = (*store)->get_occurrence(fired->row_id);
        return o && o->state == OccurrenceState::kResolved;
      },
      2s))
      << read_file(dir.file("err"));
  EXPECT_LT(std::chrono::steady_clock::now() - posted_at, 1500ms);
  EXPECT_EQ(client::post(port, path).result(), bhttp::status::conflict);

  // SIGTERM with a client connected: the daemon still ends at once, exit 0.
  boost::asio::io_context io;
  auto idle = client::connect(io, port);
  ASSERT_TRUE(daemon.send_signal(SIGTERM));
  auto status = daemon.wait_for_exit(5s);
  ASSERT_TRUE(status) << read_file(dir.file("err"));
  EXPECT_TRUE(status->is_exit(0)) << to_string(*status) << read_file(dir.file("err"));
}

// The same daemon: its console message carries the action links (public_url
// is set), and a touch POSTed to the REST API (as a CRM webhook would) is
// seen by the scheduler, which resolves the fired reminder.
TEST(HttpProcess, MessageCarriesLinksAndAnApiTouchResolvesTheReminder) {
  TempDir dir;
  const std::string db = dir.file("cadence.db");
  {
    ManualClock past(SystemClock().now() - Duration{30 * 86400});
    StoreOptions options;
    options.path = db;
    options.clock = &past;
    auto store = open_sqlite_store(options);
    ASSERT_TRUE(store) << store.error().message();
    Contact c;
    c.id = "zhao";
    c.name = "Zhao Lei";
    c.tier = "A";
    c.owner = "zhang";
    ASSERT_TRUE((*store)->add_contact(c));
  }
  const std::uint16_t port = free_loopback_port();
  const std::string config = dir.write("cadence.yaml", process_config(db, port));
  NotifySocket notify(dir.file("notify.sock"));
  SpawnOptions options;
  options.args = {"--config", config};
  options.env["NOTIFY_SOCKET"] = notify.path();
  options.stdout_path = dir.file("out");
  options.stderr_path = dir.file("err");
  ChildProcess daemon(binary_path("src/cadenced"), options);
  ASSERT_TRUE(notify.wait_for_line("READY=1", 10s)) << read_file(dir.file("err"));
  auto store = open_sqlite_store(StoreOptions{db});
  ASSERT_TRUE(store);
  std::optional<Occurrence> fired;
  ASSERT_TRUE(wait_until(
      [&] {
        auto open = (*store)->open_occurrences_for_subject("contact:zhao");
        if (!open || open->empty() || open->front().state != OccurrenceState::kFired) return false;
        fired = open->front();
        return true;
      },
      10s))
      << read_file(dir.file("err"));
  // The console channel printed the message with its links.
  ASSERT_TRUE(wait_until(
      [&] { return read_file(dir.file("out")).find("Log a touch (call): ") != std::string::npos; },
      5s))
      << read_file(dir.file("out")) << read_file(dir.file("err"));
  const std::string out = read_file(dir.file("out"));
  for (const char* label :
       {"Mark done: ", "Snooze 1 day: ", "Snooze 3 days: ", "Snooze 1 week: "}) {
    EXPECT_NE(out.find(std::string(label) + "https://cadence.example/a/"), std::string::npos)
        << label << out;
  }

  auto refused =
      client::request(port, bhttp::verb::post, "/api/v1/interactions",
                      {{"Authorization", "Bearer wrong"}}, R"({"contact":"zhao","kind":"call"})");
  EXPECT_EQ(refused.result(), bhttp::status::unauthorized);
  const auto posted_at = std::chrono::steady_clock::now();
  auto posted = client::request(port, bhttp::verb::post, "/api/v1/interactions",
                                {{"Authorization", "Bearer t"}},
                                R"({"contact":"Zhao Lei","kind":"call","note":"from the CRM"})");
  ASSERT_EQ(posted.result(), bhttp::status::created) << posted.body();
  ASSERT_TRUE(wait_until(
      [&] {
        auto o = (*store)->get_occurrence(fired->row_id);
        return o && o->state == OccurrenceState::kResolved;
      },
      2s))
      << read_file(dir.file("err"));
  EXPECT_LT(std::chrono::steady_clock::now() - posted_at, 1500ms);
  ASSERT_TRUE(daemon.send_signal(SIGTERM));
  auto status = daemon.wait_for_exit(5s);
  ASSERT_TRUE(status) << read_file(dir.file("err"));
  EXPECT_TRUE(status->is_exit(0)) << to_string(*status) << read_file(dir.file("err"));
}

}  // namespace
}  // namespace cadence::http
