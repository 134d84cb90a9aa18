// The owner's web page (/w/) signs in without accounts or a session table:
//
//   login token  `cadencectl web-link` prints <public_url>/w/<token>; GET on
//                it sets the session cookie.
//   session      the cookie value: owner + expiry, signed (stateless).
//   CSRF field   every POST form carries HMAC(key, session value), so a form
//                posted from another site (which cannot read the cookie) is
//                refused even by a browser that ignores SameSite.
//
// Tokens and cookie values are base64url(payload) "." base64url(HMAC-SHA256(
// key, payload)), payload "w1|<purpose>|<kid>|<owner>|<expires unix s>", with
// purpose "login" or "session" (a login token is no cookie and the reverse),
// and kid the action tokens' key id (first 4 bytes of SHA-256(key), hex), so
// a token of another key is "unknown key", not "tampered". The key is the
// action key (load_or_create_action_key). Verification is pure: format, kid,
// MAC (CRYPTO_memcmp), expiry against the given `now`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cadence/action_token.hpp"
#include "cadence/error.hpp"
#include "cadence/time.hpp"

namespace cadence::http {

// Default lifetime of a login link (cadencectl web-link --days).
inline constexpr int kWebLoginDefaultDays = 30;
inline constexpr int kWebLoginMaxDays = 366;
// The session cookie's name (Path=/w).
inline constexpr std::string_view kWebCookie = "cadence_w";

struct WebClaim {
  std::string owner;
  Instant expires_at{};  // refused at and after this instant
};

struct WebCheck {
  std::optional<WebClaim> claim;  // set when valid
  TokenProblem problem =
      TokenProblem::kMalformed;  // kMalformed, kUnknownKey, kBadSignature, kExpired
  bool ok() const { return claim.has_value(); }
};

// kInvalidInput for an empty key, an empty owner or one holding '|'.
Result<std::string> sign_web_login(std::string_view key, const WebClaim& claim);
Result<std::string> sign_web_session(std::string_view key, const WebClaim& claim);

WebCheck verify_web_login(std::string_view key, std::string_view token, Instant now);
WebCheck verify_web_session(std::string_view key, std::string_view value, Instant now);

// The CSRF field of the forms for the session `session_value`.
std::string web_csrf(std::string_view key, std::string_view session_value);
// Constant-time comparison with web_csrf(key, session_value).
bool web_csrf_matches(std::string_view key, std::string_view session_value, std::string_view given);

// "<public_url without trailing '/'>/w/<token>".
std::string web_login_url(std::string_view public_url, std::string_view token);

}  // namespace cadence::http
