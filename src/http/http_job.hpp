// The daemon's HTTP face as a daemon job (daemon/daemon_job.hpp): a Beast
// server (http/server.hpp) on the daemon's loop serving the routes of
// http/router.hpp. Idle unless the config has an http: section.
//
//   validate     http.listen must be an IP address and a port.
//   start        opens its own Store and HttpStore connections to the
//                database (the scheduler job opened and migrated it first)
//                with a short busy timeout (kHttpBusyTimeoutMs),
//                loads the action key (http.key, else <dbdir>/http.key,
//                created 0600 on first start), binds http.listen and logs
//                the bound port.
//   reconfigure  takes the new config and rules for the pages and records
//                the reload time for /metrics. A changed listen address
//                needs a restart (logged).
//   stop         closes the listener and every connection.
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include "cadence/http_store.hpp"
#include "cadence/store.hpp"
#include "daemon/daemon_job.hpp"
#include "http/database_errors.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace cadence::http {

// How long a request waits for another writer's lock before it is answered
// 503 with Retry-After. Requests run on the daemon's loop, which waits with
// them: 500 ms is far above a scheduler write (milliseconds), and at the
// server's 64 connections still under half the 60 s watchdog. The scheduler
// keeps the store's 5 s: its retries are its own.
inline constexpr int kHttpBusyTimeoutMs = 500;

struct HttpJobOptions {
  ServerLimits limits;
  // True while the scheduler job runs (for /readyz). Default: not consulted.
  std::function<bool()> scheduler_running;
  // Empty while the scheduler's database works, else the fault ("database
  // read-only since ...") that /readyz reports. Default: not consulted.
  std::function<std::string()> scheduler_health;
};

// "127.0.0.1:8787", "[::1]:8787" → host and port; kConfig otherwise.
Result<std::pair<std::string, std::uint16_t>> parse_listen(const std::string& listen);

class HttpJob final : public daemon::DaemonJob {
 public:
  explicit HttpJob(const Clock& clock, HttpJobOptions options = {});
  ~HttpJob() override;

  std::string_view name() const override { return "http"; }
  std::vector<ConfigDiagnostic> validate(const Config& config) override;
  Status start(boost::asio::io_context& io, std::shared_ptr<const Config> config) override;
  void reconfigure(std::shared_ptr<const Config> config) override;
  void stop() override;
  std::string status() const override;

  // The bound port (0 before start or when disabled).
  std::uint16_t port() const { return server_ ? server_->port() : 0; }

 private:
  const Clock& clock_;
  HttpJobOptions options_;
  RouterState state_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<HttpStore> http_store_;
  DatabaseErrorLog database_errors_;
  DatabaseErrorLog refused_tokens_;  // API requests with a missing or wrong token
  std::unique_ptr<Router> router_;
  std::unique_ptr<Server> server_;
};

}  // namespace cadence::http
