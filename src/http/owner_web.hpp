// The owner's web page and its sign-in, under /w (docs/HTTP.md "The owner's
// web page"), free of sockets and of Beast like the REST API: the Router
// hands over the parts of a request it needs and sends back the answer.
//
//   GET  /w/<login token>  verify (http/web_session.hpp); set the session
//                          cookie (HttpOnly; SameSite=Strict; Path=/w;
//                          Secure when public_url is https) and 303 to /w/.
//                          Expired 410, otherwise bad 403 (a friendly page).
//   GET  /w/[?q=&m=]       the page (http/owner_page.hpp); without a valid
//                          session 401 (a page saying to open the link again).
//   POST /w/act            reminder=<id>&action=done|snooze1d|snooze3d|snooze1w
//   POST /w/touch          contact=<id>&kind=<kind>&note=<text>
// Every POST needs the session cookie (401) and the form's csrf field (403);
// a refused POST changes nothing. A done POST 303s back to ./?m=<what>.
// A reminder or contact of another owner is "not found" (404).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/router_state.hpp"

namespace cadence::http {

struct WebRequest {
  std::string_view method;  // "GET", "HEAD", "POST", ...
  std::string_view target;  // path and query, as received
  std::string_view cookie;  // the Cookie header, "" if absent
  std::string_view body;    // application/x-www-form-urlencoded for POSTs
};

struct WebResponse {
  int status = 200;
  std::string body;  // HTML (text/html; charset=utf-8), empty for redirects
  std::vector<std::pair<std::string, std::string>> headers;  // Location, Set-Cookie, Allow
};

inline constexpr std::string_view kWebPrefix = "/w";

// Answers a request whose path is "/w" or starts with "/w/".
WebResponse handle_web(const RouterState& state, const WebRequest& req);

}  // namespace cadence::http
