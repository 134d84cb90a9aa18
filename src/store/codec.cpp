#include "store/codec.hpp"

#include <chrono>

namespace cadence::store {
namespace {

bool has_line_break(const std::string& s) { return s.find_first_of("\r\n") != std::string::npos; }

Status check_list(const std::string& field, const std::vector<std::string>& items) {
  for (const auto& item : items) {
    if (item.empty()) return Error::invalid_input(field + ": empty item");
    if (has_line_break(item)) {
      return Error::invalid_input(field + ": item contains a line break: " + item);
    }
  }
  return ok_status();
}

unsigned days_in_month(std::optional<int> year, unsigned month) {
  using namespace std::chrono;
  // Without a year February may hold the 29th (a leap-day birthday).
  const int y = year.value_or(2000);
  return static_cast<unsigned>(
      year_month_day_last{std::chrono::year{y}, month_day_last{std::chrono::month{month}}}.day());
}

}  // namespace

std::string join_lines(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += '\n';
    out += items[i];
  }
  return out;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find('\n', start);
    out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::string encode_dates(const std::vector<ContactDate>& dates) {
  std::vector<std::string> lines;
  lines.reserve(dates.size());
  for (const auto& d : dates) lines.push_back(d.name + "=" + format_date(d.date));
  return join_lines(lines);
}

std::vector<ContactDate> decode_dates(const std::string& text) {
  std::vector<ContactDate> out;
  for (const auto& line : split_lines(text)) {
    auto eq = line.rfind('=');
    if (eq == std::string::npos) continue;
    auto date = parse_date(line.substr(eq + 1));
    if (!date) continue;  // written by validate_contact, so never malformed
    out.push_back({line.substr(0, eq), *date});
  }
  return out;
}

Status validate_external_id(const std::string& what, const std::string& id) {
  if (id.empty()) return Error::invalid_input(what + " id is empty");
  if (id.size() > 128) return Error::invalid_input(what + " id is longer than 128 bytes: " + id);
  for (unsigned char ch : id) {
    // Ids appear in occurrence keys ("rule|contact:id|date") and on command lines.
    if (ch <= 0x20 || ch == 0x7f || ch == '|' || ch == ',' || ch == '"') {
      return Error::invalid_input(what + " id '" + id +
                                  "' may not contain spaces, control characters, '|', ',' or '\"'");
    }
  }
  return ok_status();
}

Status validate_contact(const Contact& c) {
  if (auto s = validate_external_id("contact", c.id); !s) return s;
  if (c.name.empty()) return Error::invalid_input("contact " + c.id + ": name is empty");
  for (const auto* field : {&c.name, &c.department, &c.title, &c.tier, &c.owner, &c.timezone}) {
    if (has_line_break(*field)) {
      return Error::invalid_input("contact " + c.id +
                                  ": line break in a one-line field: " + *field);
    }
  }
  for (const auto& [name, items] : {std::pair{"tags", &c.tags}, std::pair{"emails", &c.emails},
                                    std::pair{"phones", &c.phones}}) {
    if (auto s = check_list(std::string("contact ") + c.id + ": " + name, *items); !s) return s;
  }
  if (c.birthday) {
    const auto& b = *c.birthday;
    if (b.month < 1 || b.month > 12) {
      return Error::invalid_input("contact " + c.id + ": birthday month " +
                                  std::to_string(b.month) + " is not 1-12");
    }
    if (b.day < 1 || b.day > days_in_month(b.year, b.month)) {
      return Error::invalid_input("contact " + c.id + ": birthday day " + std::to_string(b.day) +
                                  " does not exist in month " + std::to_string(b.month));
    }
  }
  if (c.lunar_birthday) {
    const auto& b = *c.lunar_birthday;
    if (b.month < 1 || b.month > 12) {
      return Error::invalid_input("contact " + c.id + ": lunar birthday month " +
                                  std::to_string(b.month) + " is not 1-12");
    }
    if (b.day < 1 || b.day > 30) {
      return Error::invalid_input("contact " + c.id + ": lunar birthday day " +
                                  std::to_string(b.day) + " is not 1-30");
    }
  }
  for (const auto& d : c.dates) {
    if (d.name.empty() || d.name.find_first_of("=\r\n") != std::string::npos) {
      return Error::invalid_input("contact " + c.id + ": bad date name '" + d.name + "'");
    }
    if (!d.date.ok()) return Error::invalid_input("contact " + c.id + ": bad date " + d.name);
  }
  return ok_status();
}

Status validate_account(const Account& a) {
  if (auto s = validate_external_id("account", a.id); !s) return s;
  if (a.name.empty()) return Error::invalid_input("account " + a.id + ": name is empty");
  for (const auto* field : {&a.name, &a.tier, &a.industry, &a.owner}) {
    if (has_line_break(*field)) {
      return Error::invalid_input("account " + a.id +
                                  ": line break in a one-line field: " + *field);
    }
  }
  return check_list("account " + a.id + ": departments", a.departments);
}

}  // namespace cadence::store
