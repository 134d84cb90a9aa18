// Every chat service against a real loopback receiver that checks payload
// shapes and recomputes signatures; answers on demand exercise classification.
#include <gtest/gtest.h>

#include "cadence/channel.hpp"
#include "cadence/delivery.hpp"
#include "test_support.hpp"

namespace cadence {
namespace {

using nlohmann::json;
using testing::ChatReceiver;

const char* kDingSecret = "SEC0123456789abcdefSECRETVALUE";
const char* kFeishuSecret = "feishu-secret-value";
const char* kWebhookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

class ChatHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    receiver_ = new ChatReceiver(
        json{{"dingtalk", kDingSecret}, {"feishu", kFeishuSecret}, {"webhook", kWebhookSecret}});
  }
  static void TearDownTestSuite() {
    delete receiver_;
    receiver_ = nullptr;
  }
  void SetUp() override { receiver_->reset(); }

  ChannelSpec channel(const std::string& service, const std::string& type, const std::string& url,
                      std::map<std::string, std::string> params = {}) {
    ChannelConfig c;
    c.id = service + "-test";
    c.type = type;
    c.url = url;
    c.params = std::move(params);
    if (c.params.count("api_url") == 0 && url.rfind("http", 0) != 0) {
      c.params["api_url"] = receiver_->base(service);
    }
    auto spec = parse_channel(c);
    EXPECT_TRUE(spec) << spec.error().message();
    return spec.ok() ? *spec : ChannelSpec{};
  }

  Message message() {
    Message m;
    m.title = "联系提醒：李伟";
    m.text = "距上次联系已 23 天（目标 14 天）。";
    m.markdown = m.text;
    m.idempotency_key = idempotency_key_for("r|contact:li|2026-08-20", "x");
    m.created = now();
    return m;
  }

  static Instant now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }

  SendResult send(const ChannelSpec& ch, Transport* t = nullptr) {
    return (t != nullptr ? *t : *transport_).send(ch, message(), now());
  }

  static ChatReceiver* receiver_;
  std::unique_ptr<Transport> transport_ = make_transport();
};

ChatReceiver* ChatHttp::receiver_ = nullptr;

TEST_F(ChatHttp, EveryServiceDeliversAWellFormedSignedPayload) {
  std::vector<ChannelSpec> channels = {
      channel("slack", "", "slack://T0/B0/X0"),
      channel("teams", "", "workflows://prod.logic.azure.com/wf1/sig1"),
      channel("discord", "", "discord://123/tok"),
      channel("dingtalk", "dingtalk", "", {{"token", "tok"}, {"secret", kDingSecret}}),
      channel("wecom", "wecom", "", {{"key", "k1"}}),
      channel("feishu", "", "feishu://tok", {{"secret", kFeishuSecret}}),
      channel("telegram", "", "tgram://123:AAtok/-100200"),
      channel("ntfy", "", "ntfy://reminders"),
      channel("gotify", "gotify", "", {{"token", "AppTok"}}),
      channel("matrix", "", "matrixs://tok@hs.example.org/!room:hs.example.org"),
      channel("webhook", "webhook", receiver_->base("webhook") + "/in",
              {{"secret", kWebhookSecret}}),
  };
  for (const auto& ch : channels) {
    SendResult r = send(ch);
    EXPECT_EQ(r.outcome, Outcome::kDelivered) << ch.id << ": " << r.detail;
  }
  json seen = receiver_->requests();
  ASSERT_EQ(seen.size(), channels.size());
  for (const auto& req : seen) {
    EXPECT_TRUE(req["ok"].get<bool>()) << req["service"] << ": " << req["problems"].dump();
  }
}

TEST_F(ChatHttp, WrongSecretsAreRejectedByTheReceiverAndPermanent) {
  auto ding = channel("dingtalk", "dingtalk", "", {{"token", "tok"}, {"secret", "SECwrong"}});
  SendResult d = send(ding);
  EXPECT_EQ(d.outcome, Outcome::kPermanent) << d.detail;
  EXPECT_NE(d.detail.find("310000"), std::string::npos);
  auto feishu = channel("feishu", "", "feishu://tok", {{"secret", "wrong"}});
  SendResult f = send(feishu);
  EXPECT_EQ(f.outcome, Outcome::kPermanent) << f.detail;
  EXPECT_NE(f.detail.find("19021"), std::string::npos);
  auto hook = channel("webhook", "webhook", receiver_->base("webhook") + "/in",
                      {{"secret", "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}});
  SendResult w = send(hook);
  EXPECT_EQ(w.outcome, Outcome::kPermanent) << w.detail;
  EXPECT_EQ(w.status, 401);
}

TEST_F(ChatHttp, TooManyRequestsWithRetryAfter) {
  auto slack = channel("slack", "", "slack://T0/B0/X0");
  receiver_->queue(json::array({{{"status", 429},
                                 {"headers", {{"Retry-After", "7"}}},
                                 {"body", "rate_limited"},
                                 {"content_type", "text/plain"}}}));
  SendResult r = send(slack);
  EXPECT_EQ(r.outcome, Outcome::kRetryable);
  ASSERT_TRUE(r.retry_after);
  EXPECT_EQ(*r.retry_after, std::chrono::seconds{7});
  auto discord = channel("discord", "", "discord://1/t");
  receiver_->queue(json::array(
      {{{"status", 429},
        {"headers", {{"Retry-After", "2"}}},
        {"body", {{"message", "rate limited"}, {"retry_after", 2.5}, {"global", false}}}}}));
  SendResult rd = send(discord);
  EXPECT_EQ(rd.outcome, Outcome::kRetryable);
  ASSERT_TRUE(rd.retry_after);
  EXPECT_EQ(rd.retry_after->count(), 2500);
}

TEST_F(ChatHttp, ServerErrorsBodyErrorsAndGarbage) {
  auto hook = channel("webhook", "webhook", receiver_->base("webhook") + "/in",
                      {{"secret", kWebhookSecret}});
  receiver_->queue(json::array({{{"status", 500}, {"body", "oops"}}}));
  EXPECT_EQ(send(hook).outcome, Outcome::kRetryable);
  receiver_->queue(json::array({{{"status", 410}, {"body", "gone"}}}));
  EXPECT_EQ(send(hook).outcome, Outcome::kPermanent);

  auto wecom = channel("wecom", "wecom", "", {{"key", "k1"}});
  receiver_->queue(json::array(
      {{{"status", 200}, {"body", {{"errcode", 45009}, {"errmsg", "api freq out of limit"}}}}}));
  EXPECT_EQ(send(wecom).outcome, Outcome::kRetryable);
  receiver_->queue(json::array(
      {{{"status", 200}, {"body", {{"errcode", 93000}, {"errmsg", "invalid webhook url"}}}}}));
  SendResult p = send(wecom);
  EXPECT_EQ(p.outcome, Outcome::kPermanent);
  EXPECT_NE(p.detail.find("93000"), std::string::npos);

  auto ding = channel("dingtalk", "dingtalk", "", {{"token", "tok"}, {"secret", kDingSecret}});
  receiver_->queue(json::array({{{"status", 200},
                                 {"body", "<html><body>Gateway</body></html>"},
                                 {"content_type", "text/html"}}}));
  SendResult g = send(ding);
  EXPECT_EQ(g.outcome, Outcome::kRetryable);
  EXPECT_NE(g.detail.find("<html>"), std::string::npos);

  auto telegram = channel("telegram", "", "tgram://123:AAtok/42");
  receiver_->queue(json::array({{{"status", 403},
                                 {"body",
                                  {{"ok", false},
                                   {"error_code", 403},
                                   {"description", "Forbidden: bot was blocked by the user"}}}}}));
  EXPECT_EQ(send(telegram).outcome, Outcome::kPermanent);
}

TEST_F(ChatHttp, SlowReplyTimesOutAsRetryable) {
  TransportOptions quick;
  quick.total_timeout = std::chrono::milliseconds{800};
  auto transport = make_transport(quick);
  auto slack = channel("slack", "", "slack://T0/B0/X0");
  receiver_->queue(json::array({{{"status", 200}, {"body", "ok"}, {"delay", 3}}}));
  SendResult r = send(slack, transport.get());
  EXPECT_EQ(r.outcome, Outcome::kRetryable);
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.detail.find("imed out"), std::string::npos) << r.detail;
}

TEST_F(ChatHttp, TelegramFallsBackToPlainTextOnceOnMarkupErrors) {
  auto telegram = channel("telegram", "", "tgram://123:AAtok/42");
  receiver_->queue(json::array({{{"status", 400},
                                 {"body",
                                  {{"ok", false},
                                   {"error_code", 400},
                                   {"description", "Bad Request: can't parse entities: x"}}}}}));
  SendResult r = send(telegram);
  EXPECT_EQ(r.outcome, Outcome::kDelivered) << r.detail;
  json seen = receiver_->requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_TRUE(json::parse(seen[0]["body"].get<std::string>()).contains("parse_mode"));
  EXPECT_FALSE(json::parse(seen[1]["body"].get<std::string>()).contains("parse_mode"));
}

TEST_F(ChatHttp, IdempotencyKeysTravelUnchangedOnRetries) {
  auto matrix = channel("matrix", "", "matrixs://tok@hs/!room:hs");
  auto hook = channel("webhook", "webhook", receiver_->base("webhook") + "/in",
                      {{"secret", kWebhookSecret}});
  auto ding = channel("dingtalk", "dingtalk", "", {{"token", "tok"}, {"secret", kDingSecret}});
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(send(matrix).outcome, Outcome::kDelivered);
    EXPECT_EQ(send(hook).outcome, Outcome::kDelivered);
    EXPECT_EQ(send(ding).outcome, Outcome::kDelivered);
  }
  json seen = receiver_->requests();
  ASSERT_EQ(seen.size(), 6u);
  EXPECT_EQ(seen[0]["path"], seen[3]["path"]);  // Matrix txnId in the path
  EXPECT_EQ(seen[1]["headers"]["webhook-id"], seen[4]["headers"]["webhook-id"]);
  EXPECT_EQ(json::parse(seen[2]["body"].get<std::string>())["msgUuid"],
            json::parse(seen[5]["body"].get<std::string>())["msgUuid"]);
}

TEST_F(ChatHttp, ConnectionRefusedIsRetryable) {
  ChannelConfig c;
  c.id = "closed";
  c.url = "http://127.0.0.1:9/nothing";  // discard port: nobody listens
  auto spec = parse_channel(c);
  ASSERT_TRUE(spec);
  SendResult r = send(*spec);
  EXPECT_EQ(r.outcome, Outcome::kRetryable);
  EXPECT_EQ(r.status, 0);
}

}  // namespace
}  // namespace cadence
