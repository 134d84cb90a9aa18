// Output helpers shared by cadencectl commands: CSV rows (RFC 4180) and the
// --format option.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "cli/cli.hpp"

namespace cadence::cli {

// A CSV field, quoted when it holds a comma, quote, CR or LF (RFC 4180).
std::string csv_field(std::string_view value);
// Writes one CSV line ending in "\n".
void write_csv_row(std::ostream& out, const std::vector<std::string>& fields);

// Text for a human's terminal: control characters (ESC, BEL, CR, tab, ...) and
// DEL shown as \xNN, so stored text cannot move the cursor or recolour the
// screen; `keep_newlines` leaves LF as it is (notes). Input refuses these
// characters (cadence/actions.hpp); this guards what older databases hold.
std::string terminal_safe(std::string_view text, bool keep_newlines = false);

// Adds "--format" accepting the given names (e.g. {"csv", "json"}); the first
// is the default. Unknown values are a usage error (exit 2) from CLI11.
void add_format_option(CLI::App& command, OutputFormat& format,
                       const std::vector<std::string>& allowed);

}  // namespace cadence::cli
