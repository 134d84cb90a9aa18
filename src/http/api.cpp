#include "http/api.hpp"

#include "cadence/actions.hpp"
#include "cadence/crypto.hpp"

#include <openssl/crypto.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <variant>

#include "cadence/engine.hpp"
#include "http/database_errors.hpp"
#include "http/forecast.hpp"
#include "http/ics.hpp"
#include "http/query.hpp"

namespace cadence::http {
namespace {

// Insertion-ordered objects: answers list fields in the order written here, and an
// object is one vector instead of a tree node per field (a page of 100 reminders
// is 1,200 fields; the tree's allocations were most of the request's CPU).
using json = nlohmann::ordered_json;

constexpr int kMaxPage = 500;
constexpr int kDefaultPage = 50;
constexpr long long kMaxForecastDays = 400;

ApiResponse answer(int status, const json& body) {
  ApiResponse r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  return r;
}

ApiResponse error(int status, std::string_view code, std::string_view message) {
  return answer(status, json{{"error", {{"code", code}, {"message", message}}}});
}

// Constant time in the token's content and length: both are hashed first.
bool token_matches(std::string_view authorization, std::string_view token) {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size()) return false;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    const char c = authorization[i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != kScheme[i]) return false;
  }
  std::string_view given = authorization.substr(kScheme.size());
  while (!given.empty() && given.front() == ' ') given.remove_prefix(1);
  while (!given.empty() && given.back() == ' ') given.remove_suffix(1);
  const std::string a = crypto::sha256(given);
  const std::string b = crypto::sha256(token);
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::optional<json> optional_time(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  return json(format_rfc3339_utc(*t));
}

json time_or_null(const std::optional<Instant>& t) { return optional_time(t).value_or(json()); }

json contact_json(const Contact& c) {
  json j = {{"id", c.id},
            {"name", c.name},
            {"account", c.account},
            {"department", c.department},
            {"title", c.title},
            {"tags", c.tags},
            {"tier", c.tier},
            {"owner", c.owner},
            {"timezone", c.timezone},
            {"emails", c.emails},
            {"phones", c.phones},
            {"archived", c.archived}};
  return j;
}

json summary_json(const ContactSummary& s) {
  json by_kind = json::object();
  for (const auto& [kind, at] : s.last_by_kind) by_kind[kind] = format_rfc3339_utc(at);
  return {{"last_touch", time_or_null(s.last_any)},
          {"last_deep", time_or_null(s.last_deep)},
          {"last_by_kind", by_kind},
          {"interactions", s.interaction_count}};
}

json account_json(const Account& a) {
  return {{"id", a.id},       {"name", a.name},
          {"tier", a.tier},   {"industry", a.industry},
          {"owner", a.owner}, {"departments", a.departments}};
}

json interaction_json(const Interaction& i) {
  return {{"id", i.row_id},
          {"contact", i.contact},
          {"kind", i.kind},
          {"depth", depth_name(i.depth)},
          {"at", format_rfc3339_utc(i.at)},
          {"note", i.note},
          {"source", i.source}};
}

json reminder_json(const Occurrence& o) {
  return {{"id", o.row_id},
          {"key", o.key},
          {"rule", o.rule},
          {"kind", to_string(o.kind)},
          {"subject", o.subject},
          {"owner", o.owner},
          {"due", format_date(o.due)},
          {"fire_at", format_rfc3339_utc(o.fire_at)},
          {"state", to_string(o.state)},
          {"snoozed_until", time_or_null(o.snoozed_until)},
          {"fired_at", time_or_null(o.fired_at)},
          {"title", o.title}};
}

// A positive integer query parameter within [1, max]; `fallback` when absent.
std::optional<long long> int_param(const Target& t, const std::string& name, long long fallback,
                                   long long max) {
  const auto text = t.get(name);
  if (!text) return fallback;
  long long v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (text->empty() || ec != std::errc{} || end != text->data() + text->size() || v < 1 ||
      v > max) {
    return std::nullopt;
  }
  return v;
}

ApiResponse bad_param(const std::string& name, long long max) {
  return error(
      400, "invalid_query",
      "query parameter '" + name + "' must be an integer from 1 to " + std::to_string(max));
}

// Only these query parameters; anything else is a mistake worth reporting.
std::optional<ApiResponse> unknown_params(const Target& t,
                                          std::initializer_list<std::string_view> known) {
  for (const auto& [name, value] : t.params) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return error(400, "unknown_parameter", "unknown query parameter '" + name + "'");
    }
  }
  return std::nullopt;
}

// A JSON object body, strictly: valid UTF-8, well-formed, an object whose
// members are all in `fields` with the JSON type each expects.
struct Field {
  std::string_view name;
  json::value_t type;
  bool required;
};

std::variant<json, ApiResponse> parse_body(std::string_view body,
                                           std::initializer_list<Field> fields) {
  if (!is_valid_utf8(body)) return error(400, "invalid_utf8", "the body is not valid UTF-8");
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) return error(400, "malformed_json", "the body is not well-formed JSON");
  if (!j.is_object()) return error(400, "invalid_body", "the body must be a JSON object");
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& name = it.key();
    const json& value = it.value();
    const auto f =
        std::find_if(fields.begin(), fields.end(), [&](const Field& x) { return x.name == name; });
    if (f == fields.end()) return error(400, "unknown_field", "unknown field '" + name + "'");
    const bool ok = f->type == json::value_t::number_integer ? value.is_number_integer()
                                                             : value.type() == f->type;
    if (!ok) {
      const char* want = f->type == json::value_t::string ? "a string" : "an integer";
      return error(400, "invalid_field", "field '" + name + "' must be " + want);
    }
  }
  for (const Field& f : fields) {
    if (f.required && !j.contains(f.name)) {
      return error(400, "missing_field", "field '" + std::string(f.name) + "' is required");
    }
  }
  return j;
}

class Api {
 public:
  explicit Api(const RouterState& state) : s_(state) {}

  ApiResponse handle(const ApiRequest& req) {
    const Config& config = *s_.config;
    if (config.http.token.empty()) {
      return error(404, "api_disabled", "the REST API is off (no http.token configured)");
    }
    if (!token_matches(req.authorization, config.http.token)) {
      if (s_.refused_tokens != nullptr) {
        s_.refused_tokens->report(
            "api",
            Error::invalid_input(std::string(req.method) + " " +
                                 std::string(req.target.substr(0, req.target.find('?'))) +
                                 (req.authorization.empty() ? ": refused, no bearer token"
                                                            : ": refused, wrong bearer token")));
      }
      ApiResponse r = error(401, "unauthorized", "missing or wrong bearer token");
      r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"cadence\"");
      return r;
    }
    auto target = parse_target(req.target);
    if (!target) {
      return error(400, "invalid_query", "the query is not valid percent-encoded UTF-8");
    }
    std::string_view path = target->path;
    path.remove_prefix(kApiPrefix.size());
    const bool get = req.method == "GET" || req.method == "HEAD";
    const bool post = req.method == "POST";
    const auto route = [&](bool allowed, auto&& fn) -> ApiResponse {
      if (!allowed) return error(405, "method_not_allowed", "method not allowed here");
      return fn();
    };
    if (path == "/contacts") return route(get, [&] { return contacts(*target); });
    if (path.starts_with("/contacts/") && path.size() > 10) {
      const std::string id(path.substr(10));
      return route(get, [&] { return contact(id); });
    }
    if (path == "/accounts") return route(get, [&] { return accounts(*target); });
    if (path == "/interactions") {
      if (post) return add_interaction(req.body);
      return route(get, [&] { return interactions(*target); });
    }
    if (path == "/reminders") return route(get, [&] { return reminders(*target); });
    if (path.starts_with("/reminders/")) {
      std::string_view rest = path.substr(11);
      const auto slash = rest.find('/');
      const std::string_view id_text = rest.substr(0, slash);
      const std::string_view action =
          slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
      RowId id = 0;
      auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
      if (!id_text.empty() && ec == std::errc{} && end == id_text.data() + id_text.size() &&
          id > 0) {
        if (action.empty()) return route(get, [&] { return reminder(id); });
        if (action == "done") return route(post, [&] { return done(id); });
        if (action == "snooze") return route(post, [&] { return snooze_reminder(id, req.body); });
      }
    }
    if (path == "/forecast") return route(get, [&] { return forecast(*target); });
    if (path == "/calendar") return route(get, [&] { return calendar_url(*target); });
    return error(404, "not_found", "no such endpoint");
  }

 private:
  // A store error as an answer; database trouble is logged (a bounded number
  // of lines: http/database_errors.hpp), not shown.
  ApiResponse store_error(const Error& e) const {
    switch (e.code()) {
      case ErrorCode::kNotFound:
        return error(404, "not_found", e.message());
      case ErrorCode::kConflict:
        return error(409, "conflict", e.message());
      case ErrorCode::kInvalidInput:
        return error(400, "invalid_input", e.message());
      default:
        report_database_error(s_.database_errors, "api", e);
        return error(503, "unavailable", "the database is not reachable; try again");
    }
  }

  ApiResponse contacts(const Target& t) {
    if (auto bad = unknown_params(t, {"q", "account", "limit", "after"})) return *bad;
    const auto limit = int_param(t, "limit", kDefaultPage, kMaxPage);
    if (!limit) return bad_param("limit", kMaxPage);
    ContactFilter filter;
    if (auto a = t.get("account"); a && !a->empty()) filter.account = *a;
    auto all = s_.store->list_contacts(filter);
    if (!all) return store_error(all.error());
    const std::string q = lower_ascii(t.get("q").value_or(""));
    const auto after = t.get("after");
    auto it = all->begin();
    if (after) {
      it = std::find_if(all->begin(), all->end(), [&](const Contact& c) { return c.id == *after; });
      if (it == all->end()) {
        return error(400, "invalid_query", "'after' names no listed contact");
      }
      ++it;
    }
    json items = json::array();
    std::optional<std::string> next;
    for (; it != all->end(); ++it) {
      if (!q.empty() && lower_ascii(it->name).find(q) == std::string::npos &&
          lower_ascii(it->id).find(q) == std::string::npos) {
        continue;
      }
      if (static_cast<long long>(items.size()) == *limit) {
        next = items.back()["id"].get<std::string>();
        break;
      }
      items.push_back(contact_json(*it));
    }
    return answer(200, {{"contacts", items}, {"next", next ? json(*next) : json()}});
  }

  ApiResponse contact(const std::string& id) {
    auto c = s_.store->get_contact(id);
    if (!c) return store_error(c.error());
    json j = contact_json(*c);
    auto summary = s_.store->get_summary(id);
    if (summary) {
      j["summary"] = summary_json(*summary);
    } else if (summary.error().code() != ErrorCode::kNotFound) {
      return store_error(summary.error());
    }
    return answer(200, j);
  }

  ApiResponse accounts(const Target& t) {
    if (auto bad = unknown_params(t, {"owner"})) return *bad;
    AccountFilter filter;
    if (auto o = t.get("owner"); o && !o->empty()) filter.owner = *o;
    auto all = s_.store->list_accounts(filter);
    if (!all) return store_error(all.error());
    json items = json::array();
    for (const Account& a : *all) items.push_back(account_json(a));
    return answer(200, {{"accounts", items}});
  }

  ApiResponse interactions(const Target& t) {
    if (auto bad = unknown_params(t, {"contact", "limit"})) return *bad;
    const auto limit = int_param(t, "limit", kDefaultPage, kMaxPage);
    if (!limit) return bad_param("limit", kMaxPage);
    std::optional<std::string> contact;
    if (auto c = t.get("contact"); c && !c->empty()) {
      auto found = exact_contact(*c);
      if (!found) return store_error(found.error());
      contact = found->id;
    }
    auto list = s_.store->list_interactions(contact, std::nullopt, static_cast<int>(*limit));
    if (!list) return store_error(list.error());
    json items = json::array();
    for (const Interaction& i : *list) items.push_back(interaction_json(i));
    return answer(200, {{"interactions", items}});
  }

  // By id or by exact name only (a webhook must not log a touch on a prefix
  // match); kConflict when several contacts have the name.
  Result<Contact> exact_contact(const std::string& id_or_name) {
    auto c = s_.store->find_contact(id_or_name);
    if (!c) return c.error();
    if (c->id != id_or_name && c->name != id_or_name) {
      return Error::not_found("no contact with id or name '" + id_or_name + "'");
    }
    return c;
  }

  ApiResponse add_interaction(std::string_view body) {
    auto parsed = parse_body(body, {{"contact", json::value_t::string, true},
                                    {"kind", json::value_t::string, true},
                                    {"at", json::value_t::string, false},
                                    {"note", json::value_t::string, false},
                                    {"depth", json::value_t::string, false}});
    if (auto* refused = std::get_if<ApiResponse>(&parsed)) return std::move(*refused);
    const json& j = std::get<json>(parsed);
    actions::TouchRequest request;
    request.contact = j["contact"].get<std::string>();
    request.lookup = actions::ContactLookup::kIdOrExactName;
    request.kind = j["kind"].get<std::string>();
    request.source = "api";
    if (j.contains("depth")) {
      auto d = depth_from_name(j["depth"].get<std::string>());
      if (!d) return error(400, "invalid_field", "field 'depth' must be shallow, normal or deep");
      request.depth = *d;
    }
    if (j.contains("at")) {
      auto at = parse_rfc3339(j["at"].get<std::string>());
      if (!at) return error(400, "invalid_field", "field 'at' must be an RFC 3339 time");
      request.at = *at;
    }
    if (j.contains("note")) request.note = j["note"].get<std::string>();
    // The same rules as every other way in (cadence/actions.hpp); the rule set
    // resolves what the touch satisfies in the same transaction.
    auto done = actions::log_touch(*s_.store, *s_.config, s_.rules.get(), *s_.clock, request);
    if (!done) {
      const Error& e = done.error();
      if (e.field() == "kind") {
        return error(400, "unknown_kind", "field 'kind': no such interaction kind in the config");
      }
      if (!e.field().empty()) {
        return error(400, "invalid_field", "field '" + e.field() + "': " + e.message());
      }
      if (e.code() == ErrorCode::kConflict) {
        return error(409, "ambiguous_contact", "several contacts have this name; use the id");
      }
      if (e.code() == ErrorCode::kNotFound) {
        return error(404, "unknown_contact", "field 'contact': no contact with this id or name");
      }
      return store_error(e);
    }
    spdlog::info("http api: touch {} {} logged ({} resolved)", done->contact.id,
                 done->interaction.kind, done->resolved.size());
    return answer(201, interaction_json(done->interaction));
  }

  ApiResponse reminders(const Target& t) {
    if (auto bad = unknown_params(t, {"state", "owner", "limit"})) return *bad;
    const auto limit = int_param(t, "limit", 100, 1000);
    if (!limit) return bad_param("limit", 1000);
    std::optional<OccurrenceState> state;
    if (auto text = t.get("state"); text && !text->empty()) {
      state = occurrence_state_from_string(*text);
      if (!state) {
        return error(400, "invalid_query",
                     "'state' must be scheduled, fired, done, snoozed, resolved or expired");
      }
    }
    const auto owner = t.get("owner");
    // Filtering by owner happens here: ask for more rows than the page.
    const int ask = owner ? 0 : static_cast<int>(*limit);
    auto list = s_.store->list_occurrences(state, std::nullopt, std::nullopt, ask);
    if (!list) return store_error(list.error());
    json items = json::array();
    for (const Occurrence& o : *list) {
      if (owner && !owner->empty() && o.owner != *owner) continue;
      if (static_cast<long long>(items.size()) == *limit) break;
      items.push_back(reminder_json(o));
    }
    return answer(200, {{"reminders", items}});
  }

  ApiResponse reminder(RowId id) {
    auto o = s_.store->get_occurrence(id);
    if (!o) return store_error(o.error());
    return answer(200, reminder_json(*o));
  }

  // The transition `cadencectl done` makes.
  ApiResponse done(RowId id) {
    auto o = s_.store->get_occurrence(id);
    if (!o) return store_error(o.error());
    auto changed = mark_done(*o, s_.clock->now());
    if (!changed) return error(409, "reminder_closed", changed.error().message());
    if (auto u = s_.store->update_occurrence(*changed); !u) return store_error(u.error());
    return answer(200, reminder_json(*changed));
  }

  // The transition `cadencectl snooze --for/--until` makes.
  ApiResponse snooze_reminder(RowId id, std::string_view body) {
    auto parsed = parse_body(
        body, {{"for", json::value_t::string, false}, {"until", json::value_t::string, false}});
    if (auto* refused = std::get_if<ApiResponse>(&parsed)) return std::move(*refused);
    const json& j = std::get<json>(parsed);
    if (j.contains("for") == j.contains("until")) {
      return error(400, "invalid_body", "give exactly one of 'for' and 'until'");
    }
    auto o = s_.store->get_occurrence(id);
    if (!o) return store_error(o.error());
    const RuleSet& rules = *s_.rules;
    const Instant now = s_.clock->now();
    Instant until{};
    if (j.contains("for")) {
      auto d = parse_duration(j["for"].get<std::string>());
      if (!d || d->count() <= 0 || *d > Duration{366 * 24 * 3600}) {
        return error(400, "invalid_field",
                     "field 'for' must be a duration such as 3d or 2h, at most a year");
      }
      until = now + *d;
    } else {
      const std::string text = j["until"].get<std::string>();
      if (auto t = parse_rfc3339(text)) {
        until = *t;
      } else if (auto day = parse_date(text)) {
        const CompiledOwner* owner = rules.find_owner(o->owner);
        const CompiledRule* rule = rules.find_rule(o->rule);
        until = (owner != nullptr ? *owner : rules.default_owner())
                    .zone.to_instant(*day, rule != nullptr ? rule->at : TimeOfDay{9 * 60});
      } else {
        return error(400, "invalid_field", "field 'until' must be YYYY-MM-DD or an RFC 3339 time");
      }
    }
    auto changed = snooze(rules, *o, until, now);
    if (!changed) {
      const bool closed = changed.error().code() == ErrorCode::kConflict;
      return error(closed ? 409 : 400, closed ? "reminder_closed" : "invalid_field",
                   changed.error().message());
    }
    if (auto u = s_.store->update_occurrence(*changed); !u) return store_error(u.error());
    return answer(200, reminder_json(*changed));
  }

  ApiResponse forecast(const Target& t) {
    if (auto bad = unknown_params(t, {"days", "owner", "limit"})) return *bad;
    const auto days = int_param(t, "days", 30, kMaxForecastDays);
    if (!days) return bad_param("days", kMaxForecastDays);
    const auto limit = int_param(t, "limit", 1000, 10000);
    if (!limit) return bad_param("limit", 10000);
    const auto owner = t.get("owner");
    const Instant from = s_.clock->now();
    const Instant to = from + Duration{*days * 24 * 3600};
    auto planned = plan_window(*s_.store, *s_.rules, from, to);
    if (!planned) return store_error(planned.error());
    json items = json::array();
    bool truncated = false;
    for (const Occurrence& o : *planned) {
      if (owner && !owner->empty() && o.owner != *owner) continue;
      if (static_cast<long long>(items.size()) == *limit) {
        truncated = true;
        break;
      }
      items.push_back({{"fire_at", format_rfc3339_utc(o.fire_at)},
                       {"rule", o.rule},
                       {"kind", to_string(o.kind)},
                       {"subject", o.subject},
                       {"due", format_date(o.due)},
                       {"title", o.title},
                       {"owner", o.owner},
                       {"key", o.key}});
    }
    return answer(200, {{"from", format_rfc3339_utc(from)},
                        {"to", format_rfc3339_utc(to)},
                        {"reminders", items},
                        {"truncated", truncated}});
  }

  // The owner's ICS feed URL (a secret of that owner: whoever has it reads
  // their calendar).
  ApiResponse calendar_url(const Target& t) {
    if (auto bad = unknown_params(t, {"owner"})) return *bad;
    const std::string owner = t.get("owner").value_or("");
    if (owner.empty() || s_.rules->find_owner(owner) == nullptr) {
      return error(404, "unknown_owner", "query parameter 'owner' names no configured owner");
    }
    std::string base = s_.config->http.public_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    const std::string path = "/calendar.ics?token=" + owner_feed_token(s_.key, owner);
    return answer(200, {{"owner", owner}, {"path", path}, {"url", base + path}});
  }

  const RouterState& s_;
};

}  // namespace

ApiResponse handle_api(const RouterState& state, const ApiRequest& req) {
  try {
    return Api(state).handle(req);
  } catch (const std::exception& e) {
    // nlohmann/json and the standard library may throw; nothing crosses here.
    spdlog::error("http api: {}", e.what());
    return error(500, "internal", "internal error");
  }
}

}  // namespace cadence::http
