// Signed action tokens: the links in a reminder ("Done", "Snooze 1 day") that
// act on it from a phone without a login.
//
// A token is base64url(payload) "." base64url(HMAC-SHA256(key, payload)), no
// padding. The payload binds the key id (first 4 bytes of SHA-256(key), hex),
// the reminder (occurrence row id), the action, the expiry (UTC seconds) and a
// random 16-byte nonce: "v1|<kid>|<reminder>|<action>|<expires>|<nonce>".
// Actions: "done", "snooze1d", "snooze3d", "snooze1w", "touch:<kind>" (kind
// [a-z0-9_-]+).
//
// Verification is pure (no I/O): format, key id, MAC (compared in constant
// time with CRYPTO_memcmp), expiry against the given `now`, and the action
// the endpoint accepts. Replay (a nonce already used) is the caller's check
// against durable storage (HttpStore::consume_nonce), because it needs state.
// Thread-safe: no shared state.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "cadence/crypto.hpp"
#include "cadence/error.hpp"
#include "cadence/model.hpp"
#include "cadence/time.hpp"

namespace cadence {

// What a token allows.
struct ActionClaim {
  RowId reminder = 0;    // Occurrence::row_id
  std::string action;    // "done", "snooze1d", "snooze3d", "snooze1w", "touch:<kind>"
  Instant expires_at{};  // refused at and after this instant
  std::string nonce;     // 32 lowercase hex characters; unique per token
};

// Why a token was refused. kReplayed is never returned by verify_action_token
// (it is the nonce store's answer) but belongs to the same vocabulary.
enum class TokenProblem {
  kMalformed,
  kUnknownKey,
  kBadSignature,
  kExpired,
  kWrongAction,
  kReplayed
};
const char* to_string(TokenProblem p);

struct TokenCheck {
  std::optional<ActionClaim> claim;                 // set when the token is valid
  TokenProblem problem = TokenProblem::kMalformed;  // meaningful when !claim

  bool ok() const { return claim.has_value(); }
};

// True for the actions listed above.
bool is_valid_action(std::string_view action);

// How long a snooze action defers (1, 3 or 7 days); nullopt for other actions.
std::optional<Duration> snooze_duration(std::string_view action);

// A claim for `reminder` with a fresh random nonce (OpenSSL RAND_bytes).
// kInvalidInput for an invalid action; kInternal if the RNG fails.
Result<ActionClaim> make_action_claim(RowId reminder, std::string_view action, Instant expires_at);

// A claim whose nonce is derived from `key` and `seed` (HMAC-SHA256 of the
// seed, the reminder, the action and the expiry, first 16 bytes): the same
// inputs always give the same token. For links inside a delivered message,
// which must be byte-identical on every retry of that delivery; `seed` names
// the delivery (its idempotency key), so two messages never share a nonce.
// kInvalidInput for an invalid action, an empty key or an empty seed.
Result<ActionClaim> derive_action_claim(std::string_view key, std::string_view seed, RowId reminder,
                                        std::string_view action, Instant expires_at);

// Signs `claim` with `key` (any non-empty byte string; 32 random bytes by
// default). kInvalidInput for an empty key or an invalid claim.
Result<std::string> sign_action_token(std::string_view key, const ActionClaim& claim);

// Checks `token` against `key` at `now`. `accepts(action)` says whether the
// endpoint takes this action (e.g. only "done"); nullptr accepts every valid one.
TokenCheck verify_action_token(std::string_view key, std::string_view token, Instant now,
                               const std::function<bool(std::string_view)>& accepts = nullptr);

// base64url without padding and its inverse (cadence/crypto.hpp).
using crypto::base64url_decode;
using crypto::base64url_encode;

// The HMAC key: `configured` (http.key, already resolved from ${file:}/${cred:})
// when non-empty; else the 32 bytes stored in `key_path`, created 0600 with
// RAND_bytes on first use and reused afterwards. kIo if the file cannot be
// read or written, kInvalidInput if it exists with fewer than 32 bytes.
Result<std::string> load_or_create_action_key(const std::string& configured,
                                              const std::string& key_path);

// Where the generated key lives: "http.key" next to the database file.
std::string default_action_key_path(const std::string& database);

}  // namespace cadence
