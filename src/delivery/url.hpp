// Minimal URL handling for channel URLs: split, percent-decode/encode, redact.
// Not a general URL parser: enough for Apprise-style and service URLs.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cadence::delivery {

struct ParsedUrl {
  std::string scheme;     // lower-case, without "://"
  std::string authority;  // raw, percent-decoded, without userinfo ("host:port")
  std::string user;       // percent-decoded userinfo before ':'
  std::string password;   // percent-decoded userinfo after ':'
  bool has_userinfo = false;
  std::string host;         // authority before the last ':' when a numeric port follows
  std::optional<int> port;  // set only for a port from 1 to 65535
  // What follows the authority's last ':' (outside an IPv6 literal), as
  // written: a port, or for Telegram the bot token's secret half; nullopt
  // without a ':'. Set with `port` unset means the port is not a port
  // (channel_parse refuses it).
  std::optional<std::string> port_text;
  std::vector<std::string> path;             // percent-decoded, non-empty segments
  std::map<std::string, std::string> query;  // percent-decoded; later keys win
  std::string fragment;                      // percent-decoded
  std::string raw_path;                      // as written, with leading '/', without query
  std::string raw_query;                     // as written, without '?'
};

// nullopt when there is no "scheme://".
std::optional<ParsedUrl> parse_url(std::string_view url);

std::string percent_decode(std::string_view s);
// Encodes everything but unreserved characters (RFC 3986 ALPHA DIGIT - . _ ~).
std::string percent_encode(std::string_view s);

// True for 127.0.0.0/8, ::1 and localhost.
bool is_loopback_host(std::string_view host);

}  // namespace cadence::delivery
