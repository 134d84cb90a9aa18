// cadencectl forecast --from DATE --to DATE [--format csv|json]
//
// Every reminder that would fire from the start of --from to the end of --to
// (both days inclusive, in the config's time zone), computed by the same
// engine the daemon runs (what plan_all gives: every planner, then the daily
// cap) over the store's contacts, accounts and touch summaries. Read-only: the
// store is not modified, and the daemon's own state (what already fired, was
// snoozed or done) does not enter — this is what the rules say, on a
// simulated clock.
//
// It streams: contacts are planned one at a time as the store walks them
// (without details_json, which nothing here prints), and rows go through
// SortedRows (sorted runs in temporary files) instead of one vector; reminders
// of capped rules wait for the daily cap, but only as many per owner, rule and
// day as the cap could ever let through in the range.
//
//   csv header: fire_at,rule,kind,subject,due,title
//   (fire_at RFC 3339 with the owner's UTC offset at that instant)
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <ostream>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "cli/forecast_rows.hpp"
#include "cli/output.hpp"
#include "cli/reminder_support.hpp"

namespace cadence::cli {
namespace {

struct ForecastOptions {
  std::string from;
  std::string to;
  OutputFormat format = OutputFormat::kCsv;
};

// The longest range one forecast covers (the planners' work grows with it).
constexpr long long kMaxDays = 3 * 366;

const ContactSummary* summary_or_null(const ContactSummary& s) {
  return s.interaction_count > 0 || s.last_any ? &s : nullptr;
}

// Occurrences of capped rules (max_per_day) until every contact has been seen.
// With nothing already scheduled, the cap lets through at most cap × (days of
// the range) reminders of one owner and rule, so of the reminders falling on
// one day only the most overdue that many (earliest due, then key: the cap's
// own order) can ever be sent in the range: the others are dropped as they
// come. (Were one of them let through on day t, fewer than `cap` better ones
// would wait on t, so more than cap × (t - first day) were let through before
// t: t is past the range.) Without this, a backlog of 600,000 overdue
// contacts would be held whole to print 1,830 of them.
class CappedPool {
 public:
  CappedPool(const RuleSet& rules, Instant from, Instant to)
      : rules_(rules), from_(from), to_(to) {}

  // Whether `o` belongs to a capped rule (then it is kept or dropped here).
  bool take(Occurrence& o) {
    const CompiledRule* rule = rules_.find_rule(o.rule);
    if (rule == nullptr || !rule->capped() || !rule->config.max_per_day) return false;
    const CompiledOwner* owner = rules_.find_owner(o.owner);
    const TimeZone& zone = (owner != nullptr ? *owner : rules_.default_owner()).zone;
    const Date day = zone.local_date(o.fire_at);
    const long long days =
        (to_sys_days(zone.local_date(to_ - Duration{1})) - to_sys_days(zone.local_date(from_)))
            .count() +
        1;
    const std::size_t limit = static_cast<std::size_t>(std::max(0, *rule->config.max_per_day)) *
                              static_cast<std::size_t>(std::max(1LL, days));
    std::vector<Occurrence>& heap = pools_[std::make_tuple(o.owner, o.rule, day)];
    if (heap.size() < limit) {
      heap.push_back(std::move(o));
      std::push_heap(heap.begin(), heap.end(), better);
    } else if (limit > 0 && better(o, heap.front())) {
      std::pop_heap(heap.begin(), heap.end(), better);
      heap.back() = std::move(o);
      std::push_heap(heap.begin(), heap.end(), better);
    }
    return true;
  }

  // Everything kept, for apply_daily_cap.
  std::vector<Occurrence> release() {
    std::vector<Occurrence> out;
    for (auto& [where, heap] : pools_) {
      for (Occurrence& o : heap) out.push_back(std::move(o));
    }
    pools_.clear();
    return out;
  }

 private:
  // The heap's top is the least overdue kept (the first to give up its place).
  static bool better(const Occurrence& a, const Occurrence& b) {
    return std::tie(a.due, a.key) < std::tie(b.due, b.key);
  }

  const RuleSet& rules_;
  Instant from_;
  Instant to_;
  std::map<std::tuple<std::string, std::string, Date>, std::vector<Occurrence>> pools_;
};

// One output row: a CSV line, or a JSON object as arr.dump(2) prints it.
std::string render(const RuleSet& rules, const Occurrence& o, OutputFormat format) {
  const std::string fire_at = local_rfc3339(rules, o, o.fire_at);
  if (format == OutputFormat::kJson) {
    const nlohmann::json j = {{"fire_at", fire_at},        {"rule", o.rule},
                              {"kind", to_string(o.kind)}, {"subject", o.subject},
                              {"due", format_date(o.due)}, {"title", o.title},
                              {"owner", o.owner},          {"key", o.key}};
    const std::string text = j.dump(2);
    std::string out = "  ";
    for (char c : text) {
      out.push_back(c);
      if (c == '\n') out += "  ";
    }
    return out;
  }
  std::string line = csv_field(fire_at);
  for (const std::string_view field :
       {std::string_view(o.rule), std::string_view(to_string(o.kind)),
        std::string_view(o.subject)}) {
    line += ',';
    line += csv_field(field);
  }
  line += ',';
  line += csv_field(format_date(o.due));
  line += ',';
  line += csv_field(o.title);
  line += '\n';
  return line;
}

// Renders rows and sorts them into SortedRows on a second thread, so that the
// store walk and the planners (this thread) and the output (that one) use
// both cores. Batches go through a short queue: memory stays bounded when
// one side is slower. `rows` is touched only by the writer until finish().
class RowWriter {
 public:
  RowWriter(const RuleSet& rules, OutputFormat format, SortedRows& rows)
      : rules_(rules), format_(format), rows_(rows), thread_([this] { run(); }) {}
  ~RowWriter() { static_cast<void>(finish()); }  // an early return: join, the error is moot
  RowWriter(const RowWriter&) = delete;
  RowWriter& operator=(const RowWriter&) = delete;

  void push(Occurrence&& o) {
    batch_.push_back(std::move(o));
    if (batch_.size() >= kBatch) hand_over();
  }

  // Writes what is left and waits for the writer; the first error, if any.
  Status finish() {
    if (!thread_.joinable()) return status_;
    hand_over();
    {
      std::lock_guard lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
    return status_;
  }

 private:
  static constexpr std::size_t kBatch = 4096;
  static constexpr std::size_t kMaxQueued = 8;

  void hand_over() {
    if (batch_.empty()) return;
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return queue_.size() < kMaxQueued; });
    queue_.push_back(std::move(batch_));
    batch_.clear();
    lock.unlock();
    cv_.notify_all();
  }

  void run() {
    for (;;) {
      std::vector<Occurrence> batch;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [this] { return !queue_.empty() || done_; });
        if (queue_.empty()) return;
        batch = std::move(queue_.front());
        queue_.pop_front();
      }
      cv_.notify_all();
      for (const Occurrence& o : batch) {
        if (!status_) break;
        try {
          status_ = rows_.add(o.fire_at, o.key, render(rules_, o, format_));
        } catch (const std::exception& e) {  // nlohmann::json on text that is not UTF-8
          status_ = Error::internal(std::string("cannot print a reminder: ") + e.what());
        }
      }
    }
  }

  const RuleSet& rules_;
  const OutputFormat format_;
  SortedRows& rows_;
  std::vector<Occurrence> batch_;  // the planning thread's
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::vector<Occurrence>> queue_;
  bool done_ = false;
  Status status_ = ok_status();  // the writer's until joined
  std::thread thread_;
};

void run_forecast(CliContext& ctx, const ForecastOptions& opt) {
  auto from = parse_date(opt.from);
  if (!from) return ctx.fail(from.error().with_context("--from"));
  auto to = parse_date(opt.to);
  if (!to) return ctx.fail(to.error().with_context("--to"));
  const long long span = (to_sys_days(*to) - to_sys_days(*from)).count();
  if (span < 0)
    return ctx.fail(Error::invalid_input("--to " + opt.to + " is before --from " + opt.from));
  if (span >= kMaxDays) {
    return ctx.fail(Error::invalid_input("the range is too long (" + std::to_string(span + 1) +
                                         " days; at most " + std::to_string(kMaxDays) + ")"));
  }
  auto rules_ptr = compiled_rules(ctx);
  if (!rules_ptr) return;
  const RuleSet& rules = *rules_ptr;
  Store* store = ctx.store();
  if (store == nullptr) return;
  auto zone = TimeZone::locate(ctx.config()->timezone);
  if (!zone) return ctx.fail(zone.error());
  const Instant begin = zone->to_instant(*from, TimeOfDay{0});
  const Instant end = zone->to_instant(to_date(to_sys_days(*to) + Days{1}), TimeOfDay{0});

  auto accounts_r = store->list_accounts({});
  if (!accounts_r) return ctx.fail(accounts_r.error());
  const std::vector<Account>& accounts = *accounts_r;
  std::unordered_map<std::string, const Account*> account_by_id;
  for (const Account& a : accounts) account_by_id.emplace(a.id, &a);
  // Coverage reads an account's contacts: keep, for the accounts a coverage
  // rule selects, what it reads of them (department, archived, last touch).
  std::set<std::string> covered;
  for (const Account& a : accounts) {
    for (const CompiledRule& r : rules.rules()) {
      if (r.config.enabled && r.kind == ReminderKind::kCoverage && r.config.account_level &&
          account_selector_matches(r.config.match, a)) {
        covered.insert(a.id);
        break;
      }
    }
  }
  std::unordered_map<std::string, std::vector<std::pair<Contact, ContactSummary>>> members;

  const PlanOptions no_details{false};
  HolidayGroups holidays(rules);
  CappedPool capped(rules, begin, end);
  SortedRows rows;
  RowWriter writer(rules, opt.format, rows);
  const auto emit = [&](Occurrence& o) {
    if (!capped.take(o)) writer.push(std::move(o));
  };

  auto s = store->for_each_contact([&](const Contact& c, const ContactSummary& summary) {
    const Account* account = nullptr;
    if (auto it = account_by_id.find(c.account); it != account_by_id.end()) account = it->second;
    const ContactRecord record{&c, account, summary_or_null(summary)};
    for (Occurrence& o : plan_contact(rules, record, begin, end, no_details)) emit(o);
    holidays.add(record);
    if (account != nullptr && covered.count(c.account) != 0) {
      Contact slim;
      slim.id = c.id;
      slim.account = c.account;
      slim.department = c.department;
      slim.archived = c.archived;
      ContactSummary last;
      last.contact = summary.contact;
      last.last_any = summary.last_any;
      last.interaction_count = summary.interaction_count;
      members[c.account].emplace_back(std::move(slim), std::move(last));
    }
  });
  if (!s) return ctx.fail(s.error());

  for (const CompiledOwner& owner : rules.owners()) {
    for (Occurrence& o : holidays.plan(owner.id, begin, end, no_details)) emit(o);
    for (Occurrence& o : plan_owner(rules, owner.id, begin, end)) emit(o);
  }
  for (const Account& a : accounts) {
    std::vector<ContactRecord> records;
    if (auto it = members.find(a.id); it != members.end()) {
      for (const auto& [c, summary] : it->second) {
        records.push_back(ContactRecord{&c, &a, summary_or_null(summary)});
      }
    }
    for (Occurrence& o : plan_account(rules, a, records, begin, end)) emit(o);
  }
  for (Occurrence& o : apply_daily_cap(rules, capped.release())) {
    // The cap may have deferred some past the range.
    if (o.fire_at < end) writer.push(std::move(o));
  }
  if (auto written = writer.finish(); !written) return ctx.fail(written.error());

  if (opt.format == OutputFormat::kJson) {
    bool first = true;
    auto drained = rows.drain([&](std::string_view text) {
      ctx.out << (first ? "[\n" : ",\n") << text;
      first = false;
    });
    if (!drained) return ctx.fail(drained.error());
    ctx.out << (first ? "[]" : "\n]") << "\n";
    return;
  }
  write_csv_row(ctx.out, {"fire_at", "rule", "kind", "subject", "due", "title"});
  auto drained = rows.drain([&](std::string_view text) { ctx.out << text; });
  if (!drained) return ctx.fail(drained.error());
}

}  // namespace

void register_forecast_command(CLI::App& app, CliContext& ctx) {
  auto opt = std::make_shared<ForecastOptions>();
  CLI::App* cmd = app.add_subcommand(
      "forecast",
      "Every reminder that would fire in a date range (the daemon's engine, read-only)");
  cmd->add_option("--from", opt->from, "First day, YYYY-MM-DD")->required();
  cmd->add_option("--to", opt->to, "Last day (inclusive), YYYY-MM-DD")->required();
  add_format_option(*cmd, opt->format, {"csv", "json"});
  cmd->callback([&ctx, opt] { run_forecast(ctx, *opt); });
}

}  // namespace cadence::cli
