// Request → response for every path the daemon serves (pure of sockets: the
// Server calls handle() on the loop).
//
//   GET  /healthz    200 "ok" while the loop runs
//   GET  /readyz     200 when the database answers SELECT 1 on this job's
//                    connection and the scheduler job is running; else 503
//                    with {"status":"not ready","reason":...}
//   GET  /metrics    Prometheus text 0.0.4 (http/metrics.hpp)
//   GET  /a/<token>  confirmation page with a POST form (a mail scanner that
//                    prefetches the link changes nothing)
//   POST /a/<token>  performs the action once; then a result page
// A bad, expired, used or wrong-action token gets a friendly 4xx page and
// changes nothing. Unknown paths 404, wrong methods 405. No response ever
// contains the key or the API token.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "cadence/action_token.hpp"
#include "cadence/clock.hpp"
#include "cadence/engine.hpp"
#include "cadence/http_store.hpp"
#include "cadence/store.hpp"
#include "http/metrics.hpp"
#include "http/server.hpp"

namespace cadence::http {

// What the routes read; owned by the HTTP job, which updates config/rules on
// reload and last_reload with them.
struct RouterState {
  const Clock* clock = nullptr;
  Store* store = nullptr;
  HttpStore* http_store = nullptr;
  std::string key;  // HMAC key of action tokens
  std::shared_ptr<const Config> config;
  std::shared_ptr<const RuleSet> rules;
  DaemonTimes times;
  std::function<bool()> scheduler_running;  // nullptr: readiness ignores it
};

class Router {
 public:
  explicit Router(const RouterState& state) : state_(state) {}
  Response handle(const Request& req);

 private:
  Response readyz(const Request& req);
  Response metrics(const Request& req);
  Response action(const Request& req, std::string_view token);
  Response refuse(const Request& req, Locale locale, boost::beast::http::status status,
                  TokenProblem problem);

  const RouterState& state_;
};

}  // namespace cadence::http
