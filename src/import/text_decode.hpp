// Reading an import file as UTF-8 text: BOM removal, binary and empty file
// detection, GB18030 detection and conversion (ICU ucnv).
#pragma once

#include <string>
#include <string_view>

#include "cadence/error.hpp"

namespace cadence::import {

enum class Encoding { kAuto, kUtf8, kGb18030 };

struct DecodedText {
  std::string text;      // UTF-8, without a BOM, line ends as in the file
  std::string encoding;  // "utf-8" or "gb18030"
};

// Converts raw file bytes. kAuto: UTF-8 (with or without BOM) if the bytes are
// valid UTF-8, else GB18030 if they convert cleanly. Errors (kInvalidInput)
// are "FILE: problem" for an empty file, a binary file (NUL bytes or control
// characters) and bytes that are neither encoding (naming the offset).
Result<DecodedText> decode_text(std::string_view bytes, Encoding encoding,
                                const std::string& file_name);

// The checks every import makes first: an empty file and a binary file (NUL or
// other control bytes in the first 64 KiB) are errors "FILE: problem".
Status check_text_bytes(std::string_view bytes, const std::string& file_name);

// How the values of a vCard are decoded. A vCard is not converted as a whole:
// its structure (names, parameters, ':' and ';') is ASCII, and a value may
// declare its own CHARSET=, so each value is decoded exactly once: by its
// CHARSET= when it has one, else by this.
struct VcardCharset {
  // "" = UTF-8; else the IANA name (e.g. "GB18030") for values without CHARSET=.
  std::string charset;
  // true (--encoding given): every value without CHARSET= is in `charset`.
  // false (auto): a value without CHARSET= that is valid UTF-8 is UTF-8, and
  // only the others are converted from `charset` (when set).
  bool forced = false;
};

// The vCard bytes without a UTF-8 BOM, and how to decode their values: kAuto
// is UTF-8 where valid and GB18030 elsewhere (UTF-8 only when the file starts
// with a BOM), kUtf8 UTF-8 only, kGb18030 GB18030 for every value without a
// CHARSET=. Errors as check_text_bytes.
struct VcardBytes {
  std::string_view body;
  VcardCharset charset;
};
Result<VcardBytes> vcard_bytes(std::string_view bytes, Encoding encoding,
                               const std::string& file_name);

// Converts `bytes` in the named IANA charset (vCard CHARSET=) to UTF-8.
// Error text names the charset.
Result<std::string> convert_charset(std::string_view bytes, const std::string& charset);

// The byte offset of the first invalid UTF-8 sequence, or npos when valid.
std::size_t find_invalid_utf8(std::string_view bytes);

}  // namespace cadence::import
