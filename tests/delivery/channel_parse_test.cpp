#include <gtest/gtest.h>

#include "cadence/channel.hpp"

namespace cadence {
namespace {

ChannelConfig url_channel(const std::string& id, const std::string& url) {
  ChannelConfig c;
  c.id = id;
  c.url = url;
  return c;
}

TEST(ChannelParse, SlackAppriseAndNative) {
  auto a = parse_channel(url_channel("s", "slack://T000/B000/XXXX"));
  ASSERT_TRUE(a) << a.error().message();
  EXPECT_EQ(a->kind, ChannelKind::kSlack);
  EXPECT_EQ(a->url, "https://hooks.slack.com/services/T000/B000/XXXX");
  auto b = parse_channel(url_channel("s", "https://hooks.slack.com/services/T1/B1/X1"));
  ASSERT_TRUE(b);
  EXPECT_EQ(b->kind, ChannelKind::kSlack);
  EXPECT_EQ(b->url, "https://hooks.slack.com/services/T1/B1/X1");
  EXPECT_FALSE(b->pace.empty());
}

TEST(ChannelParse, MissingPiecesNameTheChannelNotTheSecret) {
  auto r = parse_channel(url_channel("team-slack", "slack://onlyone-SECRETTOKEN"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kConfig);
  EXPECT_NE(r.error().message().find("team-slack"), std::string::npos);
  EXPECT_EQ(r.error().message().find("SECRETTOKEN"), std::string::npos);
}

TEST(ChannelParse, UnknownSchemeIsAnError) {
  auto r = parse_channel(url_channel("x", "carrierpigeon://coop/1"));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("unknown URL scheme 'carrierpigeon://'"), std::string::npos);
}

TEST(ChannelParse, RetiredTeamsConnectorsAreRefusedWithAPointer) {
  for (const char* url : {"https://contoso.webhook.office.com/webhookb2/g@t/IncomingWebhook/i/o",
                          "msteams://a/b/c", "https://outlook.office.com/webhook/abc"}) {
    auto r = parse_channel(url_channel("t", url));
    ASSERT_FALSE(r) << url;
    EXPECT_NE(r.error().message().find("Workflows"), std::string::npos) << url;
  }
}

TEST(ChannelParse, TeamsWorkflowsUrlIsBuiltFromAppriseForm) {
  auto r = parse_channel(
      url_channel("t", "workflows://prod-01.westus.logic.azure.com:443/wf123/SIG%2Fx"));
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->kind, ChannelKind::kTeams);
  EXPECT_EQ(r->url,
            "https://prod-01.westus.logic.azure.com:443/workflows/wf123/triggers/manual/paths/"
            "invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=SIG%2Fx");
  auto native = parse_channel(
      url_channel("t",
                  "https://prod-01.westus.logic.azure.com:443/workflows/1/triggers/manual/paths/"
                  "invoke?api-version=2016-06-01&sig=abc"));
  ASSERT_TRUE(native);
  EXPECT_EQ(native->kind, ChannelKind::kTeams);
}

TEST(ChannelParse, DingTalkWithSecretInUserinfoOrParam) {
  auto r = parse_channel(url_channel("d", "dingtalk://SEC123@tok456/"));
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->kind, ChannelKind::kDingTalk);
  EXPECT_EQ(r->url, "https://oapi.dingtalk.com/robot/send?access_token=tok456");
  EXPECT_EQ(r->secret, "SEC123");
  ChannelConfig c;
  c.id = "d2";
  c.type = "dingtalk";
  c.params = {{"token", "abc"}, {"secret", "SECxyz"}};
  auto s = parse_channel(c);
  ASSERT_TRUE(s) << s.error().message();
  EXPECT_EQ(s->url, "https://oapi.dingtalk.com/robot/send?access_token=abc");
  EXPECT_EQ(s->secret, "SECxyz");
}

TEST(ChannelParse, WeComFeishuLarkTelegram) {
  auto w = parse_channel(url_channel("w", "wecombot://KEY1"));
  ASSERT_TRUE(w);
  EXPECT_EQ(w->url, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY1");
  auto f = parse_channel(url_channel("f", "feishu://TOK?secret=s3"));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->url, "https://open.feishu.cn/open-apis/bot/v2/hook/TOK");
  EXPECT_EQ(f->secret, "s3");
  auto l = parse_channel(url_channel("l", "lark://TOK"));
  ASSERT_TRUE(l);
  EXPECT_EQ(l->url, "https://open.larksuite.com/open-apis/bot/v2/hook/TOK");
  auto t = parse_channel(url_channel("t", "tgram://123456789:AAbbCC/-1001234"));
  ASSERT_TRUE(t) << t.error().message();
  EXPECT_EQ(t->url, "https://api.telegram.org/bot123456789:AAbbCC/sendMessage");
  EXPECT_EQ(t->target, "-1001234");
}

TEST(ChannelParse, NtfyGotifyMatrixWebhook) {
  auto n = parse_channel(url_channel("n", "ntfy://mytopic"));
  ASSERT_TRUE(n);
  EXPECT_EQ(n->url, "https://ntfy.sh/");
  EXPECT_EQ(n->target, "mytopic");
  auto n2 = parse_channel(url_channel("n2", "ntfys://tk_abc@ntfy.example.com/alerts"));
  ASSERT_TRUE(n2);
  EXPECT_EQ(n2->url, "https://ntfy.example.com/");
  EXPECT_EQ(n2->token, "tk_abc");
  auto g = parse_channel(url_channel("g", "gotifys://push.example.com/sub/AppTok"));
  ASSERT_TRUE(g);
  EXPECT_EQ(g->url, "https://push.example.com/sub/message");
  EXPECT_EQ(g->token, "AppTok");
  auto m =
      parse_channel(url_channel("m", "matrixs://syt_tok@matrix.example.org/!room:example.org"));
  ASSERT_TRUE(m) << m.error().message();
  EXPECT_EQ(m->url,
            "https://matrix.example.org/_matrix/client/v3/rooms/%21room%3Aexample.org/send/"
            "m.room.message/");
  auto mp = parse_channel(url_channel("m", "matrixs://user:pw@matrix.example.org/!r:x"));
  EXPECT_FALSE(mp);
  auto j =
      parse_channel(url_channel("j", "jsons://hooks.example.com:8443/cadence?secret=whsec_abc"));
  ASSERT_TRUE(j);
  EXPECT_EQ(j->url, "https://hooks.example.com:8443/cadence");
  EXPECT_EQ(j->secret, "whsec_abc");
}

TEST(ChannelParse, PlainHttpOnlyToLoopback) {
  auto bad = parse_channel(url_channel("h", "http://hooks.example.com/x"));
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message().find("https"), std::string::npos);
  auto ok = parse_channel(url_channel("h", "http://127.0.0.1:9/x"));
  EXPECT_TRUE(ok);
}

TEST(ChannelParse, Email) {
  auto e = parse_channel(url_channel(
      "mail", "mailtos://zhang:p%40ss@smtp.example.com:465?to=zhang@example.com,li@example.com"));
  ASSERT_TRUE(e) << e.error().message();
  EXPECT_EQ(e->kind, ChannelKind::kEmail);
  EXPECT_EQ(e->email.smtp_url, "smtps://smtp.example.com:465");
  EXPECT_EQ(e->email.security, SmtpSecurity::kImplicitTls);
  EXPECT_EQ(e->email.username, "zhang");
  EXPECT_EQ(e->email.password, "p@ss");
  EXPECT_EQ(e->email.from_address, "zhang@smtp.example.com");
  EXPECT_EQ(e->email.to.size(), 2u);
  auto starttls =
      parse_channel(url_channel("m2", "mailto://u:p@mail.example.com?from=bot@example.com"));
  ASSERT_TRUE(starttls);
  EXPECT_EQ(starttls->email.smtp_url, "smtp://mail.example.com:587");
  EXPECT_EQ(starttls->email.security, SmtpSecurity::kStartTls);
  auto bad_to = parse_channel(url_channel("m3", "mailto://u:p@mail.example.com?to=not-an-address"));
  ASSERT_FALSE(bad_to);
  EXPECT_NE(bad_to.error().message().find("invalid email address"), std::string::npos);
  auto clear = parse_channel(url_channel("m4", "mailto://u:secret@mail.example.com?mode=insecure"));
  ASSERT_FALSE(clear);
  EXPECT_EQ(clear.error().message().find("secret"), std::string::npos);
}

TEST(ChannelParse, StructuredFormMatchesUrlForm) {
  ChannelConfig c;
  c.id = "team-wecom";
  c.type = "wecom";
  c.params = {{"key", "K9"}};
  auto r = parse_channel(c);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->url, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K9");
  ChannelConfig missing;
  missing.id = "nokey";
  missing.type = "wecom";
  auto e = parse_channel(missing);
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().message().find("nokey"), std::string::npos);
}

TEST(RedactUrl, HidesCredentials) {
  EXPECT_EQ(redact_url("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1"),
            "https://oapi.dingtalk.com/robot/***?access_token=***&timestamp=***");
  EXPECT_EQ(redact_url("https://hooks.slack.com/services/T/B/X"),
            "https://hooks.slack.com/services/***");
  EXPECT_EQ(redact_url("mailtos://user:pw@smtp.example.com:465"),
            "mailtos://***@smtp.example.com:465");
  EXPECT_EQ(redact_url("tgram://123:AAsecret/42"), "tgram://***/***");
  EXPECT_EQ(redact_url("https://api.telegram.org/bot123:SECRET/sendMessage"),
            "https://api.telegram.org/***");
  std::string r = redact_url("https://api.telegram.org/bot123:SECRET/sendMessage");
  EXPECT_EQ(r.find("SECRET"), std::string::npos);
}

// A port that is not a port used to pass `check`; the daemon then retried
// every send as "retryable" for ever.
TEST(ChannelParse, APortThatIsNotAPortIsAConfigErrorNamingIt) {
  const std::pair<const char*, const char*> cases[] = {
      {"mailtos://u:p@127.0.0.1:notaport?to=a@b.example", "'notaport'"},
      {"json://127.0.0.1:99999/x", "'99999'"},
      {"json://127.0.0.1:0/x", "'0'"},
      {"https://hooks.example.com:8x/x", "'8x'"},
      {"gotify://push.example.com:/tok", "''"},
  };
  for (const auto& [url, named] : cases) {
    auto r = parse_channel(url_channel("c", url));
    ASSERT_FALSE(r) << url;
    EXPECT_EQ(r.error().code(), ErrorCode::kConfig) << url;
    EXPECT_NE(r.error().message().find(std::string("port ") + named), std::string::npos)
        << url << ": " << r.error().message();
  }
  ChannelConfig by_param = url_channel("c", "mailto://127.0.0.1?to=a@b.example");
  by_param.params["port"] = "25abc";
  auto r = parse_channel(by_param);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("port '25abc'"), std::string::npos) << r.error().message();
  // Real ports still parse, and Telegram's "token:secret" is not a port.
  EXPECT_TRUE(parse_channel(url_channel("c", "json://127.0.0.1:65535/x")));
  EXPECT_TRUE(parse_channel(url_channel("c", "mailtos://u:p@smtp.example.com:465?to=a@b.example")));
  EXPECT_TRUE(parse_channel(url_channel("c", "tgram://123456:ABC-def/987")));
}

}  // namespace
}  // namespace cadence
