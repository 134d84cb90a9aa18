// Helpers shared by the calendar tests: dates and the reference CSV files.
#pragma once

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cadence/time.hpp"
#include "temp_dir.hpp"

namespace cadence::testing {

inline Date ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
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

}  // namespace cadence::testing
