// Generic JSON webhook: json://host[:port]/path (http), jsons://… (https) or a
// native https URL; optional `secret` signs each request per Standard Webhooks
// (webhook-id/-timestamp/-signature) and GitHub style (X-Hub-Signature-256).
// webhook-id is the delivery's idempotency key: unchanged across retries.
#include <nlohmann/json.hpp>

#include "delivery/channels/service.hpp"
#include "delivery/signing.hpp"

namespace cadence::delivery {
// Each service's functions sit in a namespace of its own, so that the unity
// build can compile all services in one translation unit.
namespace webhook {
namespace {

Result<ChannelSpec> parse(const ChannelInput& in) {
  ChannelSpec spec = base_spec(in, ChannelKind::kWebhook);
  spec.secret = in.param("secret");
  if (in.url && (in.url->scheme == "json" || in.url->scheme == "jsons")) {
    if (in.url->host.empty()) return in.error("json:// needs a host: jsons://HOST/PATH");
    spec.url = (in.url->scheme == "jsons" ? "https://" : "http://") + in.url->host;
    if (in.url->port) spec.url += ":" + std::to_string(*in.url->port);
    spec.url += in.url->raw_path.empty() ? "/" : in.url->raw_path;
    // Our own params (secret, format) are not forwarded in the query.
    return spec;
  }
  auto url = in.native_url();
  if (!url) return url.error();
  spec.url = *url;
  return spec;
}

Result<HttpRequest> build(const ChannelSpec& ch, const Message& m, Instant now) {
  HttpRequest r;
  r.url = ch.url;
  std::int64_t ts = now.time_since_epoch().count();
  r.body =
      json_body({{"type", "reminder.due"},
                 {"timestamp", format_rfc3339_utc(m.created)},
                 {"data", {{"id", m.idempotency_key}, {"title", m.title}, {"message", m.text}}}});
  r.headers = {{"Content-Type", "application/json"},
               {"webhook-id", m.idempotency_key},
               {"webhook-timestamp", std::to_string(ts)}};
  if (!ch.secret.empty()) {
    r.headers.emplace_back("webhook-signature",
                           standard_webhook_signature(ch.secret, m.idempotency_key, ts, r.body));
    r.headers.emplace_back("X-Hub-Signature-256", github_signature(webhook_key(ch.secret), r.body));
  }
  r.headers.emplace_back("X-Cadence-Delivery", m.idempotency_key);
  return r;
}

SendResult classify(const HttpResponse& r, Instant now) { return classify_http_status(r, now); }

}  // namespace
}  // namespace webhook

const ServiceOps kWebhookService{ChannelKind::kWebhook, webhook::parse, webhook::build,
                                 webhook::classify};

}  // namespace cadence::delivery
