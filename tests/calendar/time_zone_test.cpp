// TimeZone: IANA zones from the system tzdata, DST gap and overlap policies.
//
// Reference values: the published DST rules of each zone (US: second Sunday of
// March / first Sunday of November at 02:00 local; EU: last Sunday of March /
// October at 01:00 UTC; New South Wales: first Sunday of October / first
// Sunday of April; China and Mexico (since 2022): no DST), each confirmed with
// glibc's independent tz code, e.g.
//   TZ=America/New_York date -d '2026-03-08 07:30Z' '+%F %T %z'  -> 03:30 -0400
#include <gtest/gtest.h>

#include <chrono>

#include "cadence/calendar.hpp"
#include "calendar_test_util.hpp"

namespace cadence {
namespace {

using cadence::testing::ymd;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

Instant utc(int y, unsigned m, unsigned d, int hh, int mm) {
  return Instant{std::chrono::sys_days{ymd(y, m, d)}.time_since_epoch() + hours{hh} + minutes{mm}};
}

TimeOfDay hm(int h, int m) { return TimeOfDay{h * 60 + m}; }

TimeZone zone(const char* name) {
  auto z = TimeZone::locate(name);
  EXPECT_TRUE(z.ok()) << name;
  return std::move(z).value();
}

TEST(TimeZoneTest, LocatesKnownZoneAndKeepsItsName) {
  EXPECT_EQ(zone("Europe/Berlin").name(), "Europe/Berlin");
}

TEST(TimeZoneTest, UnknownZoneIsAnErrorNamingIt) {
  auto z = TimeZone::locate("Mars/Olympus_Mons");
  ASSERT_FALSE(z.ok());
  EXPECT_EQ(z.error().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(z.error().message().find("Mars/Olympus_Mons"), std::string::npos);
  EXPECT_FALSE(TimeZone::locate("").ok());
}

TEST(TimeZoneTest, NewYorkOrdinaryTimesBothSeasons) {
  const TimeZone ny = zone("America/New_York");
  EXPECT_EQ(ny.to_instant(ymd(2026, 1, 15), hm(9, 0)), utc(2026, 1, 15, 14, 0));
  EXPECT_EQ(ny.to_instant(ymd(2026, 7, 15), hm(9, 0)), utc(2026, 7, 15, 13, 0));
  EXPECT_EQ(ny.utc_offset(utc(2026, 1, 15, 14, 0)), hours{-5});
  EXPECT_EQ(ny.utc_offset(utc(2026, 7, 15, 13, 0)), hours{-4});
}

TEST(TimeZoneTest, NewYorkGapMovesForwardByTheGap) {
  const TimeZone ny = zone("America/New_York");
  // 2026-03-08: 02:00 EST -> 03:00 EDT; 02:30 does not exist -> 03:30 EDT.
  const Instant t = ny.to_instant(ymd(2026, 3, 8), hm(2, 30));
  EXPECT_EQ(t, utc(2026, 3, 8, 7, 30));
  EXPECT_EQ(ny.local_date(t), ymd(2026, 3, 8));
  EXPECT_EQ(ny.local_time_of_day(t), hm(3, 30));
  EXPECT_EQ(ny.utc_offset(t), hours{-4});
  // 02:00 exactly is also skipped -> 03:00; 03:00 itself exists.
  EXPECT_EQ(ny.to_instant(ymd(2026, 3, 8), hm(2, 0)), utc(2026, 3, 8, 7, 0));
  EXPECT_EQ(ny.to_instant(ymd(2026, 3, 8), hm(3, 0)), utc(2026, 3, 8, 7, 0));
  EXPECT_EQ(ny.to_instant(ymd(2026, 3, 8), hm(1, 59)), utc(2026, 3, 8, 6, 59));
}

TEST(TimeZoneTest, NewYorkOverlapResolvesToFirstOccurrence) {
  const TimeZone ny = zone("America/New_York");
  // 2026-11-01: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
  const Instant t = ny.to_instant(ymd(2026, 11, 1), hm(1, 30));
  EXPECT_EQ(t, utc(2026, 11, 1, 5, 30));
  EXPECT_EQ(ny.utc_offset(t), hours{-4});
  EXPECT_EQ(ny.local_time_of_day(utc(2026, 11, 1, 6, 30)), hm(1, 30));
  EXPECT_EQ(ny.utc_offset(utc(2026, 11, 1, 6, 30)), hours{-5});
  EXPECT_EQ(ny.to_instant(ymd(2026, 11, 1), hm(2, 0)), utc(2026, 11, 1, 7, 0));
}

TEST(TimeZoneTest, BerlinGapAndOverlap) {
  const TimeZone berlin = zone("Europe/Berlin");
  // 2026-03-29 02:00 CET -> 03:00 CEST.
  EXPECT_EQ(berlin.to_instant(ymd(2026, 3, 29), hm(2, 30)), utc(2026, 3, 29, 1, 30));
  EXPECT_EQ(berlin.local_time_of_day(utc(2026, 3, 29, 1, 30)), hm(3, 30));
  EXPECT_EQ(berlin.to_instant(ymd(2026, 3, 29), hm(9, 0)), utc(2026, 3, 29, 7, 0));
  // 2026-10-25 03:00 CEST -> 02:00 CET: 02:30 happens at 00:30Z and 01:30Z.
  EXPECT_EQ(berlin.to_instant(ymd(2026, 10, 25), hm(2, 30)), utc(2026, 10, 25, 0, 30));
  EXPECT_EQ(berlin.utc_offset(utc(2026, 10, 25, 0, 30)), hours{2});
  EXPECT_EQ(berlin.utc_offset(utc(2026, 10, 25, 1, 30)), hours{1});
  EXPECT_EQ(berlin.to_instant(ymd(2026, 10, 25), hm(9, 0)), utc(2026, 10, 25, 8, 0));
}

TEST(TimeZoneTest, SydneySouthernHemisphere) {
  const TimeZone sydney = zone("Australia/Sydney");
  // DST starts 2026-10-04: 02:00 AEST -> 03:00 AEDT.
  EXPECT_EQ(sydney.to_instant(ymd(2026, 10, 4), hm(2, 30)), utc(2026, 10, 3, 16, 30));
  EXPECT_EQ(sydney.local_date(utc(2026, 10, 3, 16, 30)), ymd(2026, 10, 4));
  EXPECT_EQ(sydney.local_time_of_day(utc(2026, 10, 3, 16, 30)), hm(3, 30));
  // DST ends 2026-04-05: 03:00 AEDT -> 02:00 AEST; 02:30 is repeated.
  EXPECT_EQ(sydney.to_instant(ymd(2026, 4, 5), hm(2, 30)), utc(2026, 4, 4, 15, 30));
  EXPECT_EQ(sydney.utc_offset(utc(2026, 4, 4, 15, 30)), hours{11});
  EXPECT_EQ(sydney.utc_offset(utc(2026, 4, 4, 16, 30)), hours{10});
  // Southern summer in January: +11; winter in July: +10.
  EXPECT_EQ(sydney.utc_offset(utc(2026, 1, 15, 0, 0)), hours{11});
  EXPECT_EQ(sydney.utc_offset(utc(2026, 7, 15, 0, 0)), hours{10});
}

TEST(TimeZoneTest, ShanghaiHasNoDst) {
  const TimeZone sh = zone("Asia/Shanghai");
  for (unsigned m = 1; m <= 12; ++m) {
    const Instant t = sh.to_instant(ymd(2026, m, 10), hm(9, 0));
    EXPECT_EQ(t, utc(2026, m, 10, 1, 0)) << m;
    EXPECT_EQ(sh.utc_offset(t), hours{8});
  }
  // Local date rolls over at local midnight, not UTC midnight.
  EXPECT_EQ(sh.local_date(utc(2026, 12, 31, 16, 0)), ymd(2027, 1, 1));
  EXPECT_EQ(sh.local_time_of_day(utc(2026, 12, 31, 16, 0)), hm(0, 0));
  EXPECT_EQ(sh.local_date(utc(2026, 12, 31, 15, 59)), ymd(2026, 12, 31));
}

TEST(TimeZoneTest, MexicoCityHasNoDstSince2022) {
  // Mexico abolished DST in October 2022 (tzdata 2022f); ICU 72's built-in
  // 2022e data still says -05:00 here.
  const TimeZone mx = zone("America/Mexico_City");
  const Instant t = mx.to_instant(ymd(2027, 7, 15), hm(9, 0));
  EXPECT_EQ(t, utc(2027, 7, 15, 15, 0));
  EXPECT_EQ(mx.utc_offset(t), hours{-6});
}

TEST(TimeZoneTest, RoundTripEveryHalfHourAcrossAYear) {
  // Every local time that exists once maps back to itself.
  const TimeZone ny = zone("America/New_York");
  for (int day = 0; day < 365; day += 7) {
    const Date d{std::chrono::sys_days{ymd(2026, 1, 1)} + std::chrono::days{day}};
    for (int m = 0; m < 1440; m += 30) {
      const Instant t = ny.to_instant(d, TimeOfDay{m});
      EXPECT_EQ(ny.local_date(t), d);
      EXPECT_EQ(ny.local_time_of_day(t), TimeOfDay{m});
    }
  }
}

}  // namespace
}  // namespace cadence
