// channels: each is an Apprise-style `url:` or a `type:` with structured fields.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "config/sections.hpp"
#include "config/suggest.hpp"

namespace cadence::config_internal {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 18> kSchemes = {{
    {"mailto", "email"},
    {"mailtos", "email"},
    {"slack", "slack"},
    {"workflows", "teams"},
    {"discord", "discord"},
    {"dingtalk", "dingtalk"},
    {"wecombot", "wecom"},
    {"feishu", "feishu"},
    {"lark", "lark"},
    {"tgram", "telegram"},
    {"ntfy", "ntfy"},
    {"ntfys", "ntfy"},
    {"gotify", "gotify"},
    {"gotifys", "gotify"},
    {"matrix", "matrix"},
    {"matrixs", "matrix"},
    {"json", "webhook"},
    {"jsons", "webhook"},
}};

const std::vector<std::string>& known_types() {
  static const std::vector<std::string> types = {
      "console", "email", "slack",    "teams", "discord", "dingtalk", "wecom",
      "feishu",  "lark",  "telegram", "ntfy",  "gotify",  "matrix",   "webhook"};
  return types;
}

const std::vector<std::string>& known_schemes() {
  static const std::vector<std::string> schemes = [] {
    std::vector<std::string> out;
    for (const auto& [scheme, type] : kSchemes) out.emplace_back(scheme);
    return out;
  }();
  return schemes;
}

std::string lowercase(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// The host of "scheme://user:pass@host:port/path?query", lowercased.
std::string host_of(const std::string& url) {
  const auto start = url.find("://");
  if (start == std::string::npos) return "";
  std::string rest = url.substr(start + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string::npos) rest = rest.substr(at + 1);
  if (const auto colon = rest.find(':'); colon != std::string::npos) rest.resize(colon);
  return lowercase(rest);
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The channel type a URL stands for. The URL is a secret: messages name only
// its scheme (or the well-known retired host), never the URL itself.
std::optional<std::string> type_from_url(Reader& r, const Field& field, const std::string& url) {
  const auto sep = url.find("://");
  if (sep == std::string::npos || sep == 0) {
    r.error(field.value_mark(),
            "url: expected an Apprise-style URL such as mailtos://user:password@host "
            "(scheme://...)");
    return std::nullopt;
  }
  const std::string scheme = lowercase(url.substr(0, sep));
  if (scheme == "msteams") {
    r.error(field.value_mark(),
            "url: msteams:// is Microsoft's retired Office 365 connector; create a Teams "
            "Workflows webhook and use workflows://...");
    return std::nullopt;
  }
  if ((scheme == "https" || scheme == "http") &&
      (ends_with(host_of(url), ".webhook.office.com") || host_of(url) == "webhook.office.com")) {
    r.error(field.value_mark(),
            "url: webhook.office.com is Microsoft's retired Office 365 connector; create a Teams "
            "Workflows webhook and use workflows://...");
    return std::nullopt;
  }
  for (const auto& [known, type] : kSchemes) {
    if (known == scheme) return std::string(type);
  }
  // A service's native https URL (or a loopback http one): the delivery layer
  // recognises the service from the host, else treats it as a generic webhook.
  if (scheme == "https" || scheme == "http") return std::string();
  r.error(field.value_mark(),
          fmt::format("url: unknown scheme '{}'{}; known schemes: {}", scheme,
                      did_you_mean(scheme, known_schemes()), join(known_schemes())));
  return std::nullopt;
}

void parse_channel(ParseState& state, const YAML::Node& item, const YAML::Mark& fallback) {
  Reader& r = state.reader;
  std::string label = "channel";
  if (item.IsMap() && item["id"] && item["id"].IsScalar()) {
    label = fmt::format("channel '{}'", item["id"].Scalar());
  }
  // Any other key is a parameter of the channel type (the delivery area knows them).
  Fields f(r, item, fallback, label, kAnyKey);
  if (!f.ok()) return;
  ChannelConfig channel;
  channel.where = r.location(f.mark());
  bool usable = true;
  std::optional<std::string> url_type;
  for (const Field& field : f.entries()) {
    if (field.key == "id") {
      if (auto id = r.identifier(field, "channel id")) {
        channel.id = *id;
        for (const ChannelConfig& other : state.config.channels) {
          if (other.id == channel.id) {
            r.error(field.value_mark(),
                    fmt::format("duplicate channel id '{}' (first defined at line {})", channel.id,
                                other.where.line));
          }
        }
      }
    } else if (field.key == "type") {
      if (auto type = r.text(field)) {
        const auto& types = known_types();
        if (std::find(types.begin(), types.end(), *type) == types.end()) {
          r.error(field.value_mark(),
                  fmt::format("type: unknown channel type '{}'{}; known types: {}", *type,
                              did_you_mean(*type, types), join(types)));
          usable = false;
        } else {
          channel.type = *type;
        }
      } else {
        usable = false;
      }
    } else if (field.key == "url") {
      if (auto url = r.text(field)) {
        channel.url = *url;
        url_type = type_from_url(r, field, *url);
        if (!url_type) usable = false;
      } else {
        usable = false;
      }
    } else if (field.value.IsScalar()) {
      if (auto value = r.text(field)) channel.params[field.key] = *value;
    } else {
      r.error(field.value_mark(), fmt::format("{}: a channel setting is a single value, got {}",
                                              field.key, describe(field.value)));
    }
  }
  if (url_type) {
    const Field* given = f.get("type");
    if (given != nullptr && !channel.type.empty() && !url_type->empty() &&
        channel.type != *url_type) {
      r.error(given->value_mark(),
              fmt::format("type: '{}' does not match the url, which is a {} URL", channel.type,
                          *url_type));
    }
    if (channel.type.empty()) channel.type = *url_type;
  }
  if (f.get("id") == nullptr) r.error(f.mark(), "channel is missing required key 'id'");
  if (usable && f.get("url") == nullptr && f.get("type") == nullptr) {
    r.error(f.mark(),
            fmt::format("{} needs url: (an Apprise-style URL) or type: (e.g. console)", label));
  }
  state.config.channels.push_back(std::move(channel));
}

}  // namespace

void parse_channels(ParseState& state, const Field& field) {
  if (field.value.IsNull()) return;
  if (!field.value.IsSequence()) {
    state.reader.error(
        field.value_mark(),
        fmt::format("channels: expected a list of channels, got {}", describe(field.value)));
    return;
  }
  for (const auto& item : field.value) parse_channel(state, item, field.value_mark());
}

}  // namespace cadence::config_internal
