// Pure request building: URL, headers and body per service.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "delivery/channels/service.hpp"
#include "delivery/signing.hpp"

namespace cadence::delivery {
namespace {

const Instant kNow{std::chrono::seconds{1'700'000'000}};

ChannelSpec spec_of(const std::string& url, std::map<std::string, std::string> params = {},
                    const std::string& type = "") {
  ChannelConfig c;
  c.id = "c";
  c.url = url;
  c.type = type;
  c.params = std::move(params);
  auto s = parse_channel(c);
  EXPECT_TRUE(s) << s.error().message();
  return s.ok() ? *s : ChannelSpec{};
}

Message sample() {
  Message m;
  m.title = "联系提醒：李伟";
  m.text = "距上次联系已 23 天（目标 14 天）。 <b>&";
  m.markdown = m.text;
  m.idempotency_key = "cd-0123456789abcdef";
  m.created = kNow;
  return m;
}

std::string header(const HttpRequest& r, const std::string& name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return "";
}

TEST(BuildRequest, DingTalkSignsInQueryAndCarriesMsgUuid) {
  auto ch = spec_of("dingtalk://SEC0123456789abcdef@tok/");
  auto r = service_for(ch.kind).build(ch, sample(), Instant{std::chrono::seconds{1'700'000'000}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->url,
            "https://oapi.dingtalk.com/robot/send?access_token=tok&timestamp=1700000000000"
            "&sign=TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D");
  auto body = nlohmann::json::parse(r->body);
  EXPECT_EQ(body["msgtype"], "markdown");
  EXPECT_EQ(body["markdown"]["title"], "联系提醒：李伟");
  EXPECT_EQ(body["msgUuid"], "cd-0123456789abcdef");
}

TEST(BuildRequest, FeishuSignsInBody) {
  auto ch = spec_of("feishu://TOKEN", {{"secret", "demo"}});
  auto r = service_for(ch.kind).build(ch, sample(), Instant{std::chrono::seconds{1599360473}});
  ASSERT_TRUE(r);
  auto body = nlohmann::json::parse(r->body);
  EXPECT_EQ(body["timestamp"], "1599360473");
  EXPECT_EQ(body["sign"], "l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8=");
  EXPECT_EQ(body["msg_type"], "post");
  EXPECT_EQ(body["content"]["post"]["zh_cn"]["title"], "联系提醒：李伟");
}

TEST(BuildRequest, WebhookStandardSignatureOverExactBody) {
  auto ch = spec_of("jsons://hooks.example.com/in",
                    {{"secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}});
  auto r = service_for(ch.kind).build(ch, sample(), kNow);
  ASSERT_TRUE(r);
  EXPECT_EQ(header(*r, "webhook-id"), "cd-0123456789abcdef");
  EXPECT_EQ(header(*r, "webhook-timestamp"), "1700000000");
  EXPECT_EQ(header(*r, "webhook-signature"),
            standard_webhook_signature(ch.secret, "cd-0123456789abcdef", 1700000000, r->body));
  EXPECT_TRUE(header(*r, "X-Hub-Signature-256").starts_with("sha256="));
  auto body = nlohmann::json::parse(r->body);
  EXPECT_EQ(body["type"], "reminder.due");
  EXPECT_EQ(body["data"]["id"], "cd-0123456789abcdef");
}

TEST(BuildRequest, MatrixUsesIdempotencyKeyAsTxnId) {
  auto ch = spec_of("matrixs://tok@hs.example.org/!r:hs.example.org");
  auto r = service_for(ch.kind).build(ch, sample(), kNow);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->method, "PUT");
  EXPECT_TRUE(r->url.ends_with("/send/m.room.message/cd-0123456789abcdef"));
  EXPECT_EQ(header(*r, "Authorization"), "Bearer tok");
  auto body = nlohmann::json::parse(r->body);
  EXPECT_EQ(body["msgtype"], "m.notice");
  EXPECT_NE(body["formatted_body"].get<std::string>().find("&lt;b&gt;&amp;"), std::string::npos);
}

TEST(BuildRequest, SlackEscapesAndDiscordMutesMentions) {
  auto s = spec_of("slack://A/B/C");
  auto r = service_for(s.kind).build(s, sample(), kNow);
  ASSERT_TRUE(r);
  auto body = nlohmann::json::parse(r->body);
  EXPECT_NE(body["text"].get<std::string>().find("&lt;b&gt;&amp;"), std::string::npos);
  auto d = spec_of("discord://1/tok");
  EXPECT_EQ(d.url, "https://discord.com/api/webhooks/1/tok?wait=true");
  auto rd = service_for(d.kind).build(d, sample(), kNow);
  ASSERT_TRUE(rd);
  EXPECT_EQ(nlohmann::json::parse(rd->body)["allowed_mentions"]["parse"].size(), 0u);
}

TEST(BuildRequest, TelegramHtmlEscapedAndNumericChat) {
  auto t = spec_of("tgram://123:AA/-100200");
  auto r = service_for(t.kind).build(t, sample(), kNow);
  ASSERT_TRUE(r);
  auto body = nlohmann::json::parse(r->body);
  EXPECT_EQ(body["chat_id"], -100200);
  EXPECT_EQ(body["parse_mode"], "HTML");
  EXPECT_NE(body["text"].get<std::string>().find("<b>联系提醒：李伟</b>"), std::string::npos);
  EXPECT_NE(body["text"].get<std::string>().find("&lt;b&gt;&amp;"), std::string::npos);
}

TEST(BuildRequest, TeamsAdaptiveCardAndWeComMarkdown) {
  auto t = spec_of("workflows://h.logic.azure.com/id/sig");
  auto r = service_for(t.kind).build(t, sample(), kNow);
  ASSERT_TRUE(r);
  auto body = nlohmann::json::parse(r->body);
  EXPECT_EQ(body["attachments"][0]["contentType"], "application/vnd.microsoft.card.adaptive");
  EXPECT_EQ(body["attachments"][0]["content"]["type"], "AdaptiveCard");
  auto w = spec_of("wecombot://k");
  auto rw = service_for(w.kind).build(w, sample(), kNow);
  ASSERT_TRUE(rw);
  EXPECT_EQ(nlohmann::json::parse(rw->body)["msgtype"], "markdown");
}

TEST(BuildRequest, NtfyJsonToRootWithAuthAndGotifyKeyHeader) {
  auto n = spec_of("ntfys://user:pw@ntfy.example.com/alerts", {{"priority", "high"}});
  auto r = service_for(n.kind).build(n, sample(), kNow);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->url, "https://ntfy.example.com/");
  EXPECT_EQ(header(*r, "Authorization"), "Basic " + base64_encode("user:pw"));
  auto body = nlohmann::json::parse(r->body);
  EXPECT_EQ(body["topic"], "alerts");
  EXPECT_EQ(body["priority"], 4);
  auto g = spec_of("gotify://push.example.com/AppTok");
  auto rg = service_for(g.kind).build(g, sample(), kNow);
  ASSERT_TRUE(rg);
  EXPECT_EQ(header(*rg, "X-Gotify-Key"), "AppTok");
  EXPECT_EQ(rg->url.find("AppTok"), std::string::npos);
}

}  // namespace
}  // namespace cadence::delivery
