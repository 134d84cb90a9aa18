// Notification channels: a ChannelConfig (an Apprise-style URL or `type` plus
// structured params) parsed into a typed ChannelSpec, and URL redaction for logs.
//
// Everything here is pure (no I/O). A ChannelSpec holds secrets (tokens, keys,
// passwords): never log it; log `redact_url(spec.url)` or the channel id.
// Errors name the channel id and the problem, never a secret value.
// Reference: docs/CHANNELS.md and shared/reference/channels.md.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cadence/config.hpp"
#include "cadence/error.hpp"

namespace cadence {

enum class ChannelKind {
  kConsole,   // stdout, for trying things out
  kEmail,     // SMTP submission (mailto://, mailtos://)
  kSlack,     // incoming webhook
  kTeams,     // Power Automate "Workflows" webhook (legacy connectors are refused)
  kDiscord,   // webhook
  kDingTalk,  // custom robot, optional sign
  kWeCom,     // group robot
  kFeishu,    // custom bot (Feishu or Lark), optional sign
  kTelegram,  // Bot API sendMessage
  kNtfy,      // publish as JSON to the server root
  kGotify,    // POST /message
  kMatrix,    // PUT /rooms/{room}/send/m.room.message/{txnId}
  kWebhook,   // generic JSON, Standard Webhooks signature (+ GitHub-style header)
};

// "console", "email", "slack", "teams", "discord", "dingtalk", "wecom", "feishu",
// "telegram", "ntfy", "gotify", "matrix", "webhook".
const char* to_string(ChannelKind k);

// How the SMTP connection is secured.
enum class SmtpSecurity {
  kStartTls,     // smtp:// + mandatory STARTTLS (CURLUSESSL_ALL). Default (port 587)
  kImplicitTls,  // smtps:// (port 465)
  kNone,         // plain text, no TLS at all: only when asked for (mode=insecure)
};

struct EmailSpec {
  std::string smtp_url;  // "smtp://host:587" or "smtps://host:465" (no credentials)
  SmtpSecurity security = SmtpSecurity::kStartTls;
  std::string username;         // AUTH user; empty = no AUTH (a secret's neighbour)
  std::string password;         // AUTH password (a secret)
  std::string from_address;     // envelope and From: address. Default: user@host
  std::string from_name;        // From: display name. Default: "Cadence"
  std::vector<std::string> to;  // recipients; empty = the owner's email
  std::string ca_file;          // CA bundle for private servers. Default: system store
  std::string login_options;    // e.g. "AUTH=PLAIN". Default: server's choice
};

// A token bucket: `capacity` tokens, refilled continuously at
// capacity-per-`per`. A destination may have several (Feishu: per second and
// per minute); a send needs a token from each.
struct PaceLimit {
  double capacity = 1;
  std::chrono::seconds per{1};
};

struct ChannelSpec {
  std::string id;  // the config's channel id
  ChannelKind kind = ChannelKind::kConsole;
  std::string url;       // HTTP endpoint incl. credential (a secret); empty for email/console
  std::string secret;    // signing secret: DingTalk SEC…, Feishu, webhook whsec_…
  std::string token;     // bearer/app token: Matrix, Gotify, ntfy (a secret)
  std::string user;      // ntfy basic auth user
  std::string password;  // ntfy basic auth password (a secret)
  std::string target;    // Telegram chat_id, Matrix room id, ntfy topic
  std::string format;    // "text", "markdown" or "html"; per-service default when empty
  std::map<std::string, std::string> options;  // service extras: priority, tags, thread, …
  EmailSpec email;                             // kind == kEmail only
  std::vector<PaceLimit> pace;                 // proactive pacing per destination; empty = none
  std::size_t max_text_bytes = 0;              // message body limit in UTF-8 bytes; 0 = none
  std::size_t max_text_chars = 0;              // message body limit in characters; 0 = none
};

// Parses one configured channel. `type` wins over the URL scheme when both are
// given; `params` fill or override URL parts (same names as the URL query).
// Accepted URL forms are listed in docs/CHANNELS.md. Errors (kConfig):
// "channel 'ID': <problem>"; the URL and secrets are never quoted.
Result<ChannelSpec> parse_channel(const ChannelConfig& config);

// Parses every channel of a config; the first error wins.
Result<std::vector<ChannelSpec>> parse_channels(const std::vector<ChannelConfig>& configs);

// One error diagnostic per channel of `config` that does not parse, at the
// channel's place in the file, scrubbed of every substituted value (what
// `cadencectl check` prints and the daemon refuses to start or reload with).
std::vector<ConfigDiagnostic> channel_diagnostics(const Config& config);

// A URL fit for logs: scheme, host and port kept; userinfo, path segments
// after the first, query values and fragments replaced by "***".
// "https://oapi.dingtalk.com/robot/send?access_token=abc" ->
// "https://oapi.dingtalk.com/robot/***?access_token=***".
std::string redact_url(std::string_view url);

// Proactive pacing per service (channels.md "Pace proactively"); empty = none.
std::vector<PaceLimit> default_pace(ChannelKind kind);

}  // namespace cadence
