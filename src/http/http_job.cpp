#include "http/http_job.hpp"

#include <spdlog/spdlog.h>
#include <charconv>

#include "cadence/action_token.hpp"

namespace cadence::http {

Result<std::pair<std::string, std::uint16_t>> parse_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  const auto bad = [&] {
    return Error::config("http.listen: expected host:port such as 127.0.0.1:8787, got '" + listen +
                         "'");
  };
  if (colon == std::string::npos || colon == 0) return bad();
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host == "localhost") host = "127.0.0.1";
  const std::string_view port_text = std::string_view(listen).substr(colon + 1);
  std::uint16_t port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc{} || end != port_text.data() + port_text.size()) {
    return bad();
  }
  boost::system::error_code address_error;
  boost::asio::ip::make_address(host, address_error);
  if (address_error) {
    return Error::config("http.listen: '" + host + "' is not an IP address (name lookups are " +
                         "not done; use 127.0.0.1, ::1 or 0.0.0.0)");
  }
  return std::pair{host, port};
}

HttpJob::HttpJob(const Clock& clock, HttpJobOptions options)
    : clock_(clock),
      options_(std::move(options)),
      database_errors_(clock),
      refused_tokens_(clock, Duration{60}, "refused API request",
                      DatabaseErrorLog::Level::kWarning) {}

HttpJob::~HttpJob() = default;

std::vector<ConfigDiagnostic> HttpJob::validate(const Config& config) {
  std::vector<ConfigDiagnostic> out;
  if (!config.http.enabled) return out;
  if (auto listen = parse_listen(config.http.listen); !listen) {
    ConfigDiagnostic d;
    d.where = config.http.where;
    d.message = listen.error().message();
    out.push_back(std::move(d));
  }
  return out;
}

Status HttpJob::start(boost::asio::io_context& io, std::shared_ptr<const Config> config) {
  if (!config->http.enabled) return ok_status();
  auto listen = parse_listen(config->http.listen);
  if (!listen) return listen.error();
  RuleSetCompileResult compiled = RuleSet::compile(*config);
  if (!compiled.ok()) return Error::config("the rules do not compile");

  StoreOptions store_options;
  store_options.path = config->database;
  store_options.clock = &clock_;
  store_options.busy_timeout_ms = kHttpBusyTimeoutMs;
  auto opened = open_sqlite_store(store_options);
  if (!opened) return opened.error().with_context("http: opening " + config->database);
  store_ = std::move(opened.value());
  auto probe = HttpStore::open(config->database, store_options.busy_timeout_ms);
  if (!probe) return probe.error().with_context("http");
  http_store_ = std::move(probe.value());

  auto key = load_or_create_action_key(config->http.key, default_action_key_path(config->database));
  if (!key) return key.error().with_context("http: action key");

  state_.clock = &clock_;
  state_.store = store_.get();
  state_.http_store = http_store_.get();
  state_.key = std::move(*key);
  state_.config = config;
  state_.rules = compiled.rules;
  state_.times.process_start = clock_.now();
  state_.times.last_reload = state_.times.process_start;
  state_.scheduler_running = options_.scheduler_running;
  state_.scheduler_health = options_.scheduler_health;
  state_.database_errors = &database_errors_;
  state_.refused_tokens = &refused_tokens_;
  router_ = std::make_unique<Router>(state_);
  server_ = std::make_unique<Server>(io, options_.limits,
                                     [this](const Request& req) { return router_->handle(req); });
  if (auto s = server_->listen(listen->first, listen->second); !s) return s;
  spdlog::info("http: listening on {}:{}", listen->first, server_->port());
  return ok_status();
}

void HttpJob::reconfigure(std::shared_ptr<const Config> config) {
  const Instant now = clock_.now();
  if (!server_) {
    if (config->http.enabled) spdlog::warn("http: enabling the HTTP server needs a restart");
    return;
  }
  if (config->http.listen != state_.config->http.listen || !config->http.enabled) {
    spdlog::warn("http: a changed http.listen (or removing http:) takes effect at restart");
  }
  RuleSetCompileResult compiled = RuleSet::compile(*config);
  // validate() (the scheduler job's) accepted this config, so it compiles.
  if (compiled.ok()) state_.rules = compiled.rules;
  state_.config = std::move(config);
  state_.times.last_reload = now;
}

void HttpJob::stop() {
  if (server_) server_->stop();
}

std::string HttpJob::status() const {
  if (!server_) return {};
  return "http on port " + std::to_string(server_->port());
}

}  // namespace cadence::http
