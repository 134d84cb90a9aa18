// The Chinese lunisolar calendar (农历), 1900-2100, and the 24 solar terms.
//
// Conversions are table arithmetic over a compact per-year table whose
// provenance is documented in src/calendar/lunar_table.cpp, cross-checked in
// tests against an astronomical computation. Lunar year numbering: the
// Gregorian year in which that lunar year begins (its 正月初一).
// All functions are pure and thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "cadence/error.hpp"
#include "cadence/time.hpp"

namespace cadence {

struct LunarDate {
  int year = 0;        // Gregorian year in which this lunar year begins
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..30
  bool leap = false;   // true in a leap (intercalary, 闰) month

  friend bool operator==(const LunarDate&, const LunarDate&) = default;
};

// Range supported by the table: lunar years 1900..2100, i.e. Gregorian dates
// from 1900-01-31 (lunar 1900-01-01) to the last day of lunar year 2100.
inline constexpr int kFirstLunarYear = 1900;
inline constexpr int kLastLunarYear = 2100;
Date lunar_first_supported_date();
Date lunar_last_supported_date();

// Gregorian -> lunar. Error (kInvalidInput) outside the supported range, naming it.
Result<LunarDate> to_lunar(Date date);

// Lunar -> Gregorian, exact: the given (leap) month must exist in that year and
// have that many days. Errors name the value and the valid range.
Result<Date> from_lunar(const LunarDate& lunar);

// Facts about one lunar year (1900..2100). Outside that range: 0, 0 and an
// invalid Date (!ok()) respectively.
unsigned lunar_leap_month(int lunar_year);                             // 0 = none
unsigned lunar_month_days(int lunar_year, unsigned month, bool leap);  // 29/30; 0 = no such month
Date lunar_new_year(int lunar_year);                                   // 正月初一

// How a lunar birthday (or any recurring lunar date) is observed in a given
// lunar year (DESIGN.md policy): in the regular month of its number; day 30 in a
// 29-day month falls on the month's last day. With `exact_leap`, a leap-month
// date uses that year's leap month when it exists.
Result<Date> observe_lunar_date(int lunar_year, unsigned month, unsigned day, bool leap,
                                bool exact_leap);

// The 24 solar terms, index 0 = 小寒 Minor Cold (sun at 285°), 1 = 大寒, 2 = 立春,
// ..., 6 = 清明 Qingming (15°), ..., 23 = 冬至 Winter Solstice (270°). Within a
// Gregorian year index order is date order.
enum class SolarTerm : unsigned {
  kMinorCold = 0,
  kMajorCold,
  kStartOfSpring,
  kRainWater,
  kAwakeningOfInsects,
  kSpringEquinox,
  kQingming,
  kGrainRain,
  kStartOfSummer,
  kGrainBuds,
  kGrainInEar,
  kSummerSolstice,
  kMinorHeat,
  kMajorHeat,
  kStartOfAutumn,
  kEndOfHeat,
  kWhiteDew,
  kAutumnEquinox,
  kColdDew,
  kFrostsDescent,
  kStartOfWinter,
  kMinorSnow,
  kMajorSnow,
  kWinterSolstice,
};
inline constexpr unsigned kSolarTermCount = 24;

// Stable keys ("qingming", "winter_solstice", ...) and Chinese names ("清明").
const char* solar_term_key(SolarTerm term);
const char* solar_term_name_zh(SolarTerm term);
std::optional<SolarTerm> solar_term_from_key(std::string_view key);

// The China-time (UTC+8) date on which the sun reaches the term's longitude in
// Gregorian year `year` (1900..2100). Error outside the range.
Result<Date> solar_term_date(int year, SolarTerm term);

}  // namespace cadence
