// RFC 5545 recurrences over all-day dates.
//
// The expansion table comes from RFC 5545 section 3.8.5.3 ("Examples" of
// RRULE), each expansion copied from the RFC text and checked by hand against
// a printed calendar. The RFC's examples use DATE-TIME values at 09:00
// America/New_York with UNTIL=...T000000Z (19:00 the evening before, New York
// time); as all-day rules those are written here with UNTIL = the day before,
// which gives the RFC's occurrences exactly. Cases marked "hand" were worked
// out by hand from a calendar.
#include <gtest/gtest.h>

#include <libical/ical.h>

#include <chrono>
#include <random>

#include "cadence/calendar.hpp"
#include "calendar/recurrence_rule.hpp"
#include "calendar_test_util.hpp"

namespace cadence {
namespace {

using testing::date_of;
using testing::ymd;

struct Case {
  const char* source;
  const char* rule;
  const char* dtstart;
  std::size_t max_count;  // expand(nullopt, max_count)
  std::vector<const char*> expected;
};

std::vector<Date> dates(const std::vector<const char*>& text) {
  std::vector<Date> out;
  for (const char* t : text) out.push_back(date_of(t));
  return out;
}

std::vector<Date> every_day(Date from, Date to) {
  std::vector<Date> out;
  for (auto d = std::chrono::sys_days{from}; d <= std::chrono::sys_days{to};
       d += std::chrono::days{1}) {
    out.emplace_back(d);
  }
  return out;
}

const std::vector<Case>& cases() {
  static const std::vector<Case> table = {
      {"RFC daily for 10 occurrences",
       "FREQ=DAILY;COUNT=10",
       "1997-09-02",
       100,
       {"1997-09-02", "1997-09-03", "1997-09-04", "1997-09-05", "1997-09-06", "1997-09-07",
        "1997-09-08", "1997-09-09", "1997-09-10", "1997-09-11"}},
      {"RFC every other day - forever",
       "FREQ=DAILY;INTERVAL=2",
       "1997-09-02",
       5,
       {"1997-09-02", "1997-09-04", "1997-09-06", "1997-09-08", "1997-09-10"}},
      {"RFC every 10 days, 5 occurrences",
       "FREQ=DAILY;INTERVAL=10;COUNT=5",
       "1997-09-02",
       100,
       {"1997-09-02", "1997-09-12", "1997-09-22", "1997-10-02", "1997-10-12"}},
      {"RFC weekly for 10 occurrences",
       "FREQ=WEEKLY;COUNT=10",
       "1997-09-02",
       100,
       {"1997-09-02", "1997-09-09", "1997-09-16", "1997-09-23", "1997-09-30", "1997-10-07",
        "1997-10-14", "1997-10-21", "1997-10-28", "1997-11-04"}},
      {"RFC weekly until December 24, 1997",
       "FREQ=WEEKLY;UNTIL=19971223",
       "1997-09-02",
       100,
       {"1997-09-02", "1997-09-09", "1997-09-16", "1997-09-23", "1997-09-30", "1997-10-07",
        "1997-10-14", "1997-10-21", "1997-10-28", "1997-11-04", "1997-11-11", "1997-11-18",
        "1997-11-25", "1997-12-02", "1997-12-09", "1997-12-16", "1997-12-23"}},
      {"RFC every other week - forever",
       "FREQ=WEEKLY;INTERVAL=2;WKST=SU",
       "1997-09-02",
       13,
       {"1997-09-02", "1997-09-16", "1997-09-30", "1997-10-14", "1997-10-28", "1997-11-11",
        "1997-11-25", "1997-12-09", "1997-12-23", "1998-01-06", "1998-01-20", "1998-02-03",
        "1998-02-17"}},
      {"RFC weekly on Tuesday and Thursday for five weeks (UNTIL)",
       "FREQ=WEEKLY;UNTIL=19971006;WKST=SU;BYDAY=TU,TH",
       "1997-09-02",
       100,
       {"1997-09-02", "1997-09-04", "1997-09-09", "1997-09-11", "1997-09-16", "1997-09-18",
        "1997-09-23", "1997-09-25", "1997-09-30", "1997-10-02"}},
      {"RFC weekly on Tuesday and Thursday for five weeks (COUNT)",
       "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH",
       "1997-09-02",
       100,
       {"1997-09-02", "1997-09-04", "1997-09-09", "1997-09-11", "1997-09-16", "1997-09-18",
        "1997-09-23", "1997-09-25", "1997-09-30", "1997-10-02"}},
      {"RFC every other week on Monday, Wednesday, and Friday until December 24, 1997",
       "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971223;WKST=SU;BYDAY=MO,WE,FR",
       "1997-09-01",
       100,
       {"1997-09-01", "1997-09-03", "1997-09-05", "1997-09-15", "1997-09-17",
        "1997-09-19", "1997-09-29", "1997-10-01", "1997-10-03", "1997-10-13",
        "1997-10-15", "1997-10-17", "1997-10-27", "1997-10-29", "1997-10-31",
        "1997-11-10", "1997-11-12", "1997-11-14", "1997-11-24", "1997-11-26",
        "1997-11-28", "1997-12-08", "1997-12-10", "1997-12-12", "1997-12-22"}},
      {"RFC every other week on Tuesday and Thursday, for 8 occurrences",
       "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH",
       "1997-09-02",
       100,
       {"1997-09-02", "1997-09-04", "1997-09-16", "1997-09-18", "1997-09-30", "1997-10-02",
        "1997-10-14", "1997-10-16"}},
      {"RFC monthly on the first Friday for 10 occurrences",
       "FREQ=MONTHLY;COUNT=10;BYDAY=1FR",
       "1997-09-05",
       100,
       {"1997-09-05", "1997-10-03", "1997-11-07", "1997-12-05", "1998-01-02", "1998-02-06",
        "1998-03-06", "1998-04-03", "1998-05-01", "1998-06-05"}},
      {"RFC monthly on the first Friday until December 24, 1997",
       "FREQ=MONTHLY;UNTIL=19971223;BYDAY=1FR",
       "1997-09-05",
       100,
       {"1997-09-05", "1997-10-03", "1997-11-07", "1997-12-05"}},
      {"RFC every other month on the first and last Sunday, 10 occurrences",
       "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU",
       "1997-09-07",
       100,
       {"1997-09-07", "1997-09-28", "1997-11-02", "1997-11-30", "1998-01-04", "1998-01-25",
        "1998-03-01", "1998-03-29", "1998-05-03", "1998-05-31"}},
      {"RFC monthly on the second-to-last Monday for 6 months",
       "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO",
       "1997-09-22",
       100,
       {"1997-09-22", "1997-10-20", "1997-11-17", "1997-12-22", "1998-01-19", "1998-02-16"}},
      {"RFC monthly on the third-to-the-last day of the month, forever",
       "FREQ=MONTHLY;BYMONTHDAY=-3",
       "1997-09-28",
       6,
       {"1997-09-28", "1997-10-29", "1997-11-28", "1997-12-29", "1998-01-29", "1998-02-26"}},
      {"RFC monthly on the 2nd and 15th for 10 occurrences",
       "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15",
       "1997-09-02",
       100,
       {"1997-09-02", "1997-09-15", "1997-10-02", "1997-10-15", "1997-11-02", "1997-11-15",
        "1997-12-02", "1997-12-15", "1998-01-02", "1998-01-15"}},
      {"RFC monthly on the first and last day for 10 occurrences",
       "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1",
       "1997-09-30",
       100,
       {"1997-09-30", "1997-10-01", "1997-10-31", "1997-11-01", "1997-11-30", "1997-12-01",
        "1997-12-31", "1998-01-01", "1998-01-31", "1998-02-01"}},
      {"RFC every 18 months on the 10th thru 15th, 10 occurrences",
       "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15",
       "1997-09-10",
       100,
       {"1997-09-10", "1997-09-11", "1997-09-12", "1997-09-13", "1997-09-14", "1997-09-15",
        "1999-03-10", "1999-03-11", "1999-03-12", "1999-03-13"}},
      {"RFC every Tuesday, every other month",
       "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU",
       "1997-09-02",
       14,
       {"1997-09-02", "1997-09-09", "1997-09-16", "1997-09-23", "1997-09-30", "1997-11-04",
        "1997-11-11", "1997-11-18", "1997-11-25", "1998-01-06", "1998-01-13", "1998-01-20",
        "1998-01-27", "1998-03-03"}},
      {"RFC yearly in June and July for 10 occurrences",
       "FREQ=YEARLY;COUNT=10;BYMONTH=6,7",
       "1997-06-10",
       100,
       {"1997-06-10", "1997-07-10", "1998-06-10", "1998-07-10", "1999-06-10", "1999-07-10",
        "2000-06-10", "2000-07-10", "2001-06-10", "2001-07-10"}},
      {"RFC every other year on January, February, and March for 10 occurrences",
       "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3",
       "1997-03-10",
       100,
       {"1997-03-10", "1999-01-10", "1999-02-10", "1999-03-10", "2001-01-10", "2001-02-10",
        "2001-03-10", "2003-01-10", "2003-02-10", "2003-03-10"}},
      {"RFC every third year on the 1st, 100th, and 200th day for 10 occurrences",
       "FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200",
       "1997-01-01",
       100,
       {"1997-01-01", "1997-04-10", "1997-07-19", "2000-01-01", "2000-04-09", "2000-07-18",
        "2003-01-01", "2003-04-10", "2003-07-19", "2006-01-01"}},
      {"RFC every 20th Monday of the year, forever",
       "FREQ=YEARLY;BYDAY=20MO",
       "1997-05-19",
       3,
       {"1997-05-19", "1998-05-18", "1999-05-17"}},
      {"RFC Monday of week number 20, forever",
       "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
       "1997-05-12",
       3,
       {"1997-05-12", "1998-05-11", "1999-05-17"}},
      {"RFC every Thursday in March, forever",
       "FREQ=YEARLY;BYMONTH=3;BYDAY=TH",
       "1997-03-13",
       11,
       {"1997-03-13", "1997-03-20", "1997-03-27", "1998-03-05", "1998-03-12", "1998-03-19",
        "1998-03-26", "1999-03-04", "1999-03-11", "1999-03-18", "1999-03-25"}},
      {"RFC every Thursday, but only during June, July, and August, forever",
       "FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8",
       "1997-06-05",
       13,
       {"1997-06-05", "1997-06-12", "1997-06-19", "1997-06-26", "1997-07-03", "1997-07-10",
        "1997-07-17", "1997-07-24", "1997-07-31", "1997-08-07", "1997-08-14", "1997-08-21",
        "1997-08-28"}},
      {"RFC every Friday the 13th, forever",
       "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
       "1997-09-02",
       5,
       {"1998-02-13", "1998-03-13", "1998-11-13", "1999-08-13", "2000-10-13"}},
      {"RFC the first Saturday that follows the first Sunday of the month, forever",
       "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13",
       "1997-09-13",
       10,
       {"1997-09-13", "1997-10-11", "1997-11-08", "1997-12-13", "1998-01-10", "1998-02-07",
        "1998-03-07", "1998-04-11", "1998-05-09", "1998-06-13"}},
      {"RFC every 4 years, the first Tuesday after a Monday in November (US election day)",
       "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8",
       "1996-11-05",
       3,
       {"1996-11-05", "2000-11-07", "2004-11-02"}},
      {"RFC the third instance of Tuesday, Wednesday, or Thursday, for the next 3 months",
       "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3",
       "1997-09-04",
       100,
       {"1997-09-04", "1997-10-07", "1997-11-06"}},
      {"RFC the second-to-last weekday of the month",
       "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2",
       "1997-09-29",
       7,
       {"1997-09-29", "1997-10-30", "1997-11-27", "1997-12-30", "1998-01-29", "1998-02-26",
        "1998-03-30"}},
      {"RFC WKST=MO changes the result",
       "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO",
       "1997-08-05",
       100,
       {"1997-08-05", "1997-08-10", "1997-08-19", "1997-08-24"}},
      {"RFC WKST=SU changes the result",
       "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU",
       "1997-08-05",
       100,
       {"1997-08-05", "1997-08-17", "1997-08-19", "1997-08-31"}},
      {"RFC an invalid date (February 30) is ignored",
       "FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5",
       "2007-01-15",
       100,
       {"2007-01-15", "2007-01-30", "2007-02-15", "2007-03-15", "2007-03-30"}},
      {"hand: last weekday of each month 2026",
       "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
       "2026-01-01",
       4,
       {"2026-01-30", "2026-02-27", "2026-03-31", "2026-04-30"}},
      {"hand: last day of February (leap years included)",
       "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1;COUNT=4",
       "2023-02-28",
       100,
       {"2023-02-28", "2024-02-29", "2025-02-28", "2026-02-28"}},
      {"hand: Feb 29 occurs only in leap years",
       "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
       "2024-02-29",
       4,
       {"2024-02-29", "2028-02-29", "2032-02-29", "2036-02-29"}},
      {"hand: quarterly on the 1st",
       "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1;COUNT=5",
       "2026-01-01",
       100,
       {"2026-01-01", "2026-04-01", "2026-07-01", "2026-10-01", "2027-01-01"}},
      {"hand: Thanksgiving, 4th Thursday of November",
       "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH;COUNT=3",
       "2026-11-26",
       100,
       {"2026-11-26", "2027-11-25", "2028-11-23"}},
  };
  return table;
}

TEST(RecurrenceTest, Rfc5545ExamplesAndHandCheckedCases) {
  ASSERT_GE(cases().size(), 30u);
  for (const auto& c : cases()) {
    auto r = Recurrence::parse(c.rule, date_of(c.dtstart));
    ASSERT_TRUE(r.ok()) << c.source << ": " << r.error().message();
    EXPECT_EQ(r->expand(std::nullopt, c.max_count), dates(c.expected)) << c.source;
  }
}

TEST(RecurrenceTest, RfcDailyUntilAndEveryDayInJanuary) {
  // RFC: "Daily until December 24, 1997" (the last is Dec 23 at 09:00 NY).
  auto daily = Recurrence::parse("FREQ=DAILY;UNTIL=19971223", ymd(1997, 9, 2));
  ASSERT_TRUE(daily.ok());
  EXPECT_EQ(daily->expand(std::nullopt, 1000), every_day(ymd(1997, 9, 2), ymd(1997, 12, 23)));
  // RFC: "Every day in January, for 3 years", in its two spellings.
  std::vector<Date> januaries;
  for (int y = 1998; y <= 2000; ++y) {
    auto days = every_day(ymd(y, 1, 1), ymd(y, 1, 31));
    januaries.insert(januaries.end(), days.begin(), days.end());
  }
  for (const char* rule : {"FREQ=YEARLY;UNTIL=20000131;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA",
                           "FREQ=DAILY;UNTIL=20000131;BYMONTH=1"}) {
    auto r = Recurrence::parse(rule, ymd(1998, 1, 1));
    ASSERT_TRUE(r.ok()) << rule;
    EXPECT_EQ(r->expand(std::nullopt, 1000), januaries) << rule;
  }
}

TEST(RecurrenceTest, UntilWithADateTimeValue) {
  // UNTIL given as a UTC DATE-TIME is accepted; the date part bounds the dates.
  auto r = Recurrence::parse("FREQ=DAILY;UNTIL=19970905T235959Z", ymd(1997, 9, 2));
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->expand(std::nullopt, 100), every_day(ymd(1997, 9, 2), ymd(1997, 9, 5)));
}

TEST(RecurrenceTest, CallerUntilAndMaxCountCombineWithTheRule) {
  auto r = Recurrence::parse("FREQ=DAILY;COUNT=10", ymd(1997, 9, 2));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->expand(ymd(1997, 9, 5), 100), every_day(ymd(1997, 9, 2), ymd(1997, 9, 5)));
  EXPECT_EQ(r->expand(ymd(1998, 1, 1), 3), every_day(ymd(1997, 9, 2), ymd(1997, 9, 4)));
  EXPECT_EQ(r->expand(std::nullopt, 100).size(), 10u);
  EXPECT_TRUE(r->expand(std::nullopt, 0).empty());
  EXPECT_TRUE(r->expand(ymd(1997, 9, 1), 100).empty());
}

// A day named twice in a BY list is one occurrence (the rule is a set); libical
// yields it twice (found by fuzz/rrule_fuzz.cpp).
TEST(RecurrenceTest, ADayNamedTwiceOccursOnce) {
  auto r = Recurrence::parse("FREQ=WEEKLY;BYDAY=WE,WE,FR", ymd(2026, 1, 5));
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(
      r->expand(ymd(2026, 1, 17), 100),
      (std::vector<Date>{ymd(2026, 1, 7), ymd(2026, 1, 9), ymd(2026, 1, 14), ymd(2026, 1, 16)}));
  auto monthly = Recurrence::parse("FREQ=MONTHLY;BYMONTHDAY=1,1,-1", ymd(2026, 1, 1));
  ASSERT_TRUE(monthly.ok());
  EXPECT_EQ(
      monthly->expand(ymd(2026, 2, 28), 100),
      (std::vector<Date>{ymd(2026, 1, 1), ymd(2026, 1, 31), ymd(2026, 2, 1), ymd(2026, 2, 28)}));
}

TEST(RecurrenceTest, NextOnOrAfter) {
  auto r = Recurrence::parse("FREQ=MONTHLY;BYMONTHDAY=-1", ymd(2026, 1, 31));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->next_on_or_after(ymd(2026, 2, 15)), ymd(2026, 2, 28));
  EXPECT_EQ(r->next_on_or_after(ymd(2026, 2, 28)), ymd(2026, 2, 28));
  EXPECT_EQ(r->next_on_or_after(ymd(2028, 2, 1)), ymd(2028, 2, 29));
  EXPECT_EQ(r->next_on_or_after(ymd(2000, 1, 1)), ymd(2026, 1, 31));
  auto ended = Recurrence::parse("FREQ=WEEKLY;COUNT=2", ymd(2026, 1, 1));
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(ended->next_on_or_after(ymd(2026, 1, 8)), ymd(2026, 1, 8));
  EXPECT_FALSE(ended->next_on_or_after(ymd(2026, 1, 9)).has_value());
}

TEST(RecurrenceTest, RulesThatNeverFireExpandToNothingQuickly) {
  for (const char* rule :
       {"FREQ=YEARLY;BYMONTHDAY=31;BYMONTH=2", "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2",
        "FREQ=MONTHLY;BYMONTHDAY=30;BYMONTH=2", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30,31",
        "FREQ=YEARLY;BYMONTH=4,6,9,11;BYMONTHDAY=31", "FREQ=MONTHLY;BYDAY=1FR;BYMONTHDAY=8,9,10",
        "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6", "FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=YEARLY;BYYEARDAY=366;BYMONTH=1",
        "FREQ=DAILY;BYDAY=MO;BYMONTHDAY=1;BYMONTH=2;INTERVAL=7"}) {
    auto r = Recurrence::parse(rule, ymd(2026, 1, 1));
    ASSERT_TRUE(r.ok()) << rule << ": " << r.error().message();
    const auto start = std::chrono::steady_clock::now();
    EXPECT_TRUE(r->expand(std::nullopt, 10).empty()) << rule;
    EXPECT_FALSE(r->next_on_or_after(ymd(2026, 1, 1)).has_value()) << rule;
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_LT(elapsed, std::chrono::milliseconds(100)) << rule;
  }
}

TEST(RecurrenceTest, MalformedRulesAreErrorsNamingTheRuleAndProblem) {
  const std::vector<std::pair<const char*, const char*>> bad = {
      {"", "empty rule"},
      {"garbage", "not NAME=VALUE"},
      {"BYDAY=MO", "FREQ is missing"},
      {"FREQ=DAILY;FOO=1", "unknown part 'FOO'"},
      {"FREQ=FORTNIGHTLY", "FREQ=FORTNIGHTLY"},
      {"FREQ=HOURLY", "all-day"},
      {"FREQ=DAILY;BYHOUR=9", "BYHOUR"},
      {"FREQ=WEEKLY;BYDAY=XX", "BYDAY value 'XX'"},
      {"FREQ=DAILY;BYDAY=1MO", "needs FREQ=MONTHLY or YEARLY"},
      {"FREQ=MONTHLY;BYDAY=6MO", "BYDAY ordinal '6MO'"},
      {"FREQ=DAILY;COUNT=abc", "COUNT value 'ABC'"},
      {"FREQ=DAILY;COUNT=0", "COUNT value '0'"},
      {"FREQ=DAILY;INTERVAL=0", "INTERVAL value '0'"},
      {"FREQ=DAILY;COUNT=2;UNTIL=19971224", "COUNT and UNTIL"},
      {"FREQ=DAILY;UNTIL=19970230", "UNTIL value '19970230'"},
      {"FREQ=YEARLY;BYMONTH=13", "BYMONTH value '13' (valid: 1..12)"},
      {"FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY value '32' (valid: +/-1..31)"},
      {"FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY value '0'"},
      {"FREQ=WEEKLY;BYMONTHDAY=1", "not allowed with FREQ=WEEKLY"},
      {"FREQ=MONTHLY;BYYEARDAY=1", "BYYEARDAY needs FREQ=YEARLY"},
      {"FREQ=MONTHLY;BYSETPOS=1", "BYSETPOS needs another"},
      {"FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=-1", "only with FREQ=MONTHLY or YEARLY"},
      {"FREQ=WEEKLY;WKST=XY", "WKST value 'XY'"},
      {"FREQ=DAILY;FREQ=WEEKLY", "appears twice"},
      {"FREQ=DAILY;;COUNT=2", "not NAME=VALUE"},
  };
  for (const auto& [rule, problem] : bad) {
    auto r = Recurrence::parse(rule, ymd(2026, 1, 1));
    ASSERT_FALSE(r.ok()) << rule;
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
    const std::string& m = r.error().message();
    EXPECT_NE(m.find("'" + std::string(rule) + "'"), std::string::npos) << m;
    EXPECT_NE(m.find(problem), std::string::npos) << rule << " -> " << m;
  }
}

TEST(RecurrenceTest, AcceptsLowerCaseAndRrulePrefix) {
  auto r = Recurrence::parse("RRULE:freq=weekly;byday=mo;count=2", ymd(2026, 11, 23));
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->expand(std::nullopt, 10), (std::vector<Date>{ymd(2026, 11, 23), ymd(2026, 11, 30)}));
  EXPECT_EQ(r->rule_text(), "FREQ=WEEKLY;BYDAY=MO;COUNT=2");
  EXPECT_EQ(r->dtstart(), ymd(2026, 11, 23));
}

TEST(RecurrenceTest, DtstartOutsideTheSupportedRange) {
  auto r = Recurrence::parse("FREQ=DAILY", ymd(1899, 12, 31));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("1899-12-31"), std::string::npos);
  EXPECT_NE(r.error().message().find("1900-01-01..2100-12-31"), std::string::npos);
}

// Raw libical expansion up to `until` (no cadence checks), for cross-checking.
std::vector<Date> libical_expand(const std::string& rule, Date dtstart, Date until) {
  icalrecurrencetype r = icalrecurrencetype_from_string(rule.c_str());
  icaltimetype u = icaltime_null_time();
  u.year = static_cast<int>(until.year());
  u.month = static_cast<int>(static_cast<unsigned>(until.month()));
  u.day = static_cast<int>(static_cast<unsigned>(until.day()));
  u.is_date = 1;
  r.until = u;
  icaltimetype s = u;
  s.year = static_cast<int>(dtstart.year());
  s.month = static_cast<int>(static_cast<unsigned>(dtstart.month()));
  s.day = static_cast<int>(static_cast<unsigned>(dtstart.day()));
  std::vector<Date> out;
  icalrecur_iterator* it = icalrecur_iterator_new(r, s);
  if (it == nullptr) return out;
  for (icaltimetype t = icalrecur_iterator_next(it); !icaltime_is_null_time(t);
       t = icalrecur_iterator_next(it)) {
    out.push_back(ymd(t.year, static_cast<unsigned>(t.month), static_cast<unsigned>(t.day)));
  }
  icalrecur_iterator_free(it);
  return out;
}

TEST(RecurrenceTest, NeverFiresCheckAgreesWithLibicalOnRandomRules) {
  // The up-front "can it fire" check must never reject a rule that libical
  // expands: random combinations of BY parts, compared over 2026-2028.
  std::mt19937 rng(20261127);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const char* freqs[] = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
  const char* days[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
  int fired = 0, never = 0, slow_checks = 0;
  for (int i = 0; i < 150; ++i) {
    const int f = pick(4);
    std::string rule = std::string("FREQ=") + freqs[f];
    if (pick(3) == 0) rule += ";INTERVAL=" + std::to_string(1 + pick(5));
    if (pick(2) == 0) rule += ";BYMONTH=" + std::to_string(1 + pick(12));
    if (f != 1 && pick(2) == 0) {
      const int md = 1 + pick(31);
      rule += ";BYMONTHDAY=" + std::to_string(pick(4) == 0 ? -md : md);
    }
    if (pick(2) == 0) {
      const bool ordinal = (f == 2 || f == 3) && pick(2) == 0;
      rule +=
          ";BYDAY=" +
          (ordinal ? std::to_string(pick(2) == 0 ? -(1 + pick(5)) : 1 + pick(5)) : std::string()) +
          days[pick(7)];
    }
    if (f >= 2 && rule.find(";BY") != std::string::npos && pick(4) == 0) {
      rule += ";BYSETPOS=" + std::to_string(pick(2) == 0 ? -(1 + pick(3)) : 1 + pick(3));
    }
    const Date start =
        ymd(2026, 1 + static_cast<unsigned>(pick(12)), 1 + static_cast<unsigned>(pick(28)));
    auto parsed = parse_recurrence_rule(rule);
    ASSERT_TRUE(parsed.ok()) << rule << ": " << parsed.error().message();
    const bool can_fire = recurrence_can_fire(*parsed, start);
    auto r = Recurrence::parse(rule, start);
    ASSERT_TRUE(r.ok()) << rule;
    const auto ours = r->expand(ymd(2028, 12, 31), 100000);
    if (can_fire) {
      EXPECT_EQ(ours, libical_expand(parsed->text, start, ymd(2028, 12, 31))) << rule;
      if (!ours.empty()) ++fired;
      continue;
    }
    ++never;
    EXPECT_TRUE(ours.empty()) << rule;
    // libical needs 0.1-2 s to find nothing for a MONTHLY/YEARLY rule that
    // never fires (it searches to 2582 whatever UNTIL says): check a few.
    if (f < 2 || slow_checks++ < 4) {
      EXPECT_TRUE(libical_expand(parsed->text, start, ymd(2028, 12, 31)).empty())
          << rule << " from " << format_date(start);
    }
  }
  EXPECT_GT(fired, 60);
  EXPECT_GT(never, 5);
}

}  // namespace
}  // namespace cadence
