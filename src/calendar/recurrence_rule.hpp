// An RFC 5545 RRULE checked part by part (section 3.3.10), before libical sees
// it: libical's own parser is lenient (it ignores some unknown parts, accepts a
// rule without FREQ). Private to src/calendar.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cadence/error.hpp"
#include "cadence/time.hpp"

namespace cadence {

struct RecurrenceRule {
  enum class Freq { kDaily, kWeekly, kMonthly, kYearly };
  struct ByDay {
    int ordinal = 0;       // 0: every such weekday; +n / -n: the n-th (from the end)
    unsigned weekday = 0;  // 0 = Sunday .. 6 = Saturday
  };

  std::string text;  // normalised: upper case, without "RRULE:" and trailing ';'
  Freq freq = Freq::kDaily;
  int interval = 1;
  std::vector<int> months;
  std::vector<int> month_days;  // may be negative (from the end of the month)
  std::vector<int> year_days;   // may be negative
  std::vector<int> week_nos;    // may be negative
  std::vector<int> set_pos;     // may be negative
  std::vector<ByDay> by_day;
  unsigned wkst = 1;  // Monday, the RFC default
};

// Error (kInvalidInput) describing the first problem, without the rule text
// (the caller names the rule).
Result<RecurrenceRule> parse_recurrence_rule(std::string_view text);

// False when the rule provably never produces a date from `dtstart` on (its
// BYxxx parts select no day in any period of a full 400-year Gregorian cycle,
// e.g. BYMONTH=2;BYMONTHDAY=30, or FREQ=MONTHLY;BYDAY=1FR;BYMONTHDAY=8).
// BYWEEKNO is not evaluated (treated as always satisfiable). A few ms at most.
bool recurrence_can_fire(const RecurrenceRule& rule, Date dtstart);

}  // namespace cadence
