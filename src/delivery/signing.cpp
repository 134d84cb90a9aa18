#include "delivery/signing.hpp"

#include <string>

namespace cadence::delivery {

std::string dingtalk_sign(std::string_view secret, std::int64_t timestamp_ms) {
  std::string to_sign = std::to_string(timestamp_ms) + "\n" + std::string(secret);
  return base64_encode(hmac_sha256(secret, to_sign));
}

std::string feishu_sign(std::string_view secret, std::int64_t timestamp_s) {
  // Feishu keys the HMAC with the string to sign and signs nothing.
  std::string key = std::to_string(timestamp_s) + "\n" + std::string(secret);
  return base64_encode(hmac_sha256(key, ""));
}

std::string webhook_key(std::string_view secret) {
  if (secret.starts_with("whsec_")) {
    if (auto key = base64_decode(secret.substr(6))) return *key;
  }
  return std::string(secret);
}

std::string standard_webhook_signature(std::string_view secret, std::string_view msg_id,
                                       std::int64_t timestamp_s, std::string_view body) {
  std::string to_sign =
      std::string(msg_id) + "." + std::to_string(timestamp_s) + "." + std::string(body);
  return "v1," + base64_encode(hmac_sha256(webhook_key(secret), to_sign));
}

std::string github_signature(std::string_view secret, std::string_view body) {
  return "sha256=" + hex_lower(hmac_sha256(secret, body));
}

}  // namespace cadence::delivery
