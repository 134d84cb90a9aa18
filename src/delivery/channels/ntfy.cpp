// ntfy: ntfy://{topic} (ntfy.sh), ntfy://host[:port]/{topic} (http),
// ntfys://host/{topic} (https); user:pass@ = Basic, token@ = Bearer.
// Published as JSON to the server root (UTF-8 titles need no header encoding).
#include <nlohmann/json.hpp>

#include "delivery/channels/service.hpp"
#include "delivery/signing.hpp"

namespace cadence::delivery {
// Each service's functions sit in a namespace of its own, so that the unity
// build can compile all services in one translation unit.
namespace ntfy {
namespace {

Result<ChannelSpec> parse(const ChannelInput& in) {
  ChannelSpec spec = base_spec(in, ChannelKind::kNtfy);
  spec.max_text_bytes = 4'096;
  spec.target = in.param("topic");
  spec.token = in.param("token");
  spec.user = in.param("user");
  spec.password = in.param("password");
  std::string base = "https://ntfy.sh";
  if (in.url && (in.url->scheme == "ntfy" || in.url->scheme == "ntfys")) {
    if (in.url->path.empty()) {
      if (spec.target.empty()) spec.target = in.url->authority;  // ntfy://topic on ntfy.sh
    } else {
      base = (in.url->scheme == "ntfys" ? "https://" : "http://") + in.url->host;
      if (in.url->port) base += ":" + std::to_string(*in.url->port);
      if (spec.target.empty()) spec.target = in.url->path.back();
    }
    if (in.url->has_userinfo) {
      if (in.url->password.empty()) {
        spec.token = in.url->user;
      } else {
        spec.user = in.url->user;
        spec.password = in.url->password;
      }
    }
  }
  if (spec.target.empty()) return in.error("ntfy needs a topic: ntfy://TOPIC");
  spec.url = in.api_base(base) + "/";
  for (const char* key : {"priority", "tags", "click"}) {
    if (in.has_param(key)) spec.options[key] = in.param(key);
  }
  return spec;
}

Result<HttpRequest> build(const ChannelSpec& ch, const Message& m, Instant /*now*/) {
  nlohmann::json body = {{"topic", ch.target}, {"title", m.title}, {"message", m.text}};
  if (auto it = ch.options.find("priority"); it != ch.options.end()) {
    static const std::pair<const char*, int> kNames[] = {{"min", 1},  {"low", 2}, {"default", 3},
                                                         {"high", 4}, {"max", 5}, {"urgent", 5}};
    int prio = 0;
    for (const auto& [n, v] : kNames) {
      if (it->second == n) prio = v;
    }
    if (prio == 0 && it->second.size() == 1 && it->second[0] >= '1' && it->second[0] <= '5') {
      prio = it->second[0] - '0';
    }
    if (prio != 0) body["priority"] = prio;
  }
  if (auto it = ch.options.find("tags"); it != ch.options.end()) {
    nlohmann::json tags = nlohmann::json::array();
    std::size_t start = 0;
    while (start <= it->second.size()) {
      std::size_t comma = it->second.find(',', start);
      if (comma == std::string::npos) comma = it->second.size();
      if (comma > start) tags.push_back(it->second.substr(start, comma - start));
      start = comma + 1;
    }
    body["tags"] = tags;
  }
  if (auto it = ch.options.find("click"); it != ch.options.end()) body["click"] = it->second;
  HttpRequest r;
  r.url = ch.url;
  r.headers = {{"Content-Type", "application/json"}};
  if (!ch.token.empty()) {
    r.headers.emplace_back("Authorization", "Bearer " + ch.token);
  } else if (!ch.user.empty()) {
    r.headers.emplace_back("Authorization", "Basic " + base64_encode(ch.user + ":" + ch.password));
  }
  r.body = json_body(body);
  return r;
}

SendResult classify(const HttpResponse& r, Instant now) { return classify_http_status(r, now); }

}  // namespace
}  // namespace ntfy

const ServiceOps kNtfyService{ChannelKind::kNtfy, ntfy::parse, ntfy::build, ntfy::classify};

}  // namespace cadence::delivery
