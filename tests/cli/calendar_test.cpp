// cadencectl calendar holidays / expand, run in-process.
//
// Reference values: tests/data/holidays/us_1950_2100.csv (Python's standard
// library + `ncal -e`, see the script next to it), tests/data/lunar/
// festivals.csv (lunar-javascript 1.7.7), the published 2025 Chinese calendar
// and RFC 5545 section 3.8.5.3 for the recurrence examples.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
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

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string line;
  while (std::getline(ss, line)) out.push_back(line);
  return out;
}

// Data rows of a reference CSV (comments and header skipped).
std::vector<std::vector<std::string>> reference_rows(const std::string& relative) {
  std::ifstream in(testing::source_path(relative));
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool header = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (!header) {
      header = true;
      continue;
    }
    rows.push_back(split_fields(line));
  }
  return rows;
}

TEST(CalendarHolidays, UsSetMatchesReferenceFor151Years) {
  const CliRun r = run_cli({"calendar", "holidays", "--set", "us", "--years", "1950-2100"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const auto out = lines(r.out);
  const auto ref = reference_rows("tests/data/holidays/us_1950_2100.csv");
  ASSERT_EQ(out.size(), ref.size() + 1);
  EXPECT_EQ(out[0], "date,key,name");
  for (std::size_t i = 0; i < ref.size(); ++i) {
    const auto f = split_fields(out[i + 1]);
    ASSERT_EQ(f.size(), 3u) << out[i + 1];
    EXPECT_EQ(f[0], ref[i][0]);
    EXPECT_EQ(f[1], ref[i][1]);
  }
  EXPECT_NE(r.out.find("2026-11-26,thanksgiving,Thanksgiving Day\n"), std::string::npos);
}

TEST(CalendarHolidays, CnSetHasEveryReferenceFestival1901To2099) {
  const CliRun r = run_cli({"calendar", "holidays", "--set", "cn", "--years", "1901-2100"});
  ASSERT_EQ(r.code, 0) << r.err;
  std::set<std::pair<std::string, std::string>> got;
  for (const auto& line : lines(r.out)) {
    const auto f = split_fields(line);
    got.emplace(f[0], f[1]);
  }
  const char* keys[] = {"spring_festival", "dragon_boat", "mid_autumn", "new_years_eve"};
  const auto ref = reference_rows("tests/data/lunar/festivals.csv");
  ASSERT_GE(ref.size(), 199u);
  for (const auto& row : ref) {
    for (std::size_t i = 0; i < 4; ++i) {
      if (row[i + 1] > "2100-12-31") continue;  // 除夕 of lunar 2100 is in 2101
      EXPECT_TRUE(got.count({row[i + 1], keys[i]})) << keys[i] << " " << row[i + 1];
    }
  }
}

TEST(CalendarHolidays, Cn2025PublishedCalendarInChinese) {
  const CliRun r = run_cli({"calendar", "holidays", "--set", "cn", "--years", "2025"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "date,key,name\n"
            "2025-01-01,new_year,元旦\n"
            "2025-01-07,laba,腊八节\n"
            "2025-01-28,new_years_eve,除夕\n"
            "2025-01-29,spring_festival,春节\n"
            "2025-02-12,lantern,元宵节\n"
            "2025-04-04,qingming,清明节\n"
            "2025-05-01,labour_day,劳动节\n"
            "2025-05-31,dragon_boat,端午节\n"
            "2025-08-29,qixi,七夕节\n"
            "2025-10-01,national_day,国庆节\n"
            "2025-10-06,mid_autumn,中秋节\n"
            "2025-10-29,double_ninth,重阳节\n"
            "2025-12-21,winter_solstice,冬至\n");
}

TEST(CalendarHolidays, SeveralSetsCommaOrRepeatedAndNamesPerSet) {
  const CliRun comma = run_cli({"calendar", "holidays", "--set", "cn,us", "--years", "2026"});
  const CliRun repeated =
      run_cli({"calendar", "holidays", "--set", "cn", "--set", "us", "--years", "2026"});
  ASSERT_EQ(comma.code, 0) << comma.err;
  EXPECT_EQ(comma.out, repeated.out);
  const auto out = lines(comma.out);
  EXPECT_EQ(out.size(), 1u + 13u + 10u);
  for (std::size_t i = 2; i < out.size(); ++i) EXPECT_LE(out[i - 1], out[i]);  // date order
  EXPECT_NE(comma.out.find("2026-02-17,spring_festival,春节\n"), std::string::npos);
  EXPECT_NE(comma.out.find("2026-07-04,independence_day,Independence Day\n"), std::string::npos);
  const CliRun en =
      run_cli({"calendar", "holidays", "--set", "cn,us", "--years", "2026", "--locale", "en"});
  ASSERT_EQ(en.code, 0) << en.err;
  EXPECT_NE(en.out.find("2026-02-17,spring_festival,Spring Festival\n"), std::string::npos);
  const CliRun zh =
      run_cli({"calendar", "holidays", "--set", "us", "--years", "2026", "--locale", "zh-CN"});
  EXPECT_NE(zh.out.find("2026-11-26,thanksgiving,感恩节\n"), std::string::npos);
}

TEST(CalendarHolidays, SharedKeyListedOnce) {
  const CliRun r = run_cli({"calendar", "holidays", "--set", "cn,intl", "--years", "2026"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("2026-01-01,new_year,元旦\n"), std::string::npos);
  EXPECT_EQ(r.out.find("2026-01-01,new_year", r.out.find("2026-01-01,new_year") + 1),
            std::string::npos);
  EXPECT_NE(r.out.find("2026-02-14,valentines_day,Valentine's Day\n"), std::string::npos);
}

TEST(CalendarHolidays, Json) {
  const CliRun r =
      run_cli({"calendar", "holidays", "--set", "us", "--years", "2026", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 10u);
  EXPECT_EQ(j[0]["date"], "2026-01-01");
  EXPECT_EQ(j[0]["key"], "new_years_day");
  EXPECT_EQ(j[0]["name"], "New Year's Day");
}

TEST(CalendarHolidays, BadInputNamesTheValueAndRange) {
  struct Case {
    std::vector<std::string> args;
    std::vector<std::string> expect;
  };
  const std::vector<Case> cases = {
      {{"--set", "cn", "--years", "1800-1900"}, {"1800-1900", "1901..2100"}},
      {{"--set", "cn", "--years", "2099-1901"}, {"2099-1901", "first year is after the last"}},
      {{"--set", "cn", "--years", "2000-2101"}, {"2000-2101", "1901..2100"}},
      {{"--set", "cn", "--years", "nineteen"}, {"nineteen", "Y1-Y2"}},
      {{"--set", "us", "--years", "1500-1600"}, {"1500-1600", "1583..9999"}},
      {{"--set", "jp", "--years", "2026"}, {"jp", "cn, us, intl"}},
      {{"--set", "cn,xx", "--years", "2026"}, {"xx", "cn, us, intl"}},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"calendar", "holidays"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const CliRun r = run_cli(args);
    EXPECT_EQ(r.code, 1) << c.args[3];
    EXPECT_EQ(r.out, "");
    for (const auto& e : c.expect) EXPECT_NE(r.err.find(e), std::string::npos) << r.err;
  }
  // Gregorian-only sets reach further back.
  EXPECT_EQ(run_cli({"calendar", "holidays", "--set", "us", "--years", "1800-1900"}).code, 0);
}

TEST(CalendarHolidays, UsageErrorsExit2) {
  EXPECT_EQ(run_cli({"calendar", "holidays", "--years", "2026"}).code, 2);
  EXPECT_EQ(run_cli({"calendar", "holidays", "--set", "cn"}).code, 2);
  EXPECT_EQ(
      run_cli({"calendar", "holidays", "--set", "cn", "--years", "2026", "--locale", "fr"}).code,
      2);
  EXPECT_EQ(
      run_cli({"calendar", "holidays", "--set", "cn", "--years", "2026", "--format", "xml"}).code,
      2);
}

TEST(CalendarExpand, RfcExampleOneDateALine) {
  // RFC 5545 3.8.5.3: monthly on the first Friday for 10 occurrences.
  const CliRun r = run_cli({"calendar", "expand", "--dtstart", "1997-09-05", "--rrule",
                            "FREQ=MONTHLY;COUNT=10;BYDAY=1FR"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "1997-09-05\n1997-10-03\n1997-11-07\n1997-12-05\n1998-01-02\n"
            "1998-02-06\n1998-03-06\n1998-04-03\n1998-05-01\n1998-06-05\n");
}

TEST(CalendarExpand, CountAndUntilBoundTheOutput) {
  const CliRun count = run_cli({"calendar", "expand", "--dtstart", "1997-09-28", "--rrule",
                                "FREQ=MONTHLY;BYMONTHDAY=-3", "--count", "3"});
  ASSERT_EQ(count.code, 0) << count.err;
  EXPECT_EQ(count.out, "1997-09-28\n1997-10-29\n1997-11-28\n");
  const CliRun until = run_cli({"calendar", "expand", "--dtstart", "1997-09-28", "--rrule",
                                "FREQ=MONTHLY;BYMONTHDAY=-3", "--until", "1997-11-28"});
  ASSERT_EQ(until.code, 0) << until.err;
  EXPECT_EQ(until.out, "1997-09-28\n1997-10-29\n1997-11-28\n");
  const CliRun json =
      run_cli({"calendar", "expand", "--dtstart", "2026-01-01", "--rrule",
               "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", "--count", "3", "--format", "json"});
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_EQ(nlohmann::json::parse(json.out),
            nlohmann::json({"2026-02-28", "2027-02-28", "2028-02-29"}));
  // An unbounded rule stops after 10000 dates.
  const CliRun daily =
      run_cli({"calendar", "expand", "--dtstart", "2000-01-01", "--rrule", "FREQ=DAILY"});
  ASSERT_EQ(daily.code, 0);
  EXPECT_EQ(lines(daily.out).size(), 10000u);
}

TEST(CalendarExpand, NeverFiringRulePrintsNothing) {
  const CliRun r = run_cli({"calendar", "expand", "--dtstart", "2026-01-01", "--rrule",
                            "FREQ=YEARLY;BYMONTHDAY=31;BYMONTH=2"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(CalendarExpand, BadInputExit1NamingTheValue) {
  struct Case {
    std::vector<std::string> args;
    std::vector<std::string> expect;
  };
  const std::vector<Case> cases = {
      {{"--dtstart", "2026-01-01", "--rrule", "FREQ=DAILY;FOO=1"},
       {"FREQ=DAILY;FOO=1", "unknown part 'FOO'"}},
      {{"--dtstart", "2026-01-01", "--rrule", "BYDAY=MO"}, {"BYDAY=MO", "FREQ is missing"}},
      {{"--dtstart", "2023-02-30", "--rrule", "FREQ=DAILY"}, {"2023-02-30", "--dtstart"}},
      {{"--dtstart", "1899-12-31", "--rrule", "FREQ=DAILY"},
       {"1899-12-31", "1900-01-01..2100-12-31"}},
      {{"--dtstart", "2026-01-01", "--rrule", "FREQ=DAILY", "--until", "2026-13-01"},
       {"2026-13-01", "--until"}},
      {{"--dtstart", "2026-01-01", "--rrule", "FREQ=DAILY", "--count", "0"},
       {"--count 0", "1..1000000"}},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"calendar", "expand"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const CliRun r = run_cli(args);
    EXPECT_EQ(r.code, 1) << c.args[1] << " " << c.args[3];
    EXPECT_EQ(r.out, "");
    for (const auto& e : c.expect) EXPECT_NE(r.err.find(e), std::string::npos) << r.err;
  }
}

TEST(CalendarExpand, UsageErrorsExit2) {
  EXPECT_EQ(run_cli({"calendar", "expand", "--rrule", "FREQ=DAILY"}).code, 2);
  EXPECT_EQ(run_cli({"calendar", "expand", "--dtstart", "2026-01-01"}).code, 2);
  EXPECT_EQ(run_cli({"calendar", "expand", "--dtstart", "2026-01-01", "--rrule", "FREQ=DAILY",
                     "--count", "3", "--until", "2026-02-01"})
                .code,
            2);
  EXPECT_EQ(run_cli({"calendar", "expand", "--dtstart", "2026-01-01", "--rrule", "FREQ=DAILY",
                     "--count", "three"})
                .code,
            2);
}

}  // namespace
}  // namespace cadence::cli
