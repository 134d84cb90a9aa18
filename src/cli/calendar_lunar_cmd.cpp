// cadencectl calendar to-lunar | from-lunar: the Chinese lunar calendar.
//
//   to-lunar DATE... | -    csv: date,lunar_year,lunar_month,lunar_day,leap
//   from-lunar --month M --day D [--leap] --years Y1-Y2    csv: lunar_year,date
//
// Both validate all their input before writing anything: on a bad value they
// print one error naming the value and the valid range and exit 1, with no
// partial output. Usage errors (unknown option, non-numeric month) exit 2.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cadence/lunar.hpp"
#include "cli/arguments.hpp"
#include "cli/cli.hpp"
#include "cli/output.hpp"

namespace cadence::cli {
namespace {

// ---- to-lunar ---------------------------------------------------------------

struct ToLunarOptions {
  std::vector<std::string> dates;
  OutputFormat format = OutputFormat::kCsv;
};

// Appends the dates of `text` ('-' = one a line from stdin, blank lines skipped).
Status collect_dates(CliContext& ctx, const std::string& text, std::vector<Date>& dates) {
  if (text != "-") {
    auto date = parse_date(trim(text));
    if (!date) return date.error();
    dates.push_back(*date);
    return ok_status();
  }
  std::string line;
  for (int number = 1; std::getline(ctx.in, line); ++number) {
    const std::string_view value = trim(line);
    if (value.empty()) continue;
    auto date = parse_date(value);
    if (!date) return date.error().with_context("stdin line " + std::to_string(number));
    dates.push_back(*date);
  }
  return ok_status();
}

void run_to_lunar(CliContext& ctx, const ToLunarOptions& options) {
  std::vector<Date> dates;
  for (const std::string& text : options.dates) {
    if (Status s = collect_dates(ctx, text, dates); !s) return ctx.fail(s.error());
  }
  std::vector<LunarDate> lunar;
  lunar.reserve(dates.size());
  for (const Date& date : dates) {
    auto converted = to_lunar(date);
    if (!converted) return ctx.fail(converted.error());
    lunar.push_back(*converted);
  }
  if (options.format == OutputFormat::kJson) {
    auto rows = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < dates.size(); ++i) {
      rows.push_back({{"date", format_date(dates[i])},
                      {"lunar_year", lunar[i].year},
                      {"lunar_month", lunar[i].month},
                      {"lunar_day", lunar[i].day},
                      {"leap", lunar[i].leap}});
    }
    ctx.out << rows.dump(2) << "\n";
  } else {
    write_csv_row(ctx.out, {"date", "lunar_year", "lunar_month", "lunar_day", "leap"});
    for (std::size_t i = 0; i < dates.size(); ++i) {
      write_csv_row(ctx.out, {format_date(dates[i]), std::to_string(lunar[i].year),
                              std::to_string(lunar[i].month), std::to_string(lunar[i].day),
                              lunar[i].leap ? "1" : "0"});
    }
  }
  ctx.exit_code = kExitOk;
}

// ---- from-lunar -------------------------------------------------------------

struct FromLunarOptions {
  int month = 0;
  int day = 0;
  bool leap = false;
  std::string years;
  OutputFormat format = OutputFormat::kCsv;
};

// "Y1-Y2" or a single "Y", within the table's lunar years.
Result<YearRange> parse_years(const std::string& text) {
  return parse_year_range(text, kFirstLunarYear, kLastLunarYear, "", "lunar years");
}

// --leap when no year of the range has that leap month: an error that points
// at the nearest years which do, since that is what the user is looking for.
Error no_leap_month_error(unsigned month, const YearRange& range) {
  std::string message = "--leap: no lunar year in " + std::to_string(range.first) + "-" +
                        std::to_string(range.last) + " has a leap month " + std::to_string(month);
  std::vector<int> before;
  std::vector<int> after;
  for (int y = range.first - 1; y >= kFirstLunarYear && before.empty(); --y) {
    if (lunar_leap_month(y) == month) before.push_back(y);
  }
  for (int y = range.last + 1; y <= kLastLunarYear && after.size() < 2; ++y) {
    if (lunar_leap_month(y) == month) after.push_back(y);
  }
  std::string years;
  for (int y : before) years += (years.empty() ? "" : ", ") + std::to_string(y);
  for (int y : after) years += (years.empty() ? "" : ", ") + std::to_string(y);
  message += years.empty()
                 ? " (no year 1900..2100 has a leap month " + std::to_string(month) + ")"
                 : " (nearest years with leap month " + std::to_string(month) + ": " + years + ")";
  message += "; omit --leap for the regular month";
  return Error::invalid_input(message);
}

void run_from_lunar(CliContext& ctx, const FromLunarOptions& options) {
  if (options.month < 1 || options.month > 12) {
    return ctx.fail(Error::invalid_input("--month " + std::to_string(options.month) +
                                         ": a lunar month is 1..12"));
  }
  if (options.day < 1 || options.day > 30) {
    return ctx.fail(
        Error::invalid_input("--day " + std::to_string(options.day) + ": a lunar day is 1..30"));
  }
  auto range = parse_years(options.years);
  if (!range) return ctx.fail(range.error());
  const auto month = static_cast<unsigned>(options.month);
  const auto day = static_cast<unsigned>(options.day);
  if (options.leap) {
    bool any = false;
    for (int y = range->first; y <= range->last && !any; ++y) any = lunar_leap_month(y) == month;
    if (!any) return ctx.fail(no_leap_month_error(month, *range));
  }
  std::vector<std::pair<int, Date>> rows;
  for (int y = range->first; y <= range->last; ++y) {
    auto date = observe_lunar_date(y, month, day, options.leap, /*exact_leap=*/options.leap);
    if (!date) return ctx.fail(date.error());
    rows.emplace_back(y, *date);
  }
  if (options.format == OutputFormat::kJson) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& [year, date] : rows) {
      out.push_back({{"lunar_year", year}, {"date", format_date(date)}});
    }
    ctx.out << out.dump(2) << "\n";
  } else {
    write_csv_row(ctx.out, {"lunar_year", "date"});
    for (const auto& [year, date] : rows) {
      write_csv_row(ctx.out, {std::to_string(year), format_date(date)});
    }
  }
  ctx.exit_code = kExitOk;
}

}  // namespace

void register_calendar_lunar_commands(CLI::App& calendar, CliContext& ctx) {
  auto to = std::make_shared<ToLunarOptions>();
  CLI::App* to_cmd = calendar.add_subcommand(
      "to-lunar",
      "Convert Gregorian dates (1900-01-31 .. 2101-01-28) to the Chinese lunar calendar.\n"
      "CSV columns: date,lunar_year,lunar_month,lunar_day,leap (leap 1 = a leap month, 闰月).\n"
      "lunar_year is the Gregorian year in which that lunar year begins.");
  to_cmd->add_option("DATE", to->dates, "YYYY-MM-DD, or '-' to read dates from stdin, one a line")
      ->required();
  add_format_option(*to_cmd, to->format, {"csv", "json"});
  to_cmd->callback([&ctx, to] { run_to_lunar(ctx, *to); });

  auto from = std::make_shared<FromLunarOptions>();
  CLI::App* from_cmd = calendar.add_subcommand(
      "from-lunar",
      "The Gregorian date of a lunar month/day in each lunar year of a range, by the\n"
      "birthday policy: the regular (non-leap) month of that number; day 30 in a 29-day\n"
      "month falls on the month's last day (29). With --leap: the leap month in years\n"
      "that have that leap month, the regular month in the others (an error if no year\n"
      "of the range has it). CSV columns: lunar_year,date.");
  from_cmd->add_option("--month", from->month, "Lunar month, 1..12")->required();
  from_cmd->add_option("--day", from->day, "Lunar day, 1..30")->required();
  from_cmd->add_flag("--leap", from->leap,
                     "A leap-month (闰月) date: use the leap month in years that have it");
  from_cmd->add_option("--years", from->years, "Lunar years Y1-Y2 within 1900-2100")->required();
  add_format_option(*from_cmd, from->format, {"csv", "json"});
  from_cmd->callback([&ctx, from] { run_from_lunar(ctx, *from); });
}

}  // namespace cadence::cli
