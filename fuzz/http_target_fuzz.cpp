// The HTTP request target parser every request goes through before routing
// (path and decoded query parameters, strict UTF-8): arbitrary bytes never
// crash; a parsed target's parameters are valid UTF-8; is_valid_utf8 agrees
// with a reference decoder.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/query.hpp"

namespace {

// Reference: strict UTF-8 (RFC 3629), written independently of the parser.
bool reference_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      n = 1, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // truncated sequence
    for (std::size_t k = 1; k <= n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += n + 1;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (cadence::http::is_valid_utf8(text) != reference_utf8(text)) __builtin_trap();
  if (const auto target = cadence::http::parse_target(text)) {
    for (const auto& [name, value] : target->params) {
      if (!reference_utf8(name) || !reference_utf8(value)) __builtin_trap();
      if (target->get(name) != value) __builtin_trap();
    }
  }
  return 0;
}
