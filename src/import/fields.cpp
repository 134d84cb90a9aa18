#include "import/fields.hpp"

#include <charconv>
#include <cstdio>
#include <optional>

#include "cadence/lunar.hpp"

namespace cadence::import {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::optional<int> to_int(std::string_view s) {
  if (!all_digits(s) || s.size() > 9) return std::nullopt;
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

std::string two(unsigned v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02u", v);
  return buf;
}

// Splits on any of the separators (ASCII or multi-byte UTF-8).
std::vector<std::string_view> split_any(std::string_view s,
                                        const std::vector<std::string_view>& seps) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    bool matched = false;
    for (auto sep : seps) {
      if (s.substr(i, sep.size()) == sep) {
        parts.push_back(s.substr(start, i - start));
        i += sep.size();
        start = i;
        matched = true;
        break;
      }
    }
    if (!matched) ++i;
  }
  parts.push_back(s.substr(start));
  return parts;
}

Result<GregorianBirthday> make_birthday(std::optional<int> year, int month, int day,
                                        std::string_view original) {
  const std::string text(original);
  if (month < 1 || month > 12) {
    return Error::invalid_input(text + ": month " + std::to_string(month) + " is not 1-12");
  }
  // Validate through parse_date so messages match the rest of cadence; a
  // year-less date is checked against a leap year (Feb 29 birthdays exist).
  const std::string iso = std::to_string(year.value_or(2000)) + "-" +
                          two(static_cast<unsigned>(month)) + "-" + two(static_cast<unsigned>(day));
  if (year && (*year < 1 || *year > 9999)) {
    return Error::invalid_input(text + ": year " + std::to_string(*year) + " is out of range");
  }
  if (auto d = parse_date(iso); !d) {
    if (year) return Error::invalid_input(d.error().message());
    return Error::invalid_input(text + ": " + std::to_string(month) + "/" + std::to_string(day) +
                                " is not a day of the year");
  }
  return GregorianBirthday{year, static_cast<unsigned>(month), static_cast<unsigned>(day)};
}

// Chinese numerals 1-39 as used for lunar months and days: 一..十, 十一, 二十,
// 廿三, 卅, and the month names 正, 冬, 腊.
std::optional<int> chinese_number(std::string_view s) {
  static const std::vector<std::pair<std::string_view, int>> kDigits = {
      {"一", 1}, {"二", 2}, {"三", 3}, {"四", 4}, {"五", 5},
      {"六", 6}, {"七", 7}, {"八", 8}, {"九", 9}};
  auto digit = [&](std::string_view d) -> std::optional<int> {
    for (auto [name, v] : kDigits) {
      if (d == name) return v;
    }
    return std::nullopt;
  };
  if (auto v = to_int(s)) return v;
  if (s.empty()) return std::nullopt;
  if (auto d = digit(s)) return d;
  constexpr std::string_view kTen = "十", kTwenty = "廿", kThirty = "卅";
  auto tail = [&](std::string_view rest, int base) -> std::optional<int> {
    if (rest.empty()) return base;
    if (auto d = digit(rest)) return base + *d;
    return std::nullopt;
  };
  if (s.substr(0, kTen.size()) == kTen) return tail(s.substr(kTen.size()), 10);
  if (s.substr(0, kTwenty.size()) == kTwenty) return tail(s.substr(kTwenty.size()), 20);
  if (s.substr(0, kThirty.size()) == kThirty) return tail(s.substr(kThirty.size()), 30);
  // "二十", "二十三", "三十"
  for (auto [name, v] : kDigits) {
    if (s.substr(0, name.size()) == name && s.substr(name.size(), kTen.size()) == kTen) {
      return tail(s.substr(name.size() + kTen.size()), v * 10);
    }
  }
  return std::nullopt;
}

Result<LunarBirthday> make_lunar(std::optional<int> year, int month, int day, bool leap,
                                 std::string_view original) {
  const std::string text(original);
  if (month < 1 || month > 12) {
    return Error::invalid_input(text + ": there is no lunar month " + std::to_string(month) +
                                " (months are 1-12)");
  }
  if (day < 1 || day > 30) {
    return Error::invalid_input(text + ": there is no lunar day " + std::to_string(day) +
                                " (days are 1-30)");
  }
  if (year) {
    auto exact = from_lunar(
        LunarDate{*year, static_cast<unsigned>(month), static_cast<unsigned>(day), leap});
    if (!exact) return Error::invalid_input(text + ": " + exact.error().message());
  }
  return LunarBirthday{year, static_cast<unsigned>(month), static_cast<unsigned>(day), leap};
}

Result<LunarBirthday> parse_chinese_lunar(std::string_view s, std::string_view original) {
  for (std::string_view prefix : {"农历", "阴历", "旧历"}) {
    if (s.substr(0, prefix.size()) == prefix) s.remove_prefix(prefix.size());
  }
  std::optional<int> year;
  if (auto pos = s.find("年"); pos != std::string_view::npos) {
    year = to_int(s.substr(0, pos));
    if (!year) return Error::invalid_input(std::string(original) + ": unreadable year");
    s.remove_prefix(pos + std::string_view("年").size());
  }
  bool leap = false;
  for (std::string_view marker : {"闰", "閏"}) {
    if (s.substr(0, marker.size()) == marker) {
      leap = true;
      s.remove_prefix(marker.size());
    }
  }
  const auto month_end = s.find("月");
  if (month_end == std::string_view::npos) {
    return Error::invalid_input(std::string(original) +
                                ": not a lunar date (expected MM-DD or "
                                "a form like 八月十五)");
  }
  std::string_view month_text = s.substr(0, month_end);
  std::string_view day_text = s.substr(month_end + std::string_view("月").size());
  std::optional<int> month;
  if (month_text == "正") month = 1;
  if (month_text == "冬") month = 11;
  if (month_text == "腊" || month_text == "臘") month = 12;
  if (!month) month = chinese_number(month_text);
  if (day_text.substr(0, std::string_view("初").size()) == "初") {
    day_text.remove_prefix(std::string_view("初").size());
  }
  for (std::string_view suffix : {"日", "号"}) {
    if (day_text.size() >= suffix.size() &&
        day_text.substr(day_text.size() - suffix.size()) == suffix) {
      day_text.remove_suffix(suffix.size());
    }
  }
  auto day = chinese_number(day_text);
  if (!month) {
    return Error::invalid_input(std::string(original) + ": unreadable lunar month '" +
                                std::string(month_text) + "'");
  }
  if (!day) {
    return Error::invalid_input(std::string(original) + ": unreadable lunar day '" +
                                std::string(day_text) + "'");
  }
  return make_lunar(year, *month, *day, leap, original);
}

}  // namespace

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  std::string out(text.substr(first, last - first + 1));
  // Full-width spaces (U+3000) are common around Chinese spreadsheet cells.
  constexpr std::string_view kWide = "\u3000";
  while (out.size() >= kWide.size() && out.compare(0, kWide.size(), kWide) == 0) {
    out.erase(0, kWide.size());
  }
  while (out.size() >= kWide.size() &&
         out.compare(out.size() - kWide.size(), kWide.size(), kWide) == 0) {
    out.erase(out.size() - kWide.size());
  }
  return out;
}

Result<GregorianBirthday> parse_birthday(std::string_view original) {
  std::string s = trim(original);
  if (auto t = s.find('T'); t != std::string::npos && t >= 8) s.resize(t);  // date-time
  std::string_view v = s;
  if (v.substr(0, 2) == "--") {  // vCard year-less forms
    v.remove_prefix(2);
    if (v.size() == 4 && all_digits(v)) {
      return make_birthday(std::nullopt, *to_int(v.substr(0, 2)), *to_int(v.substr(2)), original);
    }
    if (v.size() == 5 && v[2] == '-') {
      auto m = to_int(v.substr(0, 2)), d = to_int(v.substr(3));
      if (m && d) return make_birthday(std::nullopt, *m, *d, original);
    }
    return Error::invalid_input(std::string(original) + ": not a date");
  }
  if (v.size() == 8 && all_digits(v)) {
    return make_birthday(*to_int(v.substr(0, 4)), *to_int(v.substr(4, 2)), *to_int(v.substr(6)),
                         original);
  }
  // Chinese "1984年8月15日" / "8月15日".
  if (v.find("月") != std::string_view::npos) {
    std::optional<int> year;
    if (auto y = v.find("年"); y != std::string_view::npos) {
      year = to_int(v.substr(0, y));
      if (!year) return Error::invalid_input(std::string(original) + ": unreadable year");
      v.remove_prefix(y + std::string_view("年").size());
    }
    auto m_end = v.find("月");
    auto month = to_int(v.substr(0, m_end));
    std::string_view rest = v.substr(m_end + std::string_view("月").size());
    for (std::string_view suffix : {"日", "号"}) {
      if (rest.size() >= suffix.size() && rest.substr(rest.size() - suffix.size()) == suffix) {
        rest.remove_suffix(suffix.size());
      }
    }
    auto day = to_int(rest);
    if (!month || !day) return Error::invalid_input(std::string(original) + ": not a date");
    return make_birthday(year, *month, *day, original);
  }
  for (char sep : {'-', '/', '.'}) {
    if (v.find(sep) == std::string_view::npos) continue;
    auto parts = split_any(v, {std::string_view(&sep, 1)});
    std::vector<std::optional<int>> n;
    for (auto p : parts) n.push_back(to_int(p));
    for (const auto& x : n) {
      if (!x) return Error::invalid_input(std::string(original) + ": not a date");
    }
    if (parts.size() == 3 && parts[0].size() == 4)
      return make_birthday(*n[0], *n[1], *n[2], original);
    if (parts.size() == 3 && parts[2].size() == 4 && sep == '/') {
      return make_birthday(*n[2], *n[0], *n[1], original);  // M/D/YYYY
    }
    if (parts.size() == 2) return make_birthday(std::nullopt, *n[0], *n[1], original);
    return Error::invalid_input(std::string(original) + ": not a date (use YYYY-MM-DD or --MM-DD)");
  }
  return Error::invalid_input(std::string(original) + ": not a date (use YYYY-MM-DD or --MM-DD)");
}

std::string format_birthday(const GregorianBirthday& b) {
  const std::string md = two(b.month) + "-" + two(b.day);
  if (!b.year) return "--" + md;
  char year[8];
  std::snprintf(year, sizeof year, "%04d", *b.year);
  return std::string(year) + "-" + md;
}

Result<LunarBirthday> parse_lunar_birthday(std::string_view original) {
  const std::string s = trim(original);
  std::string_view v = s;
  if (v.empty()) return Error::invalid_input("empty lunar date");
  if (static_cast<unsigned char>(v[0]) >= 0x80) return parse_chinese_lunar(v, original);
  std::optional<int> year;
  auto parts = split_any(v, {"-", "/"});
  if (parts.size() == 3) {
    year = to_int(parts[0]);
    if (!year) return Error::invalid_input(std::string(original) + ": unreadable year");
    parts.erase(parts.begin());
  }
  if (parts.size() != 2) {
    // "1984年八月十五" style after a numeric year is handled above; anything
    // else here is not a lunar date.
    if (v.find("年") != std::string_view::npos) return parse_chinese_lunar(v, original);
    return Error::invalid_input(std::string(original) +
                                ": not a lunar date (use [YYYY-][L]MM-DD or e.g. 八月十五)");
  }
  bool leap = false;
  std::string_view month_text = parts[0];
  if (!month_text.empty() && (month_text[0] == 'L' || month_text[0] == 'l')) {
    leap = true;
    month_text.remove_prefix(1);
  }
  auto month = to_int(month_text), day = to_int(parts[1]);
  if (!month || !day) {
    return Error::invalid_input(std::string(original) +
                                ": not a lunar date (use [YYYY-][L]MM-DD or e.g. 八月十五)");
  }
  return make_lunar(year, *month, *day, leap, original);
}

std::string format_lunar_birthday(const LunarBirthday& b) {
  std::string out;
  if (b.year) out = std::to_string(*b.year) + "-";
  if (b.leap) out += "L";
  return out + two(b.month) + "-" + two(b.day);
}

Result<LunarBirthday> parse_apple_lunar(std::string_view original) {
  const std::string s = trim(original);
  // CCCCYYYYMMDD, with at most one leap-month marker 'L' just before or just
  // after the month digits (see docs/IMPORT.md for what is known about it).
  bool leap = false;
  std::string digits;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if ((c == 'L' || c == 'l') && !leap && (digits.size() == 8 || digits.size() == 10)) {
      leap = true;
    } else {
      digits += c;
    }
  }
  if (digits.size() != 12 || !all_digits(digits)) {
    return Error::invalid_input(std::string(original) +
                                ": not an Apple lunar date (expected CCCCYYYYMMDD: cycle, year "
                                "in the cycle, month, day; 'L' before or after the month for a "
                                "leap month)");
  }
  const std::string_view d = digits;
  const int cycle = *to_int(d.substr(0, 4));
  const int year_in_cycle = *to_int(d.substr(4, 4));
  if (cycle < 1) {
    return Error::invalid_input(std::string(original) + ": sexagenary cycle " +
                                std::to_string(cycle) + " does not exist (cycles count from 1)");
  }
  if (year_in_cycle < 1 || year_in_cycle > 60) {
    return Error::invalid_input(std::string(original) + ": cycle year " +
                                std::to_string(year_in_cycle) + " is not 1-60");
  }
  // Cycle 78, year 1 is the lunar year that began in 1984 (甲子).
  const int year = 1984 + (cycle - 78) * 60 + (year_in_cycle - 1);
  return make_lunar(year, *to_int(d.substr(8, 2)), *to_int(d.substr(10, 2)), leap, original);
}

Result<std::vector<ContactDate>> parse_dates(std::string_view text) {
  std::vector<ContactDate> out;
  for (const auto& item : split_list(text)) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Error::invalid_input(item + ": expected NAME=YYYY-MM-DD");
    }
    auto date = parse_date(trim(item.substr(eq + 1)));
    if (!date) return date.error();
    out.push_back({trim(item.substr(0, eq)), *date});
  }
  return out;
}

std::string format_dates(const std::vector<ContactDate>& dates) {
  std::string out;
  for (const auto& d : dates) {
    if (!out.empty()) out += "; ";
    out += d.name + "=" + format_date(d.date);
  }
  return out;
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  for (auto part : split_any(text, {";", ",", "，", "、", "；"})) {
    std::string item = trim(part);
    if (!item.empty()) out.push_back(std::move(item));
  }
  return out;
}

}  // namespace cadence::import
