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

// Converts `bytes` in the named IANA charset (vCard CHARSET=) to UTF-8.
// Error text names the charset.
Result<std::string> convert_charset(std::string_view bytes, const std::string& charset);

// The byte offset of the first invalid UTF-8 sequence, or npos when valid.
std::size_t find_invalid_utf8(std::string_view bytes);

}  // namespace cadence::import
