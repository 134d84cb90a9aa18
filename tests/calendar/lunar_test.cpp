// Gregorian <-> lunar conversions against the independent reference in
// tests/data/lunar/ (lunar-javascript 1.7.7, see tools/lunar/make_reference.js):
// every month of every lunar year 1900-2100, the festival dates 1901-2099,
// every leap month, and 8,002 random dates.
#include <gtest/gtest.h>

#include <string>

#include "cadence/lunar.hpp"
#include "calendar_test_util.hpp"

namespace cadence {
namespace {

using testing::date_of;
using testing::read_reference_csv;

unsigned to_unsigned(const std::string& s) { return static_cast<unsigned>(std::stoul(s)); }

TEST(LunarReference, EveryYearHasTheReferenceNewYearLeapMonthAndMonthLengths) {
  const auto rows = read_reference_csv("tests/data/lunar/lunar_years.csv");
  ASSERT_EQ(rows.size(), 201u);
  for (const auto& row : rows) {
    const int year = std::stoi(row[0]);
    SCOPED_TRACE("lunar year " + row[0]);
    EXPECT_EQ(format_date(lunar_new_year(year)), row[1]);
    const unsigned leap = to_unsigned(row[2]);
    EXPECT_EQ(lunar_leap_month(year), leap);
    std::stringstream lengths(row[3]);
    unsigned month = 1;
    bool in_leap = false;
    unsigned count = 0;
    for (unsigned days = 0; lengths >> days; ++count) {
      EXPECT_EQ(lunar_month_days(year, month, in_leap), days)
          << "month " << month << (in_leap ? " (leap)" : "");
      if (!in_leap && month == leap) {
        in_leap = true;
      } else {
        in_leap = false;
        ++month;
      }
    }
    EXPECT_EQ(count, leap == 0 ? 12u : 13u);
    if (leap == 0) {
      for (unsigned m = 1; m <= 12; ++m) EXPECT_EQ(lunar_month_days(year, m, true), 0u);
    }
  }
}

TEST(LunarReference, FestivalDates1901To2099) {
  const auto rows = read_reference_csv("tests/data/lunar/festivals.csv");
  ASSERT_EQ(rows.size(), 199u);
  for (const auto& row : rows) {
    const int y = std::stoi(row[0]);
    SCOPED_TRACE("lunar year " + row[0]);
    EXPECT_EQ(show(from_lunar({y, 1, 1, false})), row[1]) << "spring festival";
    EXPECT_EQ(show(from_lunar({y, 5, 5, false})), row[2]) << "dragon boat";
    EXPECT_EQ(show(from_lunar({y, 8, 15, false})), row[3]) << "mid-autumn";
    // 除夕: the last day of month 12, 29 or 30; the policy form asks for day 30.
    EXPECT_EQ(show(observe_lunar_date(y, 12, 30, false, false)), row[4]) << "new year's eve";
    const unsigned last = lunar_month_days(y, 12, false);
    EXPECT_EQ(show(from_lunar({y, 12, last, false})), row[4]);
    // And the eve is the day before the next new year.
    EXPECT_EQ(format_date(to_date(to_sys_days(lunar_new_year(y + 1)) - Days{1})), row[4]);
  }
}

TEST(LunarReference, EveryLeapMonthRoundTrips) {
  const auto rows = read_reference_csv("tests/data/lunar/leap_months.csv");
  ASSERT_GE(rows.size(), 70u);
  for (const auto& row : rows) {
    const int y = std::stoi(row[0]);
    const unsigned month = to_unsigned(row[1]);
    const unsigned days = to_unsigned(row[2]);
    SCOPED_TRACE("leap month " + row[1] + " of " + row[0]);
    EXPECT_EQ(lunar_leap_month(y), month);
    EXPECT_EQ(lunar_month_days(y, month, true), days);
    EXPECT_EQ(show(from_lunar({y, month, 1, true})), row[3]);
    EXPECT_EQ(show(from_lunar({y, month, days, true})), row[4]);
    // Every day of the leap month, both ways.
    const auto first = to_sys_days(date_of(row[3]));
    for (unsigned d = 1; d <= days; ++d) {
      const Date g = to_date(first + Days{d - 1});
      auto lunar = to_lunar(g);
      ASSERT_TRUE(lunar) << lunar.error().message();
      EXPECT_EQ(*lunar, (LunarDate{y, month, d, true})) << format_date(g);
      EXPECT_EQ(show(from_lunar(*lunar)), format_date(g));
    }
  }
}

TEST(LunarReference, RandomDatesBothWays) {
  const auto rows = read_reference_csv("tests/data/lunar/random_dates.csv");
  ASSERT_GE(rows.size(), 8000u);
  for (const auto& row : rows) {
    const Date g = date_of(row[0]);
    const LunarDate expected{std::stoi(row[1]), to_unsigned(row[2]), to_unsigned(row[3]),
                             row[4] == "1"};
    auto lunar = to_lunar(g);
    ASSERT_TRUE(lunar) << row[0] << ": " << lunar.error().message();
    EXPECT_EQ(*lunar, expected) << row[0] << " -> " << lunar->year << "-" << lunar->month << "-"
                                << lunar->day << (lunar->leap ? " leap" : "");
    EXPECT_EQ(show(from_lunar(expected)), row[0]);
  }
}

TEST(LunarReference, CloseCallsAndPublishedNewYears) {
  // Published Chinese New Year dates that ICU 72 gets wrong (toolchain.md).
  EXPECT_EQ(format_date(lunar_new_year(2027)), "2027-02-06");
  EXPECT_EQ(format_date(lunar_new_year(2030)), "2030-02-03");
  // New moons seconds from Beijing midnight (docs/LUNAR.md); values from
  // lunar-javascript 1.7.7 (Solar.fromYmd(...).getLunar()): 2057-09-28 is
  // 八月三十 and 2057-09-29 九月初一; 2097-08-07 is 七月初一.
  EXPECT_EQ(*to_lunar(date_of("2057-09-28")), (LunarDate{2057, 8, 30, false}));
  EXPECT_EQ(*to_lunar(date_of("2057-09-29")), (LunarDate{2057, 9, 1, false}));
  EXPECT_EQ(*to_lunar(date_of("2097-08-06")), (LunarDate{2097, 6, 29, false}));
  EXPECT_EQ(*to_lunar(date_of("2097-08-07")), (LunarDate{2097, 7, 1, false}));
  // The Beijing-mean-time years (docs/LUNAR.md): 1916's new year is 1916-02-03.
  EXPECT_EQ(format_date(lunar_new_year(1916)), "1916-02-03");
}

TEST(LunarRange, FirstAndLastSupportedDates) {
  EXPECT_EQ(format_date(lunar_first_supported_date()), "1900-01-31");
  // The reference's last row: the last day of lunar year 2100.
  const auto rows = read_reference_csv("tests/data/lunar/random_dates.csv");
  ASSERT_GE(rows.size(), 2u);
  EXPECT_EQ(format_date(lunar_last_supported_date()), rows[1][0]);
  EXPECT_TRUE(to_lunar(lunar_first_supported_date()));
  EXPECT_TRUE(to_lunar(lunar_last_supported_date()));
  const auto before = to_lunar(to_date(to_sys_days(lunar_first_supported_date()) - Days{1}));
  ASSERT_FALSE(before);
  EXPECT_EQ(before.error().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(before.error().message().find("1900-01-30"), std::string::npos);
  EXPECT_NE(before.error().message().find("1900-01-31.."), std::string::npos);
  EXPECT_FALSE(to_lunar(to_date(to_sys_days(lunar_last_supported_date()) + Days{1})));
}

TEST(LunarRange, EveryDayOfTheRangeRoundTripsContiguously) {
  // Not a reference check: consecutive days must give consecutive lunar days,
  // and from_lunar must invert to_lunar everywhere (about 73,800 days).
  const auto first = to_sys_days(lunar_first_supported_date());
  const auto last = to_sys_days(lunar_last_supported_date());
  LunarDate previous{};
  for (auto d = first; d <= last; d += Days{1}) {
    auto lunar = to_lunar(to_date(d));
    ASSERT_TRUE(lunar);
    if (d != first) {
      const bool next_day = lunar->year == previous.year && lunar->month == previous.month &&
                            lunar->leap == previous.leap && lunar->day == previous.day + 1;
      ASSERT_TRUE(next_day || lunar->day == 1) << format_date(to_date(d));
    }
    auto back = from_lunar(*lunar);
    ASSERT_TRUE(back);
    ASSERT_EQ(to_sys_days(*back), d);
    previous = *lunar;
  }
}

}  // namespace
}  // namespace cadence
