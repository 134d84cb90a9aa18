// The HTML pages of the action links: confirm (GET), result (after POST) and
// refusal. Self-contained: inline CSS, no script, no external resource, so a
// strict Content-Security-Policy ("default-src 'none'") applies. Every text
// taken from data (a reminder title) is HTML-escaped.
#pragma once

#include <string>
#include <string_view>

#include "cadence/action_token.hpp"
#include "cadence/config.hpp"
#include "cadence/html.hpp"
#include "cadence/links.hpp"

namespace cadence::http {

inline constexpr const char* kHtmlContentType = "text/html; charset=utf-8";
inline constexpr const char* kPageSecurityPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

using cadence::html_escape;  // cadence/html.hpp

inline bool zh(Locale locale) { return locale == Locale::kZhCN; }

using cadence::action_label;  // cadence/links.hpp

// The confirmation page: what will happen to which reminder, with a POST
// form to the same path (`post_path`, already URL-safe).
std::string confirm_page(Locale locale, std::string_view action, std::string_view title,
                         std::string_view post_path);

// After the action: "Done: <title>" / "Snoozed until <when>: <title>".
std::string result_page(Locale locale, std::string_view action, std::string_view title,
                        std::string_view detail);

// A refused link (expired, used, tampered, unknown reminder, closed reminder).
std::string refusal_page(Locale locale, std::string_view headline, std::string_view explanation);

// The refusal text for a token problem, in the locale.
std::string problem_headline(Locale locale, TokenProblem problem);
std::string problem_explanation(Locale locale, TokenProblem problem);

}  // namespace cadence::http
