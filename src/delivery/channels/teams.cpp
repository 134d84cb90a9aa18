// Microsoft Teams through a Power Automate "Workflows" webhook (an Adaptive
// Card in a message). The retired Office 365 connectors are refused in
// parse_channel(). workflows://host[:port]/{id}/{sig}[?pa=yes&ver=…] or the
// native https URL (replayed byte for byte: `sig` is the credential).
#include <nlohmann/json.hpp>

#include "delivery/channels/service.hpp"

namespace cadence::delivery {
// Each service's functions sit in a namespace of its own, so that the unity
// build can compile all services in one translation unit.
namespace teams {
namespace {

Result<ChannelSpec> parse(const ChannelInput& in) {
  ChannelSpec spec = base_spec(in, ChannelKind::kTeams);
  spec.max_text_bytes = 24'000;  // the whole message must stay under 28 KB
  if (in.url && (in.url->scheme == "workflows" || in.url->scheme == "workflow")) {
    if (in.url->host.empty() || in.url->path.size() != 2) {
      return in.error("workflows:// needs workflows://host/{workflow-id}/{sig}");
    }
    std::string base = "https://" + in.url->host;
    if (in.url->port) base += ":" + std::to_string(*in.url->port);
    base = in.api_base(base);
    std::string version = in.param("ver").empty() ? "2016-06-01" : in.param("ver");
    std::string prefix = in.param("pa") == "yes" ? "/powerautomate/automations/direct" : "";
    spec.url = base + prefix + "/workflows/" + percent_encode(in.url->path[0]) +
               "/triggers/manual/paths/invoke?api-version=" + percent_encode(version) +
               "&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=" + percent_encode(in.url->path[1]);
    return spec;
  }
  auto url = in.native_url();
  if (!url) return url.error();
  spec.url = *url;
  return spec;
}

Result<HttpRequest> build(const ChannelSpec& ch, const Message& m, Instant /*now*/) {
  nlohmann::json body = nlohmann::json::array();
  if (!m.title.empty()) {
    body.push_back({{"type", "TextBlock"},
                    {"text", m.title},
                    {"weight", "Bolder"},
                    {"size", "Medium"},
                    {"wrap", true}});
  }
  body.push_back(
      {{"type", "TextBlock"}, {"text", m.markdown.empty() ? m.text : m.markdown}, {"wrap", true}});
  nlohmann::json card = {{"$schema", "http://adaptivecards.io/schemas/adaptive-card.json"},
                         {"type", "AdaptiveCard"},
                         {"version", "1.4"},
                         {"body", body}};
  nlohmann::json message = {{"type", "message"},
                            {"attachments",
                             {{{"contentType", "application/vnd.microsoft.card.adaptive"},
                               {"contentUrl", nullptr},
                               {"content", card}}}}};
  HttpRequest r;
  r.url = ch.url;
  r.headers = {{"Content-Type", "application/json"}};
  r.body = json_body(message);
  return r;
}

// 200/202 = accepted (the flow posts afterwards); the rest is the generic table.
SendResult classify(const HttpResponse& r, Instant now) { return classify_http_status(r, now); }

}  // namespace
}  // namespace teams

const ServiceOps kTeamsService{ChannelKind::kTeams, teams::parse, teams::build, teams::classify};

}  // namespace cadence::delivery
