#include "delivery/url.hpp"

#include "cadence/crypto.hpp"

#include <algorithm>
#include <cctype>

#include "cadence/channel.hpp"

namespace cadence::delivery {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    parts.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

}  // namespace

std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = crypto::hex_digit_value(s[i + 1]);
      int lo = crypto::hex_digit_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::optional<ParsedUrl> parse_url(std::string_view url) {
  auto sep = url.find("://");
  if (sep == std::string_view::npos || sep == 0) return std::nullopt;
  ParsedUrl out;
  out.scheme = lower(url.substr(0, sep));
  std::string_view rest = url.substr(sep + 3);
  if (auto hash = rest.find('#'); hash != std::string_view::npos) {
    out.fragment = percent_decode(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    out.raw_query = std::string(rest.substr(q + 1));
    for (auto pair : split(rest.substr(q + 1), '&')) {
      if (pair.empty()) continue;
      auto eq = pair.find('=');
      std::string key = percent_decode(pair.substr(0, eq));
      std::string value = eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1));
      out.query[key] = value;
    }
    rest = rest.substr(0, q);
  }
  auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    out.raw_path = std::string(rest.substr(slash));
    for (auto seg : split(rest.substr(slash + 1), '/')) {
      if (!seg.empty()) out.path.push_back(percent_decode(seg));
    }
  }
  // userinfo ends at the last '@' (passwords may hold an unescaped '@').
  if (auto at = authority.rfind('@'); at != std::string_view::npos) {
    out.has_userinfo = true;
    std::string_view info = authority.substr(0, at);
    auto colon = info.find(':');
    out.user = percent_decode(info.substr(0, colon));
    if (colon != std::string_view::npos) out.password = percent_decode(info.substr(colon + 1));
    authority = authority.substr(at + 1);
  }
  out.authority = percent_decode(authority);
  out.host = out.authority;
  // A port is a ':' followed only by digits (and not inside an IPv6 literal).
  auto colon = authority.rfind(':');
  auto bracket = authority.rfind(']');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || bracket < colon)) {
    std::string_view digits = authority.substr(colon + 1);
    out.port_text = std::string(digits);
    if (!digits.empty() && digits.size() <= 5 &&
        std::all_of(digits.begin(), digits.end(),
                    [](unsigned char c) { return std::isdigit(c) != 0; })) {
      const int port = std::stoi(std::string(digits));
      if (port >= 1 && port <= 65535) out.port = port;
      out.host = percent_decode(authority.substr(0, colon));
    }
  }
  out.host = lower(out.host);
  return out;
}

bool is_loopback_host(std::string_view host) {
  return host == "localhost" || host == "::1" || host == "[::1]" || host.starts_with("127.");
}

}  // namespace cadence::delivery

namespace cadence {

std::string redact_url(std::string_view url) {
  auto sep = url.find("://");
  if (sep == std::string_view::npos) return "***";
  std::string_view rest = url.substr(sep + 3);
  std::size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  std::string out(url.substr(0, sep + 3));
  if (auto at = authority.rfind('@'); at != std::string_view::npos) {
    out += "***@";
    authority = authority.substr(at + 1);
  }
  // Telegram-style "token:secret" authorities are not host:port: keep the host
  // only when the part after ':' is a port.
  auto colon = authority.rfind(':');
  if (colon != std::string_view::npos) {
    std::string_view port = authority.substr(colon + 1);
    bool numeric = !port.empty() && std::all_of(port.begin(), port.end(), [](unsigned char c) {
      return std::isdigit(c) != 0;
    });
    if (!numeric) authority = "***";
  }
  out += authority;
  if (end == std::string_view::npos) return out;
  rest = rest.substr(end);
  std::string_view path = rest.substr(0, rest.find_first_of("?#"));
  if (!path.empty()) {
    // Keep the first segment (e.g. "/robot", "/services"): it tells services
    // apart; anything deeper may be a credential.
    auto second = path.find('/', 1);
    std::string_view first =
        path.substr(1, second == std::string_view::npos ? std::string_view::npos : second - 1);
    bool word = !first.empty() && first.size() <= 24 &&
                std::all_of(first.begin(), first.end(), [](unsigned char c) {
                  return std::isalpha(c) != 0 || c == '-' || c == '_';
                });
    out += word ? "/" + std::string(first) : std::string(first.empty() ? "/" : "/***");
    if (word && second != std::string_view::npos && second + 1 < path.size()) out += "/***";
  }
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    std::string_view query = rest.substr(q + 1, rest.find('#', q) - q - 1);
    out += '?';
    bool first = true;
    std::size_t start = 0;
    while (start <= query.size()) {
      std::size_t amp = query.find('&', start);
      if (amp == std::string_view::npos) amp = query.size();
      std::string_view pair = query.substr(start, amp - start);
      if (!pair.empty()) {
        if (!first) out += '&';
        first = false;
        out += std::string(pair.substr(0, pair.find('='))) + "=***";
      }
      start = amp + 1;
    }
  }
  if (rest.find('#') != std::string_view::npos) out += "#***";
  return out;
}

}  // namespace cadence
