// DingTalk custom robot: dingtalk://{token}/ or dingtalk://{secret}@{token}/
// or the native https://oapi.dingtalk.com/robot/send?access_token=… URL, with
// the optional `secret` param for signing (加签). Success is errcode 0 in the
// body; failures are also HTTP 200.
#include <nlohmann/json.hpp>

#include "delivery/channels/service.hpp"
#include "delivery/signing.hpp"

namespace cadence::delivery {
// Each service's functions sit in a namespace of its own, so that the unity
// build can compile all services in one translation unit.
namespace dingtalk {
namespace {

Result<ChannelSpec> parse(const ChannelInput& in) {
  ChannelSpec spec = base_spec(in, ChannelKind::kDingTalk);
  spec.max_text_bytes = 20'000;  // no documented limit; keep messages readable
  if (spec.format.empty()) spec.format = "markdown";
  spec.secret = in.param("secret");
  std::string token = in.param("token");
  if (in.url && in.url->scheme == "dingtalk") {
    if (token.empty()) token = in.url->authority;
    if (in.url->has_userinfo && spec.secret.empty()) spec.secret = in.url->user;
    if (token.empty()) return in.error("dingtalk:// needs an access token: dingtalk://TOKEN/");
    spec.url = in.api_base("https://oapi.dingtalk.com") +
               "/robot/send?access_token=" + percent_encode(token);
  } else if (!token.empty() && in.config.url.empty()) {
    spec.url = in.api_base("https://oapi.dingtalk.com") +
               "/robot/send?access_token=" + percent_encode(token);
  } else {
    auto url = in.native_url();
    if (!url) return url.error();
    if (url->find("access_token=") == std::string::npos) {
      return in.error("the DingTalk URL has no access_token");
    }
    spec.url = *url;
  }
  if (!spec.secret.empty() && !spec.secret.starts_with("SEC")) {
    return in.error("the DingTalk signing secret should start with SEC (robot security settings)");
  }
  return spec;
}

Result<HttpRequest> build(const ChannelSpec& ch, const Message& m, Instant now) {
  HttpRequest r;
  r.url = ch.url;
  if (!ch.secret.empty()) {
    std::int64_t ts_ms = now.time_since_epoch().count() * 1000;
    r.url += "&timestamp=" + std::to_string(ts_ms) +
             "&sign=" + percent_encode(dingtalk_sign(ch.secret, ts_ms));
  }
  r.headers = {{"Content-Type", "application/json; charset=utf-8"}};
  nlohmann::json body;
  if (ch.format == "text") {
    body = {{"msgtype", "text"}, {"text", {{"content", chat_text(m, nullptr)}}}};
  } else {
    body = {{"msgtype", "markdown"},
            {"markdown",
             {{"title", m.title.empty() ? "cadence" : m.title}, {"text", chat_text(m, "**")}}}};
  }
  // msgUuid lets DingTalk drop a resend after a timeout.
  body["msgUuid"] = m.idempotency_key;
  r.body = json_body(body);
  return r;
}

SendResult classify(const HttpResponse& r, Instant now) {
  SendResult out = classify_http_status(r, now);
  if (out.outcome != Outcome::kDelivered) return out;
  auto code = json_int_field(r.body, "errcode");
  out.detail = "HTTP " + std::to_string(r.status) + ": " + body_excerpt(r.body);
  if (!code) {
    out.outcome = Outcome::kRetryable;  // an unparseable 200 is not a success
  } else if (*code == 0) {
    out.outcome = Outcome::kDelivered;
  } else if (*code == 130101 || *code == -1) {
    out.outcome = Outcome::kRetryable;  // sending too fast / system busy
  } else {
    out.outcome = Outcome::kPermanent;  // 310000 (keyword/sign/ip), 300005 (token), …
  }
  return out;
}

}  // namespace
}  // namespace dingtalk

const ServiceOps kDingTalkService{ChannelKind::kDingTalk, dingtalk::parse, dingtalk::build,
                                  dingtalk::classify};

}  // namespace cadence::delivery
