// Stable external ids ("slugs") derived from names in any script.
#pragma once

#include <string>
#include <string_view>

namespace cadence::import {

// Lower-case ASCII letters, digits and single dashes: Chinese is transliterated
// to pinyin without tones ("李伟 Acme" -> "li-wei-acme"), accents are dropped
// ("José" -> "jose"). Deterministic for a given ICU version. Text with nothing
// transliterable gives "" (callers fall back to another id).
std::string make_slug(std::string_view text);

// The same slug computed by running ICU's transliterator on the whole text:
// the reference make_slug()'s faster path for Chinese names must agree with.
std::string make_slug_by_icu(std::string_view text);

}  // namespace cadence::import
