// Parsing and validation of RRULE text (RFC 5545 section 3.3.10), restricted
// to all-day recurrences: FREQ DAILY..YEARLY, no BYHOUR/BYMINUTE/BYSECOND.
#include "calendar/recurrence_rule.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <optional>
#include <set>

namespace cadence {
namespace {

using Freq = RecurrenceRule::Freq;

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

std::optional<unsigned> weekday_of(std::string_view s) {
  static constexpr std::array<std::string_view, 7> kDays = {"SU", "MO", "TU", "WE",
                                                            "TH", "FR", "SA"};
  const auto it = std::find(kDays.begin(), kDays.end(), s);
  if (it == kDays.end()) return std::nullopt;
  return static_cast<unsigned>(it - kDays.begin());
}

// A list of integers each in [min, max] or, if allowed, [-max, -min].
std::optional<std::string> int_list(const std::string& name, const std::string& value, int min,
                                    int max, bool allow_negative, std::vector<int>& out) {
  for (const auto& item : split(value, ',')) {
    const auto v = to_int(item);
    const int mag = v ? std::abs(*v) : 0;
    if (!v || mag < min || mag > max || (*v < 0 && !allow_negative)) {
      return name + " value '" + item + "' (valid: " + (allow_negative ? "+/-" : "") +
             std::to_string(min) + ".." + std::to_string(max) + ")";
    }
    out.push_back(*v);
  }
  return std::nullopt;
}

bool valid_until(std::string_view s) {
  // YYYYMMDD, optionally followed by THHMMSS or THHMMSSZ.
  if (s.size() != 8 && s.size() != 15 && s.size() != 16) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool digit = std::isdigit(static_cast<unsigned char>(s[i])) != 0;
    if (i == 8 ? s[i] != 'T' : (i == 15 ? s[i] != 'Z' : !digit)) return false;
  }
  const Date d{std::chrono::year{*to_int(s.substr(0, 4))},
               std::chrono::month{static_cast<unsigned>(*to_int(s.substr(4, 2)))},
               std::chrono::day{static_cast<unsigned>(*to_int(s.substr(6, 2)))}};
  return d.ok();
}

const char* const kKnownParts =
    "FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, WKST, BYYEARDAY, "
    "BYWEEKNO";

}  // namespace

Result<RecurrenceRule> parse_recurrence_rule(std::string_view input) {
  RecurrenceRule r;
  r.text.reserve(input.size());
  for (char ch : input) {
    r.text.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
  }
  if (r.text.rfind("RRULE:", 0) == 0) r.text.erase(0, 6);
  while (!r.text.empty() && r.text.back() == ';') r.text.pop_back();
  if (r.text.empty()) return Error::invalid_input("empty rule");

  static const std::set<std::string> kKnown = {"FREQ",  "INTERVAL",   "COUNT",   "UNTIL",
                                               "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS",
                                               "WKST",  "BYYEARDAY",  "BYWEEKNO"};
  std::map<std::string, std::string> parts;
  for (const auto& part : split(r.text, ';')) {
    const auto eq = part.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == part.size()) {
      return Error::invalid_input("part '" + part + "' is not NAME=VALUE");
    }
    const std::string name = part.substr(0, eq);
    if (name == "BYHOUR" || name == "BYMINUTE" || name == "BYSECOND") {
      return Error::invalid_input(name + " is not supported: recurrences are all-day");
    }
    if (kKnown.count(name) == 0) {
      return Error::invalid_input("unknown part '" + name + "' (known: " + kKnownParts + ")");
    }
    if (!parts.emplace(name, part.substr(eq + 1)).second) {
      return Error::invalid_input("part '" + name + "' appears twice");
    }
  }
  auto has = [&](const char* n) { return parts.count(n) != 0; };

  if (!has("FREQ")) return Error::invalid_input("FREQ is missing");
  const std::string& freq = parts["FREQ"];
  if (freq == "DAILY") {
    r.freq = Freq::kDaily;
  } else if (freq == "WEEKLY") {
    r.freq = Freq::kWeekly;
  } else if (freq == "MONTHLY") {
    r.freq = Freq::kMonthly;
  } else if (freq == "YEARLY") {
    r.freq = Freq::kYearly;
  } else {
    return Error::invalid_input("FREQ=" + freq +
                                " (valid for all-day recurrences: DAILY, WEEKLY, MONTHLY, "
                                "YEARLY)");
  }
  if (has("COUNT") && has("UNTIL")) {
    return Error::invalid_input("COUNT and UNTIL cannot both be given (RFC 5545)");
  }

  std::optional<std::string> problem;
  std::vector<int> scratch;
  if (has("INTERVAL")) {
    problem = int_list("INTERVAL", parts["INTERVAL"], 1, 10000, false, scratch);
    if (!problem && scratch.size() != 1) problem = "INTERVAL takes one value";
    if (!problem) r.interval = scratch.front();
  }
  if (!problem && has("COUNT")) {
    scratch.clear();
    problem = int_list("COUNT", parts["COUNT"], 1, 1000000, false, scratch);
    if (!problem && scratch.size() != 1) problem = "COUNT takes one value";
  }
  if (!problem && has("UNTIL") && !valid_until(parts["UNTIL"])) {
    problem = "UNTIL value '" + parts["UNTIL"] + "' (expected YYYYMMDD or YYYYMMDDTHHMMSSZ)";
  }
  if (!problem && has("BYMONTH")) {
    problem = int_list("BYMONTH", parts["BYMONTH"], 1, 12, false, r.months);
  }
  if (!problem && has("BYMONTHDAY")) {
    if (r.freq == Freq::kWeekly) {
      return Error::invalid_input("BYMONTHDAY is not allowed with FREQ=WEEKLY");
    }
    problem = int_list("BYMONTHDAY", parts["BYMONTHDAY"], 1, 31, true, r.month_days);
  }
  if (!problem && has("BYYEARDAY")) {
    if (r.freq != Freq::kYearly) return Error::invalid_input("BYYEARDAY needs FREQ=YEARLY");
    problem = int_list("BYYEARDAY", parts["BYYEARDAY"], 1, 366, true, r.year_days);
  }
  if (!problem && has("BYWEEKNO")) {
    if (r.freq != Freq::kYearly) return Error::invalid_input("BYWEEKNO needs FREQ=YEARLY");
    problem = int_list("BYWEEKNO", parts["BYWEEKNO"], 1, 53, true, r.week_nos);
  }
  if (!problem && has("BYSETPOS")) {
    if (!has("BYDAY") && !has("BYMONTHDAY") && !has("BYMONTH") && !has("BYYEARDAY") &&
        !has("BYWEEKNO")) {
      return Error::invalid_input("BYSETPOS needs another BYxxx part");
    }
    // libical ignores BYSETPOS with DAILY and WEEKLY (it would return every
    // Monday, Wednesday and Friday for BYDAY=MO,WE,FR;BYSETPOS=-1): refuse
    // rather than expand it wrongly.
    if (r.freq != Freq::kMonthly && r.freq != Freq::kYearly) {
      return Error::invalid_input("BYSETPOS is supported only with FREQ=MONTHLY or YEARLY");
    }
    problem = int_list("BYSETPOS", parts["BYSETPOS"], 1, 366, true, r.set_pos);
  }
  if (!problem && has("WKST")) {
    const auto wd = weekday_of(parts["WKST"]);
    if (!wd) {
      problem = "WKST value '" + parts["WKST"] + "' (valid: MO, TU, WE, TH, FR, SA, SU)";
    } else {
      r.wkst = *wd;
    }
  }
  if (!problem && has("BYDAY")) {
    for (const auto& item : split(parts["BYDAY"], ',')) {
      const std::string day = item.size() >= 2 ? item.substr(item.size() - 2) : item;
      const std::string ordinal = item.size() >= 2 ? item.substr(0, item.size() - 2) : "";
      const auto wd = weekday_of(day);
      const auto n = ordinal.empty() ? std::optional<int>(0) : to_int(ordinal);
      const int mag = n ? std::abs(*n) : 0;
      if (!wd || !n || (!ordinal.empty() && (mag < 1 || mag > 53))) {
        problem = "BYDAY value '" + item + "' (expected [+/-n]MO..SU, n 1..53)";
        break;
      }
      if (*n != 0 && r.freq != Freq::kMonthly && r.freq != Freq::kYearly) {
        problem = "BYDAY ordinal '" + item + "' needs FREQ=MONTHLY or YEARLY";
        break;
      }
      if (*n != 0 && r.freq == Freq::kMonthly && mag > 5) {
        problem = "BYDAY ordinal '" + item + "' (valid with FREQ=MONTHLY: +/-1..5)";
        break;
      }
      if (*n != 0 && has("BYWEEKNO")) {
        problem = "BYDAY ordinal '" + item + "' is not allowed with BYWEEKNO";
        break;
      }
      r.by_day.push_back({*n, *wd});
    }
  }
  if (problem) return Error::invalid_input(*problem);
  return r;
}

}  // namespace cadence
