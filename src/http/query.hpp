// A request target split into its path and its query parameters
// (application/x-www-form-urlencoded: '+' is a space, %XX a byte), and the
// UTF-8 check every text from a client goes through.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace cadence::http {

struct Target {
  std::string path;                           // not decoded
  std::map<std::string, std::string> params;  // decoded; a repeated name keeps the last
  // The decoded value of `name`, nullopt when absent.
  std::optional<std::string> get(const std::string& name) const;
};

// nullopt when an escape is malformed (%G1, a lone %) or a decoded name or
// value is not valid UTF-8.
std::optional<Target> parse_target(std::string_view target);

// Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

// ASCII letters lowered (for case-insensitive search of ids and Latin names).
inline std::string lower_ascii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// A character of a token in a path (action links, login links): base64url and '.'.
inline bool is_token_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

}  // namespace cadence::http
