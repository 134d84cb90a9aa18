// Matrix client-server API: matrixs://{access_token}@host[:port]/{!room_id}
// (https), matrix://… (http). The delivery's idempotency key is the txnId, so
// the homeserver deduplicates retries. Password login and room aliases are
// not supported (give an access token and a room id).
#include <nlohmann/json.hpp>

#include "delivery/channels/service.hpp"

namespace cadence::delivery {
// Each service's functions sit in a namespace of its own, so that the unity
// build can compile all services in one translation unit.
namespace matrix {
namespace {

Result<ChannelSpec> parse(const ChannelInput& in) {
  ChannelSpec spec = base_spec(in, ChannelKind::kMatrix);
  spec.max_text_bytes = 60'000;
  spec.token = in.param("token");
  spec.target = in.param("room");
  std::string base;
  if (in.url && (in.url->scheme == "matrix" || in.url->scheme == "matrixs")) {
    if (in.url->has_userinfo && !in.url->password.empty()) {
      return in.error("matrix password login is not supported; use matrixs://TOKEN@HOST/!ROOM");
    }
    if (spec.token.empty() && in.url->has_userinfo) spec.token = in.url->user;
    if (spec.target.empty() && !in.url->path.empty()) spec.target = in.url->path[0];
    if (spec.target.empty() && !in.url->fragment.empty()) spec.target = "#" + in.url->fragment;
    base = (in.url->scheme == "matrixs" ? "https://" : "http://") + in.url->host;
    if (in.url->port) base += ":" + std::to_string(*in.url->port);
  }
  base = in.api_base(base);
  if (base.empty()) return in.error("matrix needs a homeserver: matrixs://TOKEN@HOST/!ROOM");
  if (spec.token.empty()) return in.error("matrix needs an access token");
  if (spec.target.empty()) return in.error("matrix needs a room id (!…:server)");
  if (spec.target[0] != '!') {
    return in.error("matrix room aliases are not resolved; give the room id (!…:server)");
  }
  spec.url =
      base + "/_matrix/client/v3/rooms/" + percent_encode(spec.target) + "/send/m.room.message/";
  return spec;
}

Result<HttpRequest> build(const ChannelSpec& ch, const Message& m, Instant /*now*/) {
  HttpRequest r;
  r.method = "PUT";
  r.url = ch.url + percent_encode(m.idempotency_key);
  r.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + ch.token}};
  r.body = json_body({{"msgtype", "m.notice"},
                      {"body", chat_text(m, nullptr)},
                      {"format", "org.matrix.custom.html"},
                      {"formatted_body", simple_html(m, true)}});
  return r;
}

SendResult classify(const HttpResponse& r, Instant now) {
  SendResult out = classify_http_status(r, now);
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  if (out.outcome == Outcome::kDelivered) {
    if (!j.is_object() || !j.contains("event_id")) out.outcome = Outcome::kRetryable;
    return out;
  }
  if (j.is_object()) {
    if (j.contains("errcode") && j["errcode"] == "M_LIMIT_EXCEEDED") {
      out.outcome = Outcome::kRetryable;
    }
    if (j.contains("retry_after_ms") && j["retry_after_ms"].is_number_integer()) {
      std::chrono::milliseconds ms{j["retry_after_ms"].get<long long>()};
      if (!out.retry_after || *out.retry_after < ms) out.retry_after = ms;
    }
  }
  return out;
}

}  // namespace
}  // namespace matrix

const ServiceOps kMatrixService{ChannelKind::kMatrix, matrix::parse, matrix::build,
                                matrix::classify};

}  // namespace cadence::delivery
