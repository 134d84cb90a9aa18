// Hashes, HMACs and encodings used by service signatures (OpenSSL libcrypto).
// Worked examples in shared/reference/channels.md are the tests' vectors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cadence/crypto.hpp"

namespace cadence::delivery {

// The shared helpers (cadence/crypto.hpp), under the names the channels use.
using crypto::base64_decode;  // padded or not
using crypto::base64_encode;  // padded
using crypto::hmac_sha256;    // raw 32 bytes
using crypto::sha256;         // raw 32 bytes
inline std::string hex_lower(std::string_view data) { return crypto::to_hex(data); }

// DingTalk: url_encode(base64(HMAC-SHA256(secret, ts_ms + "\n" + secret))) —
// returned *before* URL encoding.
std::string dingtalk_sign(std::string_view secret, std::int64_t timestamp_ms);
// Feishu/Lark: base64(HMAC-SHA256(key = ts_s + "\n" + secret, message = "")).
std::string feishu_sign(std::string_view secret, std::int64_t timestamp_s);
// Standard Webhooks: "v1," + base64(HMAC-SHA256(key, id.ts.body)); `secret` is
// "whsec_<base64 key>" (or raw key bytes without the prefix).
std::string standard_webhook_signature(std::string_view secret, std::string_view msg_id,
                                       std::int64_t timestamp_s, std::string_view body);
// GitHub style: "sha256=" + lowercase hex HMAC-SHA256(secret, body).
std::string github_signature(std::string_view secret, std::string_view body);
// The HMAC key of a webhook secret: base64-decoded after "whsec_", else as is.
std::string webhook_key(std::string_view secret);

}  // namespace cadence::delivery
