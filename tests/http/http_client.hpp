// A blocking HTTP/1.1 client for the tests (Beast over plain sockets), and a
// raw socket for sending half-requests. Every socket gets a 5 s receive
// timeout so a server that never answers fails the test instead of hanging it.
#pragma once

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <string>
#include <utility>
#include <vector>

namespace cadence::testing {

namespace http_client {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Response = bhttp::response<bhttp::string_body>;

inline void set_receive_timeout(tcp::socket& socket, int seconds) {
  timeval tv{};
  tv.tv_sec = seconds;
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

inline tcp::socket connect(asio::io_context& io, std::uint16_t port) {
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  set_receive_timeout(socket, 5);
  return socket;
}

// One request on a fresh connection (Connection: close). Throws on I/O errors.
inline Response fetch(std::uint16_t port, bhttp::verb method, const std::string& target,
                      const std::string& body = "", const std::string& content_type = "") {
  asio::io_context io;
  tcp::socket socket = connect(io, port);
  bhttp::request<bhttp::string_body> req{method, target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  req.set(bhttp::field::connection, "close");
  if (!content_type.empty()) req.set(bhttp::field::content_type, content_type);
  req.body() = body;
  req.prepare_payload();
  bhttp::write(socket, req);
  boost::beast::flat_buffer buffer;
  Response res;
  bhttp::read(socket, buffer, res);
  return res;
}

// One request with extra headers (e.g. Authorization), body sent as given.
inline Response request(std::uint16_t port, bhttp::verb method, const std::string& target,
                        const std::vector<std::pair<std::string, std::string>>& headers,
                        const std::string& body = "") {
  asio::io_context io;
  tcp::socket socket = connect(io, port);
  bhttp::request<bhttp::string_body> req{method, target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  req.set(bhttp::field::connection, "close");
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  req.prepare_payload();
  bhttp::write(socket, req);
  boost::beast::flat_buffer buffer;
  Response res;
  bhttp::read(socket, buffer, res);
  return res;
}

inline Response get(std::uint16_t port, const std::string& target) {
  return fetch(port, bhttp::verb::get, target);
}
inline Response post(std::uint16_t port, const std::string& target, const std::string& body = "") {
  return fetch(port, bhttp::verb::post, target, body, "application/x-www-form-urlencoded");
}

// Sends `bytes` raw, then reads until the server closes; returns what it sent
// back (empty when it closed without a word). `closed` says whether the
// connection ended (false: the 5 s receive timeout passed first).
struct RawResult {
  std::string received;
  bool closed = false;
};
inline RawResult send_raw(std::uint16_t port, const std::string& bytes) {
  asio::io_context io;
  tcp::socket socket = connect(io, port);
  asio::write(socket, asio::buffer(bytes));
  RawResult result;
  std::array<char, 4096> buf{};
  for (;;) {
    boost::system::error_code ec;
    const std::size_t n = socket.read_some(asio::buffer(buf), ec);
    result.received.append(buf.data(), n);
    if (ec == asio::error::eof || ec == asio::error::connection_reset) {
      result.closed = true;
      break;
    }
    if (ec) break;  // timeout: still open
  }
  return result;
}

}  // namespace http_client
}  // namespace cadence::testing
