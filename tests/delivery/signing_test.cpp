// Signature vectors from shared/reference/channels.md.
#include <gtest/gtest.h>

#include "delivery/signing.hpp"
#include "delivery/url.hpp"

namespace cadence::delivery {
namespace {

TEST(Signing, DingTalkWorkedExample) {
  std::string sign = dingtalk_sign("SEC0123456789abcdef", 1700000000000);
  EXPECT_EQ(sign, "TSZbRFUuvaSQaRKUpF970OPCb2/LcQAP3wOvwZIzBZk=");
  EXPECT_EQ(percent_encode(sign), "TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D");
}

TEST(Signing, FeishuWorkedExample) {
  EXPECT_EQ(feishu_sign("demo", 1599360473), "l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8=");
}

TEST(Signing, StandardWebhooksPublishedVector) {
  EXPECT_EQ(standard_webhook_signature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                                       "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                                       R"({"test": 2432232314})"),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
}

TEST(Signing, GitHubVector) {
  EXPECT_EQ(github_signature("It's a Secret to Everybody", "Hello, World!"),
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
}

TEST(Signing, Base64RoundTrip) {
  for (std::string s : {"", "a", "ab", "abc", "abcd", "联系提醒：李伟"}) {
    auto back = base64_decode(base64_encode(s));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, s);
  }
  EXPECT_EQ(base64_encode("abc"), "YWJj");
  EXPECT_EQ(base64_encode("ab"), "YWI=");
  EXPECT_FALSE(base64_decode("a$b").has_value());
}

}  // namespace
}  // namespace cadence::delivery
