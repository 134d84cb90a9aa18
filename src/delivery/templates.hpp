// Built-in reminder templates (mustache) per kind and locale.
#pragma once

#include <string>

#include "cadence/config.hpp"
#include "cadence/model.hpp"

namespace cadence::delivery {

struct TemplatePair {
  std::string title;  // one line
  std::string text;   // plain-text body
};

TemplatePair builtin_template(ReminderKind kind, Locale locale);

// Truncates UTF-8 `text` to at most max_bytes bytes and max_chars characters
// (0 = no limit), on a character boundary, appending `note` (which counts).
std::string truncate_with_note(const std::string& text, std::size_t max_bytes,
                               std::size_t max_chars, const std::string& note);

}  // namespace cadence::delivery
