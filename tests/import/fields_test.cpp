#include <gtest/gtest.h>

#include <random>

#include "cadence/lunar.hpp"
#include "import/csv_reader.hpp"
#include "import/fields.hpp"
#include "import/slug.hpp"

namespace cadence::import {
namespace {

TEST(Birthday, AcceptsTheFormsPhonesSpreadsheetsAndOutlookWrite) {
  struct Case {
    const char* text;
    std::optional<int> year;
    unsigned month, day;
  };
  for (const Case& c :
       {Case{"1984-08-15", 1984, 8, 15}, Case{"19840815", 1984, 8, 15},
        Case{"--0815", std::nullopt, 8, 15}, Case{"--08-15", std::nullopt, 8, 15},
        Case{"08-15", std::nullopt, 8, 15}, Case{"1984/8/15", 1984, 8, 15},
        Case{"8/15/1984", 1984, 8, 15}, Case{"1984年8月15日", 1984, 8, 15},
        Case{"8月15日", std::nullopt, 8, 15}, Case{"1953-10-15T23:10:00Z", 1953, 10, 15},
        Case{"--02-29", std::nullopt, 2, 29}}) {
    auto b = parse_birthday(c.text);
    ASSERT_TRUE(b) << c.text << ": " << b.error().message();
    EXPECT_EQ(b->year, c.year) << c.text;
    EXPECT_EQ(b->month, c.month) << c.text;
    EXPECT_EQ(b->day, c.day) << c.text;
  }
}

TEST(Birthday, RejectsImpossibleDatesSayingWhy) {
  auto b = parse_birthday("2023-02-30");
  ASSERT_FALSE(b);
  EXPECT_NE(b.error().message().find("2023-02-30"), std::string::npos) << b.error().message();
  EXPECT_FALSE(parse_birthday("2023-02-29"));
  EXPECT_FALSE(parse_birthday("--13-01"));
  EXPECT_FALSE(parse_birthday("--04-31"));
  EXPECT_FALSE(parse_birthday("yesterday"));
  EXPECT_EQ(format_birthday(*parse_birthday("--0229")), "--02-29");
  EXPECT_EQ(format_birthday(*parse_birthday("19840815")), "1984-08-15");
}

TEST(LunarBirthday, ReadsNumericAndChineseForms) {
  auto a = parse_lunar_birthday("八月十五");
  ASSERT_TRUE(a) << a.error().message();
  EXPECT_EQ(a->month, 8u);
  EXPECT_EQ(a->day, 15u);
  EXPECT_FALSE(a->leap);
  auto b = parse_lunar_birthday("闰四月初八");
  ASSERT_TRUE(b);
  EXPECT_TRUE(b->leap);
  EXPECT_EQ(b->month, 4u);
  EXPECT_EQ(b->day, 8u);
  auto c = parse_lunar_birthday("农历1985年腊月廿三");
  ASSERT_TRUE(c) << c.error().message();
  EXPECT_EQ(c->year, 1985);
  EXPECT_EQ(c->month, 12u);
  EXPECT_EQ(c->day, 23u);
  auto d = parse_lunar_birthday("正月初一");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->month, 1u);
  auto e = parse_lunar_birthday("2020-L04-15");  // 2020 has a leap 4th month
  ASSERT_TRUE(e) << e.error().message();
  EXPECT_TRUE(e->leap);
  EXPECT_EQ(format_lunar_birthday(*e), "2020-L04-15");
  EXPECT_EQ(format_lunar_birthday(*parse_lunar_birthday("十一月三十")), "11-30");
}

TEST(LunarBirthday, RejectsMonthThirteenDayThirtyOneAndMissingLeapMonths) {
  auto m13 = parse_lunar_birthday("农历十三月初一");
  ASSERT_FALSE(m13);
  EXPECT_NE(m13.error().message().find("no lunar month 13"), std::string::npos)
      << m13.error().message();
  EXPECT_FALSE(parse_lunar_birthday("13-01"));
  EXPECT_FALSE(parse_lunar_birthday("08-31"));
  EXPECT_FALSE(parse_lunar_birthday("2021-L04-15"));  // 2021 has no leap month
}

TEST(AppleLunar, CycleSeventyEightYearOneIs1984) {
  auto a = parse_apple_lunar("007800010101");
  ASSERT_TRUE(a) << a.error().message();
  EXPECT_EQ(a->year, 1984);
  EXPECT_EQ(a->month, 1u);
  EXPECT_EQ(a->day, 1u);
  EXPECT_FALSE(a->leap);
  // "The lunar year beginning in 1984": its 正月初一 is 1984-02-02 (甲子年).
  auto new_year = from_lunar(LunarDate{*a->year, a->month, a->day, false});
  ASSERT_TRUE(new_year);
  EXPECT_EQ(format_date(*new_year), "1984-02-02");
  auto b = parse_apple_lunar("007800021101");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->year, 1985);
  EXPECT_EQ(b->month, 11u);
  EXPECT_EQ(b->day, 1u);
  auto c = parse_apple_lunar("007700550328");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->year, 1978);
  EXPECT_EQ(c->month, 3u);
  EXPECT_EQ(c->day, 28u);
  // Cycle boundaries: the year before cycle 78 and the first of cycle 79.
  EXPECT_EQ(parse_apple_lunar("007700600101")->year, 1983);
  EXPECT_EQ(parse_apple_lunar("007900010101")->year, 2044);
  EXPECT_EQ(parse_apple_lunar(" 007800310318 ")->year, 2014);
}

// Apple's leap-month marker is an assumption (docs/IMPORT.md): 'L' just before
// or just after the month digits; anywhere else, twice, or for a leap month the
// year does not have, the value is rejected rather than guessed.
TEST(AppleLunar, LeapMonthMarker) {
  for (const char* text : {"00780037L0415", "0078003704L15", "00780037l0415"}) {
    auto leap = parse_apple_lunar(text);
    ASSERT_TRUE(leap) << text << ": " << leap.error().message();
    EXPECT_TRUE(leap->leap) << text;
    EXPECT_EQ(leap->year, 2020) << text;  // 2020 has a leap fourth month (闰四月)
    EXPECT_EQ(leap->month, 4u) << text;
    EXPECT_EQ(leap->day, 15u) << text;
    auto gregorian = from_lunar(LunarDate{2020, 4, 15, true});
    ASSERT_TRUE(gregorian);
    EXPECT_EQ(format_date(*gregorian), "2020-06-06");
  }
  EXPECT_FALSE(parse_apple_lunar("007800370415")->leap);
  auto no_leap_month = parse_apple_lunar("00780038L0415");  // 2021 has no leap month
  ASSERT_FALSE(no_leap_month);
  EXPECT_EQ(no_leap_month.error().code(), ErrorCode::kInvalidInput);
  for (const char* text :
       {"0078L00370415", "00780037L04L15", "007800370415L", "L007800370415", "0078000213",
        "007800021301", "007800610101", "000000010101", "0078-0037-0415", "00780037X0415", ""}) {
    EXPECT_FALSE(parse_apple_lunar(text)) << text;
  }
  auto m13 = parse_apple_lunar("007800021301");
  EXPECT_NE(m13.error().message().find("there is no lunar month 13"), std::string::npos)
      << m13.error().message();
}

TEST(Slug, TransliteratesChineseAndDropsPunctuation) {
  EXPECT_EQ(make_slug("李伟"), "li-wei");
  EXPECT_EQ(make_slug("李伟 Acme 科技"), "li-wei-acme-ke-ji");
  EXPECT_EQ(make_slug("  John O'Neil, Jr. "), "john-o-neil-jr");
  EXPECT_EQ(make_slug("José Núñez"), "jose-nunez");
  EXPECT_EQ(make_slug("!!!"), "");
}

// make_slug() maps Chinese names one ideograph at a time instead of running
// ICU's rule engine on the whole text; ids must not depend on which path ran.
TEST(Slug, FastPathAgreesWithTheIcuTransliterator) {
  for (const char* text : {"李伟", "李伟 Acme 科技", "Acme科技", "科技Acme", "公司1", "1公司",
                           "王芳A", "a王", "联系人123", "李.伟", "藏文", "重庆公司", "沈阳秘鲁",
                           "𠀀先生", "José 王", "王-芳", "李伟Ｂ"}) {
    EXPECT_EQ(make_slug(text), make_slug_by_icu(text)) << text;
  }
  EXPECT_EQ(make_slug("科技Acme"), "ke-jiacme");  // ICU's own spacing, kept
  EXPECT_EQ(make_slug("Acme科技"), "acme-ke-ji");
  std::mt19937 rng(20261127);
  std::string ascii = "\t";
  for (char c = 0x20; c < 0x7f; ++c) ascii += c;
  for (int n = 0; n < 3000; ++n) {
    std::string text;
    for (int k = 0, len = 1 + static_cast<int>(rng() % 8); k < len; ++k) {
      if (rng() % 3 == 0) {
        text += ascii[rng() % ascii.size()];
        continue;
      }
      // CJK Unified Ideographs, sometimes Extension A.
      const std::uint32_t cp =
          rng() % 5 == 0 ? 0x3400 + rng() % (0x4DBF - 0x3400 + 1) : 0x4E00 + rng() % 0x5200;
      text += static_cast<char>(0xE0 | (cp >> 12));
      text += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      text += static_cast<char>(0x80 | (cp & 0x3F));
    }
    ASSERT_EQ(make_slug(text), make_slug_by_icu(text)) << text;
  }
}

TEST(CsvReader, HandlesQuotesMultilineFieldsAndReportsMalformedQuoting) {
  auto recs = read_csv("a,b\r\n\"x, y\",\"line1\nline2\"\n\"q\"\"q\",z\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[1].fields[0], "x, y");
  EXPECT_EQ(recs[1].fields[1], "line1\nline2");
  EXPECT_EQ(recs[2].line, 4);
  EXPECT_EQ(recs[2].fields[0], "q\"q");

  auto bad = read_csv("a,b\nx\"y,z\n\"ab\"c,d\n\"open,e\nmore\n");
  ASSERT_EQ(bad.size(), 4u);
  EXPECT_NE(bad[1].error.find("quote inside unquoted"), std::string::npos);
  EXPECT_NE(bad[2].error.find("after the closing quote"), std::string::npos);
  EXPECT_NE(bad[3].error.find("never closed"), std::string::npos);
  EXPECT_EQ(bad[3].line, 4);

  auto semicolons = read_csv("name;company\nA;B\n");
  ASSERT_EQ(semicolons[1].fields.size(), 2u);
}

}  // namespace
}  // namespace cadence::import
