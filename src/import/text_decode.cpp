#include "import/text_decode.hpp"

#include <unicode/ucnv.h>

#include <memory>

namespace cadence::import {

std::size_t find_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    unsigned min = 0;
    unsigned cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, min = 0x10000, cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > s.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

Result<std::string> convert_charset(std::string_view bytes, const std::string& charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(charset.c_str(), &status),
                                                          &ucnv_close);
  if (U_FAILURE(status)) return Error::invalid_input("unknown charset " + charset);
  // Stop at the first unmappable byte instead of substituting U+FFFD: a wrong
  // guess must fail, not import mojibake.
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::u16string utf16(bytes.size() + 1, u'\0');
  status = U_ZERO_ERROR;
  const int32_t n16 = ucnv_toUChars(conv.get(), utf16.data(), static_cast<int32_t>(utf16.size()),
                                    bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) return Error::invalid_input("bytes are not valid " + charset);
  utf16.resize(static_cast<std::size_t>(n16));
  std::unique_ptr<UConverter, decltype(&ucnv_close)> utf8(ucnv_open("UTF-8", &status), &ucnv_close);
  std::string out(utf16.size() * 3 + 1, '\0');
  status = U_ZERO_ERROR;
  const int32_t n8 = ucnv_fromUChars(utf8.get(), out.data(), static_cast<int32_t>(out.size()),
                                     utf16.data(), static_cast<int32_t>(utf16.size()), &status);
  if (U_FAILURE(status)) return Error::invalid_input("cannot convert " + charset + " to UTF-8");
  out.resize(static_cast<std::size_t>(n8));
  return out;
}

Status check_text_bytes(std::string_view bytes, const std::string& file_name) {
  if (bytes.empty()) return Error::invalid_input(file_name + ": the file is empty");
  // Control bytes other than tab/CR/LF/FF do not occur in CSV or vCard text.
  const std::size_t scan = std::min<std::size_t>(bytes.size(), 64 * 1024);
  for (std::size_t i = 0; i < scan; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f') {
      return Error::invalid_input(file_name + ": not a text file (binary byte 0x" +
                                  std::string(1, "0123456789abcdef"[c >> 4]) +
                                  std::string(1, "0123456789abcdef"[c & 15]) + " at offset " +
                                  std::to_string(i) + ")");
    }
  }
  return ok_status();
}

Result<VcardBytes> vcard_bytes(std::string_view bytes, Encoding encoding,
                               const std::string& file_name) {
  if (Status s = check_text_bytes(bytes, file_name); !s) return s.error();
  const bool bom = bytes.substr(0, 3) == "\xEF\xBB\xBF";
  VcardBytes out;
  out.body = bom ? bytes.substr(3) : bytes;
  if (out.body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Error::invalid_input(file_name + ": the file is empty");
  }
  switch (encoding) {
    case Encoding::kUtf8:
      break;
    case Encoding::kGb18030:
      out.charset = {"GB18030", true};
      break;
    case Encoding::kAuto:
      if (!bom) out.charset = {"GB18030", false};
      break;
  }
  return out;
}

Result<DecodedText> decode_text(std::string_view bytes, Encoding encoding,
                                const std::string& file_name) {
  if (Status s = check_text_bytes(bytes, file_name); !s) return s.error();
  const bool bom = bytes.substr(0, 3) == "\xEF\xBB\xBF";
  if (encoding != Encoding::kGb18030) {
    const std::string_view body = bom ? bytes.substr(3) : bytes;
    const std::size_t bad = find_invalid_utf8(body);
    if (bad == std::string_view::npos) {
      if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return Error::invalid_input(file_name + ": the file is empty");
      }
      return DecodedText{std::string(body), "utf-8"};
    }
    if (encoding == Encoding::kUtf8 || bom) {
      return Error::invalid_input(file_name + ": invalid UTF-8 at byte offset " +
                                  std::to_string(bad + (bom ? 3 : 0)) +
                                  " (try --encoding gb18030)");
    }
  }
  auto converted = convert_charset(bytes, "GB18030");
  if (!converted) {
    return Error::invalid_input(file_name + (encoding == Encoding::kGb18030
                                                 ? ": not valid GB18030 text"
                                                 : ": neither UTF-8 nor GB18030 text; convert it "
                                                   "to UTF-8 or pass --encoding"));
  }
  return DecodedText{std::move(*converted), "gb18030"};
}

}  // namespace cadence::import
