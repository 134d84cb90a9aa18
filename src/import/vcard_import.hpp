// vCard 2.1 / 3.0 / 4.0 contacts as exported by iPhone, Android and Outlook.
#pragma once

#include <string>
#include <string_view>

#include "import/record.hpp"

namespace cadence::import {

// `text` is UTF-8 (the file's own encoding already converted). Handles folded
// lines, quoted-printable (with soft line breaks) and base64 values, CHARSET
// parameters, item groups (Apple's X-ABLabel) and many cards per file.
// Problems carry the line of the offending property, or of BEGIN:VCARD for an
// unterminated card.
ParsedFile parse_contacts_vcard(std::string_view text, const std::string& file_name);

}  // namespace cadence::import
