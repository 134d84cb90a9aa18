// Email through a real SMTP server (aiosmtpd) on loopback; the received
// message is decoded by Python's email package and compared field by field.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cadence/channel.hpp"
#include "cadence/delivery.hpp"
#include "server_process.hpp"

namespace cadence {
namespace {

using nlohmann::json;
using testing::kPython;
using testing::run_command;
using testing::server_script;
using testing::ServerProcess;
using testing::TempDir;

json read_maildir(const std::string& dir) {
  auto out = run_command({kPython, server_script("read_maildir.py"), dir});
  EXPECT_EQ(out.exit_code, 0);
  return json::parse(out.out);
}

ChannelSpec email_channel(const std::string& url) {
  ChannelConfig c;
  c.id = "mail";
  c.url = url;
  auto spec = parse_channel(c);
  EXPECT_TRUE(spec) << spec.error().message();
  return spec.ok() ? *spec : ChannelSpec{};
}

Message chinese_message(const std::string& key) {
  Message m;
  m.title =
      "联系提醒：李伟（阿克米科技采购部总监）已经二十三天没有联系了，请今天打个电话问候一下吧";
  m.text =
      "为什么是现在：距上次联系已 23 天（目标 14 天）。\n关系：阿克米科技 · 采购部 · 总监；相识 6 "
      "年。\n"
      ".a line starting with a dot\n";
  m.text.append(120, 'x');
  m.html = "<!DOCTYPE html><html><body><h2>联系提醒</h2><p>距上次联系已 23 天</p></body></html>";
  m.idempotency_key = key;
  m.to_address = "zhang@example.com";
  m.to_name = "张伟";
  m.created = Instant{std::chrono::seconds{1787187600}};
  return m;
}

struct Certs {
  std::string cert, key;
};

Certs make_certs(const TempDir& dir) {
  Certs c{dir.file("cert.pem"), dir.file("key.pem")};
  auto r = run_command({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                        "-keyout", c.key, "-out", c.cert, "-days", "2", "-subj", "/CN=localhost",
                        "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"});
  EXPECT_EQ(r.exit_code, 0);
  return c;
}

TEST(EmailSmtp, ChineseMultipartMessageDecodesToTheSameText) {
  TempDir dir;
  std::string maildir = dir.file("mail");
  ServerProcess server({kPython, server_script("smtp_server.py"), "--maildir", maildir});
  auto ch = email_channel("mailto://127.0.0.1:" + std::to_string(server.port()) +
                          "?mode=insecure&from=reminders@example.com&name=提醒助手");
  auto transport = make_transport();
  Message m = chinese_message("cd-00112233445566778899aabbccddeeff");
  SendResult r = transport->send(ch, m, m.created);
  ASSERT_EQ(r.outcome, Outcome::kDelivered) << r.detail;
  EXPECT_EQ(r.status, 250);

  json mails = read_maildir(maildir);
  ASSERT_EQ(mails.size(), 1u);
  const json& mail = mails[0];
  EXPECT_EQ(mail["subject"], m.title);
  EXPECT_EQ(mail["from"][0][0], "提醒助手");
  EXPECT_EQ(mail["from"][0][1], "reminders@example.com");
  EXPECT_EQ(mail["to"][0][0], "张伟");
  EXPECT_EQ(mail["to"][0][1], "zhang@example.com");
  EXPECT_EQ(mail["message_id"], "<cd-00112233445566778899aabbccddeeff@example.com>");
  EXPECT_EQ(mail["date"], "Thu, 20 Aug 2026 01:00:00 +0000");
  EXPECT_EQ(mail["content_type"], "multipart/alternative");
  EXPECT_EQ(mail["text/plain"], m.text);
  EXPECT_EQ(mail["text/html"], m.html);
  EXPECT_EQ(mail["text/plain;charset"], "utf-8");
  EXPECT_TRUE(mail["defects"].empty()) << mail["defects"].dump();
  EXPECT_LE(mail["max_line"].get<int>(), 78);
  ASSERT_GT(mail["raw_subject_lines"].size(), 1u);  // folded into several encoded words
  for (const auto& line : mail["raw_subject_lines"]) {
    EXPECT_LE(line.get<std::string>().size(), 76u) << line;
  }
}

TEST(EmailSmtp, StartTlsWithAuthAndAPrivateCa) {
  TempDir dir;
  Certs certs = make_certs(dir);
  std::string maildir = dir.file("mail");
  ServerProcess server({kPython, server_script("smtp_server.py"), "--maildir", maildir, "--cert",
                        certs.cert, "--key", certs.key, "--user", "zhang", "--password",
                        "s3cret-pw"});
  std::string base = "mailto://zhang:s3cret-pw@127.0.0.1:" + std::to_string(server.port()) +
                     "?from=reminders@example.com&to=zhang@example.com";
  auto transport = make_transport();
  Message m = chinese_message("cd-tls");

  // Certificate verification is on: an unknown CA fails (retryable, clear message).
  SendResult untrusted = transport->send(email_channel(base), m, m.created);
  EXPECT_EQ(untrusted.outcome, Outcome::kRetryable);
  EXPECT_NE(untrusted.detail.find("certificate"), std::string::npos) << untrusted.detail;

  SendResult ok = transport->send(email_channel(base + "&ca_file=" + certs.cert), m, m.created);
  EXPECT_EQ(ok.outcome, Outcome::kDelivered) << ok.detail;

  std::string wrong = "mailto://zhang:wrong@127.0.0.1:" + std::to_string(server.port()) +
                      "?from=reminders@example.com&to=zhang@example.com&ca_file=" + certs.cert;
  SendResult denied = transport->send(email_channel(wrong), m, m.created);
  EXPECT_EQ(denied.outcome, Outcome::kPermanent) << denied.detail;

  EXPECT_EQ(read_maildir(maildir).size(), 1u);
}

TEST(EmailSmtp, StartTlsIsRequiredNeverSkipped) {
  TempDir dir;
  std::string maildir = dir.file("mail");
  ServerProcess server({kPython, server_script("smtp_server.py"), "--maildir", maildir});  // no TLS
  auto ch = email_channel("mailto://127.0.0.1:" + std::to_string(server.port()) +
                          "?from=reminders@example.com&to=zhang@example.com");
  ASSERT_EQ(ch.email.security, SmtpSecurity::kStartTls);
  auto transport = make_transport();
  SendResult r = transport->send(ch, chinese_message("cd-clear"), Instant{});
  EXPECT_NE(r.outcome, Outcome::kDelivered);
  EXPECT_TRUE(read_maildir(maildir).empty());
}

// A server that refuses the session (5xx greeting, 5xx to EHLO and HELO)
// says nothing about the message: retried until max_age, as Postfix defers
// on a 5xx greeting. A 5xx to MAIL, RCPT or the message itself refuses this
// message or its addresses: sending it again changes nothing, so it is dead.
TEST(EmailSmtp, ARefusedSessionIsRetriedARefusedMessageIsNot) {
  const struct {
    const char* stage;
    Outcome expected;
    const char* code;
  } cases[] = {{"greeting", Outcome::kRetryable, "554"},
               {"ehlo", Outcome::kRetryable, "554"},
               {"mail", Outcome::kPermanent, "553"},
               {"rcpt", Outcome::kPermanent, "550"},
               {"data", Outcome::kPermanent, "554"}};
  for (const auto& c : cases) {
    ServerProcess server({kPython, server_script("smtp_refuser.py"), "--refuse", c.stage});
    auto ch = email_channel("mailto://127.0.0.1:" + std::to_string(server.port()) +
                            "?mode=insecure&from=reminders@example.com&to=zhang@example.com");
    auto transport = make_transport();
    SendResult r =
        transport->send(ch, chinese_message(std::string("cd-refused-") + c.stage), Instant{});
    EXPECT_EQ(r.outcome, c.expected) << c.stage << ": " << r.detail;
    EXPECT_NE(r.detail.find(c.code), std::string::npos) << c.stage << ": " << r.detail;
  }
}

TEST(EmailSmtp, ImplicitTlsAndABurstOnOneChannel) {
  TempDir dir;
  Certs certs = make_certs(dir);
  std::string maildir = dir.file("mail");
  ServerProcess server({kPython, server_script("smtp_server.py"), "--maildir", maildir, "--cert",
                        certs.cert, "--key", certs.key, "--implicit-tls"});
  auto ch = email_channel(
      "mailtos://127.0.0.1:" + std::to_string(server.port()) +
      "?mode=ssl&from=reminders@example.com&to=zhang@example.com&ca_file=" + certs.cert);
  EXPECT_EQ(ch.email.smtp_url.rfind("smtps://", 0), 0u);
  auto transport = make_transport();
  for (int i = 0; i < 5; ++i) {
    SendResult r = transport->send(ch, chinese_message("cd-burst-" + std::to_string(i)), Instant{});
    ASSERT_EQ(r.outcome, Outcome::kDelivered) << r.detail;
  }
  json mails = read_maildir(maildir);
  ASSERT_EQ(mails.size(), 5u);
  std::set<std::string> ids;
  for (const auto& m : mails) ids.insert(m["message_id"].get<std::string>());
  EXPECT_EQ(ids.size(), 5u);
}

}  // namespace
}  // namespace cadence
