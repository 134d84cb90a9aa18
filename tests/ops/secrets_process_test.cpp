// Secrets everywhere: the real cadenced runs with every secret the
// configuration can hold set to a recognisable value (SMTP password, webhook
// signing secret, Telegram bot token, DingTalk token and signing secret, the
// HTTP API token and the action-link key), given through ${file:}, ${env:} and
// ${cred:}. Every delivery fails (the loopback SMTP server refuses the login,
// the chat receiver rejects signatures, a gateway echoes the request path), the
// HTTP job gets invalid requests, SIGHUP brings a broken config, and cadencectl
// prints config checks, the outbox and test sends. No output of any of them —
// logs, CLI stdout/stderr, HTTP answers (bodies and headers) — may contain a
// secret.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cadence/clock.hpp"
#include "cadence/store.hpp"
#include "process.hpp"
#include "temp_dir.hpp"
#include "test_support.hpp"

namespace cadence {
namespace {

using cadence::testing::free_loopback_port;

using cadence::testing::binary_path;
using cadence::testing::ChildProcess;
using cadence::testing::NotifySocket;
using cadence::testing::read_file;
using cadence::testing::run_process;
using cadence::testing::SpawnOptions;
using cadence::testing::TempDir;
using cadence::testing::wait_until;
using nlohmann::json;
using namespace std::chrono_literals;

// The secrets, each unique enough that finding it anywhere is a leak.
const std::string kSmtpPassword = "smtpPW-Leak-Canary-1a7c";
// Standard Webhooks form: whsec_ + base64("webhook-Leak-Canary-2b8d-key").
const std::string kWebhookSecretBase64 = "d2ViaG9vay1MZWFrLUNhbmFyeS0yYjhkLWtleQ==";
const std::string kWebhookSecret = "whsec_" + kWebhookSecretBase64;
const std::string kTelegramToken = "987654321:AAtgLeakCanary3c9eTokenValue";
const std::string kDingtalkToken = "dingTokenLeakCanary4d0f";
const std::string kDingtalkSecret = "SECdingSecretLeakCanary5e1a";
const std::string kCanaryApiToken = "apiToken-Leak-Canary-6f2b";
const std::string kHttpKey = "httpKey-Leak-Canary-7a3c-0123456789abcdef";  // >= 32 bytes

std::vector<std::string> all_secrets() {
  return {kSmtpPassword, kWebhookSecret, kWebhookSecretBase64, kTelegramToken,
          // The token's secret half alone (after the bot id).
          kTelegramToken.substr(kTelegramToken.find(':') + 1), kDingtalkToken, kDingtalkSecret,
          kCanaryApiToken, kHttpKey};
}

// A port free right now (bound to 0, read, released); the daemon binds it next.
// Sends `request` as raw bytes to 127.0.0.1:port and returns everything the
// server answers until it closes (or 5 s pass).
std::string raw_exchange(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  std::string answer;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    std::size_t sent = 0;
    while (sent < request.size()) {
      const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
    }
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    pollfd p{fd, POLLIN, 0};
    while (std::chrono::steady_clock::now() < deadline && ::poll(&p, 1, 500) >= 0) {
      if ((p.revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      char buf[4096];
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      answer.append(buf, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  return answer;
}

std::string secrets_config(const std::string& db, int smtp_port, int receiver_port, int http_port) {
  const std::string receiver = "http://127.0.0.1:" + std::to_string(receiver_port);
  return "timezone: UTC\n"
         "locale: en\n"
         "database: " +
         db +
         "\n"
         "owners:\n"
         "  - {id: mail_owner, email: zhang@example.com, channels: [mail]}\n"
         "  - {id: hook_owner, channels: [hook]}\n"
         "  - {id: tg_owner, channels: [tg]}\n"
         "  - {id: ding_owner, channels: [ding]}\n"
         "channels:\n"
         "  - id: mail\n"
         "    type: email\n"
         "    host: 127.0.0.1\n"
         "    port: " +
         std::to_string(smtp_port) +
         "\n"
         "    user: zhang\n"
         "    password: ${file:secrets/smtp_password}\n"
         "    mode: insecure\n"
         "    from: cadence@example.com\n"
         "  - id: hook\n"
         "    type: webhook\n"
         "    url: \"" +
         receiver +
         "/webhook/in\"\n"
         "    secret: ${env:CADENCE_TEST_WEBHOOK_SECRET}\n"
         "  - id: tg\n"
         "    url: \"tgram://${cred:telegram_token}/42\"\n"
         "    api_url: \"" +
         receiver +
         "/telegram\"\n"
         "  - id: ding\n"
         "    url: \"dingtalk://${env:CADENCE_TEST_DING_SECRET}@${env:CADENCE_TEST_DING_TOKEN}/\"\n"
         "    api_url: \"" +
         receiver +
         "/dingtalk\"\n"
         "rules:\n"
         "  - id: keep-in-touch\n"
         "    match: {tier: A}\n"
         "    cadence: {every: 14d}\n"
         "http:\n"
         "  listen: 127.0.0.1:" +
         std::to_string(http_port) +
         "\n"
         "  public_url: https://cadence.example\n"
         "  token: ${env:CADENCE_TEST_API_TOKEN}\n"
         "  key: ${file:secrets/http_key}\n";
}

// Broken in several ways, each next to a secret: a channel URL missing its
// token with the signing secret in it, a port that is the SMTP password, an
// unknown key whose value is the API token, and an http.key too short.
std::string broken_config_text(const std::string& db) {
  return "timezone: UTC\n"
         "locale: en\n"
         "database: " +
         db +
         "\n"
         "owners:\n"
         "  - {id: zhang, channels: [ding, mail]}\n"
         "channels:\n"
         "  - id: ding\n"
         "    url: \"dingtalk://${env:CADENCE_TEST_DING_SECRET}@/\"\n"
         "  - id: mail\n"
         "    url: \"mailto://zhang:${file:secrets/smtp_password}@127.0.0.1:notaport\"\n"
         "  - id: tg\n"
         "    url: \"tgram://${cred:telegram_token}\"\n"
         "  - id: hook\n"
         "    type: webhook\n"
         "    url: \"http://hooks.example.com/${env:CADENCE_TEST_WEBHOOK_SECRET}\"\n"
         "rules: []\n"
         "http:\n"
         "  listen: 127.0.0.1:1\n"
         "  tokn: ${env:CADENCE_TEST_API_TOKEN}\n"
         "  key: ${env:CADENCE_TEST_API_TOKEN}\n";
}

// What a command or request produced, for the final scan.
struct Output {
  std::string what;
  std::string text;
};

// The full text of an HTTP answer.
std::string describe(const delivery::HttpResponse& r) {
  std::string out = "status " + std::to_string(r.status) + "\n";
  for (const auto& [name, value] : r.headers) out += name + ": " + value + "\n";
  return out + r.body + r.transport_error;
}

TEST(SecretsProcess, NoSecretInLogsCliOutputOrHttpAnswers) {
  TempDir dir;
  const std::string db = dir.file("cadence.db");
  std::filesystem::create_directories(dir.path() / "secrets");
  std::filesystem::create_directories(dir.path() / "creds");
  dir.write("secrets/smtp_password", kSmtpPassword + "\n");
  dir.write("secrets/http_key", kHttpKey + "\n");
  dir.write("creds/telegram_token", kTelegramToken);
  const std::map<std::string, std::optional<std::string>> env = {
      {"CADENCE_TEST_WEBHOOK_SECRET", kWebhookSecret},
      {"CADENCE_TEST_DING_SECRET", kDingtalkSecret},
      {"CADENCE_TEST_DING_TOKEN", kDingtalkToken},
      {"CADENCE_TEST_API_TOKEN", kCanaryApiToken},
      {"CREDENTIALS_DIRECTORY", dir.file("creds")},
  };

  // Failing services: SMTP wants another password; the receiver checks
  // signatures with other secrets; the Telegram gateway answers 404 with the
  // request path (bot token included) in its body, as many proxies do.
  testing::ServerProcess smtp({testing::kPython, testing::server_script("smtp_server.py"),
                               "--maildir", dir.file("maildir"), "--user", "zhang", "--password",
                               "not-the-configured-one"});
  testing::ChatReceiver receiver(
      json{{"webhook", "whsec_b3RoZXItc2VjcmV0LWtleS0wMDAwMDA="}, {"dingtalk", "SECotherSecret"}});
  json echoes = json::array();
  for (int i = 0; i < 6; ++i) {
    echoes.push_back({{"service", "telegram"},
                      {"status", 404},
                      {"body", "Cannot POST /telegram/bot" + kTelegramToken + "/sendMessage"}});
  }
  receiver.queue(echoes);

  {
    // One contact per owner, added 30 days ago and never touched: overdue.
    ManualClock past(SystemClock().now() - Duration{30 * 86400});
    StoreOptions options;
    options.path = db;
    options.clock = &past;
    auto store = open_sqlite_store(options);
    ASSERT_TRUE(store) << store.error().message();
    for (const std::string owner : {"mail_owner", "hook_owner", "tg_owner", "ding_owner"}) {
      Contact c;
      c.id = "c-" + owner;
      c.name = "Contact of " + owner;
      c.tier = "A";
      c.owner = owner;
      ASSERT_TRUE((*store)->add_contact(c));
    }
  }
  const int http_port = free_loopback_port();
  const std::string config =
      dir.write("cadence.yaml", secrets_config(db, smtp.port(), receiver.port(), http_port));
  const std::string broken = dir.write("broken.yaml", broken_config_text(db));

  std::vector<Output> outputs;
  auto run = [&](const std::string& what, const std::string& program,
                 const std::vector<std::string>& args) {
    auto r = run_process(program, args, env, 30s);
    outputs.push_back({what, r.out + r.err});
    return r;
  };
  const std::string& cadenced = cadence::testing::kCadenced;
  const std::string& cadencectl = cadence::testing::kCadencectl;

  // The configuration as the tools see it, before the daemon starts.
  auto checked = run("cadencectl check", cadencectl, {"--config", config, "check"});
  EXPECT_TRUE(checked.status.is_exit(0)) << checked.out << checked.err;
  auto checked_broken = run("cadencectl check broken", cadencectl, {"check", broken});
  EXPECT_FALSE(checked_broken.status.is_exit(0));
  auto daemon_check =
      run("cadenced --check-config broken", cadenced, {"--check-config", "--config", broken});
  EXPECT_TRUE(daemon_check.status.is_exit(1)) << to_string(daemon_check.status);
  // The broken file is reported, not silently accepted (the unknown http key
  // at least).
  EXPECT_NE((daemon_check.out + daemon_check.err).find("tokn"), std::string::npos)
      << daemon_check.out << daemon_check.err;
  auto daemon_start_broken = run("cadenced broken", cadenced, {"--config", broken});
  EXPECT_TRUE(daemon_start_broken.status.is_exit(78)) << to_string(daemon_start_broken.status);

  // The daemon.
  NotifySocket notify(dir.file("notify.sock"));
  SpawnOptions options;
  options.args = {"--config", config};
  options.env = env;
  options.env["NOTIFY_SOCKET"] = notify.path();
  options.stdout_path = dir.file("daemon.out");
  options.stderr_path = dir.file("daemon.err");
  ChildProcess daemon(cadenced, options);
  auto log = [&] { return read_file(options.stdout_path) + read_file(options.stderr_path); };
  ASSERT_TRUE(notify.wait_for_line("READY=1", 20s)) << log();

  // Every channel tried at least once and failed.
  auto store = open_sqlite_store(StoreOptions{db});
  ASSERT_TRUE(store) << store.error().message();
  std::set<std::string> failed;
  ASSERT_TRUE(wait_until(
      [&] {
        auto rows = (*store)->list_deliveries(std::nullopt, 1000);
        if (!rows) return false;
        failed.clear();
        for (const auto& d : *rows) {
          if (d.attempts > 0 && !d.last_error.empty()) failed.insert(d.channel);
        }
        return failed.size() == 4;
      },
      30s))
      << "channels failed so far: " << failed.size() << "\n"
      << log();
  {
    auto rows = (*store)->list_deliveries(std::nullopt, 1000);
    ASSERT_TRUE(rows);
    for (const auto& d : *rows) {
      EXPECT_NE(d.state, DeliveryState::kSent) << d.channel << " should have failed";
      outputs.push_back({"last_error of " + d.channel, d.last_error});
    }
  }
  // The gateway really echoed the token to cadence (else the check below
  // would prove nothing for it).
  bool echoed = false;
  for (const auto& r : receiver.requests()) {
    if (r.value("service", "") == "telegram") echoed = true;
  }
  EXPECT_TRUE(echoed);

  // The HTTP job: health, metrics, and invalid requests.
  delivery::HttpClient client(2000ms, 5000ms);
  const std::string base = "http://127.0.0.1:" + std::to_string(http_port);
  auto request = [&](const std::string& method, const std::string& path,
                     std::vector<std::pair<std::string, std::string>> headers = {}) {
    delivery::HttpRequest r;
    r.method = method;
    r.url = base + path;
    r.headers = std::move(headers);
    auto answer = client.perform("daemon-" + method + path, r);
    outputs.push_back({method + " " + path, describe(answer)});
    return answer;
  };
  EXPECT_EQ(request("GET", "/healthz").status, 200);
  EXPECT_EQ(request("GET", "/readyz").status, 200);
  auto metrics = request("GET", "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("cadence_deliveries{"), std::string::npos) << metrics.body;
  EXPECT_EQ(request("GET", "/a/not-a-token").status, 403);
  EXPECT_EQ(request("POST", "/a/bm90.YXRva2Vu").status, 403);
  EXPECT_EQ(request("GET", "/a/%2e%2e/etc/passwd").status, 404);
  EXPECT_EQ(request("DELETE", "/metrics").status, 405);
  request("GET", "/api/v1/contacts", {{"Authorization", "Bearer " + kCanaryApiToken}});
  request("GET", "/api/v1/contacts", {{"Authorization", "Bearer wrong-token"}});
  outputs.push_back({"raw garbage", raw_exchange(http_port, "NOT HTTP AT ALL\r\n\r\n")});
  outputs.push_back(
      {"raw oversized header", raw_exchange(http_port, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " +
                                                           std::string(9000, 'a') + "\r\n\r\n")});
  EXPECT_NE(outputs.back().text.find("431"), std::string::npos) << outputs.back().text;

  // The key came from ${file:}: the daemon generated none.
  EXPECT_FALSE(std::filesystem::exists(dir.file("http.key")));

  // cadencectl against the running daemon's database and channels.
  auto outbox = run("cadencectl outbox", cadencectl, {"--config", config, "outbox"});
  EXPECT_TRUE(outbox.status.is_exit(0)) << outbox.err;
  EXPECT_NE(outbox.out.find("tg"), std::string::npos) << outbox.out;
  auto outbox_json = run("cadencectl outbox --format json", cadencectl,
                         {"--config", config, "outbox", "list", "--format", "json"});
  EXPECT_TRUE(outbox_json.status.is_exit(0)) << outbox_json.err;
  run("cadencectl due", cadencectl, {"--config", config, "due"});
  for (const std::string channel : {"mail", "hook", "tg", "ding"}) {
    auto sent = run("cadencectl send-test " + channel, cadencectl,
                    {"--config", config, "send-test", channel});
    EXPECT_FALSE(sent.status.is_exit(0)) << channel << " should fail: " << sent.out << sent.err;
  }

  // A broken config on SIGHUP: rejected and logged; then stop.
  dir.write("cadence.yaml", broken_config_text(db));
  ASSERT_TRUE(daemon.send_signal(SIGHUP));
  ASSERT_TRUE(notify.wait_for_line("RELOADING=1", 10s)) << log();
  ASSERT_TRUE(notify.wait_for_line("READY=1", 10s)) << log();
  ASSERT_TRUE(daemon.send_signal(SIGTERM));
  auto status = daemon.wait_for_exit(10s);
  ASSERT_TRUE(status) << log();
  EXPECT_TRUE(status->is_exit(0)) << to_string(*status);
  EXPECT_NE(log().find("the previous configuration stays"), std::string::npos) << log();
  outputs.push_back({"daemon stdout+stderr", log()});
  std::string notified;
  for (const auto& m : notify.messages()) notified += m + "\n";
  outputs.push_back({"sd_notify messages", notified});

  for (const auto& secret : all_secrets()) {
    for (const auto& o : outputs) {
      EXPECT_EQ(o.text.find(secret), std::string::npos)
          << "secret " << secret << " leaked in " << o.what << ":\n"
          << o.text;
    }
  }
}

}  // namespace
}  // namespace cadence
