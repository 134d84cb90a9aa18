// BusinessCalendar: weekends, day-off holidays, and the config's make-up
// working days (调休) and extra days off.
//
// Precedence, first match wins: a configured make-up working day is a business
// day (even on a weekend); a configured day off is not; a weekend day is not; a
// day-off holiday (HolidayCalendar::is_day_off) is not; else it is.
#include <algorithm>

#include "cadence/calendar.hpp"

namespace cadence {
namespace {

std::vector<Date> sorted_unique(std::vector<Date> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

bool contains(const std::vector<Date>& sorted, Date d) {
  return std::binary_search(sorted.begin(), sorted.end(), d);
}

// A bound for next_business_day_on_or_after: no real calendar has a year
// without a business day; a config that makes every weekday a weekend does.
constexpr int kMaxSearchDays = 3 * 366;

}  // namespace

BusinessCalendar::BusinessCalendar(std::shared_ptr<const HolidayCalendar> holidays,
                                   const HolidayConfig& config)
    : holidays_(std::move(holidays)),
      workdays_(sorted_unique(config.workdays)),
      days_off_(sorted_unique(config.days_off)),
      weekend_(config.weekend) {}

bool BusinessCalendar::is_business_day(Date d) const {
  if (contains(workdays_, d)) return true;
  if (contains(days_off_, d)) return false;
  const unsigned wd = std::chrono::weekday{std::chrono::sys_days{d}}.c_encoding();
  if (std::find(weekend_.begin(), weekend_.end(), wd) != weekend_.end()) return false;
  return holidays_ == nullptr || !holidays_->is_day_off(d);
}

Date BusinessCalendar::next_business_day_on_or_after(Date d) const {
  std::chrono::sys_days day{d};
  for (int i = 0; i < kMaxSearchDays; ++i, day += std::chrono::days{1}) {
    if (is_business_day(Date{day})) return Date{day};
  }
  return d;  // no business day within three years: leave the date unchanged
}

}  // namespace cadence
