// scrub_secrets: a channel's secrets never survive in outside text (service
// answers, transport errors), in any spelling the service may echo.
#include <gtest/gtest.h>

#include <string>

#include "cadence/channel.hpp"
#include "delivery/scrub.hpp"

namespace cadence {
namespace {

using delivery::scrub_secrets;

TEST(ScrubSecrets, EchoedTelegramPathLosesTheTokenKeepsTheRest) {
  ChannelSpec ch;
  ch.kind = ChannelKind::kTelegram;
  ch.url = "http://127.0.0.1:8080/telegram/bot987654321:AAtgTokenValue12/sendMessage";
  EXPECT_EQ(scrub_secrets(
                "HTTP 404: Cannot POST /telegram/bot987654321:AAtgTokenValue12/sendMessage", ch),
            "HTTP 404: Cannot POST /telegram/***/sendMessage");
  // The token alone, and percent-encoded (':' as %3A).
  EXPECT_EQ(scrub_secrets("bad token 987654321:AAtgTokenValue12", ch), "bad token ***");
  EXPECT_EQ(scrub_secrets("token=987654321%3AAAtgTokenValue12", ch), "token=***");
  // The whole URL goes whole.
  EXPECT_EQ(scrub_secrets("url " + ch.url + " failed", ch), "url *** failed");
}

TEST(ScrubSecrets, FieldSecretsQueryValuesAndUserinfo) {
  ChannelSpec ch;
  ch.kind = ChannelKind::kDingTalk;
  ch.url = "https://oapi.example.com/robot/send?access_token=abcdef0123456789abcdef";
  ch.secret = "SECsigningSecret";
  ch.email.password = "smtp-pass";
  EXPECT_EQ(scrub_secrets("errmsg: token abcdef0123456789abcdef, sign SECsigningSecret", ch),
            "errmsg: token ***, sign ***");
  EXPECT_EQ(scrub_secrets("535 login with smtp-pass refused", ch), "535 login with *** refused");
  ChannelSpec ntfy;
  ntfy.kind = ChannelKind::kNtfy;
  ntfy.url = "https://alice:hunter22@ntfy.example.com/topic";
  EXPECT_EQ(scrub_secrets("401 for alice:hunter22", ntfy), "401 for ***:***");
}

TEST(ScrubSecrets, ShortOrdinaryPartsStayReadable) {
  ChannelSpec ch;
  ch.kind = ChannelKind::kWebhook;
  ch.url = "https://hooks.example.com/api/in";
  EXPECT_EQ(scrub_secrets("HTTP 500: api in maintenance", ch), "HTTP 500: api in maintenance");
  EXPECT_EQ(scrub_secrets("", ch), "");
}

}  // namespace
}  // namespace cadence
