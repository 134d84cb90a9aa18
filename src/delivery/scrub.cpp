// Secret scrubbing of outside text (see scrub.hpp).
#include "delivery/scrub.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

#include "delivery/url.hpp"

namespace cadence::delivery {
namespace {

constexpr std::size_t kMinFieldSecret = 4;  // explicit secret fields
constexpr std::size_t kMinUrlPiece = 12;    // URL parts that may be credentials

void add(std::vector<std::string>& out, std::string_view s, std::size_t min_size) {
  if (s.size() >= min_size) out.emplace_back(s);
}

// A URL part as written and decoded, and a Telegram "bot<token>" without "bot".
void add_url_piece(std::vector<std::string>& out, std::string_view piece) {
  add(out, piece, kMinUrlPiece);
  add(out, percent_decode(piece), kMinUrlPiece);
  add(out, percent_encode(percent_decode(piece)), kMinUrlPiece);
  if (piece.substr(0, 3) == "bot") add_url_piece(out, piece.substr(3));
}

// Splits `s` at any of `separators` and adds each piece.
void add_pieces(std::vector<std::string>& out, std::string_view s, std::string_view separators) {
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t end = std::min(s.find_first_of(separators, start), s.size());
    if (end > start) add_url_piece(out, s.substr(start, end - start));
    start = end + 1;
  }
}

std::vector<std::string> secrets_of(const ChannelSpec& ch) {
  std::vector<std::string> out;
  for (const std::string* field : {&ch.secret, &ch.token, &ch.password, &ch.email.password}) {
    add(out, *field, kMinFieldSecret);
    add(out, percent_encode(*field), kMinFieldSecret);
  }
  if (!ch.url.empty()) {
    add(out, ch.url, kMinUrlPiece);
    if (auto url = parse_url(ch.url)) {
      for (const std::string* part : {&url->user, &url->password}) {
        add(out, *part, kMinFieldSecret);
        add(out, percent_encode(*part), kMinFieldSecret);
      }
      add_pieces(out, url->raw_path, "/");
      add_pieces(out, url->raw_query, "&=");
      add_url_piece(out, url->fragment);
    }
  }
  std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::string scrub_secrets(std::string text, const ChannelSpec& channel) {
  for (const auto& secret : secrets_of(channel)) {
    for (std::size_t at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + 3)) {
      text.replace(at, secret.size(), "***");
    }
  }
  return text;
}

}  // namespace cadence::delivery
