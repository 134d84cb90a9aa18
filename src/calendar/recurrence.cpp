// RFC 5545 RRULE over all-day dates, on libical.
//
// libical's parser is lenient (it ignores some unknown parts and accepts rules
// without FREQ), so every part is checked here first, against RFC 5545 section
// 3.3.10, and only a rule that passes is handed to libical for expansion.
// Iteration is bounded: libical alone would search until the year 2582 for a
// rule that never fires (0.5 s per call); here impossible BYMONTH x BYMONTHDAY
// combinations are recognised up front, and no occurrence after
// kHorizon is produced.
#include <libical/ical.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "cadence/calendar.hpp"

namespace cadence {
namespace {

constexpr int kHorizonYear = 2200;  // no occurrence after 2200-12-31
constexpr int kFirstYear = 1900;
constexpr int kLastStartYear = 2100;

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t pos = s.find(sep, start);
    out.emplace_back(s.substr(start, pos == std::string_view::npos ? s.npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

std::optional<int> to_int(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  int v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

bool is_weekday(std::string_view s) {
  static constexpr std::array<std::string_view, 7> kDays = {"SU", "MO", "TU", "WE",
                                                            "TH", "FR", "SA"};
  return std::find(kDays.begin(), kDays.end(), s) != kDays.end();
}

// A list of integers each in [-max, -min] or [min, max] (negatives optional).
std::optional<std::string> check_int_list(const std::string& name, const std::string& value,
                                          int min, int max, bool allow_negative,
                                          std::vector<int>* values = nullptr) {
  for (const auto& item : split(value, ',')) {
    const auto v = to_int(item);
    const int mag = v ? (*v < 0 ? -*v : *v) : 0;
    if (!v || mag < min || mag > max || (*v < 0 && !allow_negative)) {
      return name + " value '" + item + "' (valid: " + (allow_negative ? "+/-" : "") +
             std::to_string(min) + ".." + std::to_string(max) + ")";
    }
    if (values) values->push_back(*v);
  }
  return std::nullopt;
}

std::optional<Date> parse_ical_date(std::string_view s) {
  // YYYYMMDD, optionally followed by THHMMSS or THHMMSSZ.
  if (s.size() != 8 && s.size() != 15 && s.size() != 16) return std::nullopt;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool digit = std::isdigit(static_cast<unsigned char>(s[i])) != 0;
    if (i == 8 ? s[i] != 'T' : (i == 15 ? s[i] != 'Z' : !digit)) return std::nullopt;
  }
  const auto y = to_int(s.substr(0, 4)), m = to_int(s.substr(4, 2)), d = to_int(s.substr(6, 2));
  const Date date{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
                  std::chrono::day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

struct Checked {
  std::string text;  // normalised: upper case, no "RRULE:" prefix
  std::vector<int> months;
  std::vector<int> month_days;
};

// Validates every part; returns the normalised rule or the problem.
Result<Checked> check_rule(std::string_view input) {
  Checked c;
  c.text.reserve(input.size());
  for (char ch : input)
    c.text.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
  if (c.text.rfind("RRULE:", 0) == 0) c.text.erase(0, 6);
  while (!c.text.empty() && c.text.back() == ';') c.text.pop_back();
  if (c.text.empty()) return Error::invalid_input("empty rule");

  static const std::set<std::string> kKnown = {"FREQ",  "INTERVAL",   "COUNT",   "UNTIL",
                                               "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS",
                                               "WKST",  "BYYEARDAY",  "BYWEEKNO"};
  std::map<std::string, std::string> parts;
  for (const auto& part : split(c.text, ';')) {
    const auto eq = part.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == part.size()) {
      return Error::invalid_input("part '" + part + "' is not NAME=VALUE");
    }
    const std::string name = part.substr(0, eq);
    if (name == "BYHOUR" || name == "BYMINUTE" || name == "BYSECOND") {
      return Error::invalid_input(name + " is not supported: recurrences are all-day");
    }
    if (kKnown.count(name) == 0) {
      return Error::invalid_input(
          "unknown part '" + name +
          "' (known: FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, WKST, "
          "BYYEARDAY, BYWEEKNO)");
    }
    if (!parts.emplace(name, part.substr(eq + 1)).second) {
      return Error::invalid_input("part '" + name + "' appears twice");
    }
  }
  auto has = [&](const char* n) { return parts.count(n) != 0; };
  if (!has("FREQ")) return Error::invalid_input("FREQ is missing");
  const std::string& freq = parts["FREQ"];
  if (freq != "DAILY" && freq != "WEEKLY" && freq != "MONTHLY" && freq != "YEARLY") {
    return Error::invalid_input("FREQ=" + freq +
                                " (valid for all-day recurrences: DAILY, WEEKLY, MONTHLY, "
                                "YEARLY)");
  }
  if (has("COUNT") && has("UNTIL")) {
    return Error::invalid_input("COUNT and UNTIL cannot both be given (RFC 5545)");
  }
  std::optional<std::string> problem;
  if (has("INTERVAL")) problem = check_int_list("INTERVAL", parts["INTERVAL"], 1, 10000, false);
  if (!problem && has("COUNT"))
    problem = check_int_list("COUNT", parts["COUNT"], 1, 1000000, false);
  if (!problem && parts.count("INTERVAL") && parts["INTERVAL"].find(',') != std::string::npos) {
    problem = "INTERVAL takes one value";
  }
  if (!problem && parts.count("COUNT") && parts["COUNT"].find(',') != std::string::npos) {
    problem = "COUNT takes one value";
  }
  if (!problem && has("UNTIL") && !parse_ical_date(parts["UNTIL"])) {
    problem = "UNTIL value '" + parts["UNTIL"] + "' (expected YYYYMMDD or YYYYMMDDTHHMMSSZ)";
  }
  if (!problem && has("BYMONTH")) {
    problem = check_int_list("BYMONTH", parts["BYMONTH"], 1, 12, false, &c.months);
  }
  if (!problem && has("BYMONTHDAY")) {
    if (freq == "WEEKLY") return Error::invalid_input("BYMONTHDAY is not allowed with FREQ=WEEKLY");
    problem = check_int_list("BYMONTHDAY", parts["BYMONTHDAY"], 1, 31, true, &c.month_days);
  }
  if (!problem && has("BYYEARDAY")) {
    if (freq != "YEARLY") return Error::invalid_input("BYYEARDAY needs FREQ=YEARLY");
    problem = check_int_list("BYYEARDAY", parts["BYYEARDAY"], 1, 366, true);
  }
  if (!problem && has("BYWEEKNO")) {
    if (freq != "YEARLY") return Error::invalid_input("BYWEEKNO needs FREQ=YEARLY");
    problem = check_int_list("BYWEEKNO", parts["BYWEEKNO"], 1, 53, true);
  }
  if (!problem && has("BYSETPOS")) {
    if (!has("BYDAY") && !has("BYMONTHDAY") && !has("BYMONTH") && !has("BYYEARDAY") &&
        !has("BYWEEKNO")) {
      return Error::invalid_input("BYSETPOS needs another BYxxx part");
    }
    problem = check_int_list("BYSETPOS", parts["BYSETPOS"], 1, 366, true);
  }
  if (!problem && has("WKST") && !is_weekday(parts["WKST"])) {
    problem = "WKST value '" + parts["WKST"] + "' (valid: MO, TU, WE, TH, FR, SA, SU)";
  }
  if (!problem && has("BYDAY")) {
    for (const auto& item : split(parts["BYDAY"], ',')) {
      const std::string day = item.size() >= 2 ? item.substr(item.size() - 2) : item;
      const std::string ordinal = item.size() >= 2 ? item.substr(0, item.size() - 2) : "";
      std::optional<int> n = ordinal.empty() ? std::optional<int>(0) : to_int(ordinal);
      const int mag = n ? (*n < 0 ? -*n : *n) : 0;
      if (!is_weekday(day) || !n || (!ordinal.empty() && (mag < 1 || mag > 53))) {
        problem = "BYDAY value '" + item + "' (expected [+/-n]MO..SU, n 1..53)";
        break;
      }
      if (!ordinal.empty() && freq != "MONTHLY" && freq != "YEARLY") {
        problem = "BYDAY ordinal '" + item + "' needs FREQ=MONTHLY or YEARLY";
        break;
      }
      if (!ordinal.empty() && freq == "MONTHLY" && mag > 5) {
        problem = "BYDAY ordinal '" + item + "' (valid with FREQ=MONTHLY: +/-1..5)";
        break;
      }
    }
  }
  if (problem) return Error::invalid_input(*problem);
  return c;
}

// True when BYMONTH x BYMONTHDAY (all positive) name no day that exists, e.g.
// BYMONTH=2;BYMONTHDAY=30,31: the rule never fires.
bool never_fires(const Checked& c) {
  if (c.months.empty() || c.month_days.empty()) return false;
  static constexpr std::array<int, 13> kMaxDays = {0,  31, 29, 31, 30, 31, 30,
                                                   31, 31, 30, 31, 30, 31};
  for (int m : c.months) {
    for (int d : c.month_days) {
      if (d < 0 || d <= kMaxDays[static_cast<std::size_t>(m)]) return false;
    }
  }
  return true;
}

icaltimetype to_ical(Date d) {
  icaltimetype t = icaltime_null_date();
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
void for_each_occurrence(const std::string& rule, Date dtstart, std::optional<Date> until,
                         Visit visit) {
  auto checked = check_rule(rule);
  if (!checked.ok() || never_fires(*checked)) return;
  icalerror_clear_errno();
  icalrecurrencetype r = icalrecurrencetype_from_string(checked->text.c_str());
  if (r.freq == ICAL_NO_RECURRENCE) return;
  // Bound the search: the earlier of the rule's UNTIL, the caller's and the
  // horizon (libical stops at whichever of COUNT and UNTIL comes first).
  Date bound{std::chrono::year{kHorizonYear}, std::chrono::December, std::chrono::day{31}};
  if (until && *until < bound) bound = *until;
  if (icaltime_is_null_time(r.until) || from_ical(r.until) > bound) r.until = to_ical(bound);
  IteratorPtr it(icalrecur_iterator_new(r, to_ical(dtstart)));
  if (!it) return;  // libical found that the rule can never fire
  for (icaltimetype t = icalrecur_iterator_next(it.get()); !icaltime_is_null_time(t);
       t = icalrecur_iterator_next(it.get())) {
    const Date d = from_ical(t);
    if (d > bound) return;
    if (!visit(d)) return;
  }
}

}  // namespace

Result<Recurrence> Recurrence::parse(std::string_view rrule, Date dtstart) {
  const std::string quoted = "invalid RRULE '" + std::string(rrule) + "'";
  if (!dtstart.ok()) return Error::invalid_input(quoted + ": bad DTSTART");
  const int y = static_cast<int>(dtstart.year());
  if (y < kFirstYear || y > kLastStartYear) {
    return Error::invalid_input(quoted + ": DTSTART " + format_date(dtstart) +
                                " is outside 1900-01-01..2100-12-31");
  }
  auto checked = check_rule(rrule);
  if (!checked.ok()) return checked.error().with_context(quoted);
  icalerror_clear_errno();
  icalrecurrencetype r = icalrecurrencetype_from_string(checked->text.c_str());
  if (r.freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR) {
    const std::string why = icalerror_strerror(icalerrno);
    icalerror_clear_errno();
    return Error::invalid_input(quoted + ": libical rejected it (" + why + ")");
  }
  return Recurrence(std::move(checked->text), dtstart);
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
