// The HTTP job on a real loopback server (port 0) over a real SQLite file,
// with the loop on its own thread and a blocking client in the test.
#include "http/http_job.hpp"

#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <boost/asio/post.hpp>
#include <mutex>
#include <thread>

#include "cadence/action_token.hpp"
#include "http_client.hpp"
#include "prometheus_text.hpp"
#include "temp_dir.hpp"
#include "test_time.hpp"

namespace cadence::http {
namespace {

using cadence::testing::TempDir;
namespace client = cadence::testing::http_client;
namespace bhttp = boost::beast::http;

using cadence::testing::kTestStart;  // 2027-01-15T08:00:00Z

std::string job_config(const std::string& db, const std::string& locale) {
  return "timezone: Asia/Shanghai\nlocale: " + locale +
         "\nowners:\n  - id: zhang\n    channels: [console]\n"
         "channels:\n  - id: console\n    type: console\n"
         "kinds:\n  visit: deep\n  call: normal\n"
         "rules:\n  - id: follow-up\n    match: {}\n    cadence: {every: 14d, kinds: [call, "
         "visit]}\n"
         "database: " +
         db + "\nhttp:\n  listen: 127.0.0.1:8787\n  public_url: https://cadence.example\n";
}

class HttpJobTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("cadence.db");
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
    o.fire_at = kTestStart - Duration{3600};
    o.fired_at = o.fire_at;
    o.state = OccurrenceState::kFired;
    o.title = "Call 李伟 <b>(Acme)</b>";
    ASSERT_EQ(*store_->upsert_occurrences({o}), 1);
    reminder_ = store_->get_occurrence_by_key(o.key)->row_id;
  }

  void TearDown() override { stop(); }

  void start(const std::string& locale = "en") {
    auto parsed =
        parse_config(job_config(db_, locale), "test.yaml", SubstitutionSource::from_process());
    ASSERT_TRUE(parsed.ok()) << (parsed.diagnostics.empty() ? ""
                                                            : parsed.diagnostics[0].to_string());
    parsed.config->http.listen = "127.0.0.1:0";
    config_ = std::make_shared<Config>(std::move(*parsed.config));
    HttpJobOptions options;
    options.limits = limits_;
    options.scheduler_running = [this] { return scheduler_running_.load(); };
    options.scheduler_health = [this] {
      std::lock_guard<std::mutex> lock(health_mutex_);
      return scheduler_health_;
    };
    job_ = std::make_unique<HttpJob>(clock_, options);
    ASSERT_TRUE(job_->validate(*config_).empty());
    auto started = job_->start(io_, config_);
    ASSERT_TRUE(started) << started.error().message();
    ASSERT_NE(job_->port(), 0);
    loop_ = std::thread([this] { io_.run(); });
  }

  void stop() {
    if (!loop_.joinable()) return;
    boost::asio::post(io_, [this] { job_->stop(); });
    loop_.join();  // returns only if stop() ended every pending operation
  }

  std::string token(const std::string& action, Duration valid = Duration{86400}) {
    auto key = load_or_create_action_key("", dir_.file("http.key"));
    EXPECT_TRUE(key);
    auto claim = make_action_claim(reminder_, action, clock_.now() + valid);
    EXPECT_TRUE(claim);
    return *sign_action_token(*key, *claim);
  }

  Occurrence reminder() { return *store_->get_occurrence(reminder_); }

  TempDir dir_;
  std::string db_;
  ManualClock clock_{kTestStart};
  std::unique_ptr<Store> store_;
  RowId reminder_ = 0;
  std::shared_ptr<const Config> config_;
  ServerLimits limits_{8 * 1024, 64 * 1024, std::chrono::milliseconds(300),
                       std::chrono::milliseconds(300), 4};
  std::atomic<bool> scheduler_running_{true};
  std::mutex health_mutex_;
  std::string scheduler_health_;  // guarded by health_mutex_
  boost::asio::io_context io_;
  std::unique_ptr<HttpJob> job_;
  std::thread loop_;
};

TEST_F(HttpJobTest, HealthzAndReadyz) {
  start();
  auto health = client::get(job_->port(), "/healthz");
  EXPECT_EQ(health.result(), bhttp::status::ok);
  EXPECT_EQ(health.body(), "ok\n");
  auto ready = client::get(job_->port(), "/readyz");
  EXPECT_EQ(ready.result(), bhttp::status::ok);
  EXPECT_EQ(ready[bhttp::field::content_type], "application/json");
  scheduler_running_ = false;
  auto not_ready = client::get(job_->port(), "/readyz");
  EXPECT_EQ(not_ready.result(), bhttp::status::service_unavailable);
  EXPECT_NE(not_ready.body().find("\"reason\":\"scheduler not running\""), std::string::npos);
  // The scheduler runs but its database refuses writes: not ready, saying why.
  scheduler_running_ = true;
  {
    std::lock_guard<std::mutex> lock(health_mutex_);
    scheduler_health_ = "database read-only since 2027-01-15T08:00:00Z";
  }
  auto faulty = client::get(job_->port(), "/readyz");
  EXPECT_EQ(faulty.result(), bhttp::status::service_unavailable);
  EXPECT_NE(faulty.body().find("\"reason\":\"database read-only since 2027-01-15T08:00:00Z\""),
            std::string::npos)
      << faulty.body();
  {
    std::lock_guard<std::mutex> lock(health_mutex_);
    scheduler_health_.clear();
  }
  EXPECT_EQ(client::get(job_->port(), "/readyz").result(), bhttp::status::ok);
  EXPECT_EQ(client::fetch(job_->port(), bhttp::verb::post, "/healthz").result(),
            bhttp::status::method_not_allowed);
}

TEST_F(HttpJobTest, MetricsParseAsPrometheusText) {
  start();
  clock_.advance(Duration{120});
  auto res = client::get(job_->port(), "/metrics");
  ASSERT_EQ(res.result(), bhttp::status::ok);
  EXPECT_EQ(res[bhttp::field::content_type], "text/plain; version=0.0.4; charset=utf-8");
  const auto text = cadence::testing::parse_prometheus_text(res.body());
  EXPECT_EQ(text.types.at("cadence_reminders_fired_total"), "counter");
  EXPECT_EQ(text.types.at("cadence_outbox_depth"), "gauge");
  for (const auto& [family, type] : text.types) EXPECT_TRUE(text.help.count(family)) << family;
  EXPECT_EQ(text.value("cadence_reminders_fired_total{kind=\"cadence\"}"), 1.0);
  EXPECT_EQ(text.value("cadence_reminders{kind=\"cadence\",state=\"fired\"}"), 1.0);
  EXPECT_EQ(text.value("cadence_outbox_depth"), 0.0);
  EXPECT_EQ(text.value("process_start_time_seconds"),
            static_cast<double>(kTestStart.time_since_epoch().count()));
  EXPECT_EQ(text.value("cadence_config_last_reload_success_timestamp_seconds"),
            static_cast<double>(kTestStart.time_since_epoch().count()));
  // No scheduled reminder: no next wake-up sample.
  EXPECT_FALSE(text.value("cadence_next_wakeup_timestamp_seconds"));

  // A reload (reconfigure runs on the loop) moves the reload time.
  auto reloaded = std::make_shared<Config>(*config_);
  boost::asio::post(io_, [this, reloaded] { job_->reconfigure(reloaded); });
  const auto after =
      cadence::testing::parse_prometheus_text(client::get(job_->port(), "/metrics").body());
  EXPECT_EQ(after.value("cadence_config_last_reload_success_timestamp_seconds"),
            static_cast<double>((kTestStart + Duration{120}).time_since_epoch().count()));
}

TEST_F(HttpJobTest, MetricsParserRejectsBrokenText) {
  using cadence::testing::parse_prometheus_text;
  EXPECT_THROW(parse_prometheus_text("x 1\n"), std::runtime_error);  // no TYPE
  EXPECT_THROW(parse_prometheus_text("# TYPE x gauge\nx{a=\"b} 1\n"), std::runtime_error);
  EXPECT_THROW(parse_prometheus_text("# TYPE x gauge\nx one\n"), std::runtime_error);
  EXPECT_NO_THROW(parse_prometheus_text("# TYPE x gauge\nx{a=\"q\\\"\\n\"} 1\n"));
}

TEST_F(HttpJobTest, GetConfirmsThenPostActsOnce) {
  start();
  const std::string path = "/a/" + token("done");
  auto confirm = client::get(job_->port(), path);
  ASSERT_EQ(confirm.result(), bhttp::status::ok) << confirm.body();
  EXPECT_EQ(confirm[bhttp::field::content_type], "text/html; charset=utf-8");
  EXPECT_NE(confirm.body().find("method=\"post\""), std::string::npos);
  EXPECT_NE(confirm.body().find("Mark done"), std::string::npos);
  EXPECT_NE(confirm.body().find("&lt;b&gt;(Acme)&lt;/b&gt;"), std::string::npos);  // escaped
  EXPECT_EQ(confirm.body().find("<b>"), std::string::npos);
  EXPECT_EQ(confirm.body().find("http://"), std::string::npos);  // nothing external
  EXPECT_EQ(confirm.body().find("https://"), std::string::npos);
  // Prefetching the link (twice, as scanners do) changed nothing.
  EXPECT_EQ(client::get(job_->port(), path).result(), bhttp::status::ok);
  EXPECT_EQ(reminder().state, OccurrenceState::kFired);

  auto acted = client::post(job_->port(), path);
  ASSERT_EQ(acted.result(), bhttp::status::ok) << acted.body();
  EXPECT_NE(acted.body().find("Done"), std::string::npos);
  EXPECT_EQ(reminder().state, OccurrenceState::kDone);

  // Replayed: refused, by POST and by GET.
  auto replay = client::post(job_->port(), path);
  EXPECT_EQ(replay.result(), bhttp::status::conflict);
  EXPECT_NE(replay.body().find("already used"), std::string::npos);
  EXPECT_EQ(client::get(job_->port(), path).result(), bhttp::status::conflict);
}

// Another process holds the write lock: the POST waits the job's 500 ms,
// gets 503 "try again" with Retry-After (not a refusal of the link), changes
// nothing and leaves the link usable; once the lock is gone it acts.
TEST_F(HttpJobTest, ALinkPostedWhileTheDatabaseIsLockedIs503AndWorksAfterwards) {
  start();
  const std::string path = "/a/" + token("done");
  {
    SQLite::Database holder(db_, SQLite::OPEN_READWRITE);
    holder.exec("BEGIN EXCLUSIVE");
    auto refused = client::post(job_->port(), path);
    EXPECT_EQ(refused.result(), bhttp::status::service_unavailable) << refused.body();
    EXPECT_EQ(refused[bhttp::field::retry_after], "5");
    EXPECT_NE(refused.body().find("Not available right now"), std::string::npos) << refused.body();
    holder.exec("ROLLBACK");
  }
  EXPECT_EQ(reminder().state, OccurrenceState::kFired);
  auto acted = client::post(job_->port(), path);
  ASSERT_EQ(acted.result(), bhttp::status::ok) << acted.body();
  EXPECT_EQ(reminder().state, OccurrenceState::kDone);
}

TEST_F(HttpJobTest, ReplayIsRefusedAfterARestart) {
  start();
  const std::string path = "/a/" + token("snooze1d");
  ASSERT_EQ(client::post(job_->port(), path).result(), bhttp::status::ok);
  const Occurrence snoozed = reminder();
  EXPECT_EQ(snoozed.state, OccurrenceState::kSnoozed);
  ASSERT_TRUE(snoozed.snoozed_until);
  EXPECT_GE(*snoozed.snoozed_until, kTestStart + Duration{86400});
  stop();
  job_.reset();
  io_.restart();
  start();
  EXPECT_EQ(client::post(job_->port(), path).result(), bhttp::status::conflict);
  EXPECT_EQ(reminder().snoozed_until, snoozed.snoozed_until);  // unchanged
}

TEST_F(HttpJobTest, ChinesePagesForAChineseOwner) {
  start("zh-CN");
  auto confirm = client::get(job_->port(), "/a/" + token("snooze1w"));
  ASSERT_EQ(confirm.result(), bhttp::status::ok);
  EXPECT_NE(confirm.body().find("lang=\"zh-CN\""), std::string::npos);
  EXPECT_NE(confirm.body().find("推迟 1 周"), std::string::npos);
}

TEST_F(HttpJobTest, TouchLinkLogsAnInteraction) {
  start();
  const std::string path = "/a/" + token("touch:visit");
  ASSERT_EQ(client::post(job_->port(), path).result(), bhttp::status::ok);
  auto touches = store_->list_interactions(std::string("li-wei"), std::nullopt, 10);
  ASSERT_TRUE(touches);
  ASSERT_EQ(touches->size(), 1u);
  EXPECT_EQ((*touches)[0].kind, "visit");
  EXPECT_EQ((*touches)[0].source, "link");
  EXPECT_EQ((*touches)[0].at, kTestStart);
}

TEST_F(HttpJobTest, BadTokensChangeNothing) {
  start();
  const std::string good = token("done");
  std::string tampered = good;
  tampered[3] = tampered[3] == 'A' ? 'B' : 'A';
  EXPECT_EQ(client::post(job_->port(), "/a/" + tampered).result(), bhttp::status::forbidden);
  const std::string expiring = token("done", Duration{60});
  clock_.advance(Duration{61});
  auto expired = client::post(job_->port(), "/a/" + expiring);
  EXPECT_EQ(expired.result(), bhttp::status::gone);
  EXPECT_NE(expired.body().find("expired"), std::string::npos);
  // Signed with another key.
  auto claim = make_action_claim(reminder_, "done", clock_.now() + Duration{600});
  const std::string foreign = *sign_action_token(std::string(32, 'z'), *claim);
  EXPECT_EQ(client::post(job_->port(), "/a/" + foreign).result(), bhttp::status::forbidden);
  // A reminder that does not exist.
  auto ghost = make_action_claim(reminder_ + 100, "done", clock_.now() + Duration{600});
  auto key = load_or_create_action_key("", dir_.file("http.key"));
  EXPECT_EQ(client::post(job_->port(), "/a/" + *sign_action_token(*key, *ghost)).result(),
            bhttp::status::not_found);
  EXPECT_EQ(reminder().state, OccurrenceState::kFired);
  // The key is never in an answer.
  const auto page = client::get(job_->port(), "/a/" + tampered);
  EXPECT_EQ(page.body().find(*key), std::string::npos);
}

TEST_F(HttpJobTest, UnknownPathsAndTraversal) {
  start();
  EXPECT_EQ(client::get(job_->port(), "/nope").result(), bhttp::status::not_found);
  for (const std::string target : {"/a/../../etc/passwd", "/a/%2e%2e/%2e%2e/etc/passwd", "/a/",
                                   "/a/x/y", "/../healthz", "/a/%00"}) {
    const auto res = client::get(job_->port(), target);
    EXPECT_GE(res.result_int(), 400) << target;
    EXPECT_LT(res.result_int(), 500) << target;
    EXPECT_EQ(res.body().find("root:"), std::string::npos);
  }
  EXPECT_EQ(reminder().state, OccurrenceState::kFired);
}

TEST_F(HttpJobTest, OversizedBodyIs413AndHeaderIs431) {
  start();
  const auto big = client::post(job_->port(), "/a/" + token("done"), std::string(65 * 1024, 'x'));
  EXPECT_EQ(big.result(), bhttp::status::payload_too_large);
  EXPECT_EQ(reminder().state, OccurrenceState::kFired);
  const auto raw = cadence::testing::http_client::send_raw(
      job_->port(),
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(9000, 'y') + "\r\n\r\n");
  EXPECT_NE(raw.received.find("431"), std::string::npos) << raw.received.substr(0, 80);
  EXPECT_TRUE(raw.closed);
}

TEST_F(HttpJobTest, SlowClientIsDisconnectedAtTheDeadline) {
  start();
  const auto t0 = std::chrono::steady_clock::now();
  // Half a request head, then nothing: the 300 ms request deadline closes it.
  const auto raw = client::send_raw(job_->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n");
  const auto waited = std::chrono::steady_clock::now() - t0;
  EXPECT_TRUE(raw.closed);
  EXPECT_EQ(raw.received, "");
  EXPECT_GE(waited, std::chrono::milliseconds(250));
  EXPECT_LT(waited, std::chrono::seconds(4));
  // The server still serves.
  EXPECT_EQ(client::get(job_->port(), "/healthz").result(), bhttp::status::ok);
}

TEST_F(HttpJobTest, ConnectionsBeyondTheLimitGet503) {
  limits_.request_timeout = std::chrono::seconds(5);  // the four held stay open
  start();
  boost::asio::io_context io;
  std::vector<client::tcp::socket> held;
  for (int i = 0; i < 4; ++i) held.push_back(client::connect(io, job_->port()));
  // The fifth is answered 503 whether or not the four were accepted yet:
  // wait until they are (polling, short timeout).
  client::RawResult extra;
  for (int attempt = 0; attempt < 50; ++attempt) {
    extra = client::send_raw(job_->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    if (extra.received.find("503") != std::string::npos) break;
  }
  EXPECT_NE(extra.received.find("HTTP/1.1 503"), std::string::npos) << extra.received;
  held.clear();
}

TEST_F(HttpJobTest, StopClosesOpenConnections) {
  limits_.idle_timeout = std::chrono::seconds(30);  // only stop() may close it
  start();
  boost::asio::io_context io;
  auto kept = client::connect(io, job_->port());
  // One answered request: the server has accepted this connection and keeps it.
  boost::asio::write(kept,
                     boost::asio::buffer(std::string("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")));
  std::string answer;
  std::array<char, 512> buf{};
  while (answer.find("ok\n") == std::string::npos) {
    boost::system::error_code ec;
    const std::size_t n = kept.read_some(boost::asio::buffer(buf), ec);
    ASSERT_FALSE(ec) << ec.message();
    answer.append(buf.data(), n);
  }
  stop();  // joins the loop: run() returned although a client was connected
  boost::system::error_code ec;
  kept.read_some(boost::asio::buffer(buf), ec);
  EXPECT_EQ(ec, boost::asio::error::eof);
}

TEST(ParseListen, AcceptsIpAndPortOnly) {
  EXPECT_EQ(parse_listen("127.0.0.1:8787")->second, 8787);
  EXPECT_EQ(parse_listen("[::1]:80")->first, "::1");
  EXPECT_EQ(parse_listen("localhost:80")->first, "127.0.0.1");
  EXPECT_FALSE(parse_listen("example.com:80"));
  EXPECT_FALSE(parse_listen("127.0.0.1"));
  EXPECT_FALSE(parse_listen("127.0.0.1:99999"));
  EXPECT_FALSE(parse_listen(":80"));
}

}  // namespace
}  // namespace cadence::http
