// The input rules every entry point shares (cadence/actions.hpp).
#include <algorithm>
#include <array>
#include <string>

#include "cadence/actions.hpp"
#include "cadence/time.hpp"

namespace cadence::actions {
namespace {

// The separators an import splits list fields at (import/fields.cpp split_list).
constexpr std::array<std::string_view, 5> kListSeparators = {",", ";", "，", "；", "、"};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

std::string trimmed(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// Notes keep their inner line breaks; CR LF and lone CR become LF.
std::string unix_line_ends(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The byte offset of the first invalid UTF-8 sequence, or npos.
std::size_t invalid_utf8_at(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    int len = 0;
    std::uint32_t cp = 0, min = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, cp = c & 0x07, min = 0x10000;
    } else {
      return i;
    }
    if (i + static_cast<std::size_t>(len) > s.size()) return i;
    for (int k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += static_cast<std::size_t>(len);
  }
  return std::string_view::npos;
}

std::string control_name(unsigned char c) {
  static const char* hex = "0123456789ABCDEF";
  std::string name = "U+00";
  name += hex[c >> 4];
  name += hex[c & 15];
  if (c == 0x1B) name += " (ESC)";
  if (c == 0x07) name += " (BEL)";
  if (c == 0x00) name += " (NUL)";
  if (c == 0x0D) name += " (CR)";
  if (c == 0x0A) name += " (line feed)";
  if (c == 0x09) name += " (tab)";
  return name;
}

Status check_list(const std::string& field, std::vector<std::string>& items) {
  for (std::string& item : items) {
    item = trimmed(item);
    if (item.empty()) return Error::invalid_field(field, "an empty item");
    if (auto s = check_text(field, item, TextKind::kOneLine); !s) return s;
    for (std::string_view sep : kListSeparators) {
      if (item.find(sep) != std::string::npos) {
        return Error::invalid_field(field, "'" + item + "' holds '" + std::string(sep) +
                                               "', which separates items; give each item "
                                               "on its own");
      }
    }
  }
  return ok_status();
}

}  // namespace

// Not the whole of RFC 5322, but what a mail address a salesperson types or a
// phone exports looks like.
bool is_email_address(std::string_view e) {
  const auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= e.size()) return false;
  if (e.find('@', at + 1) != std::string_view::npos) return false;
  if (std::any_of(e.begin(), e.end(), [](char c) { return is_space(c) || c == '<' || c == '>'; })) {
    return false;
  }
  const std::string_view domain = e.substr(at + 1);
  if (domain.front() == '.' || domain.back() == '.') return false;
  return domain.find("..") == std::string_view::npos;
}

Instant earliest_touch_time() {
  return Instant{std::chrono::sys_days{std::chrono::year{1900} / 1 / 1}};
}

Status check_touch_time(Instant at, Instant now) {
  if (at < earliest_touch_time()) {
    return Error::invalid_field("at", format_rfc3339_utc(at) +
                                          " is before 1900: a touch must lie between "
                                          "1900-01-01 and now");
  }
  if (at > now + kTouchFutureTolerance) {
    return Error::invalid_field(
        "at", format_rfc3339_utc(at) + " lies in the future (now is " + format_rfc3339_utc(now) +
                  "; a touch may be at most " + format_duration(kTouchFutureTolerance) +
                  " ahead, for clock skew): log a touch once it has happened");
  }
  return ok_status();
}

Status check_text(std::string_view field, std::string_view value, TextKind kind) {
  if (auto bad = invalid_utf8_at(value); bad != std::string_view::npos) {
    return Error::invalid_field(std::string(field), "invalid UTF-8 at byte " + std::to_string(bad));
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    const bool allowed = kind == TextKind::kMultiLine && (c == '\t' || c == '\n');
    if ((c < 0x20 || c == 0x7F) && !allowed) {
      return Error::invalid_field(std::string(field), "control character " + control_name(c) +
                                                          " at byte " + std::to_string(i) +
                                                          " is not allowed");
    }
  }
  return ok_status();
}

Result<Contact> normalized_contact(Contact c) {
  for (auto [field, value] :
       {std::pair{"name", &c.name}, std::pair{"department", &c.department},
        std::pair{"title", &c.title}, std::pair{"tier", &c.tier}, std::pair{"owner", &c.owner},
        std::pair{"timezone", &c.timezone}, std::pair{"account", &c.account}}) {
    *value = trimmed(*value);
    if (auto s = check_text(field, *value, TextKind::kOneLine); !s) return s.error();
  }
  if (c.name.empty()) return Error::invalid_field("name", "the name is empty or only spaces");
  // Surrounding blank lines and spaces of a note are noise a CSV import trims.
  c.notes = trimmed(unix_line_ends(c.notes));
  if (auto s = check_text("notes", c.notes, TextKind::kMultiLine); !s) return s.error();
  for (auto [field, list] : {std::pair{"tags", &c.tags}, std::pair{"emails", &c.emails},
                             std::pair{"phones", &c.phones}}) {
    if (auto s = check_list(field, *list); !s) return s.error();
  }
  for (const std::string& e : c.emails) {
    if (!is_email_address(e)) {
      return Error::invalid_field("emails", "'" + e + "' is not an email address (local@domain)");
    }
  }
  // Dates travel as "name=YYYY-MM-DD; name=..." in a CSV export.
  std::vector<std::string> date_names;
  for (auto& d : c.dates) {
    d.name = trimmed(d.name);
    if (d.name.find('=') != std::string::npos) {
      return Error::invalid_field("dates", "the date name '" + d.name + "' holds '='");
    }
    date_names.push_back(d.name);
  }
  if (auto s = check_list("dates", date_names); !s) return s.error();
  return c;
}

}  // namespace cadence::actions
