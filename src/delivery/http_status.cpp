// Generic HTTP answer classification and Retry-After parsing.
#include <cctype>
#include <cstdio>
#include <cstring>

#include "delivery/http.hpp"

namespace cadence::delivery {
namespace {

int month_index(const char* name) {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int i = 0; i < 12; ++i) {
    if (std::strcmp(kMonths[i], name) == 0) return i + 1;
  }
  return 0;
}

// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the form RFC 9110 senders use.
std::optional<Instant> parse_http_date(const std::string& value) {
  char weekday[4] = {};
  char month[4] = {};
  char zone[4] = {};
  int day = 0, year = 0, hh = 0, mm = 0, ss = 0;
  if (std::sscanf(value.c_str(), "%3s, %d %3s %d %d:%d:%d %3s", weekday, &day, month, &year, &hh,
                  &mm, &ss, zone) != 8) {
    return std::nullopt;
  }
  int mon = month_index(month);
  if (mon == 0 || std::strcmp(zone, "GMT") != 0) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{year},
                                  std::chrono::month{static_cast<unsigned>(mon)},
                                  std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok() || hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  return Instant{std::chrono::sys_days{ymd}} + std::chrono::hours{hh} + std::chrono::minutes{mm} +
         std::chrono::seconds{ss};
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_retry_after(const std::string& raw, Instant now) {
  std::string value = raw;
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.pop_back();
  std::size_t start = value.find_first_not_of(" \t");
  if (start == std::string::npos) return std::nullopt;
  value = value.substr(start);
  if (std::isdigit(static_cast<unsigned char>(value[0]))) {
    // delta-seconds; a fraction (seen from some services) is tolerated.
    char* end = nullptr;
    double seconds = std::strtod(value.c_str(), &end);
    if (end == nullptr || *end != '\0' || seconds < 0 || seconds > 1e7) return std::nullopt;
    return std::chrono::milliseconds{static_cast<long long>(seconds * 1000.0 + 0.5)};
  }
  auto when = parse_http_date(value);
  if (!when) return std::nullopt;
  if (*when <= now) return std::chrono::milliseconds{0};
  return std::chrono::duration_cast<std::chrono::milliseconds>(*when - now);
}

std::string body_excerpt(const std::string& body, std::size_t max) {
  std::string out;
  std::size_t i = 0;
  while (i < body.size() && out.size() < max) {
    unsigned char c = static_cast<unsigned char>(body[i]);
    std::size_t len = c < 0x80         ? 1
                      : (c >> 5) == 6  ? 2
                      : (c >> 4) == 14 ? 3
                      : (c >> 3) == 30 ? 4
                                       : 1;
    if (i + len > body.size() || out.size() + len > max) break;
    if (len == 1 && (c < 0x20 || c == 0x7f || c >= 0x80)) {
      out += ' ';
    } else {
      out.append(body, i, len);
    }
    i += len;
  }
  if (i < body.size()) out += "…";
  return out;
}

SendResult classify_http_status(const HttpResponse& r, Instant now) {
  SendResult out;
  out.status = r.status;
  if (r.status == 0) {
    out.outcome = Outcome::kRetryable;
    out.detail = r.timed_out ? "timed out: " + r.transport_error : r.transport_error;
    return out;
  }
  if (auto it = r.headers.find("retry-after"); it != r.headers.end()) {
    out.retry_after = parse_retry_after(it->second, now);
  }
  out.detail = "HTTP " + std::to_string(r.status);
  if (!r.body.empty()) out.detail += ": " + body_excerpt(r.body);
  if (r.status >= 200 && r.status < 300) {
    out.outcome = Outcome::kDelivered;
  } else if (r.status == 408 || r.status == 429 || r.status == 500 || r.status == 502 ||
             r.status == 503 || r.status == 504) {
    out.outcome = Outcome::kRetryable;
  } else {
    out.outcome = Outcome::kPermanent;  // other 4xx, 3xx (redirects are not followed), 501, 505…
  }
  return out;
}

}  // namespace cadence::delivery
