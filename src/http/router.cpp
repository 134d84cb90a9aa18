#include "http/router.hpp"

#include <spdlog/spdlog.h>
#include <algorithm>

#include "cadence/action_token.hpp"
#include "http/api.hpp"
#include "http/database_errors.hpp"
#include "http/ics.hpp"
#include "http/link_actions.hpp"
#include "http/owner_web.hpp"
#include "http/pages.hpp"
#include "http/query.hpp"

namespace cadence::http {
namespace bhttp = boost::beast::http;

namespace {

constexpr const char* kText = "text/plain; charset=utf-8";
constexpr const char* kJson = "application/json";
constexpr std::string_view kActionPrefix = "/a/";

// Reasons are fixed texts of ours, but escape anyway: JSON stays valid.
std::string json_reason(std::string_view status, std::string_view reason) {
  std::string out = "{\"status\":\"" + std::string(status) + "\"";
  if (!reason.empty()) {
    out += ",\"reason\":\"";
    for (char c : reason) {
      if (c == '"' || c == '\\') out.push_back('\\');
      if (static_cast<unsigned char>(c) >= 0x20) out.push_back(c);
    }
    out += "\"";
  }
  return out + "}\n";
}

Response method_not_allowed(const Request& req, const char* allow) {
  Response res =
      make_response(req, bhttp::status::method_not_allowed, kText, "method not allowed\n");
  res.set(bhttp::field::allow, allow);
  return res;
}

bool is_get(const Request& req) {
  return req.method() == bhttp::verb::get || req.method() == bhttp::verb::head;
}

// HEAD gets GET's headers with no body.
Response finish(const Request& req, Response res) {
  if (req.method() == bhttp::verb::head) {
    const auto length = res.body().size();
    res.body().clear();
    res.content_length(length);
  }
  return res;
}

// Every page: HTML under a policy that allows nothing external and no script.
Response html_page(const Request& req, bhttp::status status, std::string body) {
  Response res = make_response(req, status, kHtmlContentType, std::move(body));
  res.set("Content-Security-Policy", kPageSecurityPolicy);
  return res;
}

// How long a client should wait before trying a 503 again: a lock held by a
// cadencectl import or backup is usually gone by then.
constexpr const char* kRetryAfterSeconds = "5";

}  // namespace

Response Router::handle(const Request& req) {
  Response res = route(req);
  if (res.result() == bhttp::status::service_unavailable &&
      res.find(bhttp::field::retry_after) == res.end()) {
    res.set(bhttp::field::retry_after, kRetryAfterSeconds);
  }
  return res;
}

Response Router::route(const Request& req) {
  std::string_view target = req.target();
  if (const auto q = target.find('?'); q != std::string_view::npos) target = target.substr(0, q);
  if (target == "/healthz") {
    if (!is_get(req)) return method_not_allowed(req, "GET, HEAD");
    return finish(req, make_response(req, bhttp::status::ok, kText, "ok\n"));
  }
  if (target == "/readyz") {
    if (!is_get(req)) return method_not_allowed(req, "GET, HEAD");
    return finish(req, readyz(req));
  }
  if (target == "/metrics") {
    if (!is_get(req)) return method_not_allowed(req, "GET, HEAD");
    return finish(req, metrics(req));
  }
  if (target.substr(0, kActionPrefix.size()) == kActionPrefix) {
    const std::string_view token = target.substr(kActionPrefix.size());
    // Only the token alphabet: "..", "/" and "%2e" never reach a lookup.
    const bool well_formed = !token.empty() && token.size() <= 512 &&
                             std::all_of(token.begin(), token.end(), is_token_char);
    if (well_formed) {
      if (is_get(req) || req.method() == bhttp::verb::post) return finish(req, action(req, token));
      return method_not_allowed(req, "GET, HEAD, POST");
    }
  }
  if (target == "/calendar.ics") {
    if (!is_get(req)) return method_not_allowed(req, "GET, HEAD");
    return finish(req, calendar(req));
  }
  if (target.substr(0, kWebPrefix.size()) == kWebPrefix &&
      (target.size() == kWebPrefix.size() || target[kWebPrefix.size()] == '/')) {
    return finish(req, web(req));
  }
  if (target.substr(0, kApiPrefix.size()) == kApiPrefix &&
      (target.size() == kApiPrefix.size() || target[kApiPrefix.size()] == '/')) {
    return finish(req, api(req));
  }
  return make_response(req, bhttp::status::not_found, kText, "not found\n");
}

Response Router::api(const Request& req) {
  ApiRequest in;
  const std::string_view verb = req.method_string();
  const std::string method(verb);
  in.method = method;
  in.target = req.target();
  in.authorization = req[bhttp::field::authorization];
  in.body = req.body();
  ApiResponse out = handle_api(state_, in);
  Response res = make_response(req, bhttp::int_to_status(static_cast<unsigned>(out.status)), kJson,
                               std::move(out.body));
  for (auto& [name, value] : out.headers) res.set(name, value);
  res.set(bhttp::field::cache_control, "no-store");
  return res;
}

Response Router::web(const Request& req) {
  const std::string method(req.method_string());
  WebRequest in;
  in.method = method;
  in.target = req.target();
  in.cookie = req[bhttp::field::cookie];
  in.body = req.body();
  WebResponse out = handle_web(state_, in);
  const auto status = bhttp::int_to_status(static_cast<unsigned>(out.status));
  Response res = html_page(req, status, std::move(out.body));
  for (auto& [name, value] : out.headers) res.set(name, value);
  return res;
}

Response Router::calendar(const Request& req) {
  const auto parsed = parse_target(req.target());
  const auto token = parsed ? parsed->get("token") : std::nullopt;
  const auto owner = token ? verify_owner_feed_token(state_.key, *token) : std::nullopt;
  if (!owner || state_.rules->find_owner(*owner) == nullptr) {
    return make_response(req, bhttp::status::forbidden, kText,
                         "this calendar link is not valid (ask for a new one)\n");
  }
  const Instant now = state_.clock->now();
  auto events = owner_events(*state_.store, *state_.rules, *owner, now, kFeedDays);
  if (!events) {
    report_database_error(state_.database_errors, "calendar for " + *owner, events.error());
    return make_response(req, bhttp::status::service_unavailable, kText,
                         "database not reachable\n");
  }
  const OwnerConfig* config = state_.config->find_owner(*owner);
  const std::string name = config != nullptr && !config->name.empty() ? config->name : *owner;
  Response res = make_response(req, bhttp::status::ok, "text/calendar; charset=utf-8",
                               render_ics(*events, now, "cadence: " + name));
  res.set(bhttp::field::cache_control, "private, max-age=300");
  return res;
}

Response Router::readyz(const Request& req) {
  if (auto ping = state_.http_store->ping(); !ping) {
    report_database_error(state_.database_errors, "readiness", ping.error());
    return make_response(req, bhttp::status::service_unavailable, kJson,
                         json_reason("not ready", "database not reachable"));
  }
  if (state_.scheduler_running && !state_.scheduler_running()) {
    return make_response(req, bhttp::status::service_unavailable, kJson,
                         json_reason("not ready", "scheduler not running"));
  }
  // This job's connection may still read while the scheduler's cannot write
  // (disk full, read-only, locked): the scheduler's own verdict counts.
  if (state_.scheduler_health) {
    if (const std::string fault = state_.scheduler_health(); !fault.empty()) {
      return make_response(req, bhttp::status::service_unavailable, kJson,
                           json_reason("not ready", fault));
    }
  }
  return make_response(req, bhttp::status::ok, kJson, json_reason("ready", ""));
}

Response Router::metrics(const Request& req) {
  auto figures = state_.http_store->metrics();
  if (!figures) {
    report_database_error(state_.database_errors, "metrics", figures.error());
    return make_response(req, bhttp::status::service_unavailable, kText,
                         "database not reachable\n");
  }
  return make_response(req, bhttp::status::ok, kMetricsContentType,
                       render_metrics(*figures, state_.times));
}

Response Router::refuse(const Request& req, Locale locale, bhttp::status status,
                        TokenProblem problem) {
  return html_page(req, status,
                   refusal_page(locale, problem_headline(locale, problem),
                                problem_explanation(locale, problem)));
}

Response Router::unavailable(const Request& req, Locale locale, const Error& error) {
  report_database_error(state_.database_errors, "action link", error);
  const bool zh = locale == Locale::kZhCN;
  return html_page(req, bhttp::status::service_unavailable,
                   refusal_page(locale, zh ? "暂时不可用" : "Not available right now",
                                zh ? "数据库暂时无法访问，请稍后再打开这个链接。"
                                   : "The database is not reachable right now; open the link "
                                     "again shortly."));
}

Response Router::action(const Request& req, std::string_view token) {
  const Config& config = *state_.config;
  const RuleSet& rules = *state_.rules;
  const Instant now = state_.clock->now();
  Locale locale = config.locale;
  TokenCheck check = verify_action_token(state_.key, token, now, is_valid_action);
  if (!check.ok()) {
    const bhttp::status status =
        check.problem == TokenProblem::kExpired ? bhttp::status::gone : bhttp::status::forbidden;
    return refuse(req, locale, status, check.problem);
  }
  const ActionClaim& claim = *check.claim;
  auto reminder = state_.store->get_occurrence(claim.reminder);
  if (!reminder) {
    if (reminder.error().code() != ErrorCode::kNotFound) {
      return unavailable(req, locale, reminder.error());
    }
    return refuse(req, locale, bhttp::status::not_found, TokenProblem::kMalformed);
  }
  if (const CompiledOwner* owner = rules.find_owner(reminder->owner)) locale = owner->locale;
  const auto closed = [&](const Error& e) {
    return html_page(
        req, bhttp::status::conflict,
        refusal_page(locale, locale == Locale::kZhCN ? "无法执行" : "Cannot do this", e.message()));
  };
  auto used = state_.http_store->nonce_used(claim.nonce);
  if (!used) return unavailable(req, locale, used.error());
  if (*used) return refuse(req, locale, bhttp::status::conflict, TokenProblem::kReplayed);
  auto prepared = prepare_link_action(rules, config, *reminder, claim.action, now);
  if (!prepared) return closed(prepared.error());

  if (req.method() != bhttp::verb::post) {
    // The form posts back to the path it came from (behind a reverse proxy
    // prefix too: a relative action keeps it).
    const std::string post_to = std::string(token);
    return html_page(req, bhttp::status::ok,
                     confirm_page(locale, claim.action, reminder->title, post_to));
  }
  // The nonce is spent before the write so that two racing POSTs of one link
  // cannot both act; it is given back if the write fails.
  if (auto s = state_.http_store->consume_nonce(claim.nonce, claim.expires_at, now); !s) {
    if (s.error().code() == ErrorCode::kConflict) {
      return refuse(req, locale, bhttp::status::conflict, TokenProblem::kReplayed);
    }
    return unavailable(req, locale, s.error());
  }
  if (auto s = commit_link_action(*state_.store, config, rules, *state_.clock, *prepared); !s) {
    (void)state_.http_store->release_nonce(claim.nonce);
    if (s.error().code() == ErrorCode::kDatabase || s.error().code() == ErrorCode::kIo) {
      return unavailable(req, locale, s.error());
    }
    spdlog::error("http: action {} on #{}: {}", claim.action, claim.reminder, s.error().message());
    return closed(Error::database("the change could not be saved; try again"));
  }
  spdlog::info("http: #{} {} by link", claim.reminder, claim.action);
  return html_page(
      req, bhttp::status::ok,
      result_page(locale, claim.action, reminder->title, action_detail(rules, locale, *prepared)));
}

}  // namespace cadence::http
