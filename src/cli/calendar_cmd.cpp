// cadencectl calendar holidays | expand: holiday sets and RFC 5545 recurrences.
//
//   holidays --set SET --years Y1-Y2 [--locale zh-CN|en] [--format csv|json]
//       csv: date,key,name     (one row per holiday per year, in date order)
//   expand --dtstart DATE --rrule RULE [--count N | --until DATE] [--format text|json]
//       one date a line
//
// Both validate all input before writing anything: a bad value is one error
// naming the value and the valid range, exit 1, no partial output. Usage
// errors (unknown option, --count with --until) exit 2. Neither needs a
// config file.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cadence/calendar.hpp"
#include "cli/arguments.hpp"
#include "cli/cli.hpp"
#include "cli/output.hpp"

namespace cadence::cli {
namespace {

// Sets with lunar or solar-term holidays need the lunar table (lunar years
// 1900-2100). Gregorian year 1900 is excluded: its January holds 腊八 and 除夕
// of lunar year 1899, which the table does not have.
constexpr int kFirstLunarSetYear = 1901;
constexpr int kLastLunarSetYear = 2100;
// Gregorian-only sets: the Gregorian calendar (and its Easter computus).
constexpr int kFirstGregorianYear = 1583;
constexpr int kLastGregorianYear = 9999;

constexpr std::size_t kDefaultExpandLimit = 10000;

// ---- holidays ---------------------------------------------------------------

struct HolidaysOptions {
  std::vector<std::string> sets;
  std::string years;
  std::string locale;  // "", "zh-CN" or "en"
  OutputFormat format = OutputFormat::kCsv;
};

// The set names in order, split at commas, without repeats; error for an
// unknown one (naming the known sets).
Result<std::vector<std::string>> resolve_sets(const std::vector<std::string>& given) {
  std::vector<std::string> sets;
  for (const auto& item : given) {
    const std::string name(trim(item));
    if (name.empty()) continue;
    if (!builtin_holiday_keys(name).ok()) {
      return Error::invalid_input("--set " + name + ": unknown holiday set (known sets: cn, us, " +
                                  "intl)");
    }
    if (std::find(sets.begin(), sets.end(), name) == sets.end()) sets.push_back(name);
  }
  if (sets.empty())
    return Error::invalid_input("--set: no holiday set given (known: cn, us, intl)");
  return sets;
}

void run_holidays(CliContext& ctx, const HolidaysOptions& options) {
  auto sets = resolve_sets(options.sets);
  if (!sets) return ctx.fail(sets.error());
  const bool lunar = std::find(sets->begin(), sets->end(), "cn") != sets->end();
  auto range =
      lunar ? parse_year_range(options.years, kFirstLunarSetYear, kLastLunarSetYear,
                               " for set cn, whose lunar festivals need the lunar table", "years")
            : parse_year_range(options.years, kFirstGregorianYear, kLastGregorianYear,
                               " for sets us and intl", "years");
  if (!range) return ctx.fail(range.error());

  // Names: --locale for every row; by default each holiday in the language of
  // the first listed set that has its key (cn: zh-CN, us/intl: en).
  auto zh = HolidayCalendar::create(*sets, {}, Locale::kZhCN);
  auto en = HolidayCalendar::create(*sets, {}, Locale::kEn);
  if (!zh) return ctx.fail(zh.error());
  if (!en) return ctx.fail(en.error());
  const Date from{std::chrono::year{range->first}, std::chrono::January, std::chrono::day{1}};
  const Date to{std::chrono::year{range->last}, std::chrono::December, std::chrono::day{31}};
  std::vector<Holiday> rows = zh->between(from, to);
  const std::vector<Holiday> en_rows = en->between(from, to);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    bool english = options.locale == "en";
    if (options.locale.empty()) {
      for (const auto& set : *sets) {
        auto keys = builtin_holiday_keys(set);
        if (std::find(keys->begin(), keys->end(), rows[i].key) != keys->end()) {
          english = set != "cn";
          break;
        }
      }
    }
    if (english) rows[i].name = en_rows[i].name;
  }

  if (options.format == OutputFormat::kJson) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& h : rows) {
      out.push_back({{"date", format_date(h.date)}, {"key", h.key}, {"name", h.name}});
    }
    ctx.out << out.dump(2) << "\n";
  } else {
    write_csv_row(ctx.out, {"date", "key", "name"});
    for (const auto& h : rows) write_csv_row(ctx.out, {format_date(h.date), h.key, h.name});
  }
  ctx.exit_code = kExitOk;
}

// ---- expand -----------------------------------------------------------------

struct ExpandOptions {
  std::string dtstart;
  std::string rrule;
  std::optional<long long> count;
  std::string until;
  OutputFormat format = OutputFormat::kText;
};

void run_expand(CliContext& ctx, const ExpandOptions& options) {
  auto dtstart = parse_date(trim(options.dtstart));
  if (!dtstart) {
    return ctx.fail(dtstart.error().with_context("--dtstart (YYYY-MM-DD, 1900-01-01..2100-12-31)"));
  }
  std::optional<Date> until;
  if (!options.until.empty()) {
    auto u = parse_date(trim(options.until));
    if (!u) return ctx.fail(u.error().with_context("--until (YYYY-MM-DD)"));
    until = *u;
  }
  std::size_t limit = kDefaultExpandLimit;
  if (options.count) {
    if (*options.count < 1 || *options.count > 1000000) {
      return ctx.fail(Error::invalid_input("--count " + std::to_string(*options.count) +
                                           ": must be 1..1000000"));
    }
    limit = static_cast<std::size_t>(*options.count);
  }
  auto recurrence = Recurrence::parse(options.rrule, *dtstart);
  if (!recurrence) return ctx.fail(recurrence.error());
  const std::vector<Date> dates = recurrence->expand(until, limit);
  if (options.format == OutputFormat::kJson) {
    auto out = nlohmann::ordered_json::array();
    for (const Date& d : dates) out.push_back(format_date(d));
    ctx.out << out.dump(2) << "\n";
  } else {
    for (const Date& d : dates) ctx.out << format_date(d) << "\n";
  }
  ctx.exit_code = kExitOk;
}

}  // namespace

void register_calendar_commands(CLI::App& calendar, CliContext& ctx) {
  auto holidays = std::make_shared<HolidaysOptions>();
  CLI::App* h = calendar.add_subcommand(
      "holidays",
      "List the holidays of built-in sets, one row per holiday per year, in date order\n"
      "(ties by key). CSV columns: date,key,name. Sets: cn (Chinese festivals, lunar and\n"
      "solar-term dates in China time), us, intl. A key shared by two sets (cn/intl\n"
      "new_year, us/intl christmas) is listed once. Years: 1901-2100 when cn is included,\n"
      "else 1583-9999. Names: by default cn holidays in Chinese (zh-CN) and us/intl ones\n"
      "in English; --locale sets one language for all. No config file is read.");
  h->add_option("--set", holidays->sets,
                "Holiday set(s): cn, us, intl; repeat the option or separate with commas "
                "(--set cn,us)")
      ->required()
      ->delimiter(',');
  h->add_option("--years", holidays->years, "Gregorian years Y1-Y2 (or one year Y)")->required();
  h->add_option("--locale", holidays->locale, "Names in zh-CN or en (default: per set)")
      ->check(CLI::IsMember({"zh-CN", "en"}));
  add_format_option(*h, holidays->format, {"csv", "json"});
  h->callback([&ctx, holidays] { run_holidays(ctx, *holidays); });

  auto expand = std::make_shared<ExpandOptions>();
  CLI::App* e = calendar.add_subcommand(
      "expand",
      "Print the occurrences of an RFC 5545 recurrence over all-day dates, one date a\n"
      "line, from DTSTART (included when it matches the rule). FREQ=DAILY|WEEKLY|MONTHLY|\n"
      "YEARLY with INTERVAL, COUNT, UNTIL, BYDAY (ordinals too), BYMONTHDAY (negative too),\n"
      "BYMONTH, BYYEARDAY, BYWEEKNO, BYSETPOS (MONTHLY/YEARLY), WKST. Stops at the rule's\n"
      "COUNT/UNTIL, at --count or --until, at 2200-12-31, and after 10000 dates when\n"
      "nothing else bounds it. A rule that never fires prints nothing (exit 0).");
  e->add_option("--dtstart", expand->dtstart, "First date, YYYY-MM-DD (1900-01-01..2100-12-31)")
      ->required();
  e->add_option("--rrule", expand->rrule, "The rule, e.g. FREQ=MONTHLY;BYDAY=-1FR")->required();
  CLI::Option* count = e->add_option("--count", expand->count, "At most N dates (1..1000000)");
  CLI::Option* until =
      e->add_option("--until", expand->until, "No date after this one, YYYY-MM-DD");
  count->excludes(until);
  add_format_option(*e, expand->format, {"text", "json"});
  e->callback([&ctx, expand] { run_expand(ctx, *expand); });
}

}  // namespace cadence::cli
