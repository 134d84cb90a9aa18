// Where each kind of holiday rule falls in a Gregorian year.
#include <algorithm>
#include <type_traits>

#include "calendar/holiday_definition.hpp"

namespace cadence {
namespace {

using std::chrono::sys_days;

void append_gregorian(const CustomHoliday::Gregorian& r, int year, std::vector<Date>& out) {
  const Date d{std::chrono::year{year}, std::chrono::month{r.month}, std::chrono::day{r.day}};
  if (d.ok()) out.push_back(d);  // 02-29 only in leap years
}

void append_lunar(const CustomHoliday::Lunar& r, int year, std::vector<Date>& out) {
  // A lunar year starts in late January or February, so the dates in Gregorian
  // year `year` come from the end of lunar year year-1 and from lunar year `year`.
  // (Lunar months 11-12 of year-1 can land in January; 除夕 may fall in
  // January/February of `year` or, for lunar year `year`, in the next year.)
  for (int lunar_year = year - 1; lunar_year <= year; ++lunar_year) {
    if (lunar_year < kFirstLunarYear || lunar_year > kLastLunarYear) continue;
    if (r.leap && lunar_leap_month(lunar_year) != r.month) continue;
    auto d = observe_lunar_date(lunar_year, r.month, r.day, r.leap, /*exact_leap=*/true);
    if (d.ok() && static_cast<int>(d->year()) == year) out.push_back(*d);
  }
}

void append_nth_weekday(const CustomHoliday::NthWeekday& r, int year, std::vector<Date>& out) {
  const std::chrono::year y{year};
  const std::chrono::month m{r.month};
  const std::chrono::weekday wd{r.weekday};
  if (r.n < 0) {
    out.push_back(Date{sys_days{y / m / wd[std::chrono::last]}});
    return;
  }
  const std::chrono::year_month_weekday ymw{y, m, wd[static_cast<unsigned>(r.n)]};
  if (ymw.ok()) out.push_back(Date{sys_days{ymw}});  // a 5th weekday may not exist
}

void append_easter(const CustomHoliday::EasterOffset& r, int year, std::vector<Date>& out) {
  // A large offset can carry the date into the neighbouring year.
  for (int easter_year = year - 1; easter_year <= year + 1; ++easter_year) {
    const Date d{sys_days{easter_sunday(easter_year)} + std::chrono::days{r.days}};
    if (static_cast<int>(d.year()) == year) out.push_back(d);
  }
}

void append_solar_term(const CustomHoliday::SolarTerm& r, int year, std::vector<Date>& out) {
  if (year < kFirstLunarYear || year > kLastLunarYear || r.index >= kSolarTermCount) return;
  auto d = solar_term_date(year, static_cast<SolarTerm>(r.index));
  if (d.ok()) out.push_back(*d);
}

}  // namespace

void append_rule_dates(const HolidayRule& rule, int year, std::vector<Date>& out) {
  std::visit(
      [&](const auto& r) {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, CustomHoliday::Gregorian>) {
          append_gregorian(r, year, out);
        } else if constexpr (std::is_same_v<T, CustomHoliday::Lunar>) {
          append_lunar(r, year, out);
        } else if constexpr (std::is_same_v<T, CustomHoliday::NthWeekday>) {
          append_nth_weekday(r, year, out);
        } else if constexpr (std::is_same_v<T, CustomHoliday::EasterOffset>) {
          append_easter(r, year, out);
        } else {
          append_solar_term(r, year, out);
        }
      },
      rule);
}

bool same_rule(const HolidayRule& a, const HolidayRule& b) {
  if (a.index() != b.index()) return false;
  return std::visit(
      [&](const auto& ra) {
        using T = std::decay_t<decltype(ra)>;
        const T& rb = std::get<T>(b);
        if constexpr (std::is_same_v<T, CustomHoliday::Gregorian>) {
          return ra.month == rb.month && ra.day == rb.day;
        } else if constexpr (std::is_same_v<T, CustomHoliday::Lunar>) {
          return ra.month == rb.month && ra.day == rb.day && ra.leap == rb.leap;
        } else if constexpr (std::is_same_v<T, CustomHoliday::NthWeekday>) {
          return ra.month == rb.month && ra.weekday == rb.weekday && ra.n == rb.n;
        } else if constexpr (std::is_same_v<T, CustomHoliday::EasterOffset>) {
          return ra.days == rb.days;
        } else {
          return ra.index == rb.index;
        }
      },
      a);
}

}  // namespace cadence
