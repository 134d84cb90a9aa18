// CSV contacts: header names (English, Outlook's export names and Chinese
// aliases, listed in docs/IMPORT.md) mapped to contact fields.
#pragma once

#include <string>
#include <string_view>

#include "import/record.hpp"

namespace cadence::import {

// `text` is UTF-8 without a BOM. Every bad row becomes a problem
// ("file:line: field: problem"); good rows become records.
ParsedFile parse_contacts_csv(std::string_view text, const std::string& file_name);

}  // namespace cadence::import
