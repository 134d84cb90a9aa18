// RFC 5545 RRULE over all-day dates, expanded by libical.
//
// Every part is checked first (recurrence_rule.cpp) and a rule that can never
// fire is recognised up front (recurrence_feasibility.cpp): libical alone
// searches until the year 2582 for such a rule, seconds per call. No
// occurrence after 2200-12-31 is produced.
#include <libical/ical.h>

#include <memory>

#include "cadence/calendar.hpp"
#include "calendar/recurrence_rule.hpp"

namespace cadence {
namespace {

constexpr int kHorizonYear = 2200;
constexpr int kFirstStartYear = 1900;
constexpr int kLastStartYear = 2100;

icaltimetype to_ical(Date d) {
  // Not icaltime_null_date(): its hour/minute/second are -1, which makes the
  // iterator repeat DTSTART.
  icaltimetype t = icaltime_null_time();
  t.year = static_cast<int>(d.year());
  t.month = static_cast<int>(static_cast<unsigned>(d.month()));
  t.day = static_cast<int>(static_cast<unsigned>(d.day()));
  t.is_date = 1;
  return t;
}

Date from_ical(const icaltimetype& t) {
  return Date{std::chrono::year{t.year}, std::chrono::month{static_cast<unsigned>(t.month)},
              std::chrono::day{static_cast<unsigned>(t.day)}};
}

struct IteratorDeleter {
  void operator()(icalrecur_iterator* it) const { icalrecur_iterator_free(it); }
};
using IteratorPtr = std::unique_ptr<icalrecur_iterator, IteratorDeleter>;

// Calls `visit(date)` for each occurrence in order, up to `until` (and the
// horizon), until it returns false.
template <typename Visit>
void for_each_occurrence(const std::string& text, Date dtstart, std::optional<Date> until,
                         Visit visit) {
  auto rule = parse_recurrence_rule(text);
  if (!rule.ok() || !recurrence_can_fire(*rule, dtstart)) return;
  icalerror_clear_errno();
  icalrecurrencetype r = icalrecurrencetype_from_string(rule->text.c_str());
  if (r.freq == ICAL_NO_RECURRENCE) return;
  // Bound the search by the earlier of the rule's UNTIL, the caller's and the
  // horizon (libical stops at whichever of COUNT and UNTIL comes first).
  // UNTIL is always set as a DATE: a DATE-TIME UNTIL with a DATE DTSTART makes
  // libical repeat DTSTART forever.
  Date bound{std::chrono::year{kHorizonYear}, std::chrono::December, std::chrono::day{31}};
  if (until && *until < bound) bound = *until;
  if (icaltime_is_null_time(r.until) || from_ical(r.until) > bound) {
    r.until = to_ical(bound);
  } else {
    r.until = to_ical(from_ical(r.until));
  }
  IteratorPtr it(icalrecur_iterator_new(r, to_ical(dtstart)));
  if (!it) return;  // libical found that the rule cannot fire
  // A recurrence is a set (RFC 5545 3.8.5.3): libical yields a day twice when
  // a BY list names it twice (BYDAY=WE,WE), so only days after the last one
  // pass (found by fuzz/rrule_fuzz.cpp).
  std::optional<Date> last;
  for (icaltimetype t = icalrecur_iterator_next(it.get()); !icaltime_is_null_time(t);
       t = icalrecur_iterator_next(it.get())) {
    const Date d = from_ical(t);
    if (d > bound) return;
    if (last && d <= *last) continue;
    last = d;
    if (!visit(d)) return;
  }
}

}  // namespace

Result<Recurrence> Recurrence::parse(std::string_view rrule, Date dtstart) {
  const std::string quoted = "invalid RRULE '" + std::string(rrule) + "'";
  if (!dtstart.ok()) return Error::invalid_input(quoted + ": bad DTSTART");
  const int y = static_cast<int>(dtstart.year());
  if (y < kFirstStartYear || y > kLastStartYear) {
    return Error::invalid_input(quoted + ": DTSTART " + format_date(dtstart) +
                                " is outside 1900-01-01..2100-12-31");
  }
  auto rule = parse_recurrence_rule(rrule);
  if (!rule.ok()) return rule.error().with_context(quoted);
  // What passed our checks should parse; if libical still objects, say so.
  icalerror_clear_errno();
  const icalrecurrencetype r = icalrecurrencetype_from_string(rule->text.c_str());
  if (r.freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR) {
    const std::string why = icalerror_strerror(icalerrno);
    icalerror_clear_errno();
    return Error::invalid_input(quoted + ": libical rejected it (" + why + ")");
  }
  return Recurrence(std::move(rule->text), dtstart);
}

std::vector<Date> Recurrence::expand(std::optional<Date> until, std::size_t max_count) const {
  std::vector<Date> out;
  if (max_count == 0) return out;
  for_each_occurrence(rule_, dtstart_, until, [&](Date d) {
    out.push_back(d);
    return out.size() < max_count;
  });
  return out;
}

std::optional<Date> Recurrence::next_on_or_after(Date from) const {
  std::optional<Date> found;
  for_each_occurrence(rule_, dtstart_, std::nullopt, [&](Date d) {
    if (d < from) return true;
    found = d;
    return false;
  });
  return found;
}

}  // namespace cadence
