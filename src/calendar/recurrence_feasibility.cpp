// Does an RRULE ever fire? libical cannot tell: for a rule whose BYxxx parts
// select no day it searches until the year 2582, up to ~10 s per call (e.g.
// FREQ=MONTHLY;BYDAY=1FR;BYMONTHDAY=8,9,10). The Gregorian calendar repeats
// every 400 years (146097 days = 20871 weeks = 4800 months), so it is enough
// to look at every period (day, week, month or year, stepped by INTERVAL) of
// one such cycle and ask whether the BYxxx parts select a day in it.
#include <algorithm>
#include <cstdlib>
#include <numeric>

#include "calendar/recurrence_rule.hpp"

namespace cadence {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using Freq = RecurrenceRule::Freq;

constexpr long long kCycleDays = 146097;
constexpr long long kCycleWeeks = 20871;
constexpr long long kCycleMonths = 4800;
constexpr long long kCycleYears = 400;

unsigned weekday_of(sys_days d) { return std::chrono::weekday{d}.c_encoding(); }

class DayFilter {
 public:
  DayFilter(const RecurrenceRule& r, Date dtstart) : r_(r), start_(dtstart) {
    const bool no_day_parts =
        r.by_day.empty() && r.month_days.empty() && r.year_days.empty() && r.week_nos.empty();
    // RFC 5545: parts not given are taken from DTSTART.
    implicit_weekday_ = (r.freq == Freq::kWeekly && r.by_day.empty()) ||
                        (r.freq == Freq::kYearly && !r.week_nos.empty() && r.by_day.empty() &&
                         r.month_days.empty() && r.year_days.empty());
    implicit_month_day_ = (r.freq == Freq::kMonthly && r.by_day.empty() && r.month_days.empty()) ||
                          (r.freq == Freq::kYearly && no_day_parts);
    implicit_month_ = r.freq == Freq::kYearly && no_day_parts && r.months.empty();
    // BYDAY ordinals count within the month for MONTHLY and for YEARLY with
    // BYMONTH, else within the year.
    ordinal_in_month_ = r.freq == Freq::kMonthly || !r.months.empty();
  }

  bool matches(sys_days day) const {
    const Date d{day};
    const int month = static_cast<int>(static_cast<unsigned>(d.month()));
    const int md = static_cast<int>(static_cast<unsigned>(d.day()));
    const int month_len =
        static_cast<int>(static_cast<unsigned>((d.year() / d.month() / std::chrono::last).day()));
    if (implicit_month_ && d.month() != start_.month()) return false;
    if (!r_.months.empty() && !contains(r_.months, month)) return false;
    if (implicit_month_day_ && d.day() != start_.day()) return false;
    if (!r_.month_days.empty() && !any_position(r_.month_days, md, month_len)) return false;
    const sys_days jan1{d.year() / std::chrono::January / 1};
    const int yd = static_cast<int>((day - jan1).count()) + 1;
    const int year_len = d.year().is_leap() ? 366 : 365;
    if (!r_.year_days.empty() && !any_position(r_.year_days, yd, year_len)) return false;
    const unsigned wd = weekday_of(day);
    if (implicit_weekday_ && wd != weekday_of(sys_days{start_})) return false;
    if (!r_.by_day.empty()) {
      const int pos = ordinal_in_month_ ? md : yd;
      const int len = ordinal_in_month_ ? month_len : year_len;
      bool any = false;
      for (const auto& b : r_.by_day) {
        if (b.weekday != wd) continue;
        if (b.ordinal == 0 || (b.ordinal > 0 && (pos - 1) / 7 + 1 == b.ordinal) ||
            (b.ordinal < 0 && (len - pos) / 7 + 1 == -b.ordinal)) {
          any = true;
          break;
        }
      }
      if (!any) return false;
    }
    return true;  // BYWEEKNO is not evaluated: treated as satisfiable
  }

 private:
  static bool contains(const std::vector<int>& v, int x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  }
  // v > 0: position v from the start; v < 0: position -v from the end.
  static bool any_position(const std::vector<int>& v, int pos, int len) {
    for (int x : v) {
      if (x > 0 ? pos == x : pos == len + x + 1) return true;
    }
    return false;
  }

  const RecurrenceRule& r_;
  Date start_;
  bool implicit_weekday_ = false;
  bool implicit_month_day_ = false;
  bool implicit_month_ = false;
  bool ordinal_in_month_ = true;
};

}  // namespace

bool recurrence_can_fire(const RecurrenceRule& r, Date dtstart) {
  const DayFilter filter(r, dtstart);
  const long long interval = r.interval;
  long long cycle = kCycleDays;
  switch (r.freq) {
    case Freq::kDaily:
      cycle = kCycleDays;
      break;
    case Freq::kWeekly:
      cycle = kCycleWeeks;
      break;
    case Freq::kMonthly:
      cycle = kCycleMonths;
      break;
    case Freq::kYearly:
      cycle = kCycleYears;
      break;
  }
  // Periods k*interval (mod cycle) repeat after cycle/gcd steps; one more step
  // covers the part of period 0 that lies before DTSTART.
  const long long steps = cycle / std::gcd(interval, cycle) + 1;
  const sys_days start{dtstart};
  const sys_days week_start = start - days{(weekday_of(start) + 7 - r.wkst) % 7};
  const int year0 = static_cast<int>(dtstart.year());
  const long long month0 =
      static_cast<long long>(year0) * 12 + static_cast<unsigned>(dtstart.month()) - 1;
  for (long long k = 0; k < steps; ++k) {
    const long long offset = (k * interval) % cycle + (k == steps - 1 ? cycle : 0);
    sys_days first = start, last = start;
    switch (r.freq) {
      case Freq::kDaily:
        first = last = start + days{offset};
        break;
      case Freq::kWeekly:
        first = week_start + days{7 * offset};
        last = first + days{6};
        break;
      case Freq::kMonthly: {
        const long long mi = month0 + offset;
        const std::chrono::year y{static_cast<int>(mi / 12)};
        const std::chrono::month m{static_cast<unsigned>(mi % 12 + 1)};
        first = sys_days{y / m / 1};
        last = sys_days{y / m / std::chrono::last};
        break;
      }
      case Freq::kYearly: {
        const std::chrono::year y{year0 + static_cast<int>(offset)};
        first = sys_days{y / std::chrono::January / 1};
        last = sys_days{y / std::chrono::December / 31};
        break;
      }
    }
    int matched = 0;
    for (sys_days d = first; d <= last; d += days{1}) {
      if (filter.matches(d)) ++matched;
    }
    if (matched == 0) continue;
    if (r.set_pos.empty()) return true;
    for (int p : r.set_pos) {
      if (std::abs(p) <= matched) return true;
    }
  }
  return false;
}

}  // namespace cadence
