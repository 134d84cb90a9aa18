// The HTTP job's own database connection: the readiness probe, the figures
// behind /metrics and the used action-token nonces (replay protection).
//
// Separate from Store because none of this is the product's data model: it
// is operational state of the HTTP face. The nonce table (action_nonces) is
// created here with CREATE TABLE IF NOT EXISTS on open, in the same database
// file, so it is backed up and restored with it and survives restarts.
//
// Contract: nothing throws; kDatabase on SQLite errors, kConflict for a nonce
// already used. Threading: one HttpStore per thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "cadence/error.hpp"
#include "cadence/time.hpp"

namespace cadence {

struct StoreMetrics {
  // (kind, state) → count of occurrences, e.g. ("birthday", "fired") → 3.
  std::map<std::pair<std::string, std::string>, std::int64_t> occurrences;
  // (channel, state) → count of deliveries, e.g. ("email", "sent") → 7.
  std::map<std::pair<std::string, std::string>, std::int64_t> deliveries;
  // kind → occurrences that have fired at least once (fired_at set), in any
  // state since: durable, so it survives restarts.
  std::map<std::string, std::int64_t> fired_by_kind;
  std::int64_t outbox_depth = 0;     // deliveries in state 'queued'
  std::optional<Instant> next_wake;  // the earliest wake_at of an open occurrence
};

class HttpStore {
 public:
  // Opens `path` (which must exist: the scheduler's Store creates and
  // migrates it) and creates the nonce table if absent. Calls wait up to
  // `busy_timeout_ms` for another writer's lock; the open itself at least
  // 5 s (as open_sqlite_store).
  static Result<std::unique_ptr<HttpStore>> open(const std::string& path, int busy_timeout_ms);
  ~HttpStore();
  HttpStore(const HttpStore&) = delete;
  HttpStore& operator=(const HttpStore&) = delete;

  // SELECT 1 on this connection.
  Status ping();
  Result<StoreMetrics> metrics();
  // Records `nonce` as used until `expires_at` (after which a token carrying
  // it is refused as expired anyway) and prunes nonces expired at `now`.
  // kConflict when the nonce was already recorded: a replay.
  Status consume_nonce(const std::string& nonce, Instant expires_at, Instant now);
  // True when `nonce` is recorded as used.
  Result<bool> nonce_used(const std::string& nonce);
  // Removes the record of `nonce` (undo after the action itself failed, so
  // the link can be used again).
  Status release_nonce(const std::string& nonce);

 private:
  struct Impl;
  explicit HttpStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cadence
