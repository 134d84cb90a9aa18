// cadencectl calendar to-lunar / from-lunar, run in-process. Expected values
// come from the independent reference in tests/data/lunar/ (lunar-javascript
// 1.7.7, tools/lunar/make_reference.js) or, where cited, from lunar-javascript
// directly (Lunar.fromYmd(y, m, d).getSolar()).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli_run.hpp"
#include "temp_dir.hpp"

namespace cadence::cli {
namespace {

using cadence::testing::CliRun;
using cadence::testing::run_cli;
using cadence::testing::split_fields;

// Data rows of a reference CSV (comments and header skipped), as lines.
std::vector<std::string> reference_lines(const std::string& name) {
  std::ifstream in(testing::source_path("tests/data/lunar/" + name));
  std::vector<std::string> lines;
  std::string line;
  bool header = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (!header) {
      header = true;
      continue;
    }
    lines.push_back(line);
  }
  return lines;
}

TEST(CalendarToLunar, ArgumentsGiveTheReferenceRows) {
  const auto lines = reference_lines("random_dates.csv");
  ASSERT_GE(lines.size(), 100u);
  std::vector<std::string> args = {"calendar", "to-lunar"};
  std::string expected = "date,lunar_year,lunar_month,lunar_day,leap\n";
  for (std::size_t i = 0; i < 100; ++i) {
    args.push_back(split_fields(lines[i])[0]);
    expected += lines[i] + "\n";
  }
  const CliRun r = run_cli(args);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, expected);
  EXPECT_EQ(r.err, "");
}

TEST(CalendarToLunar, StdinGivesTheReferenceRowsForEveryRandomDate) {
  const auto lines = reference_lines("random_dates.csv");
  std::string input;
  std::string expected = "date,lunar_year,lunar_month,lunar_day,leap\n";
  for (const auto& line : lines) {
    input += split_fields(line)[0] + "\r\n";  // CRLF input is accepted too
    expected += line + "\n";
  }
  const CliRun r = run_cli({"calendar", "to-lunar", "-"}, input + "\n");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, expected);
}

TEST(CalendarToLunar, JsonAndLeapFlag) {
  // leap_months.csv: 2023 leap month 2 runs 2023-03-22..2023-04-19.
  const CliRun r =
      run_cli({"calendar", "to-lunar", "--format", "json", "2023-03-22", "2023-03-21"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "[\n"
            "  {\n    \"date\": \"2023-03-22\",\n    \"lunar_year\": 2023,\n"
            "    \"lunar_month\": 2,\n    \"lunar_day\": 1,\n    \"leap\": true\n  },\n"
            "  {\n    \"date\": \"2023-03-21\",\n    \"lunar_year\": 2023,\n"
            "    \"lunar_month\": 2,\n    \"lunar_day\": 30,\n    \"leap\": false\n  }\n"
            "]\n");
  const CliRun csv = run_cli({"calendar", "to-lunar", "2023-03-22"});
  EXPECT_EQ(csv.out, "date,lunar_year,lunar_month,lunar_day,leap\n2023-03-22,2023,2,1,1\n");
}

TEST(CalendarToLunar, BadDatesAreUserErrorsNamingTheValue) {
  CliRun r = run_cli({"calendar", "to-lunar", "2024-01-01", "2023-02-30"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");  // nothing written before the error
  EXPECT_NE(r.err.find("2023-02-30"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("28 days"), std::string::npos) << r.err;

  r = run_cli({"calendar", "to-lunar", "1900-01-30"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("1900-01-30"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1900-01-31..2101-01-28"), std::string::npos) << r.err;

  r = run_cli({"calendar", "to-lunar", "-"}, "2024-01-01\n\n2024-13-01\n");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("stdin line 3"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("2024-13-01"), std::string::npos) << r.err;

  r = run_cli({"calendar", "to-lunar", "-"}, "yesterday\n");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("stdin line 1"), std::string::npos) << r.err;

  r = run_cli({"calendar", "to-lunar"});
  EXPECT_EQ(r.code, 2) << "no DATE is a usage error";
}

TEST(CalendarFromLunar, FestivalsForEveryYearMatchTheReference) {
  const auto lines = reference_lines("festivals.csv");
  ASSERT_EQ(lines.size(), 199u);
  // Columns: lunar_year,spring_festival,dragon_boat,mid_autumn,new_years_eve.
  const std::vector<std::pair<std::vector<std::string>, std::size_t>> cases = {
      {{"--month", "1", "--day", "1"}, 1},
      {{"--month", "5", "--day", "5"}, 2},
      {{"--month", "8", "--day", "15"}, 3},
      {{"--month", "12", "--day", "30"}, 4},  // 除夕: day 30 -> last day of month 12
  };
  for (const auto& [options, column] : cases) {
    std::vector<std::string> args = {"calendar", "from-lunar", "--years", "1901-2099"};
    args.insert(args.end(), options.begin(), options.end());
    std::string expected = "lunar_year,date\n";
    for (const auto& line : lines) {
      const auto f = split_fields(line);
      expected += f[0] + "," + f[column] + "\n";
    }
    const CliRun r = run_cli(args);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, expected) << options[1] << "/" << options[3];
  }
}

TEST(CalendarFromLunar, LeapUsesTheLeapMonthInYearsThatHaveIt) {
  // lunar-javascript: 2024 6/1 = 2024-07-06, 2026 6/1 = 2026-07-14; leap_months.csv:
  // 2025 闰六月 starts 2025-07-25.
  CliRun r = run_cli(
      {"calendar", "from-lunar", "--month", "6", "--day", "1", "--leap", "--years", "2024-2026"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "lunar_year,date\n2024,2024-07-06\n2025,2025-07-25\n2026,2026-07-14\n");
  // Without --leap the regular month, in the leap year too.
  r = run_cli({"calendar", "from-lunar", "--month", "6", "--day", "1", "--years", "2025"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out, "lunar_year,date\n2025,2025-07-25\n");
  // 闰十一月 2033 has 29 days (leap_months.csv: 2033-12-22..2034-01-19); day 30 of
  // month 11: lunar-javascript 2032 11/29 = 2032-12-31, 2034 11/29 = 2035-01-08.
  r = run_cli({"calendar", "from-lunar", "--month", "11", "--day", "30", "--leap", "--years",
               "2032-2034", "--format", "json"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "[\n  {\n    \"lunar_year\": 2032,\n    \"date\": \"2032-12-31\"\n  },\n"
            "  {\n    \"lunar_year\": 2033,\n    \"date\": \"2034-01-19\"\n  },\n"
            "  {\n    \"lunar_year\": 2034,\n    \"date\": \"2035-01-08\"\n  }\n]\n");
}

TEST(CalendarFromLunar, BadInputIsAUserErrorNamingTheValueAndTheRange) {
  struct Case {
    std::vector<std::string> args;
    std::vector<std::string> mentions;
  };
  const std::vector<Case> cases = {
      {{"--month", "1", "--day", "1", "--years", "1800-1900"}, {"1800-1900", "1900..2100"}},
      {{"--month", "1", "--day", "1", "--years", "2099-1901"}, {"2099-1901", "after"}},
      {{"--month", "1", "--day", "1", "--years", "2000-2101"}, {"2000-2101", "1900..2100"}},
      {{"--month", "1", "--day", "1", "--years", "20x0"}, {"20x0", "Y1-Y2"}},
      {{"--month", "13", "--day", "1", "--years", "2025"}, {"--month 13", "1..12"}},
      {{"--month", "0", "--day", "1", "--years", "2025"}, {"--month 0", "1..12"}},
      {{"--month", "1", "--day", "31", "--years", "2025"}, {"--day 31", "1..30"}},
      // No leap 6th month in 2026-2027; the nearest are named (leap_months.csv:
      // 2025 and then 2036).
      {{"--month", "6", "--day", "1", "--leap", "--years", "2026-2027"},
       {"leap month 6", "2026-2027", "2025", "2036"}},
      // No year 1900-2100 has a leap 12th month (leap_months.csv).
      {{"--month", "12", "--day", "1", "--leap", "--years", "1900-2100"},
       {"leap month 12", "no year 1900..2100"}},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"calendar", "from-lunar"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const CliRun r = run_cli(args);
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_EQ(r.out, "");
    for (const auto& m : c.mentions) EXPECT_NE(r.err.find(m), std::string::npos) << r.err;
  }
  EXPECT_EQ(
      run_cli({"calendar", "from-lunar", "--month", "x", "--day", "1", "--years", "2025"}).code, 2);
  EXPECT_EQ(run_cli({"calendar", "from-lunar", "--month", "1", "--day", "1"}).code, 2);
  EXPECT_EQ(run_cli({"calendar", "from-lunar", "--month", "1", "--day", "1", "--years", "2025",
                     "--format", "xml"})
                .code,
            2);
}

TEST(CalendarFromLunar, HelpStatesThePolicy) {
  const CliRun r = run_cli({"calendar", "from-lunar", "--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("day 30"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--leap"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace cadence::cli
