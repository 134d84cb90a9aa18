// WeCom (企业微信) group robot: wecombot://{key} or the native
// https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… URL. No signing: the
// key is the credential. Success is errcode 0 in the body.
#include <nlohmann/json.hpp>

#include "delivery/channels/service.hpp"

namespace cadence::delivery {
// Each service's functions sit in a namespace of its own, so that the unity
// build can compile all services in one translation unit.
namespace wecom {
namespace {

Result<ChannelSpec> parse(const ChannelInput& in) {
  ChannelSpec spec = base_spec(in, ChannelKind::kWeCom);
  if (spec.format.empty()) spec.format = "markdown";
  spec.max_text_bytes = spec.format == "text" ? 2'048 : 4'096;
  std::string key = in.param("key");
  if (in.url && in.url->scheme == "wecombot") {
    if (key.empty()) key = in.url->authority;
  } else if (key.empty() || !in.config.url.empty()) {
    auto url = in.native_url();
    if (!url) return url.error();
    if (url->find("key=") == std::string::npos) return in.error("the WeCom URL has no key");
    spec.url = *url;
    return spec;
  }
  if (key.empty()) return in.error("wecom needs a robot key: wecombot://KEY or key:");
  spec.url = in.api_base("https://qyapi.weixin.qq.com") +
             "/cgi-bin/webhook/send?key=" + percent_encode(key);
  return spec;
}

Result<HttpRequest> build(const ChannelSpec& ch, const Message& m, Instant /*now*/) {
  HttpRequest r;
  r.url = ch.url;
  r.headers = {{"Content-Type", "application/json; charset=utf-8"}};
  if (ch.format == "text") {
    r.body = json_body({{"msgtype", "text"}, {"text", {{"content", chat_text(m, nullptr)}}}});
  } else {
    r.body = json_body({{"msgtype", "markdown"}, {"markdown", {{"content", chat_text(m, "**")}}}});
  }
  return r;
}

SendResult classify(const HttpResponse& r, Instant now) {
  SendResult out = classify_http_status(r, now);
  if (out.outcome != Outcome::kDelivered) return out;
  auto code = json_int_field(r.body, "errcode");
  out.detail = "HTTP " + std::to_string(r.status) + ": " + body_excerpt(r.body);
  if (!code) {
    out.outcome = Outcome::kRetryable;
  } else if (*code == 0) {
    out.outcome = Outcome::kDelivered;
  } else if (*code == 45009 || *code == -1) {
    out.outcome = Outcome::kRetryable;  // api freq out of limit / system busy
  } else {
    out.outcome = Outcome::kPermanent;  // 93000 invalid webhook url, …
  }
  return out;
}

}  // namespace
}  // namespace wecom

const ServiceOps kWeComService{ChannelKind::kWeCom, wecom::parse, wecom::build, wecom::classify};

}  // namespace cadence::delivery
