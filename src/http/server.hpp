// A small HTTP/1.1 server (Boost.Beast) on a caller's single-threaded
// io_context: accepts, reads each request under limits, hands it to a pure
// handler (request → response) and writes the answer. Keep-alive supported.
//
// Limits (ServerLimits): a request head larger than header_bytes is answered
// 431, a body larger than body_bytes 413 (then the connection is closed); a
// request not complete within request_timeout (slowloris), or no next request
// within idle_timeout on a kept-alive connection, closes the connection
// silently; beyond max_connections a new connection gets 503 and is closed.
//
// stop() closes the acceptor and every connection; their handlers finish with
// operation_aborted, so io_context::run() returns. Threading: every call on
// the io_context's thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "cadence/error.hpp"

namespace cadence::http {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;
// Called on the loop for every well-formed request; must not throw.
using Handler = std::function<Response(const Request&)>;

struct ServerLimits {
  std::size_t header_bytes = 8 * 1024;                // request line + headers. Default: 8 KiB
  std::size_t body_bytes = 64 * 1024;                 // Default: 64 KiB
  std::chrono::milliseconds request_timeout{10'000};  // whole request. Default: 10 s
  std::chrono::milliseconds idle_timeout{5'000};      // keep-alive wait. Default: 5 s
  std::size_t max_connections = 64;                   // Default: 64
};

class Session;

class Server {
 public:
  Server(boost::asio::io_context& io, ServerLimits limits, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds host:port (port 0: any free port) and starts accepting.
  Status listen(const std::string& host, std::uint16_t port);
  // The bound port (after listen).
  std::uint16_t port() const { return port_; }
  void stop();
  // Open connections being served (not counting refused ones).
  std::size_t connections() const { return active_; }

 private:
  friend class Session;
  void accept();
  void on_close(Session* session, bool counted);

  boost::asio::io_context& io_;
  ServerLimits limits_;
  Handler handler_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;
  std::size_t active_ = 0;
  bool stopping_ = false;
};

// A plain response with the headers every answer carries (no caching, no
// sniffing, no framing).
Response make_response(const Request& req, boost::beast::http::status status,
                       std::string content_type, std::string body);

}  // namespace cadence::http
