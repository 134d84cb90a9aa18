#include "calendar/lunar_astro.hpp"

#include <libnova/earth.h>
#include <libnova/lunar.h>
#include <libnova/nutation.h>

#include <chrono>
#include <cmath>
#include <cstddef>

namespace cadence::lunar_astro {
namespace {

constexpr double kJ2000 = 2451545.0;
constexpr double kUnixEpochJd = 2440587.5;
constexpr double kSynodicMonthDays = 29.530588861;
// Aberration constant (arcseconds at 1 AU).
constexpr double kAberrationArcsec = 20.4898;

double normalize_180(double deg) {
  deg = std::fmod(deg, 360.0);
  if (deg <= -180.0) deg += 360.0;
  if (deg > 180.0) deg -= 360.0;
  return deg;
}

double normalize_360(double deg) {
  deg = std::fmod(deg, 360.0);
  if (deg < 0) deg += 360.0;
  return deg;
}

double year_of_jd(double jd) { return 2000.0 + (jd - kJ2000) / 365.25; }

double jd_of_civil(int y, unsigned m, unsigned d) {
  const auto days =
      std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
  return kUnixEpochJd + days.time_since_epoch().count();
}

int gregorian_year_of_day(int day) {
  return static_cast<int>(
      std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{day}}}.year());
}

// Geometric Moon longitude, J2000 ecliptic (libnova's ELP 2000-82B output
// frame; checked against Meeus, Astronomical Algorithms, example 47.a).
// precision 0 = the full series.
double moon_longitude_j2000(double jd_tt, double precision) {
  ln_lnlat_posn pos{};
  ln_get_lunar_ecl_coords(jd_tt, &pos, precision);
  return pos.lng;
}

// The Sun seen from the Earth: libnova's VSOP87 heliocentric Earth (J2000
// frame; checked against Meeus example 25.b) turned around.
struct SunGeometric {
  double longitude_j2000;  // degrees
  double distance_au;
};
SunGeometric sun_geometric(double jd_tt) {
  ln_helio_posn earth{};
  ln_get_earth_helio_coords(jd_tt, &earth);
  return {earth.L + 180.0, earth.R};
}

// Moon minus Sun apparent longitude: nutation and precession cancel; the
// Sun's annual aberration (-20.5" / R) does not (it moves a new moon by ~40 s).
double elongation(double jd_tt, double precision) {
  const SunGeometric sun = sun_geometric(jd_tt);
  const double sun_apparent = sun.longitude_j2000 - kAberrationArcsec / 3600.0 / sun.distance_au;
  return normalize_180(moon_longitude_j2000(jd_tt, precision) - sun_apparent);
}

double delta_t_days(double jd) { return delta_t_seconds(year_of_jd(jd)) / 86400.0; }

}  // namespace

double delta_t_seconds(double y) {
  if (y < 1900) {
    const double t = y - 1860;
    return 7.62 + 0.5737 * t - 0.251754 * t * t + 0.01680668 * t * t * t -
           0.0004473624 * t * t * t * t + t * t * t * t * t / 233174;
  }
  if (y < 1920) {
    const double t = y - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t -
           0.000197 * t * t * t * t;
  }
  if (y < 1941) {
    const double t = y - 1920;
    return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t;
  }
  if (y < 1961) {
    const double t = y - 1950;
    return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
  }
  if (y < 1986) {
    const double t = y - 1975;
    return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
  }
  if (y < 2005) {
    const double t = y - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t +
           0.000651814 * t * t * t * t + 0.00002373599 * t * t * t * t * t;
  }
  if (y < 2050) {
    const double t = y - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t * t;
  }
  const double u = (y - 1820) / 100;
  return -20 + 32 * u * u - 0.5628 * (2150 - y);
}

double sun_apparent_longitude(double jd_tt) {
  const SunGeometric sun = sun_geometric(jd_tt);
  const double t = (jd_tt - kJ2000) / 36525.0;
  // General precession in longitude from J2000 to the date (IAU 1976, as in
  // Meeus 21.5); the Sun's latitude is ~0 so the ecliptic's own motion does not
  // matter here.
  const double precession_arcsec = 5029.0966 * t + 1.11113 * t * t - 0.000006 * t * t * t;
  ln_nutation nutation{};
  ln_get_nutation(jd_tt, &nutation);
  return normalize_360(sun.longitude_j2000 + precession_arcsec / 3600.0 + nutation.longitude -
                       kAberrationArcsec / 3600.0 / sun.distance_au);
}

double moon_sun_elongation(double jd_tt) { return elongation(jd_tt, 0); }

double new_moon_jd_ut(double approx_jd) {
  double jd = approx_jd + delta_t_days(approx_jd);
  // Converge with a truncated series (60x faster), then polish with the full
  // one; the mean relative speed is 360° per synodic month.
  constexpr double kMeanRate = 360.0 / kSynodicMonthDays;
  for (int i = 0; i < 30; ++i) {
    const double step = -elongation(jd, 1e-5) / kMeanRate;
    jd += step;
    if (std::fabs(step) < 1e-4) break;
  }
  const double rate = (elongation(jd + 0.01, 1e-5) - elongation(jd - 0.01, 1e-5)) / 0.02;
  for (int i = 0; i < 3; ++i) {
    const double step = -elongation(jd, 0) / rate;
    jd += step;
    if (std::fabs(step) < 1e-7) break;
  }
  return jd - delta_t_days(jd);
}

double solar_longitude_jd_ut(double longitude_deg, double approx_jd_ut) {
  double jd = approx_jd_ut + delta_t_days(approx_jd_ut);
  constexpr double kMeanRate = 360.0 / 365.2422;
  for (int i = 0; i < 40; ++i) {
    const double step = normalize_180(longitude_deg - sun_apparent_longitude(jd)) / kMeanRate;
    jd += step;
    if (std::fabs(step) < 1e-8) break;
  }
  return jd - delta_t_days(jd);
}

int civil_day(double jd_ut, int utc_offset_seconds) {
  return static_cast<int>(
      std::floor(jd_ut - kUnixEpochJd + static_cast<double>(utc_offset_seconds) / 86400.0));
}

double minutes_from_midnight(double jd_ut, int utc_offset_seconds) {
  const double local_days = jd_ut - kUnixEpochJd + utc_offset_seconds / 86400.0;
  return (local_days - std::round(local_days)) * 1440.0;
}

std::array<AstroSolarTerm, 24> compute_solar_terms(int year, int utc_offset_seconds) {
  std::array<AstroSolarTerm, 24> terms{};
  // 小寒 (285°) is near Jan 5; the terms are ~15.2 days apart.
  const double jan5 = jd_of_civil(year, 1, 5);
  for (std::size_t k = 0; k < terms.size(); ++k) {
    const double longitude = normalize_360(285.0 + 15.0 * static_cast<double>(k));
    const double jd = solar_longitude_jd_ut(longitude, jan5 + 15.2184 * static_cast<double>(k));
    terms[k] = {civil_day(jd, utc_offset_seconds), jd};
  }
  return terms;
}

std::vector<AstroLunarYear> compute_lunar_years(int first_year, int last_year,
                                                int utc_offset_seconds) {
  // New moons from before the winter solstice of first_year - 1 to after the
  // start of lunar year last_year + 1.
  const double start_jd = jd_of_civil(first_year - 1, 10, 1);
  const double end_jd = jd_of_civil(last_year + 2, 4, 1);
  std::vector<double> nm_jd;
  std::vector<int> nm_day;
  for (double approx = start_jd; approx < end_jd; approx += kSynodicMonthDays) {
    double jd = new_moon_jd_ut(approx);
    if (!nm_jd.empty() && jd - nm_jd.back() < 20) jd = new_moon_jd_ut(approx + 15);
    nm_jd.push_back(jd);
    nm_day.push_back(civil_day(jd, utc_offset_seconds));
    approx = jd;
  }

  // Principal terms (odd indices: 大寒 300° .. 冬至 270°) of each year needed.
  std::vector<AstroSolarTerm> zhongqi;
  std::vector<int> solstice_day;  // index: year - (first_year - 1)
  for (int y = first_year - 1; y <= last_year + 1; ++y) {
    const auto terms = compute_solar_terms(y, utc_offset_seconds);
    for (std::size_t k = 1; k < terms.size(); k += 2) zhongqi.push_back(terms[k]);
    solstice_day.push_back(terms[23].day);
  }

  // Index of the month containing a day.
  auto month_of_day = [&](int day) {
    std::size_t i = 0;
    while (i + 1 < nm_day.size() && nm_day[i + 1] <= day) ++i;
    return i;
  };
  auto has_zhongqi = [&](std::size_t month) {
    for (const auto& z : zhongqi) {
      if (z.day >= nm_day[month] && z.day < nm_day[month + 1]) return true;
    }
    return false;
  };

  // Number every month from month 11 of sui first_year - 1.
  std::vector<unsigned> number(nm_day.size(), 0);
  std::vector<bool> leap(nm_day.size(), false);
  for (int y = first_year; y <= last_year + 1; ++y) {
    const std::size_t begin = month_of_day(solstice_day[static_cast<std::size_t>(y - first_year)]);
    const std::size_t end =
        month_of_day(solstice_day[static_cast<std::size_t>(y - first_year + 1)]);
    bool leap_found = end - begin != 13;  // only a 13-month sui has a leap month
    unsigned n = 11;
    number[begin] = 11;
    for (std::size_t i = begin + 1; i < end; ++i) {
      if (!leap_found && !has_zhongqi(i)) {
        leap_found = true;
        leap[i] = true;
      } else {
        n = n % 12 + 1;
      }
      number[i] = n;
    }
  }

  std::vector<AstroLunarYear> years;
  AstroLunarYear* current = nullptr;
  for (std::size_t i = 0; i + 1 < nm_day.size(); ++i) {
    if (number[i] == 0) continue;
    if (number[i] == 1 && !leap[i]) {
      const int y = gregorian_year_of_day(nm_day[i]);
      if (current != nullptr) {
        current->closest_new_moon_minutes =
            std::fmin(current->closest_new_moon_minutes,
                      std::fabs(minutes_from_midnight(nm_jd[i], utc_offset_seconds)));
      }
      if (y > last_year) break;
      current = nullptr;
      if (y >= first_year) {
        years.push_back(AstroLunarYear{});
        current = &years.back();
        current->year = y;
        current->new_year_day = nm_day[i];
      }
    }
    if (current == nullptr) continue;
    current->month_days[current->month_count++] = static_cast<unsigned>(nm_day[i + 1] - nm_day[i]);
    if (leap[i]) current->leap_month = number[i];
    current->closest_new_moon_minutes =
        std::fmin(current->closest_new_moon_minutes,
                  std::fabs(minutes_from_midnight(nm_jd[i], utc_offset_seconds)));
    for (const auto& z : zhongqi) {
      if (z.day >= nm_day[i] && z.day < nm_day[i + 1]) {
        current->closest_zhongqi_minutes =
            std::fmin(current->closest_zhongqi_minutes,
                      std::fabs(minutes_from_midnight(z.jd_ut, utc_offset_seconds)));
      }
    }
  }
  return years;
}

std::vector<AstroLunarYear> compute_calendar_lunar_years() {
  std::vector<AstroLunarYear> years = compute_lunar_years(1900, 2100, kChinaStandardOffsetSeconds);
  const std::vector<AstroLunarYear> beijing =
      compute_lunar_years(1912, 1928, kBeijingMeanTimeOffsetSeconds);
  for (const AstroLunarYear& row : beijing) years[static_cast<std::size_t>(row.year - 1900)] = row;
  return years;
}

}  // namespace cadence::lunar_astro
