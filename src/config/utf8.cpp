#include "config/utf8.hpp"

namespace cadence::config_internal {
namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 when it is invalid.
std::size_t valid_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  std::size_t length = 0;
  unsigned char min1 = 0x80;
  unsigned char max1 = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) min1 = 0xA0;  // overlong
    if (b0 == 0xED) max1 = 0x9F;  // UTF-16 surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) min1 = 0x90;  // overlong
    if (b0 == 0xF4) max1 = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < min1 || byte(i + 1) > max1) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

}  // namespace

std::optional<TextPosition> find_invalid_utf8(std::string_view text) {
  TextPosition pos;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t n = valid_sequence_length(text, i);
    if (n == 0) {
      pos.offset = i;
      return pos;
    }
    if (text[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else {
      pos.column += static_cast<int>(n);
    }
    i += n;
  }
  return std::nullopt;
}

}  // namespace cadence::config_internal
