// parse_channel(): scheme/type -> service, then the service's own parser
// (channels/<service>.cpp) fills the ChannelSpec.
#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "cadence/channel.hpp"
#include "delivery/channels/service.hpp"

namespace cadence {

const char* to_string(ChannelKind k) {
  switch (k) {
    case ChannelKind::kConsole:
      return "console";
    case ChannelKind::kEmail:
      return "email";
    case ChannelKind::kSlack:
      return "slack";
    case ChannelKind::kTeams:
      return "teams";
    case ChannelKind::kDiscord:
      return "discord";
    case ChannelKind::kDingTalk:
      return "dingtalk";
    case ChannelKind::kWeCom:
      return "wecom";
    case ChannelKind::kFeishu:
      return "feishu";
    case ChannelKind::kTelegram:
      return "telegram";
    case ChannelKind::kNtfy:
      return "ntfy";
    case ChannelKind::kGotify:
      return "gotify";
    case ChannelKind::kMatrix:
      return "matrix";
    case ChannelKind::kWebhook:
      return "webhook";
  }
  return "unknown";
}

std::vector<PaceLimit> default_pace(ChannelKind kind) {
  using std::chrono::seconds;
  switch (kind) {
    // Hard per-minute limits are split into burst + refill so that no 60 s
    // window can hold more than the limit: capacity N/2 + N/2 per minute.
    case ChannelKind::kDingTalk:
    case ChannelKind::kWeCom:
      return {PaceLimit{10, seconds{60}}};
    case ChannelKind::kFeishu:
      return {PaceLimit{5, seconds{1}}, PaceLimit{50, seconds{60}}};
    case ChannelKind::kSlack:
      return {PaceLimit{1, seconds{1}}};
    case ChannelKind::kTeams:
      return {PaceLimit{4, seconds{1}}};
    case ChannelKind::kTelegram:
      return {PaceLimit{1, seconds{1}}};
    // ntfy's server default: a burst of 60, then one per 5 s.
    case ChannelKind::kNtfy:
      return {PaceLimit{60, seconds{300}}};
    default:
      return {};
  }
}

namespace {

using delivery::ChannelInput;

std::optional<ChannelKind> kind_from_name(std::string_view name) {
  static const std::pair<std::string_view, ChannelKind> kNames[] = {
      {"console", ChannelKind::kConsole},   {"email", ChannelKind::kEmail},
      {"mailto", ChannelKind::kEmail},      {"mailtos", ChannelKind::kEmail},
      {"slack", ChannelKind::kSlack},       {"teams", ChannelKind::kTeams},
      {"workflows", ChannelKind::kTeams},   {"workflow", ChannelKind::kTeams},
      {"discord", ChannelKind::kDiscord},   {"dingtalk", ChannelKind::kDingTalk},
      {"wecom", ChannelKind::kWeCom},       {"wecombot", ChannelKind::kWeCom},
      {"feishu", ChannelKind::kFeishu},     {"lark", ChannelKind::kFeishu},
      {"telegram", ChannelKind::kTelegram}, {"tgram", ChannelKind::kTelegram},
      {"ntfy", ChannelKind::kNtfy},         {"ntfys", ChannelKind::kNtfy},
      {"gotify", ChannelKind::kGotify},     {"gotifys", ChannelKind::kGotify},
      {"matrix", ChannelKind::kMatrix},     {"matrixs", ChannelKind::kMatrix},
      {"webhook", ChannelKind::kWebhook},   {"json", ChannelKind::kWebhook},
      {"jsons", ChannelKind::kWebhook},
  };
  for (const auto& [n, k] : kNames) {
    if (n == name) return k;
  }
  return std::nullopt;
}

bool host_is(const std::string& host, std::string_view domain) {
  return host == domain || (host.size() > domain.size() && host.ends_with(domain) &&
                            host[host.size() - domain.size() - 1] == '.');
}

// Native https URLs of known services.
std::optional<ChannelKind> kind_from_host(const delivery::ParsedUrl& u) {
  const std::string& h = u.host;
  if (host_is(h, "hooks.slack.com") || host_is(h, "hooks.slack-gov.com")) {
    return ChannelKind::kSlack;
  }
  if (host_is(h, "logic.azure.com") || host_is(h, "api.powerplatform.com")) {
    return ChannelKind::kTeams;
  }
  if ((host_is(h, "discord.com") || host_is(h, "discordapp.com")) &&
      u.raw_path.starts_with("/api/webhooks/")) {
    return ChannelKind::kDiscord;
  }
  if (host_is(h, "oapi.dingtalk.com")) return ChannelKind::kDingTalk;
  if (host_is(h, "qyapi.weixin.qq.com")) return ChannelKind::kWeCom;
  if (host_is(h, "open.feishu.cn") || host_is(h, "open.larksuite.com")) {
    return ChannelKind::kFeishu;
  }
  if (host_is(h, "api.telegram.org")) return ChannelKind::kTelegram;
  return std::nullopt;
}

bool is_retired_teams(const ChannelConfig& c, const std::optional<delivery::ParsedUrl>& u) {
  if (c.type == "msteams") return true;
  if (!u) return false;
  if (u->scheme == "msteams") return true;
  return host_is(u->host, "webhook.office.com") ||
         (host_is(u->host, "outlook.office.com") && u->raw_path.starts_with("/webhook"));
}

}  // namespace

Result<ChannelSpec> parse_channel(const ChannelConfig& config) {
  ChannelInput in{config, std::nullopt};
  if (config.id.empty()) return Error::config("channel without an id");
  if (!config.url.empty()) {
    in.url = delivery::parse_url(config.url);
    if (!in.url) return in.error("url is not of the form scheme://…");
  }
  if (is_retired_teams(config, in.url)) {
    return in.error(
        "Office 365 connector webhooks (msteams://, *.webhook.office.com) were retired in "
        "May 2026; create a Teams Workflows webhook and use type: teams with its URL");
  }
  std::optional<ChannelKind> kind;
  if (!config.type.empty()) {
    kind = kind_from_name(config.type);
    if (!kind) return in.error("unknown channel type '" + config.type + "'");
  } else if (in.url) {
    const std::string& scheme = in.url->scheme;
    if (scheme == "http" || scheme == "https") {
      kind = kind_from_host(*in.url);
      if (!kind) kind = ChannelKind::kWebhook;
    } else {
      kind = kind_from_name(scheme);
      // "email://" or "webhook://" are our type names, not URL schemes.
      if (scheme == "email" || scheme == "webhook" || scheme == "teams" || scheme == "wecom" ||
          scheme == "telegram") {
        kind.reset();
      }
      if (!kind) return in.error("unknown URL scheme '" + scheme + "://'");
    }
  } else {
    return in.error("needs a url or a type");
  }
  // A port that is not a port would make every send fail as "retryable"
  // forever; Telegram's authority is "token:secret", not host:port.
  if (in.url && *kind != ChannelKind::kTelegram && in.url->port_text && !in.url->port) {
    return in.error("the url's port '" + *in.url->port_text + "' is not a number from 1 to 65535");
  }
  return delivery::service_for(*kind).parse(in);
}

std::vector<ConfigDiagnostic> channel_diagnostics(const Config& config) {
  std::vector<ConfigDiagnostic> out;
  for (const ChannelConfig& c : config.channels) {
    auto parsed = parse_channel(c);
    if (parsed) continue;
    out.push_back(
        {ConfigDiagnostic::Severity::kError, c.where, config.scrubbed(parsed.error().message())});
  }
  return out;
}

Result<std::vector<ChannelSpec>> parse_channels(const std::vector<ChannelConfig>& configs) {
  std::vector<ChannelSpec> out;
  for (const auto& c : configs) {
    auto spec = parse_channel(c);
    if (!spec) return spec.error();
    out.push_back(std::move(spec.value()));
  }
  return out;
}

}  // namespace cadence

namespace cadence::delivery {

std::string ChannelInput::param(const std::string& name) const {
  if (auto it = config.params.find(name); it != config.params.end()) return it->second;
  if (url) {
    if (auto it = url->query.find(name); it != url->query.end()) return it->second;
  }
  return "";
}

bool ChannelInput::has_param(const std::string& name) const {
  return config.params.count(name) != 0 || (url && url->query.count(name) != 0);
}

Error ChannelInput::error(const std::string& problem) const {
  return Error::config("channel '" + config.id + "': " + problem);
}

Result<std::string> ChannelInput::native_url() const {
  std::string raw = config.url.empty() ? param("webhook") : config.url;
  auto u = parse_url(raw);
  if (!u || (u->scheme != "https" && u->scheme != "http")) {
    return error("needs an https:// webhook URL");
  }
  if (u->scheme == "http" && !is_loopback_host(u->host)) {
    return error("plain http:// is refused (the URL is a credential); use https://");
  }
  if (u->host.empty()) return error("the webhook URL has no host");
  if (u->port_text && !u->port) {
    return error("the webhook URL's port '" + *u->port_text + "' is not a number from 1 to 65535");
  }
  return raw;
}

std::string ChannelInput::api_base(const std::string& default_base) const {
  std::string base = param("api_url");
  if (base.empty()) return default_base;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

ChannelSpec base_spec(const ChannelInput& in, ChannelKind kind) {
  ChannelSpec spec;
  spec.id = in.config.id;
  spec.kind = kind;
  spec.format = in.param("format");
  spec.pace = default_pace(kind);
  if (in.param("pace") == "off") spec.pace.clear();
  // Template overrides travel with the spec (see render.cpp).
  for (const auto& [key, value] : in.config.params) {
    if (key.starts_with("template")) spec.options[key] = value;
  }
  return spec;
}

std::optional<long long> json_int_field(const std::string& body, const char* field) {
  auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return std::nullopt;
  auto it = j.find(field);
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<long long>();
}

std::string chat_text(const Message& m, const char* bold) {
  const std::string& body = bold != nullptr && !m.markdown.empty() ? m.markdown : m.text;
  if (m.title.empty()) return body;
  std::string title = bold != nullptr ? bold + m.title + bold : m.title;
  return body.empty() ? title : title + "\n" + body;
}

std::string json_body(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string simple_html(const Message& m, bool br) {
  std::string body = html_escape(m.text);
  if (br) {
    std::string with_br;
    for (char c : body) {
      if (c == '\n') {
        with_br += "<br>";
      } else {
        with_br += c;
      }
    }
    body = with_br;
  }
  if (m.title.empty()) return body;
  return "<b>" + html_escape(m.title) + "</b>" + (br ? "<br>" : "\n") + body;
}

const ServiceOps& service_for(ChannelKind kind) {
  switch (kind) {
    case ChannelKind::kConsole:
      return kConsoleService;
    case ChannelKind::kEmail:
      return kEmailService;
    case ChannelKind::kSlack:
      return kSlackService;
    case ChannelKind::kTeams:
      return kTeamsService;
    case ChannelKind::kDiscord:
      return kDiscordService;
    case ChannelKind::kDingTalk:
      return kDingTalkService;
    case ChannelKind::kWeCom:
      return kWeComService;
    case ChannelKind::kFeishu:
      return kFeishuService;
    case ChannelKind::kTelegram:
      return kTelegramService;
    case ChannelKind::kNtfy:
      return kNtfyService;
    case ChannelKind::kGotify:
      return kGotifyService;
    case ChannelKind::kMatrix:
      return kMatrixService;
    case ChannelKind::kWebhook:
      return kWebhookService;
  }
  return kConsoleService;
}

}  // namespace cadence::delivery
