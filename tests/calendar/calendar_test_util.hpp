// Helpers shared by the calendar tests: dates and the reference CSV files.
#pragma once

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cadence/time.hpp"
#include "temp_dir.hpp"

namespace cadence::testing {

inline Date ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

// A date result as text: "2024-03-09" or "error: ...".
inline std::string show(const Result<Date>& d) {
  return d ? format_date(*d) : "error: " + d.error().message();
}

// "2026-02-17" -> Date; aborts the test data load on a bad value.
inline Date date_of(const std::string& s) {
  auto d = parse_date(s);
  if (!d.ok()) throw std::runtime_error("bad date in reference data: " + s);
  return *d;
}

// The rows of a CSV reference file under tests/data (no quoting in these
// files): '#' comment lines and the header line are skipped.
inline std::vector<std::vector<std::string>> read_reference_csv(const std::string& relative) {
  std::ifstream in(source_path(relative));
  if (!in) throw std::runtime_error("cannot read " + relative);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool header_seen = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (!header_seen) {
      header_seen = true;
      continue;
    }
    std::vector<std::string> fields;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, ',')) fields.push_back(field);
    rows.push_back(std::move(fields));
  }
  return rows;
}

// One row of tests/data/lunar/lunar_years.csv (lunar-javascript 1.7.7): the
// lunar year's first day, its leap month (0: none) and its month lengths in
// order (the leap month follows the regular month of its number).
struct LunarYearRow {
  Date new_year;
  unsigned leap_month = 0;
  std::vector<int> month_days;
};

inline std::map<int, LunarYearRow> load_lunar_years() {
  std::map<int, LunarYearRow> years;
  for (const auto& r : read_reference_csv("tests/data/lunar/lunar_years.csv")) {
    LunarYearRow row{date_of(r[1]), static_cast<unsigned>(std::stoi(r[2])), {}};
    std::stringstream ss(r[3]);
    int days = 0;
    while (ss >> days) row.month_days.push_back(days);
    years[std::stoi(r[0])] = row;
  }
  return years;
}

// The Gregorian date of lunar (month, day, leap) in the reference year `y`,
// computed directly from the month lengths; day 30 of a 29-day month gives its
// last day. `leap` must name the year's leap month.
inline Date reference_lunar(const LunarYearRow& y, unsigned month, unsigned day,
                            bool leap = false) {
  std::size_t index = month - 1;
  if (y.leap_month != 0 && (month > y.leap_month || (leap && month == y.leap_month))) ++index;
  int offset = 0;
  for (std::size_t i = 0; i < index; ++i) offset += y.month_days[i];
  offset += std::min(static_cast<int>(day), y.month_days[index]) - 1;
  return Date{std::chrono::sys_days{y.new_year} + std::chrono::days{offset}};
}

}  // namespace cadence::testing
