// HolidayCalendar: built-in sets merged with custom holidays.
//
// Two sets may share a key with the same meaning (cn and intl both have
// `new_year`, us and intl both have `christmas`): they are one holiday, listed
// once; it is a day off if either set says so, and its names come from the
// first set that defines it. A custom key equal to a built-in key in use, or to
// another custom key, is an error.
#include <algorithm>
#include <string>

#include "calendar/holiday_definition.hpp"

namespace cadence {
namespace {

using std::chrono::sys_days;

std::string where_prefix(const SourceLocation& where) {
  if (where.line <= 0) return where.file.empty() ? "" : where.file + ": ";
  return where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) + ": ";
}

// Checks the ranges of a custom holiday's date; the message names the key.
Status validate(const CustomHoliday& h) {
  auto bad = [&](const std::string& what) {
    return Error::invalid_input(where_prefix(h.where) + "holiday '" + h.key + "': " + what);
  };
  if (h.key.empty()) return Error::invalid_input(where_prefix(h.where) + "holiday without a key");
  auto month_ok = [](unsigned m) { return m >= 1 && m <= 12; };
  if (const auto* g = std::get_if<CustomHoliday::Gregorian>(&h.date)) {
    if (!month_ok(g->month)) return bad("month " + std::to_string(g->month) + " (valid: 1-12)");
    // Any day that exists in a leap year; 02-29 then falls only in leap years.
    const Date probe{std::chrono::year{2000}, std::chrono::month{g->month},
                     std::chrono::day{g->day}};
    if (g->day < 1 || !probe.ok()) {
      const unsigned last = static_cast<unsigned>(
          (std::chrono::year{2000} / std::chrono::month{g->month} / std::chrono::last).day());
      return bad("day " + std::to_string(g->day) + " (valid for month " + std::to_string(g->month) +
                 ": 1-" + std::to_string(last) + ")");
    }
  } else if (const auto* l = std::get_if<CustomHoliday::Lunar>(&h.date)) {
    if (!month_ok(l->month)) {
      return bad("lunar month " + std::to_string(l->month) + " (valid: 1-12)");
    }
    if (l->day < 1 || l->day > 30) {
      return bad("lunar day " + std::to_string(l->day) + " (valid: 1-30)");
    }
  } else if (const auto* n = std::get_if<CustomHoliday::NthWeekday>(&h.date)) {
    if (!month_ok(n->month)) return bad("month " + std::to_string(n->month) + " (valid: 1-12)");
    if (n->weekday > 6) {
      return bad("weekday " + std::to_string(n->weekday) + " (valid: 0-6, 0 = Sunday)");
    }
    if (n->n != -1 && (n->n < 1 || n->n > 5)) {
      return bad("n " + std::to_string(n->n) + " (valid: 1-5, or -1 for the last)");
    }
  } else if (const auto* e = std::get_if<CustomHoliday::EasterOffset>(&h.date)) {
    if (e->days < -365 || e->days > 365) {
      return bad("Easter offset " + std::to_string(e->days) + " days (valid: -365 to 365)");
    }
  } else if (const auto* t = std::get_if<CustomHoliday::SolarTerm>(&h.date)) {
    if (t->index >= kSolarTermCount) {
      return bad("solar term index " + std::to_string(t->index) + " (valid: 0-23)");
    }
  }
  return ok_status();
}

}  // namespace

HolidayCalendar::HolidayCalendar() = default;
HolidayCalendar::~HolidayCalendar() = default;
HolidayCalendar::HolidayCalendar(HolidayCalendar&&) noexcept = default;
HolidayCalendar& HolidayCalendar::operator=(HolidayCalendar&&) noexcept = default;
HolidayCalendar::HolidayCalendar(const HolidayCalendar&) = default;
HolidayCalendar& HolidayCalendar::operator=(const HolidayCalendar&) = default;

Result<HolidayCalendar> HolidayCalendar::create(const std::vector<std::string>& sets,
                                                const std::vector<CustomHoliday>& custom,
                                                Locale locale) {
  HolidayCalendar cal;
  cal.locale_ = locale;
  std::vector<std::string> origin;  // which set (or "custom") defined each definition
  auto find = [&](std::string_view key) {
    return std::find_if(cal.definitions_.begin(), cal.definitions_.end(),
                        [&](const Definition& d) { return d.key == key; });
  };
  for (const auto& set : sets) {
    const auto* defs = builtin_definitions(set);
    if (defs == nullptr) {
      return Error::invalid_input("unknown holiday set '" + set + "' (known sets: cn, us, intl)");
    }
    for (const auto& d : *defs) {
      auto it = find(d.key);
      if (it == cal.definitions_.end()) {
        cal.definitions_.push_back(d);
        origin.push_back(set);
      } else if (same_rule(it->rule, d.rule)) {
        it->day_off = it->day_off || d.day_off;
      } else {
        return Error::internal("holiday key '" + d.key + "' means different dates in sets '" +
                               origin[static_cast<std::size_t>(it - cal.definitions_.begin())] +
                               "' and '" + set + "'");
      }
    }
  }
  for (const auto& h : custom) {
    if (Status s = validate(h); !s.ok()) return s.error();
    auto it = find(h.key);
    if (it != cal.definitions_.end()) {
      const std::string& by = origin[static_cast<std::size_t>(it - cal.definitions_.begin())];
      return Error::conflict(
          where_prefix(h.where) + "holiday key '" + h.key + "' is already defined" +
          (by == "custom" ? " by another custom holiday" : " by the built-in set '" + by + "'"));
    }
    const std::string name = h.name.empty() ? h.key : h.name;
    // Custom holidays are not days off: extra non-working days are listed in
    // holidays.days_off, where the user states exactly which dates.
    cal.definitions_.push_back(Definition{h.key, name, name, h.date, false});
    origin.push_back("custom");
  }
  return cal;
}

std::vector<Holiday> HolidayCalendar::between(Date from, Date to) const {
  std::vector<Holiday> out;
  if (!from.ok() || !to.ok() || to < from) return out;
  std::vector<Date> dates;
  for (int year = static_cast<int>(from.year()); year <= static_cast<int>(to.year()); ++year) {
    for (const auto& d : definitions_) {
      dates.clear();
      append_rule_dates(d.rule, year, dates);
      for (const Date& date : dates) {
        if (date >= from && date <= to) out.push_back(Holiday{date, d.key, d.name(locale_)});
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const Holiday& a, const Holiday& b) {
    if (a.date != b.date) return a.date < b.date;
    return a.key < b.key;
  });
  return out;
}

std::vector<Date> HolidayCalendar::dates_of(std::string_view key, int year) const {
  std::vector<Date> out;
  for (const auto& d : definitions_) {
    if (d.key == key) append_rule_dates(d.rule, year, out);
  }
  return out;
}

std::optional<Date> HolidayCalendar::next_on_or_after(std::string_view key, Date from) const {
  if (!has_key(key) || !from.ok()) return std::nullopt;
  // Gregorian-based rules recur within a few years (02-29: 8; a 5th weekday:
  // 6); lunar and solar-term rules end with the lunar table in 2100.
  const int first = static_cast<int>(from.year());
  const int last = std::max(first + 28, 2100);
  for (int year = first; year <= last; ++year) {
    for (const Date& d : dates_of(key, year)) {
      if (d >= from) return d;
    }
  }
  return std::nullopt;
}

bool HolidayCalendar::has_key(std::string_view key) const {
  return std::any_of(definitions_.begin(), definitions_.end(),
                     [&](const Definition& d) { return d.key == key; });
}

std::vector<std::string> HolidayCalendar::keys() const {
  std::vector<std::string> out;
  out.reserve(definitions_.size());
  for (const auto& d : definitions_) out.push_back(d.key);
  return out;
}

std::string HolidayCalendar::name_of(std::string_view key) const {
  for (const auto& d : definitions_) {
    if (d.key == key) return d.name(locale_);
  }
  return {};
}

bool HolidayCalendar::is_day_off_key(std::string_view key) const {
  for (const auto& d : definitions_) {
    if (d.key == key) return d.day_off;
  }
  return false;
}

bool HolidayCalendar::is_day_off(Date date) const {
  std::vector<Date> dates;
  for (const auto& d : definitions_) {
    if (!d.day_off) continue;
    dates.clear();
    append_rule_dates(d.rule, static_cast<int>(date.year()), dates);
    if (std::find(dates.begin(), dates.end(), date) != dates.end()) return true;
  }
  return false;
}

}  // namespace cadence
