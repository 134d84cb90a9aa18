#include "delivery/signing.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <string>

namespace cadence::delivery {

std::string hmac_sha256(std::string_view key, std::string_view message) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), out.data(), &len);
  return std::string(reinterpret_cast<const char*>(out.data()), len);
}

std::string sha256(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(out.data()), len);
}

std::string base64_encode(std::string_view data) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    unsigned v = static_cast<unsigned char>(data[i]) << 16 |
                 static_cast<unsigned char>(data[i + 1]) << 8 |
                 static_cast<unsigned char>(data[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < data.size()) {
    unsigned v = static_cast<unsigned char>(data[i]) << 16;
    if (i + 1 < data.size()) v |= static_cast<unsigned char>(data[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < data.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    int v = value(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  if (bits >= 6) return std::nullopt;  // a lone trailing character
  return out;
}

std::string hex_lower(std::string_view data) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(data.size() * 2);
  for (unsigned char c : data) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

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
