// The REST API under /api/v1 (docs/HTTP.md "REST API"), free of sockets and of
// Beast: the Router hands it the parts of a request it needs and sends back
// what it returns.
//
// Authentication: "Authorization: Bearer <http.token>", compared in constant
// time (SHA-256 of both, CRYPTO_memcmp). No token configured: every /api/v1
// path answers 404 api_disabled. Missing or wrong: 401 unauthorized with
// "WWW-Authenticate: Bearer realm=\"cadence\"".
//
// Every answer is JSON; every error {"error":{"code":"snake_case","message":
// "..."}}, the code stable, the message for people. Nothing is changed by a
// request that is refused. No answer contains the token or the action key.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/router_state.hpp"

namespace cadence::http {

struct ApiRequest {
  std::string_view method;         // "GET", "POST", ...
  std::string_view target;         // path and query, as received
  std::string_view authorization;  // the Authorization header, "" if absent
  std::string_view body;
};

struct ApiResponse {
  int status = 200;
  std::string body;                                          // JSON, ending in a newline
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
};

inline constexpr std::string_view kApiPrefix = "/api/v1";

// Answers a request whose path starts with kApiPrefix.
ApiResponse handle_api(const RouterState& state, const ApiRequest& req);

}  // namespace cadence::http
