#include "import/slug.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>

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

bool is_ascii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

}  // namespace

std::string make_slug(std::string_view text) {
  std::string latin;
  if (is_ascii(text)) {
    latin.assign(text);
  } else if (icu::Transliterator* t = transliterator()) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    t->transliterate(u);
    u.toUTF8String(latin);
  }
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

}  // namespace cadence::import
