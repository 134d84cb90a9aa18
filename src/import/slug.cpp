#include "import/slug.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace cadence::import {
namespace {

// Creating the transliterator costs tens of milliseconds; build it once.
icu::Transliterator* transliterator() {
  static std::once_flag once;
  static std::unique_ptr<icu::Transliterator> instance;
  std::call_once(once, [] {
    UErrorCode status = U_ZERO_ERROR;
    instance.reset(icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower",
                                                       UTRANS_FORWARD, status));
    if (U_FAILURE(status)) instance.reset();
  });
  return instance.get();
}

std::string transliterate(std::string_view text) {
  std::string latin;
  if (icu::Transliterator* t = transliterator()) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    t->transliterate(u);
    u.toUTF8String(latin);
  }
  return latin;
}

bool is_ascii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// CJK Unified Ideographs and Extension A: three UTF-8 bytes each.
std::optional<char32_t> han_at(std::string_view text, std::size_t i) {
  if (i + 3 > text.size()) return std::nullopt;
  const auto b0 = static_cast<unsigned char>(text[i]), b1 = static_cast<unsigned char>(text[i + 1]),
             b2 = static_cast<unsigned char>(text[i + 2]);
  if ((b0 & 0xF0) != 0xE0 || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return std::nullopt;
  const char32_t cp =
      (char32_t{b0} & 0x0F) << 12 | (char32_t{b1} & 0x3F) << 6 | (char32_t{b2} & 0x3F);
  const bool han = (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
  // ICU's Han-Latin reads the next character for these four (藏文 zàng, 重庆
  // chóng, 沈阳 shěn, 秘鲁 bì); names with them take the full path.
  if (!han || cp == U'藏' || cp == U'重' || cp == U'沈' || cp == U'秘') return std::nullopt;
  return cp;
}

// The transliteration of one ideograph, computed once per process.
std::string syllable(char32_t cp, std::string_view utf8) {
  static std::mutex mutex;
  static std::unordered_map<char32_t, std::string> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(cp);
  if (it == cache.end()) it = cache.emplace(cp, transliterate(utf8)).first;
  return it->second;
}

// What "Any-Latin; Latin-ASCII; Lower" gives for text made only of ASCII and
// the ideographs han_at() accepts, without running ICU's rule engine on the
// whole string (about 150 µs a name; an import of 100,000 names spent most of
// its time here). ICU's Han-Latin maps these one character at a time, and puts
// a space between two ideographs and between a letter and a following
// ideograph, but not between an ideograph and a following Latin letter (Any-Latin
// transliterates the Han run without it): "Acme科技" -> "acme-ke-ji", "科技Acme"
// -> "ke-jiacme". std::nullopt: other text, take the full path.
// make_slug_by_icu() is the reference (tests/import compare the two).
std::optional<std::string> fast_latin(std::string_view text) {
  std::string latin;
  latin.reserve(text.size() * 2);
  bool previous_han = false;  // the last character was an ideograph
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) < 0x80) {
      latin += c;
      previous_han = false;
      ++i;
      continue;
    }
    auto cp = han_at(text, i);
    if (!cp) return std::nullopt;
    if (!latin.empty() && (previous_han || is_ascii_letter(latin.back()))) latin += ' ';
    latin += syllable(*cp, text.substr(i, 3));
    previous_han = true;
    i += 3;
  }
  return latin;
}

std::string slug_of_latin(std::string_view latin) {
  std::string slug;
  bool dash = false;
  for (char ch : latin) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (dash && !slug.empty()) slug += '-';
      dash = false;
      slug += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      if (dash && !slug.empty()) slug += '-';
      dash = false;
      slug += static_cast<char>(c - 'A' + 'a');
    } else {
      dash = true;
    }
  }
  return slug;
}

}  // namespace

std::string make_slug(std::string_view text) {
  if (is_ascii(text)) return slug_of_latin(text);
  if (auto latin = fast_latin(text)) return slug_of_latin(*latin);
  return slug_of_latin(transliterate(text));
}

std::string make_slug_by_icu(std::string_view text) {
  return slug_of_latin(is_ascii(text) ? std::string(text) : transliterate(text));
}

}  // namespace cadence::import
