// One service = one file in this directory: how its channel URL is parsed,
// how a request is built and how the answer is classified. The table in
// registry.cpp ties them to ChannelKind and URL schemes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "cadence/channel.hpp"
#include "cadence/delivery.hpp"
#include "cadence/html.hpp"
#include "delivery/http.hpp"
#include "delivery/url.hpp"

namespace cadence::delivery {

// A channel config on its way to a ChannelSpec.
struct ChannelInput {
  const ChannelConfig& config;
  std::optional<ParsedUrl> url;  // parsed config.url, if any

  // params[name], else the URL query's name, else "".
  std::string param(const std::string& name) const;
  bool has_param(const std::string& name) const;
  // A kConfig error "channel 'ID': problem".
  Error error(const std::string& problem) const;
  // config.url (or the `webhook` param) when it is a native http(s) URL;
  // https required except to loopback hosts.
  Result<std::string> native_url() const;
  // api_url param ("https://host[:port]"), else the default base.
  std::string api_base(const std::string& default_base) const;
};

struct ServiceOps {
  ChannelKind kind;
  Result<ChannelSpec> (*parse)(const ChannelInput& in);
  // nullptr for non-HTTP services (console, email).
  Result<HttpRequest> (*build)(const ChannelSpec& ch, const Message& m, Instant now);
  SendResult (*classify)(const HttpResponse& r, Instant now);
};

// Per-service tables (one per file in channels/).
extern const ServiceOps kConsoleService;
extern const ServiceOps kEmailService;
extern const ServiceOps kSlackService;
extern const ServiceOps kTeamsService;
extern const ServiceOps kDiscordService;
extern const ServiceOps kDingTalkService;
extern const ServiceOps kWeComService;
extern const ServiceOps kFeishuService;
extern const ServiceOps kTelegramService;
extern const ServiceOps kNtfyService;
extern const ServiceOps kGotifyService;
extern const ServiceOps kMatrixService;
extern const ServiceOps kWebhookService;

const ServiceOps& service_for(ChannelKind kind);

// Building blocks shared by services.
ChannelSpec base_spec(const ChannelInput& in, ChannelKind kind);
// A JSON body's top-level integer field (errcode/code), nullopt if the body is
// not a JSON object with that integer field.
std::optional<long long> json_int_field(const std::string& body, const char* field);
// The chat text of a message: the title as the first line (wrapped in `bold`
// markers when given, e.g. "**" or "*"), then markdown (when `bold` is given
// and markdown is set) or text.
std::string chat_text(const Message& m, const char* bold);
// Serialises a JSON body; invalid UTF-8 is replaced, never thrown.
std::string json_body(const nlohmann::json& j);
// HTML entities for & < > " ' (cadence/html.hpp).
using cadence::html_escape;
// The shared "<b>title</b>\nbody" HTML used by Telegram (newlines kept) and
// Matrix (newlines as <br>).
std::string simple_html(const Message& m, bool br);

}  // namespace cadence::delivery
