// The Daemon in-process: a fake job, a recording notifier and real config
// files. The loop is driven by posted steps (and, in one test, by real
// signals), never by sleeping.
#include "daemon/daemon.hpp"

#include <gtest/gtest.h>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <functional>

#include "daemon/config_loading.hpp"
#include "temp_dir.hpp"
#include "test_configs.hpp"

namespace cadence::daemon {
namespace {

using cadence::testing::TempDir;
namespace configs = test_configs;

class RecordingNotifier final : public Notifier {
 public:
  void notify(std::string_view state) override {
    messages.emplace_back(state);
    if (on_notify) on_notify(messages.back());
  }
  std::optional<std::chrono::microseconds> watchdog_timeout() const override { return watchdog; }

  std::vector<std::string> messages;
  std::optional<std::chrono::microseconds> watchdog;
  std::function<void(const std::string&)> on_notify;

  int count_starting_with(const std::string& prefix) const {
    int n = 0;
    for (const auto& m : messages) n += m.rfind(prefix, 0) == 0 ? 1 : 0;
    return n;
  }
};

// A job with one long timer (its "work"): the daemon only stops if stop()
// cancels it. If the test's script never stops the daemon, the timer fires
// after 10 s, records the failure and stops it, so a broken test fails
// instead of hanging.
class FakeJob final : public DaemonJob {
 public:
  std::string_view name() const override { return "fake"; }

  std::vector<ConfigDiagnostic> validate(const Config& config) override {
    ++validations;
    std::vector<ConfigDiagnostic> found;
    for (const RuleConfig& rule : config.rules) {
      if (rule.id == "forbidden") {
        found.push_back({ConfigDiagnostic::Severity::kError, rule.where,
                         "rule 'forbidden' is rejected by the fake job"});
      }
    }
    return found;
  }

  Status start(boost::asio::io_context& io, std::shared_ptr<const Config> config) override {
    started_with = config;
    if (fail_start) return Error::internal("cannot open the fake database");
    timer = std::make_unique<boost::asio::steady_timer>(io, std::chrono::seconds(10));
    timer->async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;  // cancelled by stop(): the normal way
      timed_out = true;
      if (daemon) daemon->request_stop();
    });
    if (on_start) on_start(io);
    return {};
  }

  void reconfigure(std::shared_ptr<const Config> config) override {
    reconfigured.push_back(config);
    if (on_reconfigure) on_reconfigure();
  }

  void stop() override {
    ++stops;
    if (timer) timer->cancel();
  }

  std::string status() const override { return "fake idle"; }

  Daemon* daemon = nullptr;
  bool fail_start = false;
  bool timed_out = false;
  int validations = 0;
  int stops = 0;
  std::shared_ptr<const Config> started_with;
  std::vector<std::shared_ptr<const Config>> reconfigured;
  std::function<void(boost::asio::io_context&)> on_start;
  std::function<void()> on_reconfigure;
  std::unique_ptr<boost::asio::steady_timer> timer;
};

struct Harness {
  TempDir dir;
  std::string path = dir.write("cadence.yaml", configs::kValid);
  RecordingNotifier notifier;
  FakeJob* job = nullptr;
  std::unique_ptr<Daemon> daemon;

  Harness() {
    auto fake = std::make_unique<FakeJob>();
    job = fake.get();
    std::vector<std::unique_ptr<DaemonJob>> jobs;
    jobs.push_back(std::move(fake));
    ValidatedConfig initial = load_validated_config(path, SubstitutionSource::from_process(), jobs);
    for (const auto& d : initial.diagnostics) ADD_FAILURE() << d.to_string();
    EXPECT_TRUE(initial.ok());
    daemon = std::make_unique<Daemon>(path, SubstitutionSource::from_process(), initial.config,
                                      std::move(jobs), notifier);
    job->daemon = daemon.get();
  }

  void write(const char* text) const { dir.write("cadence.yaml", text); }
};

TEST(Daemon, InvalidReloadKeepsTheOldConfigValidReloadReplacesIt) {
  Harness h;
  std::shared_ptr<const Config> initial = h.daemon->config();
  ASSERT_EQ(initial->owners.size(), 1u);

  h.job->on_start = [&](boost::asio::io_context& io) {
    h.write(configs::kBroken);
    h.daemon->request_reload();
    boost::asio::post(io, [&] {
      EXPECT_EQ(h.daemon->config(), initial) << "a rejected config must not be swapped in";
      EXPECT_TRUE(h.job->reconfigured.empty());
      h.write(configs::kChanged);
      h.daemon->request_reload();
      boost::asio::post(io, [&] {
        ASSERT_EQ(h.daemon->config()->owners.size(), 2u);
        EXPECT_EQ(h.daemon->config()->owners[1].id, "li");
        ASSERT_EQ(h.job->reconfigured.size(), 1u);
        EXPECT_EQ(h.job->reconfigured[0], h.daemon->config());
        h.daemon->request_stop();
      });
    });
  };

  EXPECT_EQ(h.daemon->run(), 0);
  EXPECT_FALSE(h.job->timed_out);
  EXPECT_EQ(h.job->started_with, initial);
  EXPECT_EQ(h.job->stops, 1);

  const auto& m = h.notifier.messages;
  ASSERT_EQ(m.size(), 6u);
  EXPECT_EQ(m[0], "READY=1\nSTATUS=Running with 1 owner, 1 channel, 0 rules; fake idle");
  EXPECT_EQ(m[1].rfind("RELOADING=1\nMONOTONIC_USEC=", 0), 0u) << m[1];
  EXPECT_EQ(m[2],
            "READY=1\nSTATUS=Running with 1 owner, 1 channel, 0 rules; fake idle; "
            "reload rejected, previous configuration kept");
  EXPECT_EQ(m[3].rfind("RELOADING=1\nMONOTONIC_USEC=", 0), 0u) << m[3];
  EXPECT_EQ(m[4],
            "READY=1\nSTATUS=Running with 2 owners, 1 channel, 1 rule; fake idle; "
            "reloaded: owners +li; rules +birthdays");
  EXPECT_EQ(m[5], "STOPPING=1\nSTATUS=Stopping");
  EXPECT_EQ(h.notifier.count_starting_with("WATCHDOG=1"), 0) << "no watchdog was asked for";
}

TEST(Daemon, AJobCanRejectAReloadedConfig) {
  Harness h;
  std::shared_ptr<const Config> initial = h.daemon->config();
  h.job->on_start = [&](boost::asio::io_context& io) {
    h.write(R"(owners: []
channels: []
rules:
  - id: forbidden
    match: {}
    birthday: {}
)");
    h.daemon->request_reload();
    boost::asio::post(io, [&] { h.daemon->request_stop(); });
  };
  EXPECT_EQ(h.daemon->run(), 0);
  EXPECT_EQ(h.daemon->config(), initial);
  EXPECT_TRUE(h.job->reconfigured.empty());
  EXPECT_GE(h.job->validations, 2);  // at start and at the reload
  EXPECT_EQ(h.notifier.count_starting_with("READY=1"), 2);
}

TEST(Daemon, AnUnchangedReloadDoesNotReconfigureJobs) {
  Harness h;
  h.job->on_start = [&](boost::asio::io_context& io) {
    h.daemon->request_reload();
    boost::asio::post(io, [&] { h.daemon->request_stop(); });
  };
  EXPECT_EQ(h.daemon->run(), 0);
  EXPECT_TRUE(h.job->reconfigured.empty());
  ASSERT_EQ(h.notifier.messages.size(), 4u);
  EXPECT_EQ(h.notifier.messages[2],
            "READY=1\nSTATUS=Running with 1 owner, 1 channel, 0 rules; fake idle; "
            "reloaded: no changes");
}

TEST(Daemon, RealSignalsReloadThenStop) {
  Harness h;
  h.job->on_start = [&](boost::asio::io_context&) {
    h.write(configs::kChanged);
    std::raise(SIGHUP);
  };
  h.job->on_reconfigure = [] { std::raise(SIGTERM); };
  EXPECT_EQ(h.daemon->run(), 0);
  EXPECT_FALSE(h.job->timed_out);
  EXPECT_EQ(h.job->reconfigured.size(), 1u);
  EXPECT_EQ(h.job->stops, 1);
  EXPECT_EQ(h.daemon->config()->rules.size(), 1u);
}

TEST(Daemon, SigintStopsToo) {
  Harness h;
  h.job->on_start = [](boost::asio::io_context&) { std::raise(SIGINT); };
  EXPECT_EQ(h.daemon->run(), 0);
  EXPECT_FALSE(h.job->timed_out);
  EXPECT_EQ(h.job->stops, 1);
  EXPECT_EQ(h.notifier.count_starting_with("STOPPING=1"), 1);
}

TEST(Daemon, EverySighupIsSeen) {
  Harness h;
  int reloads_seen = 0;
  h.notifier.on_notify = [&](const std::string& message) {
    if (message.rfind("RELOADING=1", 0) != 0) return;
    // Each reload raises the next SIGHUP until three have been handled.
    if (++reloads_seen < 3) {
      std::raise(SIGHUP);
    } else {
      h.daemon->request_stop();
    }
  };
  h.job->on_start = [](boost::asio::io_context&) { std::raise(SIGHUP); };
  EXPECT_EQ(h.daemon->run(), 0);
  EXPECT_FALSE(h.job->timed_out);
  EXPECT_EQ(reloads_seen, 3);
}

TEST(Daemon, WatchdogPingsFromTheLoop) {
  Harness h;
  h.notifier.watchdog = std::chrono::milliseconds(20);
  h.notifier.on_notify = [&](const std::string&) {
    if (h.notifier.count_starting_with("WATCHDOG=1") == 3) h.daemon->request_stop();
  };
  EXPECT_EQ(h.daemon->run(), 0);
  EXPECT_FALSE(h.job->timed_out);
  EXPECT_EQ(h.notifier.count_starting_with("WATCHDOG=1"), 3);
}

class FailingJob final : public DaemonJob {
 public:
  std::string_view name() const override { return "failing"; }
  std::vector<ConfigDiagnostic> validate(const Config&) override { return {}; }
  Status start(boost::asio::io_context&, std::shared_ptr<const Config>) override {
    return Error::database("cannot open /nonexistent/cadence.db");
  }
  void reconfigure(std::shared_ptr<const Config>) override {}
  void stop() override { ADD_FAILURE() << "a job that did not start is not stopped"; }
};

TEST(Daemon, AJobFailingToStartStopsTheOthersAndExits3) {
  TempDir dir;
  const std::string path = dir.write("cadence.yaml", configs::kValid);
  std::vector<std::unique_ptr<DaemonJob>> jobs;
  auto fake = std::make_unique<FakeJob>();
  FakeJob* first = fake.get();
  jobs.push_back(std::move(fake));  // starts first
  jobs.push_back(std::make_unique<FailingJob>());
  ValidatedConfig initial = load_validated_config(path, SubstitutionSource::from_process(), jobs);
  ASSERT_TRUE(initial.ok());
  RecordingNotifier notifier;
  Daemon daemon(path, SubstitutionSource::from_process(), initial.config, std::move(jobs),
                notifier);
  EXPECT_EQ(daemon.run(), 3);
  EXPECT_EQ(first->stops, 1);
  EXPECT_FALSE(first->timed_out);
  EXPECT_EQ(notifier.count_starting_with("READY=1"), 0);
}

TEST(ConfigLoading, JobDiagnosticsRejectAtStartWithTheirLocation) {
  TempDir dir;
  const std::string path = dir.write("cadence.yaml", R"(owners: []
channels: []
rules:
  - id: forbidden
    match: {}
    birthday: {}
)");
  std::vector<std::unique_ptr<DaemonJob>> jobs;
  jobs.push_back(std::make_unique<FakeJob>());
  const ValidatedConfig result =
      load_validated_config(path, SubstitutionSource::from_process(), jobs);
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.error_count(), 1);
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].where.line, 4);
  EXPECT_EQ(result.diagnostics[0].message, "rule 'forbidden' is rejected by the fake job");
}

TEST(ConfigLoading, LoaderErrorsAreReturnedAndJobsNotConsulted) {
  TempDir dir;
  const std::string path = dir.write("cadence.yaml", configs::kBroken);
  std::vector<std::unique_ptr<DaemonJob>> jobs;
  auto fake = std::make_unique<FakeJob>();
  FakeJob* job = fake.get();
  jobs.push_back(std::move(fake));
  const ValidatedConfig result =
      load_validated_config(path, SubstitutionSource::from_process(), jobs);
  EXPECT_FALSE(result.ok());
  ASSERT_GE(result.error_count(), 1);
  bool located = false;
  for (const ConfigDiagnostic& d : result.diagnostics) {
    located = located || d.to_string().rfind(path + configs::kBrokenLocation, 0) == 0;
  }
  EXPECT_TRUE(located) << "no error at " << configs::kBrokenLocation;
  EXPECT_EQ(job->validations, 0);
}

TEST(ConfigLoading, SizeSummary) {
  Config c;
  EXPECT_EQ(config_size_summary(c), "0 owners, 0 channels, 0 rules");
  c.owners.resize(1);
  c.channels.resize(2);
  c.rules.resize(1);
  EXPECT_EQ(config_size_summary(c), "1 owner, 2 channels, 1 rule");
}

}  // namespace
}  // namespace cadence::daemon
