// Request → response for every path the daemon serves (pure of sockets: the
// Server calls handle() on the loop).
//
//   GET  /healthz    200 "ok" while the loop runs
//   GET  /readyz     200 when the database answers SELECT 1 on this job's
//                    connection, the scheduler job is running and reports no
//                    database fault (disk full, read-only, locked); else 503
//                    with {"status":"not ready","reason":...}
//   GET  /metrics    Prometheus text 0.0.4 (http/metrics.hpp)
//   GET  /a/<token>  confirmation page with a POST form (a mail scanner that
//                    prefetches the link changes nothing)
//   POST /a/<token>  performs the action once; then a result page
//   GET  /calendar.ics?token=<owner feed token>  the owner's ICS feed
//                    (http/ics.hpp); 403 for a bad token
//   /api/v1/...      the REST API (http/api.hpp)
//   /w, /w/...       the owner's web page and its sign-in (http/owner_web.hpp)
// A bad, expired, used or wrong-action token gets a friendly 4xx page and
// changes nothing. Unknown paths 404, wrong methods 405. No response ever
// contains the key or the API token. A database that cannot answer (locked
// past the job's short busy timeout, read-only, full) gets 503 with
// Retry-After, and a bounded number of log lines (http/database_errors.hpp).
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
#include "http/router_state.hpp"
#include "http/server.hpp"

namespace cadence::http {

class Router {
 public:
  explicit Router(const RouterState& state) : state_(state) {}
  Response handle(const Request& req);

 private:
  Response route(const Request& req);
  Response readyz(const Request& req);
  Response api(const Request& req);
  Response web(const Request& req);
  Response calendar(const Request& req);
  Response metrics(const Request& req);
  Response action(const Request& req, std::string_view token);
  Response refuse(const Request& req, Locale locale, boost::beast::http::status status,
                  TokenProblem problem);
  // 503 "try again shortly" for an action link the database could not serve.
  Response unavailable(const Request& req, Locale locale, const Error& error);

  const RouterState& state_;
};

}  // namespace cadence::http
