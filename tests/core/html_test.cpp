#include "cadence/html.hpp"

#include <gtest/gtest.h>

namespace cadence {
namespace {

TEST(HtmlEscape, EscapesTheFiveSpecialCharactersAndKeepsEverythingElse) {
  EXPECT_EQ(html_escape(R"(<a href="x">Tom & Jerry's</a>)"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  EXPECT_EQ(html_escape("张总 · 中秋节快乐"), "张总 · 中秋节快乐");
  EXPECT_EQ(html_escape("&amp;"), "&amp;amp;") << "already-escaped text is escaped again";
  EXPECT_EQ(html_escape(""), "");
}

}  // namespace
}  // namespace cadence
