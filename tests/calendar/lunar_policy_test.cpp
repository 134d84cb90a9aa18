// The birthday policy (DESIGN.md: regular month; day 30 -> last day; leap-month
// dates in the regular month unless `exact_leap`) and input errors. Expected
// dates are taken from the reference table tests/data/lunar/lunar_years.csv
// (lunar-javascript 1.7.7) as cited in each case.
#include <gtest/gtest.h>

#include <string>

#include "cadence/lunar.hpp"
#include "calendar_test_util.hpp"

namespace cadence {
namespace {

using cadence::testing::show;

TEST(LunarPolicy, Day30InA29DayMonthFallsOnTheLastDay) {
  // Reference (lunar_years.csv): 2024 starts 2024-02-10 and its month 1 has 29
  // days, so its last day is 2024-03-09; month 2 has 30 days.
  ASSERT_EQ(lunar_month_days(2024, 1, false), 29u);
  EXPECT_EQ(show(observe_lunar_date(2024, 1, 30, false, false)), "2024-03-09");
  EXPECT_EQ(show(observe_lunar_date(2024, 1, 29, false, false)), "2024-03-09");
  // The exact conversion refuses the impossible date and names the range.
  auto exact = from_lunar({2024, 1, 30, false});
  ASSERT_FALSE(exact);
  EXPECT_NE(exact.error().message().find("has 29 days (valid: 1..29)"), std::string::npos)
      << exact.error().message();
  ASSERT_EQ(lunar_month_days(2024, 2, false), 30u);
  EXPECT_EQ(show(observe_lunar_date(2024, 2, 30, false, false)), "2024-04-08");
}

TEST(LunarPolicy, LeapMonthBirthdayIsCelebratedInTheRegularMonth) {
  // Reference (leap_months.csv): 2023 has leap month 2 (闰二月, 2023-03-22..04-19);
  // 2025 has leap month 6 (闰六月 from 2025-07-25).
  ASSERT_EQ(lunar_leap_month(2023), 2u);
  // Born on 闰二月初十: by default celebrated on 二月初十 every year...
  EXPECT_EQ(show(observe_lunar_date(2023, 2, 10, true, false)), show(from_lunar({2023, 2, 10})));
  EXPECT_EQ(show(observe_lunar_date(2024, 2, 10, true, false)), show(from_lunar({2024, 2, 10})));
  // ...with `exact`, in the leap month when the year has one, else the regular.
  EXPECT_EQ(show(observe_lunar_date(2023, 2, 10, true, true)), "2023-03-31");
  EXPECT_EQ(show(observe_lunar_date(2024, 2, 10, true, true)), show(from_lunar({2024, 2, 10})));
  // A year whose leap month is a different one uses the regular month.
  ASSERT_EQ(lunar_leap_month(2025), 6u);
  EXPECT_EQ(show(observe_lunar_date(2025, 2, 10, true, true)), show(from_lunar({2025, 2, 10})));
  EXPECT_EQ(show(observe_lunar_date(2025, 6, 1, true, true)), "2025-07-25");
  // A regular-month birthday never moves to the leap month, even with exact.
  EXPECT_EQ(show(observe_lunar_date(2025, 6, 1, false, true)), show(from_lunar({2025, 6, 1})));
}

TEST(LunarPolicy, LeapMonthDay30UsesTheLastDayOfTheMonthItLandsIn) {
  // 1900 leap 8 has 29 days (leap_months.csv: 1900,8,29,1900-09-24,1900-10-22).
  EXPECT_EQ(show(observe_lunar_date(1900, 8, 30, true, true)), "1900-10-22");
}

TEST(LunarPolicy, Month11And12DatesCanFallTwiceOrNotAtAllInAGregorianYear) {
  // Reference values from lunar-javascript 1.7.7 (Lunar.fromYmd(...).getSolar()).
  // Lunar 11/25 falls twice in Gregorian 2000: lunar 1999's on 2000-01-01 and
  // lunar 2000's on 2000-12-20.
  EXPECT_EQ(show(observe_lunar_date(1999, 11, 25, false, false)), "2000-01-01");
  EXPECT_EQ(show(observe_lunar_date(2000, 11, 25, false, false)), "2000-12-20");
  // Lunar 11/20 falls not at all in Gregorian 2001: lunar 2000's is in 2000-12,
  // lunar 2001's in 2002-01.
  const auto y2000 = observe_lunar_date(2000, 11, 20, false, false);
  const auto y2001 = observe_lunar_date(2001, 11, 20, false, false);
  ASSERT_TRUE(y2000 && y2001);
  EXPECT_EQ(format_date(*y2000), "2000-12-15");
  EXPECT_EQ(static_cast<int>(y2001->year()), 2002);
  // 腊八 (12/8) of lunar 2024 and 2025: 2025-01-07 and 2026-01-26.
  EXPECT_EQ(show(observe_lunar_date(2024, 12, 8, false, false)), "2025-01-07");
  EXPECT_EQ(show(observe_lunar_date(2025, 12, 8, false, false)), "2026-01-26");
}

TEST(LunarPolicy, ErrorsNameTheValueAndTheValidRange) {
  auto bad_month = observe_lunar_date(2025, 13, 1, false, false);
  ASSERT_FALSE(bad_month);
  EXPECT_NE(bad_month.error().message().find("13"), std::string::npos);
  EXPECT_NE(bad_month.error().message().find("1..12"), std::string::npos);
  auto bad_day = from_lunar({2025, 1, 31});
  ASSERT_FALSE(bad_day);
  EXPECT_NE(bad_day.error().message().find("31"), std::string::npos);
  EXPECT_NE(bad_day.error().message().find("1..30"), std::string::npos);
  auto bad_year = from_lunar({1899, 1, 1});
  ASSERT_FALSE(bad_year);
  EXPECT_NE(bad_year.error().message().find("1899"), std::string::npos);
  EXPECT_NE(bad_year.error().message().find("1900..2100"), std::string::npos);
  EXPECT_FALSE(observe_lunar_date(2101, 1, 1, false, false));
  auto no_leap = from_lunar({2026, 6, 1, true});
  ASSERT_FALSE(no_leap);
  EXPECT_NE(no_leap.error().message().find("has no leap month 6"), std::string::npos);
  auto other_leap = from_lunar({2025, 5, 1, true});
  ASSERT_FALSE(other_leap);
  EXPECT_NE(other_leap.error().message().find("its leap month is 6"), std::string::npos);
  EXPECT_EQ(lunar_leap_month(1899), 0u);
  EXPECT_EQ(lunar_month_days(2101, 1, false), 0u);
  EXPECT_FALSE(lunar_new_year(2101).ok());
}

}  // namespace
}  // namespace cadence
