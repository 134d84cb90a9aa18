// Business days: weekends, day-off holidays, 调休 make-up working days.
//
// Reference: the State Council's 2025 holiday schedule (国务院办公厅关于2025年
// 部分节假日安排的通知, 2024-11-12): 元旦 1/1; 春节 1/28-2/4 (work Sun 1/26 and
// Sat 2/8); 清明 4/4-4/6; 劳动节 5/1-5/5 (work Sun 4/27); 端午 5/31-6/2;
// 国庆·中秋 10/1-10/8 (work Sun 9/28 and Sat 10/11): 248 working days in 2025.
#include <gtest/gtest.h>

#include "cadence/calendar.hpp"
#include "calendar_test_util.hpp"

namespace cadence {
namespace {

using testing::ymd;

std::shared_ptr<const HolidayCalendar> cn() {
  auto cal = HolidayCalendar::create({"cn"}, {});
  EXPECT_TRUE(cal.ok());
  return std::make_shared<const HolidayCalendar>(std::move(cal).value());
}

HolidayConfig china_2025() {
  HolidayConfig c;
  c.sets = {"cn"};
  c.workdays = {ymd(2025, 1, 26), ymd(2025, 2, 8), ymd(2025, 4, 27), ymd(2025, 9, 28),
                ymd(2025, 10, 11)};
  // The days of each holiday week that are neither weekend nor a named holiday.
  c.days_off = {ymd(2025, 1, 30), ymd(2025, 1, 31), ymd(2025, 2, 3), ymd(2025, 2, 4),
                ymd(2025, 5, 2),  ymd(2025, 5, 5),  ymd(2025, 6, 2), ymd(2025, 10, 2),
                ymd(2025, 10, 3), ymd(2025, 10, 7), ymd(2025, 10, 8)};
  return c;
}

TEST(BusinessDaysTest, China2025OfficialSchedule) {
  const BusinessCalendar cal(cn(), china_2025());
  // Make-up working days win over the weekend.
  EXPECT_TRUE(cal.is_business_day(ymd(2025, 1, 26)));  // Sunday
  EXPECT_TRUE(cal.is_business_day(ymd(2025, 2, 8)));   // Saturday
  EXPECT_TRUE(cal.is_business_day(ymd(2025, 10, 11)));
  EXPECT_FALSE(cal.is_business_day(ymd(2025, 1, 25)));  // an ordinary Saturday
  // Named statutory holidays are days off without being listed.
  EXPECT_FALSE(cal.is_business_day(ymd(2025, 1, 1)));
  EXPECT_FALSE(cal.is_business_day(ymd(2025, 1, 28)));  // 除夕, a Tuesday
  EXPECT_FALSE(cal.is_business_day(ymd(2025, 1, 29)));  // 春节
  EXPECT_FALSE(cal.is_business_day(ymd(2025, 4, 4)));   // 清明, a Friday
  EXPECT_FALSE(cal.is_business_day(ymd(2025, 10, 6)));  // 中秋, a Monday
  // Greeting occasions are working days: 七夕 2025-08-29 is a Friday.
  EXPECT_TRUE(cal.is_business_day(ymd(2025, 8, 29)));
  EXPECT_TRUE(cal.is_business_day(ymd(2025, 10, 29)));  // 重阳, Wednesday

  int working = 0;
  for (auto d = std::chrono::sys_days{ymd(2025, 1, 1)};
       d <= std::chrono::sys_days{ymd(2025, 12, 31)}; d += std::chrono::days{1}) {
    if (cal.is_business_day(Date{d})) ++working;
  }
  EXPECT_EQ(working, 248);
}

TEST(BusinessDaysTest, NextBusinessDayOnOrAfter) {
  const BusinessCalendar cal(cn(), china_2025());
  EXPECT_EQ(cal.next_business_day_on_or_after(ymd(2025, 1, 27)), ymd(2025, 1, 27));
  EXPECT_EQ(cal.next_business_day_on_or_after(ymd(2025, 1, 25)), ymd(2025, 1, 26));
  EXPECT_EQ(cal.next_business_day_on_or_after(ymd(2025, 1, 28)), ymd(2025, 2, 5));
  EXPECT_EQ(cal.next_business_day_on_or_after(ymd(2025, 10, 1)), ymd(2025, 10, 9));
  EXPECT_EQ(cal.next_business_day_on_or_after(ymd(2025, 5, 31)), ymd(2025, 6, 3));
}

TEST(BusinessDaysTest, WithoutMakeUpDaysWeekendsStayOff) {
  HolidayConfig plain;
  const BusinessCalendar cal(cn(), plain);
  EXPECT_FALSE(cal.is_business_day(ymd(2025, 1, 26)));
  EXPECT_TRUE(cal.is_business_day(ymd(2025, 1, 30)));  // not listed as a day off
  EXPECT_EQ(cal.next_business_day_on_or_after(ymd(2025, 1, 28)), ymd(2025, 1, 30));
}

TEST(BusinessDaysTest, ConfigurableWeekendAndNoHolidays) {
  HolidayConfig c;
  c.weekend = {5, 6};  // Friday and Saturday
  const BusinessCalendar cal(nullptr, c);
  EXPECT_TRUE(cal.is_business_day(ymd(2026, 11, 29)));   // Sunday
  EXPECT_FALSE(cal.is_business_day(ymd(2026, 11, 27)));  // Friday
  EXPECT_EQ(cal.next_business_day_on_or_after(ymd(2026, 11, 27)), ymd(2026, 11, 29));
  EXPECT_TRUE(cal.is_business_day(ymd(2026, 1, 1)));  // no holiday calendar
}

TEST(BusinessDaysTest, UsFederalHolidays) {
  auto us = HolidayCalendar::create({"us"}, {});
  ASSERT_TRUE(us.ok());
  const BusinessCalendar cal(std::make_shared<const HolidayCalendar>(std::move(us).value()),
                             HolidayConfig{});
  EXPECT_FALSE(cal.is_business_day(ymd(2026, 11, 26)));  // Thanksgiving
  EXPECT_EQ(cal.next_business_day_on_or_after(ymd(2026, 11, 26)), ymd(2026, 11, 27));
  EXPECT_EQ(cal.next_business_day_on_or_after(ymd(2026, 12, 25)), ymd(2026, 12, 28));
}

TEST(BusinessDaysTest, EveryDayWeekendTerminates) {
  HolidayConfig c;
  c.weekend = {0, 1, 2, 3, 4, 5, 6};
  const BusinessCalendar cal(nullptr, c);
  EXPECT_EQ(cal.next_business_day_on_or_after(ymd(2026, 1, 1)), ymd(2026, 1, 1));
  c.workdays = {ymd(2026, 3, 1)};
  const BusinessCalendar with_one(nullptr, c);
  EXPECT_EQ(with_one.next_business_day_on_or_after(ymd(2026, 1, 1)), ymd(2026, 3, 1));
}

}  // namespace
}  // namespace cadence
