// Pure response classification per service (channels.md "Delivery semantics").
#include <gtest/gtest.h>

#include "delivery/channels/service.hpp"
#include "test_time.hpp"

namespace cadence::delivery {
namespace {

using cadence::testing::kTestStart;  // 2027-01-15T08:00:00Z

SendResult classify(ChannelKind kind, int status, const std::string& body,
                    std::map<std::string, std::string> headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = body;
  r.headers = std::move(headers);
  return service_for(kind).classify(r, kTestStart);
}

TEST(Classify, TransportErrorsAndTimeoutsAreRetryable) {
  HttpResponse r;
  r.transport_error = "Couldn't connect to server";
  EXPECT_EQ(service_for(ChannelKind::kSlack).classify(r, kTestStart).outcome, Outcome::kRetryable);
  r.timed_out = true;
  EXPECT_EQ(service_for(ChannelKind::kDingTalk).classify(r, kTestStart).outcome,
            Outcome::kRetryable);
}

TEST(Classify, GenericStatusTable) {
  for (int s : {408, 429, 500, 502, 503, 504}) {
    EXPECT_EQ(classify(ChannelKind::kWebhook, s, "").outcome, Outcome::kRetryable) << s;
  }
  for (int s : {301, 400, 401, 403, 404, 410, 413}) {
    EXPECT_EQ(classify(ChannelKind::kWebhook, s, "").outcome, Outcome::kPermanent) << s;
  }
  EXPECT_EQ(classify(ChannelKind::kWebhook, 204, "").outcome, Outcome::kDelivered);
}

TEST(Classify, RetryAfterDeltaSecondsAndHttpDate) {
  auto r = classify(ChannelKind::kSlack, 429, "rate_limited", {{"retry-after", "30"}});
  EXPECT_EQ(r.outcome, Outcome::kRetryable);
  ASSERT_TRUE(r.retry_after);
  EXPECT_EQ(*r.retry_after, std::chrono::seconds{30});
  // kTestStart = 2027-01-15T08:00:00Z; the date is 90 s later.
  auto d =
      classify(ChannelKind::kWebhook, 503, "", {{"retry-after", "Fri, 15 Jan 2027 08:01:30 GMT"}});
  ASSERT_TRUE(d.retry_after);
  EXPECT_EQ(*d.retry_after, std::chrono::seconds{90});
  EXPECT_FALSE(parse_retry_after("soon", kTestStart).has_value());
}

TEST(Classify, SlackNeedsOk) {
  EXPECT_EQ(classify(ChannelKind::kSlack, 200, "ok").outcome, Outcome::kDelivered);
  EXPECT_EQ(classify(ChannelKind::kSlack, 200, "<html>proxy</html>").outcome, Outcome::kRetryable);
  EXPECT_EQ(classify(ChannelKind::kSlack, 404, "no_service").outcome, Outcome::kPermanent);
  EXPECT_EQ(classify(ChannelKind::kSlack, 410, "channel_is_archived").outcome, Outcome::kPermanent);
}

TEST(Classify, TeamsAcceptsAndDiscordRetryAfterFloat) {
  EXPECT_EQ(classify(ChannelKind::kTeams, 202, "").outcome, Outcome::kDelivered);
  EXPECT_EQ(classify(ChannelKind::kTeams, 200, "").outcome, Outcome::kDelivered);
  EXPECT_EQ(classify(ChannelKind::kDiscord, 204, "").outcome, Outcome::kDelivered);
  auto r = classify(
      ChannelKind::kDiscord, 429,
      R"({"message": "You are being rate limited.", "retry_after": 64.57, "global": false})");
  EXPECT_EQ(r.outcome, Outcome::kRetryable);
  ASSERT_TRUE(r.retry_after);
  EXPECT_EQ(r.retry_after->count(), 64570);
}

TEST(Classify, DingTalkBodyErrcodes) {
  EXPECT_EQ(classify(ChannelKind::kDingTalk, 200, R"({"errcode":0,"errmsg":"ok"})").outcome,
            Outcome::kDelivered);
  EXPECT_EQ(classify(ChannelKind::kDingTalk, 200, R"({"errcode":310000,"errmsg":"sign not match"})")
                .outcome,
            Outcome::kPermanent);
  EXPECT_EQ(
      classify(ChannelKind::kDingTalk, 200, R"({"errcode":300005,"errmsg":"token is not exist"})")
          .outcome,
      Outcome::kPermanent);
  EXPECT_EQ(classify(ChannelKind::kDingTalk, 200, R"({"errcode":130101,"errmsg":"send too fast"})")
                .outcome,
            Outcome::kRetryable);
  EXPECT_EQ(classify(ChannelKind::kDingTalk, 200, "<html>garbage</html>").outcome,
            Outcome::kRetryable);
}

TEST(Classify, WeComBodyErrcodes) {
  EXPECT_EQ(classify(ChannelKind::kWeCom, 200, R"({"errcode":0,"errmsg":"ok"})").outcome,
            Outcome::kDelivered);
  EXPECT_EQ(
      classify(ChannelKind::kWeCom, 200, R"({"errcode":45009,"errmsg":"api freq out of limit"})")
          .outcome,
      Outcome::kRetryable);
  EXPECT_EQ(classify(ChannelKind::kWeCom, 200, R"({"errcode":-1,"errmsg":"system busy"})").outcome,
            Outcome::kRetryable);
  EXPECT_EQ(
      classify(ChannelKind::kWeCom, 200, R"({"errcode":93000,"errmsg":"invalid webhook url"})")
          .outcome,
      Outcome::kPermanent);
}

TEST(Classify, FeishuBodyCodes) {
  EXPECT_EQ(classify(ChannelKind::kFeishu, 200, R"({"code":0,"msg":"success","data":{}})").outcome,
            Outcome::kDelivered);
  EXPECT_EQ(
      classify(ChannelKind::kFeishu, 200, R"({"code":11232,"msg":"frequency limited"})").outcome,
      Outcome::kRetryable);
  for (int code : {9499, 19021, 19022, 19024}) {
    EXPECT_EQ(
        classify(ChannelKind::kFeishu, 200, R"({"code":)" + std::to_string(code) + R"(,"msg":"x"})")
            .outcome,
        Outcome::kPermanent)
        << code;
  }
  EXPECT_EQ(classify(ChannelKind::kFeishu, 400, R"({"code":9499,"msg":"Bad Request"})").outcome,
            Outcome::kPermanent);
}

TEST(Classify, TelegramOkAndParameters) {
  EXPECT_EQ(classify(ChannelKind::kTelegram, 200, R"({"ok":true,"result":{}})").outcome,
            Outcome::kDelivered);
  auto r = classify(
      ChannelKind::kTelegram, 429,
      R"({"ok":false,"error_code":429,"description":"Too Many Requests","parameters":{"retry_after":17}})");
  EXPECT_EQ(r.outcome, Outcome::kRetryable);
  ASSERT_TRUE(r.retry_after);
  EXPECT_EQ(*r.retry_after, std::chrono::seconds{17});
  EXPECT_EQ(classify(ChannelKind::kTelegram, 403,
                     R"({"ok":false,"error_code":403,"description":"bot was blocked"})")
                .outcome,
            Outcome::kPermanent);
  EXPECT_EQ(classify(ChannelKind::kTelegram, 200, "not json").outcome, Outcome::kRetryable);
}

TEST(Classify, MatrixLimitExceededAndRetryAfterMs) {
  auto r = classify(ChannelKind::kMatrix, 429,
                    R"({"errcode":"M_LIMIT_EXCEEDED","error":"Too many","retry_after_ms":2500})");
  EXPECT_EQ(r.outcome, Outcome::kRetryable);
  ASSERT_TRUE(r.retry_after);
  EXPECT_EQ(r.retry_after->count(), 2500);
  EXPECT_EQ(classify(ChannelKind::kMatrix, 200, R"({"event_id":"$e"})").outcome,
            Outcome::kDelivered);
  EXPECT_EQ(classify(ChannelKind::kMatrix, 403, R"({"errcode":"M_FORBIDDEN"})").outcome,
            Outcome::kPermanent);
}

}  // namespace
}  // namespace cadence::delivery
