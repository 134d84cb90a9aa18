// The small text helpers behind the loader's messages: suggestions and UTF-8.
#include <gtest/gtest.h>

#include "config/suggest.hpp"
#include "config/utf8.hpp"

namespace cadence::config_internal {
namespace {

TEST(EditDistance, CountsEditsAndSwaps) {
  EXPECT_EQ(edit_distance("timezone", "timezone"), 0u);
  EXPECT_EQ(edit_distance("timzone", "timezone"), 1u);
  EXPECT_EQ(edit_distance("teir", "tier"), 1u);  // neighbours swapped
  EXPECT_EQ(edit_distance("Locale", "locale"), 0u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(DidYouMean, OnlyForCloseMatches) {
  const std::vector<std::string> keys = {"timezone", "locale", "owners"};
  EXPECT_EQ(did_you_mean("timezon", keys), " (did you mean 'timezone'?)");
  EXPECT_EQ(did_you_mean("owner", keys), " (did you mean 'owners'?)");
  EXPECT_EQ(did_you_mean("colour", keys), "");
  EXPECT_EQ(did_you_mean("x", {}), "");
}

TEST(FindInvalidUtf8, AcceptsValidText) {
  EXPECT_EQ(find_invalid_utf8("plain ascii\n"), std::nullopt);
  EXPECT_EQ(find_invalid_utf8("张伟 ☕ \xF0\x9F\x98\x80\n"), std::nullopt);
}

TEST(FindInvalidUtf8, LocatesTheFirstBadByte) {
  auto p = find_invalid_utf8("a: 1\nb: \xFF\n");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->line, 2);
  EXPECT_EQ(p->column, 4);
  EXPECT_EQ(p->offset, 8u);
  // Columns count bytes, like yaml-cpp's marks: 张 is three bytes.
  p = find_invalid_utf8("张\x80");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->column, 4);
}

TEST(FindInvalidUtf8, RejectsOverlongSurrogatesAndTruncation) {
  EXPECT_TRUE(find_invalid_utf8("\xC0\xAF").has_value());          // overlong '/'
  EXPECT_TRUE(find_invalid_utf8("\xE0\x80\xAF").has_value());      // overlong
  EXPECT_TRUE(find_invalid_utf8("\xED\xA0\x80").has_value());      // UTF-16 surrogate
  EXPECT_TRUE(find_invalid_utf8("\xF4\x90\x80\x80").has_value());  // above U+10FFFF
  EXPECT_TRUE(find_invalid_utf8("ok \xE5\xBC").has_value());       // cut short
}

}  // namespace
}  // namespace cadence::config_internal
