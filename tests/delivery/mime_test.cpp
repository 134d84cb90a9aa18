#include <gtest/gtest.h>

#include "delivery/mime.hpp"
#include "delivery/signing.hpp"

namespace cadence::delivery {
namespace {

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    auto end = s.find("\r\n", start);
    if (end == std::string::npos) end = s.size();
    out.push_back(s.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

TEST(Mime, AsciiSubjectIsLeftAlone) {
  EXPECT_EQ(encode_header_text("Call Li Wei", 9), "Call Li Wei");
}

TEST(Mime, LongChineseSubjectIsSplitIntoWholeCharacterWords) {
  std::string subject =
      "联系提醒：李伟（阿克米科技采购部总监）已经四十五天没有联系了，请今天打个电话问候一下";
  std::string encoded = encode_header_text(subject, 9);
  auto lines = lines_of(encoded);
  ASSERT_GT(lines.size(), 1u);
  std::string decoded;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string word = i == 0 ? lines[i] : lines[i].substr(1);  // continuation lines start with SP
    EXPECT_LE(word.size(), 75u);
    EXPECT_LE((i == 0 ? 9 : 0) + lines[i].size(), 76u);
    ASSERT_TRUE(word.starts_with("=?UTF-8?B?") && word.ends_with("?="));
    // Each word decodes to valid, complete UTF-8 on its own.
    std::string b64 = word.substr(10, word.size() - 12);
    auto bytes = [&] {
      std::string out;
      unsigned buf = 0;
      int bits = 0;
      for (char c : b64) {
        if (c == '=') break;
        int v = c >= 'A' && c <= 'Z'   ? c - 'A'
                : c >= 'a' && c <= 'z' ? c - 'a' + 26
                : c >= '0' && c <= '9' ? c - '0' + 52
                : c == '+'             ? 62
                                       : 63;
        buf = (buf << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          out.push_back(static_cast<char>((buf >> bits) & 0xFF));
        }
      }
      return out;
    }();
    ASSERT_FALSE(bytes.empty());
    EXPECT_NE(static_cast<unsigned char>(bytes[0]) & 0xC0, 0x80u) << "word starts mid-character";
    decoded += bytes;
  }
  EXPECT_EQ(decoded, subject);
}

TEST(Mime, DisplayNames) {
  EXPECT_EQ(format_mailbox({"", "a@b.com"}, 4), "a@b.com");
  EXPECT_EQ(format_mailbox({"Li Wei", "liwei@example.com"}, 4), "Li Wei <liwei@example.com>");
  EXPECT_EQ(format_mailbox({"Cadence (prod)", "r@example.com"}, 6),
            "\"Cadence (prod)\" <r@example.com>");
  EXPECT_EQ(format_mailbox({"提醒助手", "reminders@example.com"}, 6),
            "=?UTF-8?B?5o+Q6YaS5Yqp5omL?= <reminders@example.com>");
}

TEST(Mime, Rfc5322Date) {
  Instant t{std::chrono::seconds{1787187600}};  // 2026-08-20T01:00:00Z
  EXPECT_EQ(format_rfc5322_date(t, 480), "Thu, 20 Aug 2026 09:00:00 +0800");
  EXPECT_EQ(format_rfc5322_date(t, -300), "Wed, 19 Aug 2026 20:00:00 -0500");
}

TEST(Mime, WholeMessageShape) {
  EmailMessage m;
  m.from = {"提醒助手", "reminders@example.com"};
  m.to = {{"张伟", "zhang@example.com"}};
  m.subject = "联系提醒：李伟";
  m.text.assign(3000, 'x');
  m.text.append("\n第二行");
  m.html = "<p>hi</p>";
  m.message_id = "cd-abc@example.com";
  std::string raw = build_email(m);
  EXPECT_NE(raw.find("Message-ID: <cd-abc@example.com>\r\n"), std::string::npos);
  EXPECT_NE(raw.find("Subject: =?UTF-8?B?" + base64_encode(m.subject) + "?=\r\n"),
            std::string::npos);
  EXPECT_NE(raw.find("multipart/alternative"), std::string::npos);
  EXPECT_LT(raw.find("text/plain"), raw.find("text/html"));  // plain first, HTML last
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\n') {
      ASSERT_EQ(raw[i - 1], '\r') << "bare LF at " << i;
    }
  }
  for (const auto& line : lines_of(raw)) EXPECT_LE(line.size(), 78u);
}

TEST(Mime, AddressValidation) {
  EXPECT_TRUE(is_valid_address("a@example.com"));
  EXPECT_TRUE(is_valid_address("a.b+c@sub.example.com"));
  EXPECT_TRUE(is_valid_address("me@localhost"));
  EXPECT_FALSE(is_valid_address("a@b"));
  EXPECT_FALSE(is_valid_address("no-at.example.com"));
  EXPECT_FALSE(is_valid_address("a@@b.com"));
  EXPECT_FALSE(is_valid_address("a b@c.com"));
  EXPECT_FALSE(is_valid_address("<a@b.com>"));
}

}  // namespace
}  // namespace cadence::delivery
