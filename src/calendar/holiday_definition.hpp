// HolidayCalendar::Definition: one holiday's key, names, date rule and whether
// it is a day off. Private to src/calendar.
#pragma once

#include <string>
#include <vector>

#include "cadence/calendar.hpp"

namespace cadence {

// The date forms of a holiday are exactly those of a custom holiday (config.hpp).
// Lunar day 30 in a 29-day month falls on the month's last day, so 除夕 is
// Lunar{12, 30}. A leap-month lunar holiday falls only in years that have that
// leap month.
using HolidayRule = decltype(CustomHoliday::date);

struct HolidayCalendar::Definition {
  std::string key;
  std::string name_zh;
  std::string name_en;
  HolidayRule rule;
  // A statutory day off (法定节假日 / US federal holiday): counts as a non-working
  // day in BusinessCalendar. Greeting occasions (七夕, Mother's Day) are not.
  bool day_off = false;

  const std::string& name(Locale locale) const { return locale == Locale::kEn ? name_en : name_zh; }
};

// The built-in definitions of set `set` ("cn", "us", "intl"), or nullptr.
const std::vector<HolidayCalendar::Definition>* builtin_definitions(std::string_view set);

// Appends the dates on which `rule` falls in Gregorian year `year`, in date
// order. Lunar and solar-term rules yield nothing outside the lunar table's
// range (1900-2100).
void append_rule_dates(const HolidayRule& rule, int year, std::vector<Date>& out);

// True when two rules always give the same dates.
bool same_rule(const HolidayRule& a, const HolidayRule& b);

}  // namespace cadence
