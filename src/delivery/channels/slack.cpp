// Slack incoming webhooks: slack://A/B/C or https://hooks.slack.com/services/A/B/C.
// Success is HTTP 200 with the plain-text body "ok".
#include <nlohmann/json.hpp>

#include "delivery/channels/service.hpp"

namespace cadence::delivery {
// Each service's functions sit in a namespace of its own, so that the unity
// build can compile all services in one translation unit.
namespace slack {
namespace {

Result<ChannelSpec> parse(const ChannelInput& in) {
  ChannelSpec spec = base_spec(in, ChannelKind::kSlack);
  spec.max_text_chars = 40'000;
  if (in.url && in.url->scheme == "slack") {
    std::vector<std::string> tokens;
    if (!in.url->host.empty()) tokens.push_back(in.url->authority);
    for (const auto& p : in.url->path) {
      if (!p.starts_with("#")) tokens.push_back(p);
    }
    if (!tokens.empty() && tokens[0].starts_with("xox")) {
      return in.error("Slack bot tokens (xox…) are not supported; use an incoming webhook");
    }
    if (tokens.size() != 3) return in.error("slack:// needs three tokens: slack://A/B/C");
    spec.url = in.api_base("https://hooks.slack.com") + "/services/" + percent_encode(tokens[0]) +
               "/" + percent_encode(tokens[1]) + "/" + percent_encode(tokens[2]);
    return spec;
  }
  auto url = in.native_url();
  if (!url) return url.error();
  spec.url = *url;
  return spec;
}

// mrkdwn: only &, <, > are escaped in user text.
std::string slack_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

Result<HttpRequest> build(const ChannelSpec& ch, const Message& m, Instant /*now*/) {
  HttpRequest r;
  r.url = ch.url;
  r.headers = {{"Content-Type", "application/json; charset=utf-8"}};
  // Titles are bold (*x*) in mrkdwn; the body is plain text escaped.
  std::string text = m.title.empty() ? slack_escape(m.text)
                                     : "*" + slack_escape(m.title) + "*\n" + slack_escape(m.text);
  r.body = json_body({{"text", text}});
  return r;
}

SendResult classify(const HttpResponse& r, Instant now) {
  SendResult out = classify_http_status(r, now);
  // channel_not_found / channel_is_archived / a removed webhook: stop using it.
  out.channel_gone = r.status == 404 || r.status == 410;
  if (out.outcome == Outcome::kDelivered && r.body != "ok") {
    // Only "ok" means posted; anything else at 200 is a proxy or a changed API.
    out.outcome = Outcome::kRetryable;
    out.detail = "HTTP " + std::to_string(r.status) + " without 'ok': " + body_excerpt(r.body);
  }
  return out;
}

}  // namespace
}  // namespace slack

const ServiceOps kSlackService{ChannelKind::kSlack, slack::parse, slack::build, slack::classify};

}  // namespace cadence::delivery
