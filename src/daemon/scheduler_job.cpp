#include "daemon/scheduler_job.hpp"

#include <sys/inotify.h>
#include <unistd.h>

#include <spdlog/spdlog.h>
#include <algorithm>
#include <boost/asio/post.hpp>
#include <cstring>
#include <filesystem>
#include <iostream>

namespace cadence::daemon {
namespace {

std::string format_local(Instant t, const RuleSet& rules) {
  const TimeZone& zone = rules.default_owner().zone;
  return format_date(zone.local_date(t)) + " " + format_time_of_day(zone.local_time_of_day(t));
}

}  // namespace

SchedulerJob::SchedulerJob(const Clock& clock, SchedulerOptions options)
    : clock_(clock), options_(options) {}

SchedulerJob::~SchedulerJob() = default;

std::vector<ConfigDiagnostic> SchedulerJob::validate(const Config& config) {
  RuleSetCompileResult compiled = RuleSet::compile(config);
  std::vector<ConfigDiagnostic> out = std::move(compiled.diagnostics);
  for (ConfigDiagnostic& d : out) d.message = config.scrubbed(std::move(d.message));
  for (ConfigDiagnostic& d : channel_diagnostics(config)) out.push_back(std::move(d));
  return out;
}

void SchedulerJob::build_outbox() {
  auto channels = parse_channels(config_->channels);
  // validate() refused a config whose channels do not parse.
  OutboxOptions outbox_options;
  outbox_options.retry = retry_policy(config_->delivery);
  outbox_ = std::make_unique<Outbox>(*store_, clock_,
                                     channels ? std::move(*channels) : std::vector<ChannelSpec>{},
                                     *config_, *transport_, outbox_options);
  // Sends run on the outbox's sender threads, never on this loop; a finished
  // batch wakes the loop to record it (and dispatch what is due next).
  OutboxWorkers workers;
  workers.notify = [this] {
    boost::asio::post(timer_->get_executor(), [this] {
      if (!stopping_) wake();
    });
  };
  outbox_->start_workers(std::move(workers));
}

Status SchedulerJob::start(boost::asio::io_context& io, std::shared_ptr<const Config> config) {
  config_ = std::move(config);
  RuleSetCompileResult compiled = RuleSet::compile(*config_);
  if (!compiled.ok()) return Error::config("the rules do not compile");
  rules_ = compiled.rules;

  StoreOptions store_options;
  store_options.path = config_->database;
  store_options.clock = &clock_;
  auto opened = open_sqlite_store(store_options);
  if (!opened) return opened.error().with_context("opening " + config_->database);
  store_ = std::move(opened.value());

  TransportOptions transport_options;
  transport_options.console = &std::cout;
  transport_ = make_transport(transport_options);
  timer_.emplace(io);  // before the outbox: its sender threads post to this loop
  build_outbox();
  scheduler_ = std::make_unique<Scheduler>(*store_, rules_, config_, options_);
  if (auto s = watch_database(io, config_->database); !s) return s;
  auto clock_watch =
      WallClockWatch::start(io, [this](std::chrono::milliseconds jump) { on_clock_jump(jump); });
  if (!clock_watch) return clock_watch.error();
  clock_watch_ = std::move(*clock_watch);
  // The first pass over the contacts runs as the loop's first event.
  boost::asio::post(io, [this] { initial_pass(); });
  running_ = true;
  return ok_status();
}

void SchedulerJob::initial_pass() {
  if (stopping_) return;
  plan_began_ = std::chrono::steady_clock::now();
  wake();
}

void SchedulerJob::wake() {
  if (stopping_) return;
  const Instant now = clock_.now();
  auto next = do_work(now);
  if (!next) {
    on_fault(next.error(), now);
    return;
  }
  if (faults_.succeeded(now)) status_changed();
  next_wake_ = *next;
  std::chrono::seconds delay = kMaxSleep;
  if (next_wake_) {
    delay = std::clamp(std::chrono::duration_cast<std::chrono::seconds>(*next_wake_ - now),
                       std::chrono::seconds{0}, kMaxSleep);
  }
  arm_timer(delay);
}

Result<std::optional<Instant>> SchedulerJob::do_work(Instant now) {
  // Every round, written or not: a deleted database must show in STATUS= and
  // /readyz at once (the directory watch wakes this loop when it happens).
  if (auto s = store_->check_database_file(); !s) return s.error();
  if (!started_) {
    // The first pass over the contacts; a failure is retried as a whole
    // (planning is idempotent).
    if (auto s = scheduler_->start(now); !s) return s.error().with_context("planning");
    started_ = true;
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - plan_began_)
                        .count();
    spdlog::info("scheduler: planned until {} in {} ms",
                 format_rfc3339_utc(scheduler_->stats().horizon_end), ms);
    if (auto v = store_->data_version()) data_version_ = *v;
  }
  if (auto s = replan_changes(now); !s) return s.error();
  // A database fault ends the round (the next steps would meet it too); any
  // other error is reported after the remaining steps, so one failing step
  // does not hold up the deliveries already queued.
  std::optional<Error> other;
  const auto keep = [&](const Error& e) -> bool {
    if (classify_database_error(e) != DatabaseFault::kOther) return false;
    if (!other) other = e;
    return true;
  };
  auto report = scheduler_->process_due(now);
  if (!report) {
    if (!keep(report.error())) return report.error();
  } else if (report->sent + report->expired + report->resolved + report->digests > 0) {
    spdlog::info("scheduler: {} sent ({} late), {} expired, {} skipped, {} resolved, {} digests",
                 report->sent, report->late, report->expired, report->skipped, report->resolved,
                 report->digests);
  }
  auto sent = outbox_->collect(now);
  if (!sent) {
    if (!keep(sent.error().with_context("outbox"))) return sent.error().with_context("outbox");
  } else if (sent->sent + sent->dead > 0) {
    // Retries alone are not worth a line per wake: the outbox logs each
    // failed attempt already.
    spdlog::info("outbox: {} delivered, {} to retry, {} dead", sent->sent, sent->retried,
                 sent->dead);
  }
  if (auto dispatched = outbox_->dispatch_due(now); !dispatched) {
    if (!keep(dispatched.error().with_context("outbox"))) {
      return dispatched.error().with_context("outbox");
    }
  }
  if (other) return *other;
  auto next = scheduler_->next_wake(now);
  if (!next) return next.error();
  return *next;
}

Status SchedulerJob::replan_changes(Instant now) {
  if (reconfigure_pending_) {
    auto report = scheduler_->reconfigure(rules_, config_, now);
    if (!report) return report.error().with_context("reconfiguring");
    reconfigure_pending_ = false;
    if (!report->rules.empty()) {
      std::string ids;
      for (const std::string& id : report->rules) ids += (ids.empty() ? "" : ", ") + id;
      spdlog::info("scheduler: recomputed rule(s) {} ({} new reminders)", ids, report->inserted);
    }
  }
  // Our own commits do not change data_version; only other connections' do.
  auto version = store_->data_version();
  if (!version) return version.error();
  if (data_version_ && *data_version_ == *version) return ok_status();
  auto report = scheduler_->on_data_changed(now);
  if (!report) return report.error().with_context("re-planning after a change");
  data_version_ = *version;
  if (!report->contacts.empty() || !report->accounts.empty()) {
    spdlog::info("scheduler: re-planned {} contact(s), {} account(s); {} resolved",
                 report->contacts.size(), report->accounts.size(), report->resolved);
  }
  return ok_status();
}

void SchedulerJob::on_fault(const Error& error, Instant now) {
  const std::string before = faults_.summary();
  const std::chrono::milliseconds delay = faults_.failed(error, now);
  next_wake_.reset();
  if (faults_.summary() != before) status_changed();
  arm_timer(delay);
}

void SchedulerJob::on_clock_jump(std::chrono::milliseconds jump) {
  if (stopping_) return;
  // NTP's small steps are routine; a jump of a second or more is worth a line.
  if (std::chrono::abs(jump) >= std::chrono::seconds{1}) {
    spdlog::info(
        "scheduler: the wall clock jumped {:+.3f} s (set, or a resume from suspend); "
        "checking what is due at {}",
        static_cast<double>(jump.count()) / 1000.0, format_rfc3339_utc(clock_.now()));
  }
  // Before the first pass it is still to come; while the database fails,
  // the retry timer comes anyway.
  if (!started_ || faults_.failing()) return;
  wake();
}

void SchedulerJob::arm_timer(std::chrono::milliseconds delay) {
  if (stopping_) return;
  timer_->expires_after(delay);
  timer_->async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;  // cancelled: a re-arm or stop
    wake();
  });
}

Status SchedulerJob::watch_database(boost::asio::io_context& io, const std::string& path) {
  const std::filesystem::path db = std::filesystem::absolute(path);
  db_name_ = db.filename().string();
  const int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return Error::io(std::string("inotify_init1: ") + std::strerror(errno));
  const std::string dir = db.parent_path().string();
  // Besides changes: the file deleted or moved away, the directory itself
  // deleted or moved (rm -rf): the store then refuses writes, and this loop
  // must say so at once.
  constexpr std::uint32_t kMask = IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE |
                                  IN_MOVED_FROM | IN_DELETE_SELF | IN_MOVE_SELF;
  if (inotify_add_watch(fd, dir.c_str(), kMask) < 0) {
    const int err = errno;
    ::close(fd);
    return Error::io("inotify_add_watch " + dir + ": " + std::strerror(err));
  }
  watch_.emplace(io, fd);
  arm_watch();
  return ok_status();
}

void SchedulerJob::arm_watch() {
  if (stopping_ || !watch_) return;
  watch_->async_read_some(boost::asio::buffer(events_),
                          [this](const boost::system::error_code& ec, std::size_t bytes) {
                            if (ec) return;  // cancelled at stop
                            on_database_event(bytes);
                            arm_watch();
                          });
}

void SchedulerJob::on_database_event(std::size_t bytes) {
  bool relevant = false;
  bool moved_or_deleted = false;  // the file or its directory
  for (std::size_t at = 0; at + sizeof(inotify_event) <= bytes;) {
    inotify_event event{};
    std::memcpy(&event, events_.data() + at, sizeof event);
    const char* name = events_.data() + at + sizeof(inotify_event);
    if (event.len > 0) {
      const std::string file(name, ::strnlen(name, event.len));
      if (file == db_name_ || file == db_name_ + "-wal") relevant = true;
      if (file == db_name_ && (event.mask & (IN_DELETE | IN_MOVED_FROM)) != 0) {
        moved_or_deleted = true;
      }
    }
    if ((event.mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) != 0) moved_or_deleted = true;
    at += sizeof(inotify_event) + event.len;
  }
  // The data version of an unlinked file does not change: check now.
  if (moved_or_deleted && !faults_.failing()) {
    wake();
    return;
  }
  // While the database fails, the retry timer comes anyway and re-plans.
  if (!relevant || !started_ || faults_.failing()) return;
  auto version = store_->data_version();
  if (version && data_version_ && *data_version_ == *version) return;
  // Changed (or unreadable): a round of work re-plans the changed contacts;
  // a done/snooze/ack changes the next wake even when no contact changed.
  wake();
}

void SchedulerJob::reconfigure(std::shared_ptr<const Config> config) {
  RuleSetCompileResult compiled = RuleSet::compile(*config);
  if (!compiled.ok()) return;  // validate() accepted it; cannot happen
  if (config->database != config_->database) {
    spdlog::warn("scheduler: `database` changed to {}; restart cadenced to use it",
                 config->database);
  }
  if (outbox_) {
    // Record the old outbox's finished sends while its config is still alive.
    outbox_->stop_workers();
    if (auto done = outbox_->collect(clock_.now()); !done) {
      spdlog::error("outbox: {}", done.error().message());
    }
  }
  rules_ = compiled.rules;
  config_ = std::move(config);
  build_outbox();
  // The next round of work recomputes the changed rules (and retries that
  // until the database lets it).
  if (started_) reconfigure_pending_ = true;
  wake();
}

void SchedulerJob::stop() {
  stopping_ = true;
  running_ = false;
  if (outbox_) {
    // Sends in progress finish and are recorded; no sender thread posts to
    // the loop after this.
    outbox_->stop_workers();
    if (auto done = outbox_->collect(clock_.now()); !done) {
      spdlog::error("outbox: {}", done.error().message());
    }
  }
  if (timer_) timer_->cancel();
  if (clock_watch_) clock_watch_->stop();
  if (watch_) {
    boost::system::error_code ignored;
    watch_->cancel(ignored);
    watch_->close(ignored);
  }
}

std::string SchedulerJob::status() const {
  if (!scheduler_) return {};
  std::string line;
  if (faults_.failing()) line = faults_.summary() + ", retrying; ";
  line += std::to_string(scheduler_->stats().sent) + " reminders sent";
  if (next_wake_ && rules_) line += ", next check " + format_local(*next_wake_, *rules_);
  return line;
}

}  // namespace cadence::daemon
