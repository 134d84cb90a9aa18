// vCard text in every charset the importer claims, per field (CHARSET=, raw and
// quoted-printable) and per file (UTF-8, GB18030 detected and forced): each
// value is decoded exactly once. The encoded bytes below were made with
// Python's codecs, not with ICU (which the importer uses), so the test does not
// check ICU against itself.
#include <gtest/gtest.h>

#include <string>

#include "cadence/store.hpp"
#include "import/importer.hpp"
#include "temp_dir.hpp"

namespace cadence::import {
namespace {

using cadence::testing::TempDir;

struct CharsetCase {
  const char* label;    // test name suffix
  const char* charset;  // as written in CHARSET=
  std::string bytes;    // `expected` in that charset
  const char* expected;
};

// 表 and ソ in Shift_JIS end in 0x5C, a backslash: decoding after unescaping
// would eat it.
const CharsetCase kCases[] = {
    {"Gbk", "GBK", "\xC0\xEE\xC0\xD7", "李雷"},
    {"GbkThreeChars", "GBK", "\xBA\xAB\xC3\xB7\xC3\xB7", "韩梅梅"},
    {"Gb18030FourByte", "GB18030", "\x95\x32\x82\x36\xCF\xC8\xC9\xFA", "𠀀先生"},
    {"Big5", "BIG5", "\xC1\xFA\xB1\xF6\xB1\xF6", "韓梅梅"},
    {"Big5AsciiTrailByte", "Big5", "\xA7\xF5\xB9\x70", "李雷"},
    {"ShiftJisBackslashTrailBytes", "SHIFT_JIS", "\x95\x5C\x8C\x76\x8E\x5A\x83\x5C\x83\x74\x83\x67",
     "表計算ソフト"},
    {"Latin1", "ISO-8859-1", "Jos\xE9 M\xFCller", "José Müller"},
    {"Utf8Declared", "UTF-8", "李雷", "李雷"},
};

std::string quoted_printable(const std::string& bytes) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bytes) {
    out += '=';
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  return out;
}

class VcardCharsetTest : public ::testing::TestWithParam<CharsetCase> {
 protected:
  std::unique_ptr<Store> open() {
    StoreOptions o;
    o.path = dir_.file("charset.db");
    auto s = open_sqlite_store(o);
    EXPECT_TRUE(s) << s.error().message();
    return std::move(s.value());
  }
  // Imports `bytes` as FILE.vcf and returns the one contact's name.
  std::string imported_name(const std::string& bytes, ImportOptions options = {}) {
    auto r = import_bytes(*store_, bytes, "phone.vcf", options);
    if (!r) return "error: " + r.error().message();
    if (!r->problems.empty()) return "problem: " + r->problems.front().to_string();
    auto list = store_->list_contacts({});
    if (!list || list->size() != 1) return "not one contact";
    return list->front().name;
  }
  TempDir dir_;
  std::unique_ptr<Store> store_ = open();
};

TEST_P(VcardCharsetTest, RawFieldWithDeclaredCharsetIsDecodedOnce) {
  const CharsetCase& c = GetParam();
  const std::string card = std::string("BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=") + c.charset +
                           ":" + c.bytes + "\r\nTEL;CELL:13800000000\r\nEND:VCARD\r\n";
  EXPECT_EQ(imported_name(card), c.expected);
}

TEST_P(VcardCharsetTest, QuotedPrintableFieldWithDeclaredCharsetIsDecodedOnce) {
  const CharsetCase& c = GetParam();
  const std::string card = std::string("BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=") + c.charset +
                           ";ENCODING=QUOTED-PRINTABLE:" + quoted_printable(c.bytes) +
                           "\r\nEND:VCARD\r\n";
  EXPECT_EQ(imported_name(card), c.expected);
}

TEST_P(VcardCharsetTest, DeclaredCharsetBesideUtf8FieldsDecodesEachOnce) {
  // The probe's file: one GBK field among UTF-8 ones made the whole file look
  // like GB18030, and the GBK field was then converted a second time.
  const CharsetCase& c = GetParam();
  const std::string card = std::string("BEGIN:VCARD\r\nVERSION:3.0\r\nFN;CHARSET=") + c.charset +
                           ":" + c.bytes + "\r\nTITLE:采购总监\r\nEND:VCARD\r\n";
  EXPECT_EQ(imported_name(card), c.expected);
  auto list = store_->list_contacts({});
  ASSERT_TRUE(list && list->size() == 1);
  EXPECT_EQ(list->front().title, "采购总监");
}

INSTANTIATE_TEST_SUITE_P(Charsets, VcardCharsetTest, ::testing::ValuesIn(kCases),
                         [](const auto& param_info) {
                           return std::string(param_info.param.label);
                         });

class VcardFileEncodingTest : public VcardCharsetTest {};

TEST_F(VcardFileEncodingTest, Utf8FileNeedsNoCharset) {
  EXPECT_EQ(imported_name("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:韩梅梅\r\nEND:VCARD\r\n"), "韩梅梅");
}

TEST_F(VcardFileEncodingTest, Gb18030FileWithoutCharsetIsDetected) {
  auto r = import_bytes(*store_,
                        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:\xBA\xAB\xC3\xB7\xC3\xB7\r\n"
                        "N:\xC3\xB7\xC3\xB7;\xBA\xAB;;;\r\nEND:VCARD\r\n",
                        "phone.vcf", {});
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->encoding, "gb18030");
  auto list = store_->list_contacts({});
  ASSERT_TRUE(list && list->size() == 1);
  EXPECT_EQ(list->front().name, "韩梅梅");
}

TEST_F(VcardFileEncodingTest, ForcedGb18030AppliesToValuesWithoutCharsetOnly) {
  ImportOptions forced;
  forced.encoding = Encoding::kGb18030;
  const std::string card =
      "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:\xC0\xEE\xC0\xD7\r\n"
      "TITLE;CHARSET=BIG5:\xC1\xFA\r\nEND:VCARD\r\n";
  EXPECT_EQ(imported_name(card, forced), "李雷");
  auto list = store_->list_contacts({});
  ASSERT_TRUE(list && list->size() == 1);
  EXPECT_EQ(list->front().title, "韓");
}

TEST_F(VcardFileEncodingTest, ForcedUtf8RefusesOtherBytesNamingTheLine) {
  ImportOptions forced;
  forced.encoding = Encoding::kUtf8;
  const std::string got =
      imported_name("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:\xC0\xEE\xC0\xD7\r\nEND:VCARD\r\n", forced);
  EXPECT_EQ(got, "problem: phone.vcf:3: FN: value is not valid UTF-8 (missing CHARSET parameter?)");
}

TEST_F(VcardFileEncodingTest, Utf8FileWithByteOrderMarkIsAVcard) {
  EXPECT_EQ(imported_name("\xEF\xBB\xBF"
                          "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:李雷\r\nEND:VCARD\r\n"),
            "李雷");
}

TEST_F(VcardFileEncodingTest, UnknownCharsetIsAProblemNamingIt) {
  const std::string got =
      imported_name("BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=X-NO-SUCH:abc\r\nEND:VCARD\r\n");
  EXPECT_EQ(got, "problem: phone.vcf:3: FN: unknown charset X-NO-SUCH");
}

TEST_F(VcardFileEncodingTest, TextBirthdayIsSkippedWithAWarningNamingTheCard) {
  auto r = import_bytes(*store_,
                        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Old Friend\r\n"
                        "BDAY;VALUE=text:circa 1800\r\nEND:VCARD\r\n",
                        "phone.vcf", {});
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_TRUE(r->committed);
  EXPECT_EQ(r->added, 1);
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0], "phone.vcf:4: BDAY;VALUE=text 'circa 1800' ignored (not a date)");
}

}  // namespace
}  // namespace cadence::import
