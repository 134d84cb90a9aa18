// Feishu / Lark custom bot: feishu://{token}, lark://{token} or the native
// …/open-apis/bot/v2/hook/{token} URL, optional `secret` param for the
// signature (timestamp + sign in the JSON body). Success is code 0.
#include <nlohmann/json.hpp>

#include "delivery/channels/service.hpp"
#include "delivery/signing.hpp"

namespace cadence::delivery {
// Each service's functions sit in a namespace of its own, so that the unity
// build can compile all services in one translation unit.
namespace feishu {
namespace {

Result<ChannelSpec> parse(const ChannelInput& in) {
  ChannelSpec spec = base_spec(in, ChannelKind::kFeishu);
  spec.max_text_bytes = 18'000;  // the request body must stay under 20 KB
  if (spec.format.empty()) spec.format = "post";
  spec.secret = in.param("secret");
  std::string token = in.param("token");
  bool lark = in.config.type == "lark" || (in.url && in.url->scheme == "lark");
  if (in.url && (in.url->scheme == "feishu" || in.url->scheme == "lark")) {
    if (token.empty()) token = in.url->authority;
  } else if (token.empty() || !in.config.url.empty()) {
    auto url = in.native_url();
    if (!url) return url.error();
    spec.url = *url;
    return spec;
  }
  if (token.empty()) return in.error("feishu needs a bot token: feishu://TOKEN or token:");
  std::string host = lark ? "https://open.larksuite.com" : "https://open.feishu.cn";
  spec.url = in.api_base(host) + "/open-apis/bot/v2/hook/" + percent_encode(token);
  return spec;
}

Result<HttpRequest> build(const ChannelSpec& ch, const Message& m, Instant now) {
  nlohmann::json body;
  if (ch.format == "text") {
    body = {{"msg_type", "text"}, {"content", {{"text", chat_text(m, nullptr)}}}};
  } else {
    nlohmann::json paragraph = {{{"tag", "text"}, {"text", m.text}}};
    body = {{"msg_type", "post"},
            {"content", {{"post", {{"zh_cn", {{"title", m.title}, {"content", {paragraph}}}}}}}}};
  }
  if (!ch.secret.empty()) {
    std::int64_t ts = now.time_since_epoch().count();
    body["timestamp"] = std::to_string(ts);
    body["sign"] = feishu_sign(ch.secret, ts);
  }
  HttpRequest r;
  r.url = ch.url;
  r.headers = {{"Content-Type", "application/json; charset=utf-8"}};
  r.body = json_body(body);
  return r;
}

SendResult classify(const HttpResponse& r, Instant now) {
  SendResult out = classify_http_status(r, now);
  auto code = json_int_field(r.body, "code");
  if (out.outcome == Outcome::kRetryable || (out.outcome == Outcome::kPermanent && !code)) {
    return out;
  }
  out.detail = "HTTP " + std::to_string(r.status) + ": " + body_excerpt(r.body);
  if (!code) {
    out.outcome = Outcome::kRetryable;
  } else if (*code == 0) {
    out.outcome = Outcome::kDelivered;
  } else if (*code == 11232) {
    out.outcome = Outcome::kRetryable;  // throttled
  } else {
    out.outcome = Outcome::kPermanent;  // 9499 bad request, 19021 sign, 19022 ip, 19024 keyword
  }
  return out;
}

}  // namespace
}  // namespace feishu

const ServiceOps kFeishuService{ChannelKind::kFeishu, feishu::parse, feishu::build,
                                feishu::classify};

}  // namespace cadence::delivery
