// Next occurrence of Gregorian and lunar birthdays and anniversaries.
#include <algorithm>

#include "cadence/calendar.hpp"

namespace cadence {
namespace {

// The observed date of a Gregorian month-day in `year` (Feb 29 policy).
Date observe_gregorian(int year, unsigned month, unsigned day, Feb29Policy feb29) {
  const std::chrono::year y{year};
  if (month == 2 && day == 29 && !y.is_leap()) {
    return feb29 == Feb29Policy::kMar1 ? Date{y, std::chrono::March, std::chrono::day{1}}
                                       : Date{y, std::chrono::February, std::chrono::day{28}};
  }
  return Date{y, std::chrono::month{month}, std::chrono::day{day}};
}

}  // namespace

std::optional<Date> next_birthday(const GregorianBirthday& b, Date from, const BirthdayPolicy& p) {
  // Validate against a leap year so that 02-29 is accepted.
  const Date probe{std::chrono::year{2000}, std::chrono::month{b.month}, std::chrono::day{b.day}};
  if (!probe.ok() || !from.ok()) return std::nullopt;
  int year = static_cast<int>(from.year());
  if (b.year) year = std::max(year, *b.year);
  // At most two tries: this year's date may already be past.
  for (int y = year; y <= year + 1; ++y) {
    const Date d = observe_gregorian(y, b.month, b.day, p.feb29);
    if (d >= from) return d;
  }
  return std::nullopt;
}

std::optional<Date> next_birthday(const LunarBirthday& b, Date from, const BirthdayPolicy& p) {
  if (b.month < 1 || b.month > 12 || b.day < 1 || b.day > 30 || !from.ok()) return std::nullopt;
  if (from > lunar_last_supported_date()) return std::nullopt;
  // Step through LUNAR years: the occurrence in lunar year L lies inside L, so
  // every earlier lunar year's occurrence is before `from`. Starting at the
  // lunar year that contains `from` handles dates in lunar months 11-12 that
  // fall twice, or not at all, in one Gregorian year.
  int lunar_year = 1900;
  if (from >= lunar_first_supported_date()) {
    auto l = to_lunar(from);
    if (!l.ok()) return std::nullopt;
    lunar_year = l->year;
  }
  if (b.year) lunar_year = std::max(lunar_year, *b.year);
  for (int y = lunar_year; y <= kLastLunarYear; ++y) {
    auto d = observe_lunar_date(y, b.month, b.day, b.leap, p.lunar_exact_leap);
    if (d.ok() && *d >= from) return *d;
  }
  return std::nullopt;
}

}  // namespace cadence
