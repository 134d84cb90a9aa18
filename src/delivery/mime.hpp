// RFC 5322 / MIME message building for email reminders: RFC 2047 encoded
// headers, multipart/alternative text + HTML, base64 UTF-8 bodies, CRLF line
// ends, no line over 998 characters (encoded lines stay ≤ 76).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cadence/time.hpp"

namespace cadence::delivery {

struct Mailbox {
  std::string name;     // display name, any script; may be empty
  std::string address;  // addr-spec, ASCII
};

struct EmailMessage {
  Mailbox from;
  std::vector<Mailbox> to;
  std::string subject;     // UTF-8
  std::string text;        // UTF-8, LF or CRLF line ends
  std::string html;        // UTF-8; empty = text/plain only
  std::string message_id;  // without <>; "key@domain"
  Instant date{};
  int utc_offset_minutes = 0;  // for the Date header's zone
};

// The whole message, CRLF line ends, ready for SMTP DATA (libcurl dot-stuffs).
std::string build_email(const EmailMessage& message);

// RFC 2047 "B" encoded words for UTF-8 text: each word ≤ 75 characters and
// holding whole characters; words joined by CRLF SP (folded). Pure ASCII
// text without specials is returned unchanged.
// `first_line_used` = characters already on the first line (e.g. "Subject: ").
std::string encode_header_text(std::string_view text, std::size_t first_line_used);

// A From/To mailbox: `=?UTF-8?B?…?= <a@b>`, `"Quoted (x)" <a@b>`, or `a@b`.
std::string format_mailbox(const Mailbox& m, std::size_t first_line_used);

// RFC 5322 date: "Thu, 20 Aug 2026 09:00:00 +0800".
std::string format_rfc5322_date(Instant t, int utc_offset_minutes);

// Base64 broken into 76-character CRLF lines.
std::string base64_lines(std::string_view data);

// A plausible ASCII addr-spec: one '@', non-empty local part and a dotted (or
// localhost) domain, no spaces, brackets, quotes or control characters.
bool is_valid_address(std::string_view address);

}  // namespace cadence::delivery
