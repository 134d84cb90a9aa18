// Text put into HTML (mail bodies, the review, the web pages) is escaped with
// one function, so every page treats the same characters the same way.
#pragma once

#include <string>
#include <string_view>

namespace cadence {

// & < > " ' become entities; everything else (any UTF-8) is kept as it is.
// Safe in element content and in quoted attribute values.
std::string html_escape(std::string_view text);

}  // namespace cadence
