#include <gtest/gtest.h>

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
  auto b = parse_apple_lunar("007800021101");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->year, 1985);
  EXPECT_EQ(b->month, 11u);
  EXPECT_EQ(b->day, 1u);
  auto c = parse_apple_lunar("007700550328");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->year, 1978);
  auto leap = parse_apple_lunar("00780037L0415");
  ASSERT_TRUE(leap) << leap.error().message();
  EXPECT_TRUE(leap->leap);
  EXPECT_EQ(leap->year, 2020);
  EXPECT_FALSE(parse_apple_lunar("0078000213"));
  EXPECT_FALSE(parse_apple_lunar("007800021301"));
}

TEST(Slug, TransliteratesChineseAndDropsPunctuation) {
  EXPECT_EQ(make_slug("李伟"), "li-wei");
  EXPECT_EQ(make_slug("李伟 Acme 科技"), "li-wei-acme-ke-ji");
  EXPECT_EQ(make_slug("  John O'Neil, Jr. "), "john-o-neil-jr");
  EXPECT_EQ(make_slug("José Núñez"), "jose-nunez");
  EXPECT_EQ(make_slug("!!!"), "");
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
