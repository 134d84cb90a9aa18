// RFC 4180 CSV records with the line each one starts on. Accepts ',' ';' or
// tab as the delimiter (chosen from the header line), CRLF or LF line ends,
// quoted fields spanning lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cadence::import {

struct CsvRecord {
  int line = 0;  // 1-based line where the record starts
  std::vector<std::string> fields;
  std::string error;  // non-empty: malformed quoting (the fields are unreliable)
};

// Blank lines are skipped. A quoting error ends its record at the end of the
// line it happened on; an unterminated quote consumes the rest of the file.
std::vector<CsvRecord> read_csv(std::string_view text);

}  // namespace cadence::import
