#include "cadence/lunar.hpp"

#include <array>
#include <cstdint>
#include <string>

#include "calendar/lunar_table.hpp"

namespace cadence {
namespace {

using lunar_table::kFirstYear;
using lunar_table::kLastYear;
using lunar_table::kYearCount;

// Derived from the compact rows once: absolute first day and the offset of
// each month's first day, so that a conversion is an index, a tiny scan over
// at most 13 months and an addition.
struct YearIndex {
  std::int32_t new_year = 0;              // days since 1970-01-01
  std::array<std::uint16_t, 14> start{};  // start[i] = offset of month i; start[count] = length
  std::uint8_t month_count = 0;
  std::uint8_t leap_month = 0;
};

struct LunarIndex {
  std::array<YearIndex, kYearCount> years{};
  std::int32_t last_day = 0;  // days since 1970-01-01 of the last supported day
};

LunarIndex build_index() {
  LunarIndex index;
  for (std::size_t i = 0; i < kYearCount; ++i) {
    const lunar_table::YearRow& row = lunar_table::kYears[i];
    YearIndex& y = index.years[i];
    const auto jan1 = std::chrono::sys_days{std::chrono::year{row.year} / 1 / 1};
    y.new_year = static_cast<std::int32_t>(jan1.time_since_epoch().count()) + row.new_year_yday - 1;
    y.leap_month = row.leap_month;
    y.month_count = row.leap_month == 0 ? 12 : 13;
    for (unsigned m = 0; m < y.month_count; ++m) {
      const unsigned days = (row.long_months >> m) & 1u ? 30 : 29;
      y.start[m + 1] = static_cast<std::uint16_t>(y.start[m] + days);
    }
  }
  const YearIndex& last = index.years[kYearCount - 1];
  index.last_day = last.new_year + last.start[last.month_count] - 1;
  return index;
}

const LunarIndex& lunar_index() {
  static const LunarIndex index = build_index();
  return index;
}

const YearIndex& year_index(int lunar_year) {
  return lunar_index().years[static_cast<std::size_t>(lunar_year - kFirstYear)];
}

bool year_supported(int lunar_year) { return lunar_year >= kFirstYear && lunar_year <= kLastYear; }

// Position (0-based, in order) of a month in its year, or -1 if it does not exist.
int month_position(const YearIndex& y, unsigned month, bool leap) {
  if (month < 1 || month > 12) return -1;
  if (leap) return y.leap_month == month ? static_cast<int>(month) : -1;
  const bool after_leap = y.leap_month != 0 && month > y.leap_month;
  return static_cast<int>(month) - 1 + (after_leap ? 1 : 0);
}

Date from_days(std::int32_t days) { return Date{std::chrono::sys_days{std::chrono::days{days}}}; }

std::string year_range_text() {
  return std::to_string(kFirstYear) + ".." + std::to_string(kLastYear);
}

Error year_error(int lunar_year) {
  return Error::invalid_input("lunar year " + std::to_string(lunar_year) +
                              " is outside the supported range " + year_range_text());
}

Status check_month_day(unsigned month, unsigned day) {
  if (month < 1 || month > 12) {
    return Error::invalid_input("lunar month " + std::to_string(month) +
                                " is out of range (valid: 1..12)");
  }
  if (day < 1 || day > 30) {
    return Error::invalid_input("lunar day " + std::to_string(day) +
                                " is out of range (valid: 1..30)");
  }
  return ok_status();
}

}  // namespace

Date lunar_first_supported_date() { return from_days(lunar_index().years[0].new_year); }
Date lunar_last_supported_date() { return from_days(lunar_index().last_day); }

Result<LunarDate> to_lunar(Date date) {
  if (!date.ok()) return Error::invalid_input("to_lunar: not a valid Gregorian date");
  const LunarIndex& index = lunar_index();
  const auto days = static_cast<std::int32_t>(to_sys_days(date).time_since_epoch().count());
  if (days < index.years[0].new_year || days > index.last_day) {
    return Error::invalid_input(format_date(date) + " is outside the supported range " +
                                format_date(lunar_first_supported_date()) + ".." +
                                format_date(lunar_last_supported_date()) + " (lunar years " +
                                year_range_text() + ")");
  }
  // A lunar year begins between Jan 21 and Feb 20, so the date's lunar year is
  // its Gregorian year or the one before.
  int i = static_cast<int>(date.year()) - kFirstYear;
  if (i >= static_cast<int>(kYearCount) ||
      days < index.years[static_cast<std::size_t>(i)].new_year) {
    --i;
  }
  const YearIndex& y = index.years[static_cast<std::size_t>(i)];
  const int offset = days - y.new_year;
  // Months are 29 or 30 days: offset / 30 is at most one short of the answer.
  unsigned pos = static_cast<unsigned>(offset) / 30;
  while (y.start[pos + 1] <= offset) ++pos;
  LunarDate result;
  result.year = kFirstYear + i;
  result.day = static_cast<unsigned>(offset - y.start[pos]) + 1;
  if (y.leap_month == 0 || pos < y.leap_month) {
    result.month = pos + 1;
  } else {
    result.month = pos;
    result.leap = pos == y.leap_month;
  }
  return result;
}

Result<Date> from_lunar(const LunarDate& lunar) {
  if (!year_supported(lunar.year)) return year_error(lunar.year);
  if (Status s = check_month_day(lunar.month, lunar.day); !s) return s.error();
  const YearIndex& y = year_index(lunar.year);
  const int pos = month_position(y, lunar.month, lunar.leap);
  if (pos < 0) {
    return Error::invalid_input(
        "lunar year " + std::to_string(lunar.year) + " has no leap month " +
        std::to_string(lunar.month) +
        (y.leap_month == 0 ? " (it has no leap month)"
                           : " (its leap month is " + std::to_string(y.leap_month) + ")"));
  }
  const auto p = static_cast<std::size_t>(pos);
  const unsigned length = static_cast<unsigned>(y.start[p + 1] - y.start[p]);
  if (lunar.day > length) {
    return Error::invalid_input("lunar " + std::string(lunar.leap ? "leap " : "") + "month " +
                                std::to_string(lunar.month) + " of " + std::to_string(lunar.year) +
                                " has " + std::to_string(length) + " days (valid: 1.." +
                                std::to_string(length) + "), not " + std::to_string(lunar.day));
  }
  return from_days(y.new_year + y.start[p] + static_cast<std::int32_t>(lunar.day) - 1);
}

unsigned lunar_leap_month(int lunar_year) {
  return year_supported(lunar_year) ? year_index(lunar_year).leap_month : 0;
}

unsigned lunar_month_days(int lunar_year, unsigned month, bool leap) {
  if (!year_supported(lunar_year)) return 0;
  const YearIndex& y = year_index(lunar_year);
  const int pos = month_position(y, month, leap);
  if (pos < 0) return 0;
  const auto p = static_cast<std::size_t>(pos);
  return static_cast<unsigned>(y.start[p + 1] - y.start[p]);
}

Date lunar_new_year(int lunar_year) {
  if (!year_supported(lunar_year)) return Date{};  // !ok(): documented precondition
  return from_days(year_index(lunar_year).new_year);
}

Result<Date> observe_lunar_date(int lunar_year, unsigned month, unsigned day, bool leap,
                                bool exact_leap) {
  if (!year_supported(lunar_year)) return year_error(lunar_year);
  if (Status s = check_month_day(month, day); !s) return s.error();
  const YearIndex& y = year_index(lunar_year);
  // DESIGN.md: celebrated in the regular month of its number, unless the date
  // is a leap-month date configured `exact` and this year has that leap month.
  const bool use_leap = leap && exact_leap && y.leap_month == month;
  const auto p = static_cast<std::size_t>(month_position(y, month, use_leap));
  const unsigned length = static_cast<unsigned>(y.start[p + 1] - y.start[p]);
  const unsigned observed_day = day > length ? length : day;  // day 30 -> last day
  return from_days(y.new_year + y.start[p] + static_cast<std::int32_t>(observed_day) - 1);
}

}  // namespace cadence
