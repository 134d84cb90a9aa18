// Reads the independent reference tables in tests/data/lunar/ (written by
// tools/lunar/make_reference.js from lunar-javascript 1.7.7, not from cadence).
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cadence/time.hpp"
#include "temp_dir.hpp"

namespace cadence::testing {

// The data rows of tests/data/lunar/<name> split on commas ('#' comments and
// the header line skipped). Empty if the file cannot be read.
inline std::vector<std::vector<std::string>> read_lunar_reference(const std::string& name) {
  std::ifstream in(source_path("tests/data/lunar/" + name));
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
    rows.push_back(fields);
  }
  return rows;
}

inline Date ref_date(const std::string& text) {
  auto parsed = parse_date(text);
  return parsed ? *parsed : Date{};
}

}  // namespace cadence::testing
