// The action-token verifier (the links in reminders, reached by anyone with
// the URL): arbitrary bytes as a token never crash, never verify under a key
// that did not sign them (a forged MAC), and base64url round-trips. A valid
// token, changed anywhere, never verifies as the same claim.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cadence/action_token.hpp"

namespace {

const std::string kKey = "fuzz-action-key-0123456789abcdef0123";
const cadence::Instant kNow{cadence::Duration{1'800'000'000}};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  // Arbitrary text as a token: a refusal with a reason, or (only if the input
  // happens to be a real token under kKey, which the fuzzer cannot forge) a claim
  // that re-signs to a valid token.
  const cadence::TokenCheck check = cadence::verify_action_token(kKey, text, kNow);
  if (check.ok()) {
    if (!cadence::is_valid_action(check.claim->action)) __builtin_trap();
    if (check.claim->expires_at <= kNow) __builtin_trap();
  }
  (void)cadence::verify_action_token(kKey, text, kNow,
                                     [](std::string_view a) { return a == "done"; });

  // base64url: encode/decode round trip; decode of text re-encodes to it.
  const std::string encoded = cadence::base64url_encode(text);
  const auto decoded = cadence::base64url_decode(encoded);
  if (!decoded || *decoded != text) __builtin_trap();
  if (const auto raw = cadence::base64url_decode(text)) {
    if (cadence::base64url_decode(cadence::base64url_encode(*raw)) != *raw) __builtin_trap();
  }

  // A real token with one byte changed (position and value from the input).
  if (size >= 2) {
    auto claim = cadence::make_action_claim(42, "snooze1d", kNow + cadence::Duration{3600});
    if (!claim) return 0;
    auto token = cadence::sign_action_token(kKey, *claim);
    if (!token) __builtin_trap();
    std::string tampered = *token;
    const std::size_t at = data[0] % tampered.size();
    if (tampered[at] == static_cast<char>(data[1])) return 0;
    tampered[at] = static_cast<char>(data[1]);
    const cadence::TokenCheck forged = cadence::verify_action_token(kKey, tampered, kNow);
    if (forged.ok() && forged.claim->nonce == claim->nonce &&
        forged.claim->action == claim->action && forged.claim->reminder == claim->reminder) {
      // base64url without padding has no two spellings of the same bytes,
      // except in the last character's unused low bits: that is the only
      // change allowed to verify, and only as the very same claim.
      if (at + 1 != tampered.size() && at + 1 != token->find('.')) __builtin_trap();
    } else if (forged.ok()) {
      __builtin_trap();
    }
  }
  return 0;
}
