// Email channel parsing: mailto:// and mailtos:// (Apprise form) or type:
// email with host/port/user/password/from/name/to/mode/ca_file params.
// mode: starttls (default; STARTTLS required, port 587), ssl (implicit TLS,
// port 465; the default for port 465), insecure (no TLS, port 25; AUTH is then
// refused except to loopback). Sending lives in smtp_sender.cpp.
#include <algorithm>

#include <charconv>

#include "delivery/channels/service.hpp"
#include "delivery/mime.hpp"

namespace cadence::delivery {
// Each service's functions sit in a namespace of its own, so that the unity
// build can compile all services in one translation unit.
namespace email {
namespace {

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find_first_of(",;", start);
    if (end == std::string::npos) end = s.size();
    std::string item = s.substr(start, end - start);
    item.erase(0, item.find_first_not_of(' '));
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(item);
    start = end + 1;
  }
  return out;
}

Result<ChannelSpec> parse(const ChannelInput& in) {
  ChannelSpec spec = base_spec(in, ChannelKind::kEmail);
  EmailSpec& e = spec.email;
  std::string host = in.param("smtp");
  if (host.empty()) host = in.param("host");
  std::optional<int> port;
  if (const std::string text = in.param("port"); !text.empty()) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 1 || value > 65535) {
      return in.error("port '" + text + "' is not a number from 1 to 65535");
    }
    port = value;
  }
  e.username = in.param("user");
  e.password = in.param("password");
  std::string mode = in.param("mode");
  if (in.url) {
    if (in.url->scheme != "mailto" && in.url->scheme != "mailtos") {
      return in.error("email URLs are mailto:// or mailtos://");
    }
    if (host.empty()) host = in.url->host;
    if (!port) port = in.url->port;
    if (e.username.empty()) e.username = in.url->user;
    if (e.password.empty()) e.password = in.url->password;
  }
  if (host.empty()) return in.error("email needs an SMTP host");
  if (mode.empty()) mode = port == 465 ? "ssl" : "starttls";
  if (mode == "ssl") {
    e.security = SmtpSecurity::kImplicitTls;
  } else if (mode == "starttls") {
    e.security = SmtpSecurity::kStartTls;
  } else if (mode == "insecure") {
    e.security = SmtpSecurity::kNone;
  } else {
    return in.error("mode must be starttls, ssl or insecure");
  }
  if (!port) port = mode == "ssl" ? 465 : mode == "starttls" ? 587 : 25;
  if (e.security == SmtpSecurity::kNone && !e.password.empty() && !is_loopback_host(host)) {
    return in.error(
        "mode=insecure would send the SMTP password in clear text; use starttls or ssl");
  }
  e.smtp_url = std::string(e.security == SmtpSecurity::kImplicitTls ? "smtps://" : "smtp://") +
               host + ":" + std::to_string(*port);
  e.from_address = in.param("from");
  if (e.from_address.empty() && !e.username.empty()) {
    e.from_address =
        e.username.find('@') == std::string::npos ? e.username + "@" + host : e.username;
  }
  if (e.from_address.empty()) return in.error("email needs a from address (from=…)");
  if (!is_valid_address(e.from_address)) {
    return in.error("invalid from address '" + e.from_address + "'");
  }
  e.from_name = in.has_param("name") ? in.param("name") : "Cadence";
  e.to = split_list(in.param("to"));
  for (const auto& to : e.to) {
    if (!is_valid_address(to)) return in.error("invalid email address '" + to + "'");
  }
  e.ca_file = in.param("ca_file");
  e.login_options = in.param("login_options");
  return spec;
}

}  // namespace
}  // namespace email

const ServiceOps kEmailService{ChannelKind::kEmail, email::parse, nullptr, nullptr};

}  // namespace cadence::delivery
