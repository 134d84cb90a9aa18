// Astronomical computation of the Chinese calendar with libnova: new moons and
// solar terms in a given civil time zone, and the traditional month rules.
//
// This is NOT used for conversions at run time (those are table arithmetic in
// lunar.cpp over lunar_table.cpp). It exists so that the committed table can be
// regenerated (tools/lunar/gen_lunar_table.cpp) and cross-checked in tests
// (tests/calendar/lunar_astro_test.cpp). Slow: a full 1900-2100 computation
// takes tens of seconds (libnova's full ELP 2000-82B series). Not thread-safe
// (libnova caches the last lunar position in static variables).
#pragma once

#include <array>
#include <vector>

namespace cadence::lunar_astro {

// Seconds east of UTC of the civil time in which the calendar is computed.
inline constexpr int kChinaStandardOffsetSeconds = 8 * 3600;  // UTC+8 (120°E)
// Beijing local mean time, 116°25'E: the basis before 1929.
inline constexpr int kBeijingMeanTimeOffsetSeconds = 7 * 3600 + 45 * 60 + 40;

// TT - UT in seconds for a (fractional) Gregorian year: Espenak & Meeus (2006)
// polynomials, as used by NASA's eclipse canon. libnova's own table
// extrapolates badly after 2010 (128 s in 2020; the observed value is 69 s).
double delta_t_seconds(double year);

// Apparent geocentric ecliptic longitude of the Sun, degrees [0, 360), mean
// equinox and ecliptic of date plus nutation and aberration, at `jd_tt`.
double sun_apparent_longitude(double jd_tt);

// Apparent Moon minus apparent Sun longitude, degrees in (-180, 180].
double moon_sun_elongation(double jd_tt);

// The instant (Julian day, UT) of the new moon nearest `approx_jd`.
double new_moon_jd_ut(double approx_jd);

// The instant (Julian day, UT) at which the Sun's apparent longitude reaches
// `longitude_deg`, searching near `approx_jd_ut` (within ~10 days).
double solar_longitude_jd_ut(double longitude_deg, double approx_jd_ut);

// Days since 1970-01-01 of the civil date of a UT instant at a UTC offset.
int civil_day(double jd_ut, int utc_offset_seconds);

// Minutes from the instant to the nearest civil midnight (signed: negative =
// before midnight). Used to flag events whose date is sensitive to accuracy.
double minutes_from_midnight(double jd_ut, int utc_offset_seconds);

// One lunar year, computed.
struct AstroLunarYear {
  int year = 0;                           // Gregorian year of 正月初一
  int new_year_day = 0;                   // days since 1970-01-01
  unsigned leap_month = 0;                // 0 = none
  unsigned month_count = 0;               // 12 or 13
  std::array<unsigned, 13> month_days{};  // in order, the leap month after its regular one
  // The smallest |minutes_from_midnight| of any new moon starting a month of
  // this year (and of the year after's first month): how close a call it is.
  double closest_new_moon_minutes = 1e9;
  // The same for the principal terms (zhongqi) inside the year's months: a
  // zhongqi near midnight can move the leap month.
  double closest_zhongqi_minutes = 1e9;
};

// Lunar years [first_year, last_year] (within 1900..2100) computed with the
// traditional rules: a month starts on the civil day of the new moon; the month
// containing the winter solstice is month 11; in a sui (winter solstice to
// winter solstice) with 13 months, the first month without a principal term
// (zhongqi) is the leap month, numbered after the month before it.
std::vector<AstroLunarYear> compute_lunar_years(int first_year, int last_year,
                                                int utc_offset_seconds);

// The civil time cadence's table uses for lunar year `lunar_year`: Beijing mean
// time for the Republic-era years 1912-1928, whose published calendars were
// computed for Beijing (116°25'E) before China adopted UTC+8 for the calendar
// in 1929; UTC+8 otherwise (docs/LUNAR.md explains the choice and the rows it
// changes: 1914, 1915, 1916, 1920).
inline int calendar_offset_seconds(int lunar_year) {
  return lunar_year >= 1912 && lunar_year <= 1928 ? kBeijingMeanTimeOffsetSeconds
                                                  : kChinaStandardOffsetSeconds;
}

// Lunar years 1900..2100, each computed at calendar_offset_seconds(year): what
// src/calendar/lunar_table.cpp must hold.
std::vector<AstroLunarYear> compute_calendar_lunar_years();

// The civil day-of-month (in the term's fixed month: term k falls in Gregorian
// month k/2 + 1) of each of the 24 solar terms of Gregorian year `year`, index
// 0 = 小寒 (285°) .. 23 = 冬至 (270°).
struct AstroSolarTerm {
  int day = 0;       // days since 1970-01-01 (civil, at the offset)
  double jd_ut = 0;  // the instant
};
std::array<AstroSolarTerm, 24> compute_solar_terms(int year, int utc_offset_seconds);

}  // namespace cadence::lunar_astro
