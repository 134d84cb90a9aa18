// Cross-checks the committed table (src/calendar/lunar_table.cpp,
// solar_term_table.cpp) against the astronomical computation with libnova it
// was generated from (src/calendar/lunar_astro.cpp), row by row, and checks
// that computation against published astronomical instants. Slow (~15 s).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "cadence/lunar.hpp"
#include "calendar/lunar_astro.hpp"
#include "calendar/lunar_table.hpp"

namespace cadence {
namespace {

namespace astro = lunar_astro;

std::string day_text(int days) { return format_date(to_date(std::chrono::sys_days{Days{days}})); }

TEST(LunarAstro, NewMoonAndSolsticeMatchPublishedInstants) {
  // Meeus, Astronomical Algorithms, example 49.a: new moon 1977-02-18 03:37:42 TD.
  const double nm = astro::new_moon_jd_ut(2443192.5);
  const double tt = nm + astro::delta_t_seconds(1977.13) / 86400.0;
  EXPECT_NEAR((tt - 2443192.65118) * 86400.0, 0.0, 60.0);
  // USNO: December solstice 2000-12-21 13:37 UT.
  const double ws = astro::solar_longitude_jd_ut(270.0, 2451899.5);
  EXPECT_NEAR((ws - (2451899.5 + (13 * 60 + 37) / 1440.0)) * 1440.0, 0.0, 1.5);
  // USNO: March equinox 2024-03-20 03:06 UT.
  const double eq = astro::solar_longitude_jd_ut(0.0, 2460389.5);
  EXPECT_NEAR((eq - (2460389.5 + (3 * 60 + 6) / 1440.0)) * 1440.0, 0.0, 1.5);
}

TEST(LunarAstro, EveryTableRowIsTheComputedRow) {
  const auto computed = astro::compute_calendar_lunar_years();
  ASSERT_EQ(computed.size(), lunar_table::kYearCount);
  for (const auto& row : computed) {
    SCOPED_TRACE("lunar year " + std::to_string(row.year));
    EXPECT_EQ(format_date(lunar_new_year(row.year)), day_text(row.new_year_day));
    EXPECT_EQ(lunar_leap_month(row.year), row.leap_month);
    unsigned month = 1;
    bool leap = false;
    for (unsigned i = 0; i < row.month_count; ++i) {
      EXPECT_EQ(lunar_month_days(row.year, month, leap), row.month_days[i]) << "month " << month;
      if (!leap && month == row.leap_month) {
        leap = true;
      } else {
        leap = false;
        ++month;
      }
    }
  }
}

TEST(LunarAstro, BeijingMeanTimeChangesExactlyTheDocumentedRepublicanYears) {
  // docs/LUNAR.md: computing 1912-1928 at UTC+8 instead of Beijing mean time
  // would change lunar years 1914, 1915, 1916 and 1920 only.
  const auto at_utc8 = astro::compute_lunar_years(1912, 1928, astro::kChinaStandardOffsetSeconds);
  std::string changed;
  for (const auto& row : at_utc8) {
    const bool same = format_date(lunar_new_year(row.year)) == day_text(row.new_year_day) && [&] {
      unsigned month = 1;
      bool leap = false;
      for (unsigned i = 0; i < row.month_count; ++i) {
        if (lunar_month_days(row.year, month, leap) != row.month_days[i]) {
          return false;
        }
        if (!leap && month == row.leap_month) {
          leap = true;
        } else {
          leap = false;
          ++month;
        }
      }
      return lunar_leap_month(row.year) == row.leap_month;
    }();
    if (!same) changed += std::to_string(row.year) + " ";
  }
  EXPECT_EQ(changed, "1914 1915 1916 1920 ");
}

TEST(LunarAstro, EverySolarTermIsTheComputedDate) {
  for (int year = 1900; year <= 2100; ++year) {
    const auto terms = astro::compute_solar_terms(year, astro::kChinaStandardOffsetSeconds);
    for (unsigned k = 0; k < kSolarTermCount; ++k) {
      auto date = solar_term_date(year, static_cast<SolarTerm>(k));
      ASSERT_TRUE(date);
      EXPECT_EQ(format_date(*date), day_text(terms[k].day)) << year << " term " << k;
    }
  }
}

}  // namespace
}  // namespace cadence
