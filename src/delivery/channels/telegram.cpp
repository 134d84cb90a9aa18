// Telegram Bot API sendMessage: tgram://{bot_token}/{chat_id} (one chat per
// channel) or type: telegram with token/chat params. HTML parse mode by
// default; the transport retries once as plain text on "can't parse entities".
#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "delivery/channels/service.hpp"

namespace cadence::delivery {
// Each service's functions sit in a namespace of its own, so that the unity
// build can compile all services in one translation unit.
namespace telegram {
namespace {

Result<ChannelSpec> parse(const ChannelInput& in) {
  ChannelSpec spec = base_spec(in, ChannelKind::kTelegram);
  spec.max_text_chars = 4'096;
  if (spec.format.empty()) spec.format = "html";
  spec.token = in.param("token");
  spec.target = in.param("chat");
  if (in.url && in.url->scheme == "tgram") {
    if (spec.token.empty()) spec.token = in.url->authority;
    if (spec.target.empty() && !in.url->path.empty()) spec.target = in.url->path[0];
    if (in.url->path.size() > 1) return in.error("one chat per telegram channel");
  }
  if (spec.token.empty()) return in.error("telegram needs a bot token: tgram://TOKEN/CHAT");
  if (spec.target.empty()) return in.error("telegram needs a chat id: tgram://TOKEN/CHAT");
  if (spec.token.find(':') == std::string::npos) {
    return in.error("the telegram bot token should look like 123456789:AA…");
  }
  spec.url = in.api_base("https://api.telegram.org") + "/bot" + spec.token + "/sendMessage";
  return spec;
}

Result<HttpRequest> build(const ChannelSpec& ch, const Message& m, Instant /*now*/) {
  nlohmann::json body;
  const std::string& chat = ch.target;
  bool numeric = !chat.empty() && std::all_of(chat.begin() + (chat[0] == '-' ? 1 : 0), chat.end(),
                                              [](unsigned char c) { return std::isdigit(c); });
  if (numeric) {
    body["chat_id"] = std::stoll(chat);
  } else {
    body["chat_id"] = chat;
  }
  if (ch.format == "html") {
    body["text"] = simple_html(m, false);
    body["parse_mode"] = "HTML";
  } else {
    body["text"] = chat_text(m, nullptr);
  }
  body["link_preview_options"] = {{"is_disabled", true}};
  HttpRequest r;
  r.url = ch.url;
  r.headers = {{"Content-Type", "application/json"}};
  r.body = json_body(body);
  return r;
}

SendResult classify(const HttpResponse& r, Instant now) {
  SendResult out = classify_http_status(r, now);
  if (r.status == 0) return out;
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  if (!j.is_object() || !j.contains("ok") || !j["ok"].is_boolean()) {
    // Not the Bot API's answer (a proxy page, garbage): not a success.
    if (out.outcome == Outcome::kDelivered) out.outcome = Outcome::kRetryable;
    return out;
  }
  if (j["ok"].get<bool>()) {
    out.outcome = Outcome::kDelivered;
    return out;
  }
  if (j.contains("parameters") && j["parameters"].is_object()) {
    const auto& p = j["parameters"];
    if (p.contains("retry_after") && p["retry_after"].is_number()) {
      out.retry_after = std::chrono::milliseconds{
          static_cast<long long>(p["retry_after"].get<double>() * 1000.0 + 0.5)};
    }
  }
  if (out.outcome == Outcome::kDelivered) out.outcome = Outcome::kPermanent;  // ok:false at 200
  return out;
}

}  // namespace
}  // namespace telegram

const ServiceOps kTelegramService{ChannelKind::kTelegram, telegram::parse, telegram::build,
                                  telegram::classify};

}  // namespace cadence::delivery
