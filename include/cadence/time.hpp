// Time vocabulary shared by every area.
//
// Instants are UTC seconds (std::chrono::sys_seconds). Calendar dates are
// std::chrono::year_month_day (proleptic Gregorian). Wall-clock times of day are
// TimeOfDay (minutes since local midnight). Durations are whole seconds.
// Time-zone arithmetic lives in calendar.hpp (it needs the tz database); this
// header has only zone-free parsing and formatting.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cadence/error.hpp"

namespace cadence {

using Instant = std::chrono::sys_seconds;
using Duration = std::chrono::seconds;
using Date = std::chrono::year_month_day;
using Days = std::chrono::days;

// 86,400 s: a calendar day in UTC arithmetic (a local day can be 23 or 25 hours;
// calendar.hpp does zone-aware day arithmetic).
inline constexpr Duration kOneDay{86400};

// A wall-clock time of day, 00:00..23:59.
struct TimeOfDay {
  int minutes = 0;  // since local midnight, 0..1439

  int hour() const { return minutes / 60; }
  int minute() const { return minutes % 60; }
  friend bool operator==(TimeOfDay, TimeOfDay) = default;
  friend auto operator<=>(TimeOfDay, TimeOfDay) = default;
};

// A daily wall-clock window such as quiet hours "21:30-08:00"; it wraps past
// midnight when end < start. start == end is an empty window.
struct TimeRange {
  TimeOfDay start;
  TimeOfDay end;

  // True when `t` lies in [start, end) (taking wrap-around into account).
  bool contains(TimeOfDay t) const;
  friend bool operator==(const TimeRange&, const TimeRange&) = default;
};

// "90m", "14d", "2w", "36h", "45s", "0" (and "0d"). Units: s, m, h, d, w.
// Only non-negative whole numbers; no mixed units. Errors name the input.
Result<Duration> parse_duration(std::string_view text);
// The shortest exact spelling: 1209600 s -> "2w", 86400 -> "1d", 5400 -> "90m".
std::string format_duration(Duration d);

// "09:00", "9:00", "23:59". Errors name the input.
Result<TimeOfDay> parse_time_of_day(std::string_view text);
std::string format_time_of_day(TimeOfDay t);  // "09:00"

// "21:30-08:00".
Result<TimeRange> parse_time_range(std::string_view text);

// "2026-11-27" (exactly YYYY-MM-DD, a real Gregorian date). Errors name the input
// and, for an impossible date, say why ("2023-02-30: February 2023 has 28 days").
Result<Date> parse_date(std::string_view text);
std::string format_date(Date d);  // "2026-11-27"

// RFC 3339 with an explicit UTC offset: "2026-08-20T09:00:00+08:00".
std::string format_rfc3339(Instant t, std::chrono::seconds utc_offset);
// RFC 3339 in UTC: "2026-08-20T01:00:00Z".
std::string format_rfc3339_utc(Instant t);
// Accepts "2026-08-20T09:00:00+08:00", "...Z", "2026-08-20T09:00Z" and
// "2026-08-20 09:00:00+08:00". A time without an offset is an error here (zone
// resolution is the caller's job, via calendar.hpp).
Result<Instant> parse_rfc3339(std::string_view text);

inline Date to_date(std::chrono::sys_days d) { return Date{d}; }
inline std::chrono::sys_days to_sys_days(Date d) { return std::chrono::sys_days{d}; }

}  // namespace cadence
