#include "delivery/mime.hpp"

#include <cctype>
#include <cstdio>

#include "delivery/signing.hpp"

namespace cadence::delivery {
namespace {

constexpr std::size_t kMaxEncodedLine = 76;
constexpr std::string_view kWordPrefix = "=?UTF-8?B?";
constexpr std::string_view kWordSuffix = "?=";

// Length of the UTF-8 sequence starting with byte c (1 for invalid bytes, so
// that garbage never stalls the loop).
std::size_t utf8_length(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 6) return 2;
  if ((c >> 4) == 14) return 3;
  if ((c >> 3) == 30) return 4;
  return 1;
}

bool is_plain_ascii_phrase(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80 || c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

bool needs_quoting(std::string_view s) {
  for (unsigned char c : s) {
    if (!(std::isalnum(c) || c == ' ' ||
          std::string_view("!#$%&'*+-/=?^_`{|}~").find(static_cast<char>(c)) !=
              std::string_view::npos)) {
      return true;
    }
  }
  return false;
}

std::string last_line(const std::string& s) {
  auto nl = s.rfind("\r\n");
  return nl == std::string::npos ? s : s.substr(nl + 2);
}

std::string to_crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

std::string encode_header_text(std::string_view text, std::size_t first_line_used) {
  if (is_plain_ascii_phrase(text) && first_line_used + text.size() <= 998) {
    return std::string(text);
  }
  std::string out;
  std::size_t pos = 0;
  bool first = true;
  do {
    std::size_t room = first ? kMaxEncodedLine - std::min<std::size_t>(first_line_used, 60)
                             : kMaxEncodedLine - 1;  // continuation lines start with a space
    std::size_t b64_room = (room - kWordPrefix.size() - kWordSuffix.size()) / 4 * 4;
    std::size_t max_bytes = std::min<std::size_t>(b64_room / 4 * 3, 45);
    std::size_t end = pos;
    while (end < text.size()) {
      std::size_t len = utf8_length(static_cast<unsigned char>(text[end]));
      if (end + len - pos > max_bytes) break;
      end += len;
    }
    if (end == pos) end = std::min(text.size(), pos + 1);  // cannot happen with max ≥ 3
    if (!first) out += "\r\n ";
    out += kWordPrefix;
    out += base64_encode(text.substr(pos, end - pos));
    out += kWordSuffix;
    pos = end;
    first = false;
  } while (pos < text.size());
  return out;
}

std::string format_mailbox(const Mailbox& m, std::size_t first_line_used) {
  if (m.name.empty()) return m.address;
  std::string phrase;
  if (is_plain_ascii_phrase(m.name)) {
    if (needs_quoting(m.name)) {
      phrase = "\"";
      for (char c : m.name) {
        if (c == '"' || c == '\\') phrase += '\\';
        phrase += c;
      }
      phrase += "\"";
    } else {
      phrase = m.name;
    }
  } else {
    phrase = encode_header_text(m.name, first_line_used);
  }
  std::string angle = "<" + m.address + ">";
  std::string line = last_line(phrase);
  std::size_t used =
      phrase.find("\r\n") == std::string::npos ? first_line_used + line.size() : line.size();
  // Keep lines with encoded words ≤ 76 characters: fold before the address.
  if (used + 1 + angle.size() > kMaxEncodedLine) return phrase + "\r\n " + angle;
  return phrase + " " + angle;
}

std::string format_rfc5322_date(Instant t, int utc_offset_minutes) {
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  Instant local = t + std::chrono::minutes{utc_offset_minutes};
  auto days = std::chrono::floor<std::chrono::days>(local);
  std::chrono::year_month_day ymd{days};
  std::chrono::weekday wd{days};
  std::chrono::hh_mm_ss hms{local - days};
  int off = utc_offset_minutes < 0 ? -utc_offset_minutes : utc_offset_minutes;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d %c%02d%02d",
                kDays[wd.c_encoding()], static_cast<unsigned>(ymd.day()),
                kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()), utc_offset_minutes < 0 ? '-' : '+',
                off / 60, off % 60);
  return buf;
}

std::string base64_lines(std::string_view data) {
  std::string encoded = base64_encode(data);
  std::string out;
  out.reserve(encoded.size() + encoded.size() / 76 * 2 + 2);
  for (std::size_t i = 0; i < encoded.size(); i += 76) {
    out += encoded.substr(i, 76);
    out += "\r\n";
  }
  return out;
}

bool is_valid_address(std::string_view a) {
  auto at = a.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= a.size()) return false;
  if (a.find('@', at + 1) != std::string_view::npos) return false;
  for (unsigned char c : a) {
    if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '"' || c == ',' || c == ';' ||
        c == '(' || c == ')' || c == '[' || c == ']' || c == '\\') {
      return false;
    }
  }
  std::string_view domain = a.substr(at + 1);
  if (domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos) {
    return false;
  }
  return domain.find('.') != std::string_view::npos || domain == "localhost";
}

std::string build_email(const EmailMessage& m) {
  std::string out;
  out += "Date: " + format_rfc5322_date(m.date, m.utc_offset_minutes) + "\r\n";
  out += "From: " + format_mailbox(m.from, 6) + "\r\n";
  out += "To: ";
  for (std::size_t i = 0; i < m.to.size(); ++i) {
    if (i > 0) out += ",\r\n ";
    out += format_mailbox(m.to[i], i == 0 ? 4 : 1);
  }
  out += "\r\n";
  out += "Subject: " + encode_header_text(m.subject, 9) + "\r\n";
  out += "Message-ID: <" + m.message_id + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  // "=_" cannot occur in base64 bodies, so the boundary never collides.
  std::string boundary = "=_cadence_" + hex_lower(sha256(m.message_id)).substr(0, 16);
  auto part = [&](const char* type, const std::string& body) {
    std::string p;
    p += std::string("Content-Type: ") + type + "; charset=UTF-8\r\n";
    p += "Content-Transfer-Encoding: base64\r\n\r\n";
    p += base64_lines(to_crlf(body));
    return p;
  };
  if (m.html.empty()) {
    out += part("text/plain", m.text);
    return out;
  }
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  out += "--" + boundary + "\r\n" + part("text/plain", m.text);
  out += "--" + boundary + "\r\n" + part("text/html", m.html);
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace cadence::delivery
