#include "cli/arguments.hpp"

namespace cadence::cli {
namespace {

// Up to six digits, so that "20250" is reported as out of range, not as garbage.
bool parse_year(std::string_view text, int& year) {
  if (text.empty() || text.size() > 6) return false;
  year = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    year = year * 10 + (c - '0');
  }
  return true;
}

}  // namespace

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

Result<YearRange> parse_year_range(const std::string& text, int min, int max, std::string_view why,
                                   std::string_view what) {
  const std::string valid =
      "valid: " + std::to_string(min) + ".." + std::to_string(max) + std::string(why);
  const std::string_view value = trim(text);
  const auto dash = value.find('-');
  YearRange r;
  const bool ok = dash == std::string_view::npos
                      ? parse_year(value, r.first) && parse_year(value, r.last)
                      : parse_year(value.substr(0, dash), r.first) &&
                            parse_year(value.substr(dash + 1), r.last);
  if (!ok) {
    return Error::invalid_input("--years " + text + ": expected Y1-Y2, e.g. 2025-2030 (" + valid +
                                ")");
  }
  if (r.first > r.last) {
    return Error::invalid_input("--years " + text + ": the first year is after the last (" + valid +
                                ", Y1 <= Y2)");
  }
  if (r.first < min || r.last > max) {
    return Error::invalid_input("--years " + text + ": outside the supported " + std::string(what) +
                                " (" + valid + ")");
  }
  return r;
}

}  // namespace cadence::cli
