#include "http/web_session.hpp"

#include <openssl/crypto.h>

#include <array>
#include <charconv>
#include <vector>

#include "cadence/crypto.hpp"

namespace cadence::http {
namespace {

constexpr std::string_view kVersion = "w1";

std::string mac(std::string_view key, std::string_view payload) {
  return crypto::hmac_sha256(key, payload);
}

// The same key id as the action tokens, so that one key rotation reads the
// same everywhere.
using crypto::key_id;

Result<std::string> sign(std::string_view key, std::string_view purpose, const WebClaim& claim) {
  if (key.empty()) return Error::invalid_input("empty key");
  if (claim.owner.empty() || claim.owner.find('|') != std::string::npos) {
    return Error::invalid_input("invalid owner id '" + claim.owner + "'");
  }
  const std::string payload = std::string(kVersion) + "|" + std::string(purpose) + "|" +
                              key_id(key) + "|" + claim.owner + "|" +
                              std::to_string(claim.expires_at.time_since_epoch().count());
  return base64url_encode(payload) + "." + base64url_encode(mac(key, payload));
}

WebCheck verify(std::string_view key, std::string_view purpose, std::string_view token,
                Instant now) {
  WebCheck check;
  const auto dot = token.find('.');
  if (key.empty() || token.size() > 512 || dot == std::string_view::npos) return check;
  const auto payload = base64url_decode(token.substr(0, dot));
  const auto given = base64url_decode(token.substr(dot + 1));
  if (!payload || !given) return check;
  std::vector<std::string_view> parts;
  std::string_view rest = *payload;
  for (;;) {
    const auto bar = rest.find('|');
    parts.push_back(rest.substr(0, bar));
    if (bar == std::string_view::npos) break;
    rest.remove_prefix(bar + 1);
  }
  if (parts.size() != 5 || parts[0] != kVersion || parts[1] != purpose || parts[3].empty()) {
    return check;
  }
  std::int64_t expires = 0;
  const auto [end, ec] =
      std::from_chars(parts[4].data(), parts[4].data() + parts[4].size(), expires);
  if (ec != std::errc{} || end != parts[4].data() + parts[4].size()) return check;
  if (parts[2] != key_id(key)) {
    check.problem = TokenProblem::kUnknownKey;
    return check;
  }
  const std::string expected = mac(key, *payload);
  if (given->size() != expected.size() ||
      CRYPTO_memcmp(given->data(), expected.data(), expected.size()) != 0) {
    check.problem = TokenProblem::kBadSignature;
    return check;
  }
  const Instant expires_at{Duration{expires}};
  if (now >= expires_at) {
    check.problem = TokenProblem::kExpired;
    return check;
  }
  check.claim = WebClaim{std::string(parts[3]), expires_at};
  return check;
}

}  // namespace

Result<std::string> sign_web_login(std::string_view key, const WebClaim& claim) {
  return sign(key, "login", claim);
}

Result<std::string> sign_web_session(std::string_view key, const WebClaim& claim) {
  return sign(key, "session", claim);
}

WebCheck verify_web_login(std::string_view key, std::string_view token, Instant now) {
  return verify(key, "login", token, now);
}

WebCheck verify_web_session(std::string_view key, std::string_view value, Instant now) {
  return verify(key, "session", value, now);
}

std::string web_csrf(std::string_view key, std::string_view session_value) {
  return base64url_encode(mac(key, "w1|csrf|" + std::string(session_value)));
}

bool web_csrf_matches(std::string_view key, std::string_view session_value,
                      std::string_view given) {
  const std::string expected = web_csrf(key, session_value);
  return given.size() == expected.size() &&
         CRYPTO_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

std::string web_login_url(std::string_view public_url, std::string_view token) {
  std::string base(public_url);
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/w/" + std::string(token);
}

}  // namespace cadence::http
