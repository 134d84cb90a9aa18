// Shared helpers for the delivery integration tests.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "delivery/http.hpp"
#include "server_process.hpp"

namespace cadence::testing {

// The chat receiver (tests/support/servers/chat_receiver.py) with its control API.
class ChatReceiver {
 public:
  // `delay_seconds`: every service answer waits this long (a slow service).
  explicit ChatReceiver(const nlohmann::json& secrets = nlohmann::json::object(),
                        double delay_seconds = 0)
      : process_({kPython, server_script("chat_receiver.py"), "--secrets", secrets.dump(),
                  "--delay", std::to_string(delay_seconds)}),
        client_(std::chrono::milliseconds{5000}, std::chrono::milliseconds{10000}) {}

  int port() const { return process_.port(); }
  std::string base(const std::string& service) const {
    return "http://127.0.0.1:" + std::to_string(port()) + "/" + service;
  }
  // Canned answers for the next requests, e.g. {{"status", 429}, {"headers", …}}.
  void queue(const nlohmann::json& answers) {
    delivery::HttpRequest r;
    r.url = base("_control/queue");
    r.body = answers.dump();
    client_.perform("control", r);
  }
  nlohmann::json requests() {
    delivery::HttpRequest r;
    r.method = "GET";
    r.url = base("_requests");
    return nlohmann::json::parse(client_.perform("control", r).body);
  }
  // How many requests the receiver has seen.
  std::size_t count() {
    delivery::HttpRequest r;
    r.method = "GET";
    r.url = base("_count");
    auto j = nlohmann::json::parse(client_.perform("control", r).body, nullptr, false);
    return j.is_object() ? j.value("count", std::size_t{0}) : 0;
  }
  // Every request as {"service", "id" (webhook-id), "body_sha256"}, fetched in
  // pages (the HTTP client caps an answer's size).
  nlohmann::json compact_requests() {
    nlohmann::json all = nlohmann::json::array();
    for (;;) {
      delivery::HttpRequest r;
      r.method = "GET";
      r.url = base("_compact?from=" + std::to_string(all.size()) + "&limit=100");
      auto page = nlohmann::json::parse(client_.perform("control", r).body);
      if (page.empty()) break;
      for (auto& e : page) all.push_back(std::move(e));
    }
    return all;
  }
  void reset() {
    delivery::HttpRequest r;
    r.url = base("_reset");
    client_.perform("control", r);
  }

 private:
  ServerProcess process_;
  delivery::HttpClient client_;
};

}  // namespace cadence::testing
