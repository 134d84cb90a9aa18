#include "http/server.hpp"

#include <spdlog/spdlog.h>
#include <array>
#include <boost/asio/ip/address.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <optional>

namespace cadence::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

Response make_response(const Request& req, bhttp::status status, std::string content_type,
                       std::string body) {
  Response res{status, req.version()};
  res.set(bhttp::field::server, "cadenced");
  res.set(bhttp::field::content_type, std::move(content_type));
  res.set(bhttp::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "no-referrer");
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

constexpr std::chrono::milliseconds kLinger{1000};
constexpr std::size_t kMaxDrain = 1024 * 1024;

// One connection: read a request, answer, repeat while kept alive.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Server& server, tcp::socket socket, bool counted)
      : server_(server), stream_(std::move(socket)), counted_(counted) {}
  ~Session() { server_.on_close(this, counted_); }

  void start() {
    if (!counted_) return refuse_busy();
    read(server_.limits_.request_timeout);
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

 private:
  void read(std::chrono::milliseconds deadline) {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.limits_.header_bytes));
    parser_->body_limit(server_.limits_.body_bytes);
    // One deadline for the whole request: a client trickling bytes (slowloris)
    // cannot keep the connection by sending something now and then.
    stream_.expires_after(deadline);
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) {
      return answer_error(bhttp::status::payload_too_large, "request body too large\n");
    }
    if (ec == bhttp::error::header_limit) {
      return answer_error(bhttp::status::request_header_fields_too_large,
                          "request header too large\n");
    }
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
        ec == asio::error::eof) {
      return close();
    }
    if (ec) {
      // Anything else is a malformed request: say so once, then close.
      return answer_error(bhttp::status::bad_request, "bad request\n");
    }
    const Request& req = parser_->get();
    Response res = server_.handler_(req);
    if (server_.stopping_) res.keep_alive(false);
    write(std::move(res));
  }

  void answer_error(bhttp::status status, std::string body) {
    Request head;
    head.version(11);
    Response res = make_response(head, status, "text/plain; charset=utf-8", std::move(body));
    res.keep_alive(false);
    write(std::move(res));
  }

  void refuse_busy() {
    Request head;
    head.version(11);
    Response res = make_response(head, bhttp::status::service_unavailable,
                                 "text/plain; charset=utf-8", "too many connections\n");
    res.set(bhttp::field::retry_after, "1");
    res.keep_alive(false);
    write(std::move(res));
  }

  void write(Response res) {
    response_ = std::make_unique<Response>(std::move(res));
    stream_.expires_after(server_.limits_.request_timeout);
    bhttp::async_write(
        stream_, *response_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_write(ec); });
  }

  void on_write(beast::error_code ec) {
    const bool keep = response_->keep_alive();
    response_.reset();
    if (ec || server_.stopping_) return close();
    if (!keep) return linger_close();
    read(server_.limits_.idle_timeout);
  }

  // After an answer that ends the connection (413, 431, 400, 503, Connection:
  // close): stop sending, then read and drop what the client still sends for
  // a moment. Closing with unread input would make the kernel send RST, and
  // the client could lose the answer it has not read yet.
  void linger_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return close();
    stream_.expires_after(kLinger);
    drain();
  }

  void drain() {
    stream_.async_read_some(asio::buffer(discard_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > kMaxDrain) return self->close();
                              self->drain();
                            });
  }

  Server& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::unique_ptr<Response> response_;
  std::array<char, 4096> discard_{};
  std::size_t drained_ = 0;
  bool counted_;
};

Server::Server(asio::io_context& io, ServerLimits limits, Handler handler)
    : io_(io), limits_(limits), handler_(std::move(handler)), acceptor_(io) {}

Server::~Server() = default;

Status Server::listen(const std::string& host, std::uint16_t port) {
  beast::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) return Error::config("http.listen: '" + host + "' is not an IP address");
  const tcp::endpoint endpoint(address, port);
  const std::string where = host + ":" + std::to_string(port);
  if (acceptor_.open(endpoint.protocol(), ec); ec) {
    return Error::network("http: cannot open a socket for " + where + ": " + ec.message());
  }
  acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (acceptor_.bind(endpoint, ec); ec) {
    return Error::network("http: cannot bind " + where + ": " + ec.message());
  }
  if (acceptor_.listen(asio::socket_base::max_listen_connections, ec); ec) {
    return Error::network("http: cannot listen on " + where + ": " + ec.message());
  }
  port_ = acceptor_.local_endpoint(ec).port();
  accept();
  return ok_status();
}

void Server::accept() {
  acceptor_.async_accept(io_, [this](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || stopping_) return;
    if (!ec) {
      const bool counted = active_ < limits_.max_connections;
      if (counted) ++active_;
      socket.set_option(tcp::no_delay(true), ec);
      auto session = std::make_shared<Session>(*this, std::move(socket), counted);
      sessions_.emplace(session.get(), session);
      session->start();
    } else {
      spdlog::warn("http: accept failed: {}", ec.message());
    }
    accept();
  });
}

void Server::on_close(Session* session, bool counted) {
  sessions_.erase(session);
  if (counted) --active_;
}

void Server::stop() {
  stopping_ = true;
  beast::error_code ec;
  acceptor_.close(ec);
  // Copy first: closing may not run handlers synchronously, but keep the
  // iteration independent of the map anyway.
  std::vector<std::shared_ptr<Session>> open;
  for (auto& [ptr, weak] : sessions_) {
    if (auto s = weak.lock()) open.push_back(std::move(s));
  }
  for (auto& s : open) s->close();
}

}  // namespace cadence::http
