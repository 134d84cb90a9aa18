#include "cadence/time.hpp"

#include <gtest/gtest.h>

#include "cadence/clock.hpp"

namespace cadence {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

TEST(ParseDuration, AcceptsEveryUnit) {
  EXPECT_EQ(*parse_duration("45s"), Duration{45});
  EXPECT_EQ(*parse_duration("90m"), minutes{90});
  EXPECT_EQ(*parse_duration("36h"), hours{36});
  EXPECT_EQ(*parse_duration("14d"), days{14});
  EXPECT_EQ(*parse_duration("2w"), days{14});
  EXPECT_EQ(*parse_duration("0"), Duration{0});
  EXPECT_EQ(*parse_duration("0d"), Duration{0});
}

TEST(ParseDuration, RejectsWithTheInputNamed) {
  auto r = parse_duration("14x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(),
            "invalid duration '14x': unknown unit 'x' (use s, m, h, d or w, e.g. 14d)");
  EXPECT_FALSE(parse_duration("").ok());
  EXPECT_FALSE(parse_duration("d").ok());
  EXPECT_FALSE(parse_duration("-3d").ok());
  EXPECT_FALSE(parse_duration("1.5d").ok());
  EXPECT_FALSE(parse_duration("99999999999w").ok());
}

TEST(FormatDuration, ShortestExactUnit) {
  EXPECT_EQ(format_duration(days{14}), "2w");
  EXPECT_EQ(format_duration(days{3}), "3d");
  EXPECT_EQ(format_duration(minutes{90}), "90m");
  EXPECT_EQ(format_duration(Duration{0}), "0");
}

TEST(TimeOfDay, ParsesAndFormats) {
  EXPECT_EQ(parse_time_of_day("09:00")->minutes, 540);
  EXPECT_EQ(parse_time_of_day("9:05")->minutes, 545);
  EXPECT_EQ(format_time_of_day(*parse_time_of_day("23:59")), "23:59");
  EXPECT_FALSE(parse_time_of_day("24:00").ok());
  EXPECT_FALSE(parse_time_of_day("12:60").ok());
  EXPECT_FALSE(parse_time_of_day("1200").ok());
  EXPECT_FALSE(parse_time_of_day("12:5").ok());
}

TEST(TimeRange, WrapsPastMidnight) {
  auto quiet = *parse_time_range("21:30-08:00");
  EXPECT_TRUE(quiet.contains(*parse_time_of_day("23:00")));
  EXPECT_TRUE(quiet.contains(*parse_time_of_day("07:59")));
  EXPECT_FALSE(quiet.contains(*parse_time_of_day("08:00")));
  EXPECT_FALSE(quiet.contains(*parse_time_of_day("12:00")));
  auto lunch = *parse_time_range("12:00-13:00");
  EXPECT_TRUE(lunch.contains(*parse_time_of_day("12:30")));
  EXPECT_FALSE(lunch.contains(*parse_time_of_day("13:00")));
  EXPECT_FALSE(parse_time_range("12:00").ok());
}

TEST(ParseDate, ValidAndImpossibleDates) {
  auto d = parse_date("2024-02-29");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(format_date(*d), "2024-02-29");
  auto feb30 = parse_date("2023-02-30");
  ASSERT_FALSE(feb30.ok());
  EXPECT_EQ(feb30.error().message(), "invalid date '2023-02-30': February 2023 has 28 days");
  EXPECT_EQ(parse_date("2023-13-01").error().message(),
            "invalid date '2023-13-01': month 13 is not 1-12");
  EXPECT_FALSE(parse_date("2023-2-1").ok());
  EXPECT_FALSE(parse_date("20230201").ok());
}

TEST(Rfc3339, RoundTripsWithOffsets) {
  auto t = parse_rfc3339("2026-08-20T09:00:00+08:00");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(format_rfc3339_utc(*t), "2026-08-20T01:00:00Z");
  EXPECT_EQ(format_rfc3339(*t, hours{8}), "2026-08-20T09:00:00+08:00");
  EXPECT_EQ(format_rfc3339(*t, -hours{5} - minutes{30}), "2026-08-19T19:30:00-05:30");
  EXPECT_EQ(*parse_rfc3339("2026-08-20T01:00Z"), *t);
  EXPECT_EQ(*parse_rfc3339("2026-08-20 01:00:00.250Z"), *t);
  auto no_offset = parse_rfc3339("2026-08-20T09:00:00");
  ASSERT_FALSE(no_offset.ok());
  EXPECT_NE(no_offset.error().message().find("no UTC offset"), std::string::npos);
}

TEST(ManualClock, MovesOnlyWhenTold) {
  ManualClock clock{*parse_rfc3339("2026-01-01T00:00:00Z")};
  EXPECT_EQ(format_rfc3339_utc(clock.now()), "2026-01-01T00:00:00Z");
  clock.advance(days{1});
  EXPECT_EQ(format_rfc3339_utc(clock.now()), "2026-01-02T00:00:00Z");
  clock.set(*parse_rfc3339("2027-03-04T05:06:07Z"));
  EXPECT_EQ(format_rfc3339_utc(clock.now()), "2027-03-04T05:06:07Z");
}

}  // namespace
}  // namespace cadence
