// owners: and http: sections.
#include <fmt/format.h>

#include "config/sections.hpp"

namespace cadence::config_internal {
namespace {

// "owner 'zhang'" when the item names its id, for messages about its keys.
std::string label_of(std::string_view what, const YAML::Node& item) {
  if (item.IsMap()) {
    const YAML::Node id = item["id"];
    if (id && id.IsScalar()) return fmt::format("{} '{}'", what, id.Scalar());
  }
  return std::string(what);
}

void parse_owner(ParseState& state, const YAML::Node& item, const YAML::Mark& fallback) {
  Reader& r = state.reader;
  const std::string label = label_of("owner", item);
  Fields f(r, item, fallback, label,
           {"id", "name", "timezone", "locale", "email", "channels", "fallback_after",
            "quiet_hours", "digest", "digest_only", "manager"});
  if (!f.ok()) return;
  OwnerConfig owner;
  owner.where = r.location(f.mark());
  const Field* id = f.get("id");
  if (id == nullptr) {
    r.error(f.mark(), "owner is missing required key 'id'");
  } else if (auto v = r.identifier(*id, "owner id")) {
    owner.id = *v;
    for (const OwnerConfig& other : state.config.owners) {
      if (other.id == owner.id) {
        r.error(id->value_mark(), fmt::format("duplicate owner id '{}' (first defined at line {})",
                                              owner.id, other.where.line));
      }
    }
  }
  if (const Field* v = f.get("name")) owner.name = r.text(*v).value_or("");
  if (const Field* v = f.get("timezone")) owner.timezone = time_zone(r, *v).value_or("");
  if (const Field* v = f.get("locale")) owner.locale = locale(r, *v);
  if (const Field* v = f.get("email")) {
    if (auto email = r.text(*v)) {
      if (email->find('@') == std::string::npos) {
        r.error(v->value_mark(), fmt::format("email: '{}' is not an email address", *email));
      }
      owner.email = *email;
    }
  }
  if (const Field* v = f.get("channels")) {
    if (auto items = r.text_list(*v, /*allow_single=*/true)) {
      for (const Item& item_ref : *items) {
        owner.channels.push_back(item_ref.value);
        state.references.push_back(
            {Reference::Target::kChannel, item_ref.value, "channels", item_ref.mark});
      }
    }
  }
  if (const Field* v = f.get("fallback_after")) {
    owner.fallback_after = r.duration(*v);
    if (owner.fallback_after && owner.channels.size() < 2) {
      r.warning(v->key_node.Mark(),
                "fallback_after has no effect: the owner has fewer than two channels");
    }
  }
  if (const Field* v = f.get("quiet_hours")) {
    owner.quiet_hours = r.time_range(*v);
    if (owner.quiet_hours && owner.quiet_hours->start == owner.quiet_hours->end) {
      r.warning(v->value_mark(), "quiet_hours: the window is empty (start equals end)");
    }
  }
  if (const Field* v = f.get("digest")) owner.digest = r.time_of_day(*v);
  if (const Field* v = f.get("digest_only")) {
    owner.digest_only = r.boolean(*v).value_or(false);
    if (owner.digest_only && f.get("digest") == nullptr) {
      r.error(v->value_mark(), "digest_only: needs a digest time (digest: \"08:30\")");
    }
  }
  if (const Field* v = f.get("manager")) {
    if (auto manager = r.text(*v)) {
      owner.manager = *manager;
      if (!owner.id.empty() && *manager == owner.id) {
        r.error(v->value_mark(), "manager: an owner cannot be their own manager");
      } else {
        state.references.push_back(
            {Reference::Target::kOwner, *manager, "manager", v->value_mark()});
      }
    }
  }
  state.config.owners.push_back(std::move(owner));
}

}  // namespace

void parse_owners(ParseState& state, const Field& field) {
  if (field.value.IsNull()) return;
  if (!field.value.IsSequence()) {
    state.reader.error(field.value_mark(), fmt::format("owners: expected a list of owners, got {}",
                                                       describe(field.value)));
    return;
  }
  for (const auto& item : field.value) parse_owner(state, item, field.value_mark());
}

void parse_http(ParseState& state, const Field& field) {
  Reader& r = state.reader;
  HttpConfig& http = state.config.http;
  Fields f(r, field.value, field.key_node.Mark(), "http", {"listen", "public_url", "token", "key"});
  if (!f.ok()) return;
  http.enabled = true;
  http.where = r.location(field.key_node.Mark());
  if (const Field* v = f.get("listen")) {
    if (auto listen = r.text(*v)) {
      const auto colon = listen->rfind(':');
      const std::string port = colon == std::string::npos ? "" : listen->substr(colon + 1);
      int port_number = 0;
      bool port_ok = !port.empty() && port.size() <= 5 &&
                     port.find_first_not_of("0123456789") == std::string::npos;
      if (port_ok) port_number = std::stoi(port);
      if (colon == 0 || !port_ok || port_number < 1 || port_number > 65535) {
        r.error(
            v->value_mark(),
            fmt::format("listen: expected host:port such as 127.0.0.1:8787, got '{}'", *listen));
      } else {
        http.listen = *listen;
      }
    }
  }
  if (const Field* v = f.get("public_url")) {
    if (auto url = r.text(*v)) {
      if (url->rfind("http://", 0) != 0 && url->rfind("https://", 0) != 0) {
        r.error(v->value_mark(),
                fmt::format("public_url: expected an http:// or https:// URL, got '{}'", *url));
      } else {
        while (!url->empty() && url->back() == '/') url->pop_back();
        http.public_url = *url;
      }
    }
  }
  if (const Field* v = f.get("token")) http.token = r.text(*v).value_or("");
  if (const Field* v = f.get("key")) http.key = r.text(*v).value_or("");
  if (f.get("token") == nullptr) {
    r.warning(field.key_node.Mark(), "http: no token is set, so the HTTP API is off");
  }
}

}  // namespace cadence::config_internal
