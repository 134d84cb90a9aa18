// The small encoding and MAC helpers every signed thing of cadence uses —
// action tokens, web sessions and CSRF tokens, calendar feed tokens, channel
// signatures (DingTalk, Feishu, Standard Webhooks, GitHub-style), MIME
// bodies — written once (src/links/crypto.cpp, over OpenSSL's libcrypto).
// All functions are pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cadence::crypto {

std::string hmac_sha256(std::string_view key, std::string_view message);  // raw 32 bytes
std::string sha256(std::string_view data);                                // raw 32 bytes

// Lower-case hex of every byte; the value of one hex digit (either case), -1
// for another character.
std::string to_hex(std::string_view bytes);
int hex_digit_value(char c);

// base64 (RFC 4648 §4) with padding; the decoder also takes the URL alphabet
// and missing padding, and refuses anything else (nullopt).
std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

// base64url without padding (RFC 4648 §5) and its inverse: nullopt on any
// character outside the alphabet, an impossible length or non-canonical
// trailing bits (so one token has one spelling).
std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);

// The id of a key: hex of the first 4 bytes of its SHA-256. Lets a verifier
// tell "signed with another key" (a rotated or foreign one) from "tampered"
// without revealing anything about the key; the same in every token kind.
std::string key_id(std::string_view key);

}  // namespace cadence::crypto
