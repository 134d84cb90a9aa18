#include "cadence/time.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cstdlib>

namespace cadence {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Parses a run of ASCII digits; nullopt on overflow or non-digits.
std::optional<long long> parse_digits(std::string_view s) {
  if (!all_digits(s)) return std::nullopt;
  long long v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

const char* month_name(unsigned m) {
  static constexpr std::array<const char*, 12> kNames = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  return kNames.at(m - 1);
}

}  // namespace

bool TimeRange::contains(TimeOfDay t) const {
  if (start == end) return false;
  if (start < end) return start <= t && t < end;
  return t >= start || t < end;  // wraps past midnight
}

Result<Duration> parse_duration(std::string_view text) {
  const std::string shown(text);
  if (text == "0") return Duration{0};
  if (text.size() < 2) {
    return Error::invalid_input(
        fmt::format("invalid duration '{}': expected a number and a unit (s, m, h, d, w), e.g. 14d", shown));
  }
  const char unit = text.back();
  long long unit_seconds = 0;
  switch (unit) {
    case 's': unit_seconds = 1; break;
    case 'm': unit_seconds = 60; break;
    case 'h': unit_seconds = 3600; break;
    case 'd': unit_seconds = 86400; break;
    case 'w': unit_seconds = 7 * 86400; break;
    default:
      return Error::invalid_input(fmt::format(
          "invalid duration '{}': unknown unit '{}' (use s, m, h, d or w, e.g. 14d)", shown, unit));
  }
  auto number = parse_digits(text.substr(0, text.size() - 1));
  if (!number) {
    return Error::invalid_input(
        fmt::format("invalid duration '{}': expected a whole number before the unit, e.g. 14d", shown));
  }
  // 100 years is far beyond any sensible cadence and keeps arithmetic safe.
  constexpr long long kMaxSeconds = 100LL * 366 * 86400;
  if (*number > kMaxSeconds / unit_seconds) {
    return Error::invalid_input(fmt::format("invalid duration '{}': longer than 100 years", shown));
  }
  return Duration{*number * unit_seconds};
}

std::string format_duration(Duration d) {
  const long long s = d.count();
  if (s == 0) return "0";
  struct Unit {
    long long seconds;
    char name;
  };
  static constexpr std::array<Unit, 5> kUnits = {
      {{7 * 86400, 'w'}, {86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}}};
  for (const auto& u : kUnits) {
    if (s % u.seconds == 0) return fmt::format("{}{}", s / u.seconds, u.name);
  }
  return fmt::format("{}s", s);
}

Result<TimeOfDay> parse_time_of_day(std::string_view text) {
  const auto colon = text.find(':');
  auto bad = [&] {
    return Error::invalid_input(
        fmt::format("invalid time of day '{}': expected HH:MM between 00:00 and 23:59", text));
  };
  if (colon == std::string_view::npos || colon == 0 || colon > 2) return bad();
  const auto hh = text.substr(0, colon);
  const auto mm = text.substr(colon + 1);
  if (mm.size() != 2) return bad();
  auto h = parse_digits(hh);
  auto m = parse_digits(mm);
  if (!h || !m || *h > 23 || *m > 59) return bad();
  return TimeOfDay{static_cast<int>(*h * 60 + *m)};
}

std::string format_time_of_day(TimeOfDay t) {
  return fmt::format("{:02}:{:02}", t.hour(), t.minute());
}

Result<TimeRange> parse_time_range(std::string_view text) {
  const auto dash = text.find('-');
  if (dash == std::string_view::npos) {
    return Error::invalid_input(
        fmt::format("invalid time range '{}': expected HH:MM-HH:MM, e.g. 21:30-08:00", text));
  }
  auto start = parse_time_of_day(text.substr(0, dash));
  if (!start) return start.error();
  auto end = parse_time_of_day(text.substr(dash + 1));
  if (!end) return end.error();
  return TimeRange{*start, *end};
}

Result<Date> parse_date(std::string_view text) {
  auto bad = [&] {
    return Error::invalid_input(fmt::format("invalid date '{}': expected YYYY-MM-DD", text));
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  auto y = parse_digits(text.substr(0, 4));
  auto m = parse_digits(text.substr(5, 2));
  auto d = parse_digits(text.substr(8, 2));
  if (!y || !m || !d) return bad();
  if (*m < 1 || *m > 12) {
    return Error::invalid_input(fmt::format("invalid date '{}': month {} is not 1-12", text, *m));
  }
  const std::chrono::year_month_day_last last{
      std::chrono::year{static_cast<int>(*y)},
      std::chrono::month_day_last{std::chrono::month{static_cast<unsigned>(*m)}}};
  const unsigned days_in_month = static_cast<unsigned>(last.day());
  if (*d < 1 || *d > days_in_month) {
    return Error::invalid_input(fmt::format("invalid date '{}': {} {} has {} days", text,
                                            month_name(static_cast<unsigned>(*m)), *y,
                                            days_in_month));
  }
  return Date{std::chrono::year{static_cast<int>(*y)}, std::chrono::month{static_cast<unsigned>(*m)},
              std::chrono::day{static_cast<unsigned>(*d)}};
}

std::string format_date(Date d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

std::string format_rfc3339(Instant t, std::chrono::seconds utc_offset) {
  const auto local = t + utc_offset;
  const auto day = std::chrono::floor<Days>(local);
  const Date date{day};
  const std::chrono::hh_mm_ss<Duration> hms{local - day};
  const long long off = utc_offset.count();
  const long long off_abs = off < 0 ? -off : off;
  return fmt::format("{}T{:02}:{:02}:{:02}{}{:02}:{:02}", format_date(date), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count(), off < 0 ? '-' : '+',
                     off_abs / 3600, (off_abs % 3600) / 60);
}

std::string format_rfc3339_utc(Instant t) {
  const auto day = std::chrono::floor<Days>(t);
  const std::chrono::hh_mm_ss<Duration> hms{t - day};
  return fmt::format("{}T{:02}:{:02}:{:02}Z", format_date(Date{day}), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count());
}

Result<Instant> parse_rfc3339(std::string_view text) {
  auto bad = [&] {
    return Error::invalid_input(fmt::format(
        "invalid timestamp '{}': expected RFC 3339 such as 2026-08-20T09:00:00+08:00", text));
  };
  if (text.size() < 16) return bad();
  auto date = parse_date(text.substr(0, 10));
  if (!date) return date.error();
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return bad();
  auto rest = text.substr(11);
  // HH:MM[:SS]
  if (rest.size() < 5 || rest[2] != ':') return bad();
  auto hh = parse_digits(rest.substr(0, 2));
  auto mi = parse_digits(rest.substr(3, 2));
  if (!hh || !mi || *hh > 23 || *mi > 59) return bad();
  rest = rest.substr(5);
  long long ss = 0;
  if (!rest.empty() && rest[0] == ':') {
    if (rest.size() < 3) return bad();
    auto s = parse_digits(rest.substr(1, 2));
    if (!s || *s > 60) return bad();
    ss = *s;
    rest = rest.substr(3);
    if (!rest.empty() && rest[0] == '.') {  // fractional seconds: dropped
      size_t i = 1;
      while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
      if (i == 1) return bad();
      rest = rest.substr(i);
    }
  }
  long long offset = 0;
  if (rest == "Z" || rest == "z") {
    offset = 0;
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    auto oh = parse_digits(rest.substr(1, 2));
    auto om = parse_digits(rest.substr(4, 2));
    if (!oh || !om || *oh > 23 || *om > 59) return bad();
    offset = (*oh * 3600 + *om * 60) * (rest[0] == '-' ? -1 : 1);
  } else if (rest.empty()) {
    return Error::invalid_input(fmt::format(
        "timestamp '{}' has no UTC offset: add Z or +HH:MM (e.g. {}+08:00)", text, text));
  } else {
    return bad();
  }
  const auto local = to_sys_days(*date) + std::chrono::hours{*hh} + std::chrono::minutes{*mi} +
                     std::chrono::seconds{ss};
  return Instant{local - std::chrono::seconds{offset}};
}

}  // namespace cadence
