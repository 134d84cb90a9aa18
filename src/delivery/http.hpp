// HTTP requests and answers as plain values, so request building and response
// classification are pure functions testable without a network.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cadence/delivery.hpp"
#include "cadence/time.hpp"

namespace cadence::delivery {

struct HttpRequest {
  std::string method = "POST";
  std::string url;  // a secret: never log unredacted
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct HttpResponse {
  int status = 0;                              // 0 = no HTTP answer (transport error)
  std::map<std::string, std::string> headers;  // names lower-cased; last value wins
  std::string body;
  std::string transport_error;  // set when status == 0 (curl's message)
  bool timed_out = false;
};

// Performs HTTP requests with libcurl: TLS verification on, redirects not
// followed, connect/total timeouts; one easy handle per `connection_key`
// (keep-alive across a burst). Not thread-safe.
class HttpClient {
 public:
  HttpClient(std::chrono::milliseconds connect_timeout, std::chrono::milliseconds total_timeout);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResponse perform(const std::string& connection_key, const HttpRequest& request);

 private:
  struct Impl;
  Impl* impl_;
};

// Retry-After as delta-seconds or an HTTP-date (RFC 9110 §10.2.3), relative to
// `now`; nullopt when absent or unparseable. A date in the past gives 0.
std::optional<std::chrono::milliseconds> parse_retry_after(const std::string& value, Instant now);

// The generic status classification (channels.md "Delivery semantics"):
// 2xx delivered; 408, 429, 5xx in {500, 502, 503, 504} and transport errors
// retryable; other 4xx/3xx/5xx permanent. Retry-After honoured.
SendResult classify_http_status(const HttpResponse& response, Instant now);

// A short, secret-free excerpt of a response body for last_error: at most
// `max` bytes, on a UTF-8 boundary, control characters replaced.
std::string body_excerpt(const std::string& body, std::size_t max = 200);

}  // namespace cadence::delivery
