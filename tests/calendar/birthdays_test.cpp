// Birthdays and anniversaries: Gregorian (Feb 29 policy) and lunar (regular
// month, day 30, leap months), stepping through lunar years.
//
// Lunar reference values are computed in the test from the month table
// tests/data/lunar/lunar_years.csv (lunar-javascript 1.7.7), not from cadence's
// lunar code; a few are checked against the published calendar as well.
#include <gtest/gtest.h>

#include "cadence/calendar.hpp"
#include "calendar_test_util.hpp"

namespace cadence {
namespace {

using testing::load_lunar_years;
using testing::reference_lunar;
using testing::ymd;

const BirthdayPolicy kFeb28{Feb29Policy::kFeb28, false};
const BirthdayPolicy kMar1{Feb29Policy::kMar1, false};

TEST(GregorianBirthdayTest, OrdinaryDate) {
  const GregorianBirthday b{std::nullopt, 6, 18};
  EXPECT_EQ(next_birthday(b, ymd(2026, 6, 18), kFeb28), ymd(2026, 6, 18));
  EXPECT_EQ(next_birthday(b, ymd(2026, 6, 19), kFeb28), ymd(2027, 6, 18));
  EXPECT_EQ(next_birthday(b, ymd(2026, 1, 1), kFeb28), ymd(2026, 6, 18));
  EXPECT_EQ(next_birthday(GregorianBirthday{std::nullopt, 12, 31}, ymd(2026, 12, 31), kFeb28),
            ymd(2026, 12, 31));
}

TEST(GregorianBirthdayTest, Feb29DefaultsToFeb28InCommonYears) {
  const GregorianBirthday b{1996, 2, 29};
  EXPECT_EQ(next_birthday(b, ymd(2026, 1, 1), kFeb28), ymd(2026, 2, 28));
  EXPECT_EQ(next_birthday(b, ymd(2026, 3, 1), kFeb28), ymd(2027, 2, 28));
  EXPECT_EQ(next_birthday(b, ymd(2027, 3, 1), kFeb28), ymd(2028, 2, 29));
  EXPECT_EQ(next_birthday(b, ymd(2028, 2, 29), kFeb28), ymd(2028, 2, 29));
  // 2100 is not a leap year (divisible by 100, not by 400); 2000 was.
  EXPECT_EQ(next_birthday(b, ymd(2100, 1, 1), kFeb28), ymd(2100, 2, 28));
  EXPECT_EQ(next_birthday(GregorianBirthday{std::nullopt, 2, 29}, ymd(2000, 1, 1), kFeb28),
            ymd(2000, 2, 29));
}

TEST(GregorianBirthdayTest, Feb29CanBeMovedToMar1) {
  const GregorianBirthday b{std::nullopt, 2, 29};
  EXPECT_EQ(next_birthday(b, ymd(2026, 1, 1), kMar1), ymd(2026, 3, 1));
  EXPECT_EQ(next_birthday(b, ymd(2026, 3, 1), kMar1), ymd(2026, 3, 1));
  EXPECT_EQ(next_birthday(b, ymd(2026, 3, 2), kMar1), ymd(2027, 3, 1));
  EXPECT_EQ(next_birthday(b, ymd(2027, 3, 2), kMar1), ymd(2028, 2, 29));
}

TEST(GregorianBirthdayTest, BirthYearAndImpossibleDates) {
  // An anniversary does not occur before the event itself.
  EXPECT_EQ(next_birthday(GregorianBirthday{2030, 6, 18}, ymd(2026, 1, 1), kFeb28),
            ymd(2030, 6, 18));
  EXPECT_FALSE(next_birthday(GregorianBirthday{std::nullopt, 2, 30}, ymd(2026, 1, 1), kFeb28));
  EXPECT_FALSE(next_birthday(GregorianBirthday{std::nullopt, 13, 1}, ymd(2026, 1, 1), kFeb28));
  EXPECT_FALSE(next_birthday(GregorianBirthday{std::nullopt, 4, 31}, ymd(2026, 1, 1), kFeb28));
}

TEST(LunarBirthdayTest, PublishedDates) {
  // 中秋 2025-10-06 and 2026-09-25; 除夕 2025-01-28 is 腊月廿九 (no 30th).
  const LunarBirthday mid_autumn{std::nullopt, 8, 15, false};
  EXPECT_EQ(next_birthday(mid_autumn, ymd(2025, 1, 1), kFeb28), ymd(2025, 10, 6));
  EXPECT_EQ(next_birthday(mid_autumn, ymd(2025, 10, 7), kFeb28), ymd(2026, 9, 25));
  const LunarBirthday day30{std::nullopt, 12, 30, false};
  EXPECT_EQ(next_birthday(day30, ymd(2025, 1, 1), kFeb28), ymd(2025, 1, 28));
}

// The expected next occurrence from the reference table: the earliest
// observed date >= from over all lunar years (>= birth year if given).
std::optional<Date> reference_next(const std::map<int, testing::LunarYearRow>& years,
                                   const LunarBirthday& b, Date from, bool exact_leap) {
  for (const auto& [year, row] : years) {
    if (b.year && year < *b.year) continue;
    const bool use_leap = b.leap && exact_leap && row.leap_month == b.month;
    const Date d = reference_lunar(row, b.month, b.day, use_leap);
    if (d >= from) return d;
  }
  return std::nullopt;
}

TEST(LunarBirthdayTest, MatchesReferenceFromManyStartDates1901To2099) {
  const auto years = load_lunar_years();
  const std::vector<LunarBirthday> birthdays = {
      {std::nullopt, 1, 1, false},   {std::nullopt, 8, 15, false}, {std::nullopt, 11, 15, false},
      {std::nullopt, 11, 30, false}, {std::nullopt, 12, 8, false}, {std::nullopt, 12, 30, false},
      {std::nullopt, 4, 30, true},   {std::nullopt, 6, 10, true},  {1990, 2, 2, false}};
  int twice_in_a_year = 0;
  for (const auto& b : birthdays) {
    for (bool exact : {false, true}) {
      const BirthdayPolicy p{Feb29Policy::kFeb28, exact};
      // Every 37 days from 1901 to 2099: hits every part of the year.
      for (auto day = std::chrono::sys_days{ymd(1901, 1, 1)};
           day < std::chrono::sys_days{ymd(2099, 12, 1)}; day += std::chrono::days{37}) {
        const Date from{day};
        const auto got = next_birthday(b, from, p);
        const auto want = reference_next(years, b, from, exact);
        ASSERT_EQ(got, want) << b.month << "/" << b.day << (b.leap ? " leap" : "") << " from "
                             << format_date(from) << (exact ? " exact" : "");
        // A second occurrence in the same Gregorian year (lunar 11/12).
        if (got) {
          const Date after{std::chrono::sys_days{*got} + std::chrono::days{1}};
          const auto again = next_birthday(b, after, p);
          if (again && again->year() == got->year()) ++twice_in_a_year;
        }
      }
    }
  }
  EXPECT_GT(twice_in_a_year, 0);
}

TEST(LunarBirthdayTest, LeapMonthBirthUsesRegularMonthUnlessExact) {
  // Born 闰六月初十 2025 (lunar 2025 has a leap 6th month; so does 2036).
  const auto years = load_lunar_years();
  const LunarBirthday b{2025, 6, 10, true};
  const BirthdayPolicy regular{Feb29Policy::kFeb28, false};
  const BirthdayPolicy exact{Feb29Policy::kFeb28, true};
  ASSERT_EQ(years.at(2036).leap_month, 6u);
  EXPECT_EQ(next_birthday(b, ymd(2036, 1, 1), regular), reference_lunar(years.at(2036), 6, 10));
  EXPECT_EQ(next_birthday(b, ymd(2036, 1, 1), exact), reference_lunar(years.at(2036), 6, 10, true));
  EXPECT_NE(reference_lunar(years.at(2036), 6, 10), reference_lunar(years.at(2036), 6, 10, true));
  // In a year without a leap 6th month both policies use the regular month.
  EXPECT_EQ(next_birthday(b, ymd(2027, 1, 1), exact), reference_lunar(years.at(2027), 6, 10));
}

TEST(LunarBirthdayTest, RangeAndBadValues) {
  const LunarBirthday b{std::nullopt, 8, 15, false};
  EXPECT_FALSE(next_birthday(b, ymd(2101, 12, 1), kFeb28));
  // Before the table starts: the first occurrence in lunar 1900.
  EXPECT_EQ(next_birthday(LunarBirthday{std::nullopt, 1, 1, false}, ymd(1899, 6, 1), kFeb28),
            ymd(1900, 1, 31));
  EXPECT_FALSE(next_birthday(LunarBirthday{std::nullopt, 13, 1, false}, ymd(2026, 1, 1), kFeb28));
  EXPECT_FALSE(next_birthday(LunarBirthday{std::nullopt, 1, 31, false}, ymd(2026, 1, 1), kFeb28));
}

}  // namespace
}  // namespace cadence
