// Discord webhooks: discord://{id}/{token} or the native URL; ?wait=true is
// always set so a message that fails to save is reported.
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>

#include "delivery/channels/service.hpp"

namespace cadence::delivery {
// Each service's functions sit in a namespace of its own, so that the unity
// build can compile all services in one translation unit.
namespace discord {
namespace {

Result<ChannelSpec> parse(const ChannelInput& in) {
  ChannelSpec spec = base_spec(in, ChannelKind::kDiscord);
  spec.max_text_chars = 2'000;
  std::string thread = in.param("thread");
  if (in.url && in.url->scheme == "discord") {
    if (in.url->host.empty() || in.url->path.size() != 1) {
      return in.error("discord:// needs discord://{webhook_id}/{webhook_token}");
    }
    spec.url = in.api_base("https://discord.com") + "/api/webhooks/" +
               percent_encode(in.url->authority) + "/" + percent_encode(in.url->path[0]) +
               "?wait=true";
  } else {
    auto url = in.native_url();
    if (!url) return url.error();
    spec.url = *url;
    if (spec.url.find("wait=") == std::string::npos) {
      spec.url += spec.url.find('?') == std::string::npos ? "?wait=true" : "&wait=true";
    }
  }
  if (!thread.empty()) spec.url += "&thread_id=" + percent_encode(thread);
  return spec;
}

Result<HttpRequest> build(const ChannelSpec& ch, const Message& m, Instant /*now*/) {
  HttpRequest r;
  r.url = ch.url;
  r.headers = {{"Content-Type", "application/json"}};
  // allowed_mentions: nobody is pinged by whatever the text contains.
  r.body = json_body({{"content", chat_text(m, "**")},
                      {"allowed_mentions", {{"parse", nlohmann::json::array()}}}});
  return r;
}

// X-RateLimit-Reset-After: fractional seconds until the bucket refills.
std::optional<std::chrono::milliseconds> header_seconds(const HttpResponse& r, const char* name) {
  auto it = r.headers.find(name);
  if (it == r.headers.end()) return std::nullopt;
  char* end = nullptr;
  double seconds = std::strtod(it->second.c_str(), &end);
  if (end == it->second.c_str() || seconds < 0 || seconds > 1e6) return std::nullopt;
  return std::chrono::milliseconds{static_cast<long long>(std::ceil(seconds * 1000.0))};
}

SendResult classify(const HttpResponse& r, Instant now) {
  SendResult out = classify_http_status(r, now);
  // 404 = webhook deleted (410 likewise): Discord restricts clients that keep
  // calling dead webhooks, so the channel is not used again.
  out.channel_gone = r.status == 404 || r.status == 410;
  if (r.status == 429) {
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    if (j.is_object() && j.contains("retry_after") && j["retry_after"].is_number()) {
      auto ms = std::chrono::milliseconds{
          static_cast<long long>(j["retry_after"].get<double>() * 1000.0 + 0.5)};
      if (!out.retry_after || *out.retry_after < ms) out.retry_after = ms;
    }
  }
  // Proactive pacing: the bucket is empty until Reset-After has passed.
  if (auto remaining = r.headers.find("x-ratelimit-remaining");
      remaining != r.headers.end() && remaining->second == "0") {
    if (auto wait = header_seconds(r, "x-ratelimit-reset-after")) {
      out.pause_until = now + std::chrono::ceil<std::chrono::seconds>(*wait);
    }
  }
  return out;
}

}  // namespace
}  // namespace discord

const ServiceOps kDiscordService{ChannelKind::kDiscord, discord::parse, discord::build,
                                 discord::classify};

}  // namespace cadence::delivery
