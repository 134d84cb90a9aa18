// Generates the lunar-year rows and solar-term days committed in
// src/calendar/lunar_table.cpp from libnova (see docs/LUNAR.md).
//
// Build and run from the repository root:
//   g++ -std=c++20 -O2 -Iinclude -Isrc tools/lunar/gen_lunar_table.cpp
//     src/calendar/lunar_astro.cpp -lnova -o /tmp/gen_lunar_table
//   /tmp/gen_lunar_table rows   [offset_seconds]   # one line per lunar year
//   /tmp/gen_lunar_table terms  [offset_seconds]   # one line per Gregorian year
// rows without offset_seconds: cadence's policy (UTC+8, Beijing mean time for
// lunar years 1912-1928); terms: UTC+8. 27940 is Beijing mean time.
// Row format: {year, day of year of 正月初一 (1-based), leap month, bit i set =
// i-th month of the year (leap month in its place) has 30 days}.
// Output lines are C++ initialisers; comments flag close calls (events within
// 10 minutes of midnight).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "calendar/lunar_astro.hpp"

namespace astro = cadence::lunar_astro;

int main(int argc, char** argv) {
  const bool terms = argc > 1 && std::strcmp(argv[1], "terms") == 0;
  const bool fixed_offset = argc > 2;
  const int offset = fixed_offset ? std::atoi(argv[2]) : astro::kChinaStandardOffsetSeconds;
  if (terms) {
    for (int y = 1900; y <= 2100; ++y) {
      const auto t = astro::compute_solar_terms(y, offset);
      std::printf("    {");
      double closest = 1e9;
      for (std::size_t k = 0; k < t.size(); ++k) {
        // Day of month: term k lies in Gregorian month k/2 + 1.
        const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{t[k].day}}};
        std::printf("%s%u", k == 0 ? "" : ",", static_cast<unsigned>(ymd.day()));
        const double m = astro::minutes_from_midnight(t[k].jd_ut, offset);
        if (std::abs(m) < std::abs(closest)) closest = m;
      }
      std::printf("},  // %d%s", y, std::abs(closest) < 10 ? " close call" : "");
      if (std::abs(closest) < 10) std::printf(" %.2f min", closest);
      std::printf("\n");
    }
    return 0;
  }
  // Without an explicit offset: cadence's policy (astro::calendar_offset_seconds).
  const auto rows = fixed_offset ? astro::compute_lunar_years(1900, 2100, offset)
                                 : astro::compute_calendar_lunar_years();
  for (const auto& row : rows) {
    unsigned mask = 0;
    for (unsigned i = 0; i < row.month_count; ++i) {
      if (row.month_days[i] == 30) mask |= 1u << i;
    }
    const std::chrono::year_month_day ny{
        std::chrono::sys_days{std::chrono::days{row.new_year_day}}};
    std::printf("    {%d, %u, %u, 0x%04x},  // %d-%02u-%02u months=%u nm=%.1fmin zq=%.1fmin\n",
                row.year,
                static_cast<unsigned>(ny.month()) == 1 ? static_cast<unsigned>(ny.day())
                                                       : 31 + static_cast<unsigned>(ny.day()),
                row.leap_month, mask, row.year, static_cast<unsigned>(ny.month()),
                static_cast<unsigned>(ny.day()), row.month_count, row.closest_new_moon_minutes,
                row.closest_zhongqi_minutes);
  }
  return 0;
}
