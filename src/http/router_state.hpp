// What the routes read (pure data, no Beast): owned by the HTTP job, which
// updates config/rules on reload and last_reload with them.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "cadence/clock.hpp"
#include "cadence/engine.hpp"
#include "cadence/http_store.hpp"
#include "cadence/store.hpp"
#include "http/database_errors.hpp"
#include "http/metrics.hpp"

namespace cadence::http {

struct RouterState {
  const Clock* clock = nullptr;
  Store* store = nullptr;
  HttpStore* http_store = nullptr;
  std::string key;  // HMAC key of action tokens
  std::shared_ptr<const Config> config;
  std::shared_ptr<const RuleSet> rules;
  DaemonTimes times;
  std::function<bool()> scheduler_running;  // nullptr: readiness ignores it
  // "" or the scheduler's database fault; nullptr: readiness ignores it.
  std::function<std::string()> scheduler_health;
  // Where the routes report database errors; nullptr: each is logged.
  DatabaseErrorLog* database_errors = nullptr;
  // Where the API reports requests refused for their bearer token (never the
  // token itself); nullptr: not logged.
  DatabaseErrorLog* refused_tokens = nullptr;
};

}  // namespace cadence::http
