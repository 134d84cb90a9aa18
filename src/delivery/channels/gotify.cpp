// Gotify: gotify://host[:port][/path]/{app_token} (http), gotifys://… (https).
// The token travels in X-Gotify-Key, out of access logs.
#include <nlohmann/json.hpp>

#include "delivery/channels/service.hpp"

namespace cadence::delivery {
// Each service's functions sit in a namespace of its own, so that the unity
// build can compile all services in one translation unit.
namespace gotify {
namespace {

Result<ChannelSpec> parse(const ChannelInput& in) {
  ChannelSpec spec = base_spec(in, ChannelKind::kGotify);
  spec.token = in.param("token");
  std::string base;
  if (in.url && (in.url->scheme == "gotify" || in.url->scheme == "gotifys")) {
    if (in.url->host.empty()) return in.error("gotify:// needs a host: gotify://HOST/TOKEN");
    std::vector<std::string> path = in.url->path;
    if (spec.token.empty() && !path.empty()) {
      spec.token = path.back();
      path.pop_back();
    }
    base = (in.url->scheme == "gotifys" ? "https://" : "http://") + in.url->host;
    if (in.url->port) base += ":" + std::to_string(*in.url->port);
    for (const auto& p : path) base += "/" + percent_encode(p);
  }
  base = in.api_base(base);
  if (base.empty()) return in.error("gotify needs a server: gotifys://HOST/TOKEN or api_url:");
  if (spec.token.empty()) return in.error("gotify needs an application token");
  spec.url = base + "/message";
  if (in.has_param("priority")) spec.options["priority"] = in.param("priority");
  return spec;
}

Result<HttpRequest> build(const ChannelSpec& ch, const Message& m, Instant /*now*/) {
  nlohmann::json body = {{"title", m.title}, {"message", m.text}};
  if (auto it = ch.options.find("priority"); it != ch.options.end()) {
    static const std::pair<const char*, int> kNames[] = {
        {"low", 2}, {"moderate", 4}, {"normal", 5}, {"high", 8}, {"emergency", 10}};
    for (const auto& [n, v] : kNames) {
      if (it->second == n) body["priority"] = v;
    }
  }
  if (ch.format == "markdown" && !m.markdown.empty()) {
    body["message"] = m.markdown;
    body["extras"] = {{"client::display", {{"contentType", "text/markdown"}}}};
  }
  HttpRequest r;
  r.url = ch.url;
  r.headers = {{"Content-Type", "application/json"}, {"X-Gotify-Key", ch.token}};
  r.body = json_body(body);
  return r;
}

SendResult classify(const HttpResponse& r, Instant now) { return classify_http_status(r, now); }

}  // namespace
}  // namespace gotify

const ServiceOps kGotifyService{ChannelKind::kGotify, gotify::parse, gotify::build,
                                gotify::classify};

}  // namespace cadence::delivery
