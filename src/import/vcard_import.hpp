// vCard 2.1 / 3.0 / 4.0 contacts as exported by iPhone, Android and Outlook.
#pragma once

#include <string>
#include <string_view>

#include "import/record.hpp"
#include "import/text_decode.hpp"

namespace cadence::import {

// `bytes` is the file as it is (without a BOM): each value is decoded once, by
// its CHARSET= parameter or else as `charset` says (default: UTF-8 only), so a
// value is never converted twice. Handles folded lines, quoted-printable (with
// soft line breaks) and base64 values, item groups (Apple's X-ABLabel) and many
// cards per file. ParsedFile::encoding: "utf-8", or the fallback charset
// (lower case) when a value was converted from it.
// Problems carry the line of the offending property, or of BEGIN:VCARD for an
// unterminated card.
ParsedFile parse_contacts_vcard(std::string_view bytes, const std::string& file_name,
                                const VcardCharset& charset = {});

}  // namespace cadence::import
