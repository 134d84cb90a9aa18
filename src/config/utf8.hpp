// UTF-8 validation with a location, before the text reaches the YAML parser.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace cadence::config_internal {

struct TextPosition {
  int line = 1;            // 1-based
  int column = 1;          // 1-based, in bytes (the unit yaml-cpp's marks use)
  std::size_t offset = 0;  // byte offset in the text
};

// The position of the first byte that does not start or continue a valid UTF-8
// sequence (overlong forms, surrogates and code points above U+10FFFF are
// invalid), or nullopt when the whole text is valid.
std::optional<TextPosition> find_invalid_utf8(std::string_view text);

}  // namespace cadence::config_internal
