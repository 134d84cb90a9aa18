// The owner's web page in a real browser against the real daemon: cadenced
// runs with its HTTP job on a free loopback port, `cadencectl web-link`
// (a real process) prints the sign-in URL, and headless Chromium (Debian's
// chromium driven by playwright-core, tests/browser/owner_page.mjs) opens it
// at phone width (390 px), searches a contact, picks a kind, types a note and
// taps "log touch". Asserted: the contact's fired reminder is resolved in the
// daemon's database and the touch stored (source web) — polled, no fixed
// sleeps; nothing was requested from a non-loopback host; no page scrolls
// sideways; every control is at least 44 px high; no script on the page.
//
// Needs node, playwright-core (tests/browser, npm ci) and chromium
// (scripts/install-deps.sh): without them the test fails, it does not skip.
// CADENCE_UPDATE_SCREENSHOTS=1 copies the phone-width screenshot (after the
// search) to docs/owner-phone.png (look at it before committing it).
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cadence/action_token.hpp"
#include "cadence/calendar.hpp"
#include "cadence/clock.hpp"
#include "cadence/store.hpp"
#include "http/web_session.hpp"
#include "process.hpp"
#include "temp_dir.hpp"

namespace cadence::http {
namespace {

using cadence::testing::free_loopback_port;

using cadence::testing::binary_path;
using cadence::testing::ChildProcess;
using cadence::testing::NotifySocket;
using cadence::testing::read_file;
using cadence::testing::run_process;
using cadence::testing::source_path;
using cadence::testing::SpawnOptions;
using cadence::testing::TempDir;
using cadence::testing::wait_until;
using namespace std::chrono_literals;

// `name` on $PATH, as execvp would find it.
std::string find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const std::filesystem::path candidate = std::filesystem::path(dir) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return {};
}

// A port free right now (bound to 0, read, released); the daemon binds it next.
std::string browser_config(const std::string& db, std::uint16_t port, bool public_url) {
  return "timezone: Asia/Shanghai\nlocale: zh-CN\ndatabase: " + db +
         "\nowners:\n  - id: zhang\n    name: 张三\n    channels: [console]\n"
         "channels:\n  - id: console\n    type: console\n"
         "holidays:\n  sets: [cn]\n"
         "kinds:\n  call: normal\n  visit: deep\n  wechat: shallow\n"
         "rules:\n  - id: keep-in-touch\n    match: {tier: A}\n"
         "    cadence: {every: 14d, kinds: [call, visit]}\n"
         "http:\n  listen: 127.0.0.1:" +
         std::to_string(port) + "\n" +
         (public_url ? "  public_url: http://127.0.0.1:" + std::to_string(port) + "\n" : "");
}

// Contacts added 30 days ago and never touched: tier A ones are overdue at
// start. Two birthdays fall in the next 30 days.
void seed(const std::string& db) {
  const Instant now = SystemClock().now();
  ManualClock past(now - Duration{30 * 86400});
  StoreOptions options;
  options.path = db;
  options.clock = &past;
  auto store = open_sqlite_store(options);
  ASSERT_TRUE(store) << store.error().message();
  auto zone = TimeZone::locate("Asia/Shanghai");
  ASSERT_TRUE(zone);
  const auto in_days = [&](int days) {
    const std::chrono::year_month_day d{std::chrono::sys_days{zone->local_date(now)} +
                                        std::chrono::days{days}};
    return GregorianBirthday{1985, static_cast<unsigned>(d.month()),
                             static_cast<unsigned>(d.day())};
  };
  struct Seed {
    const char* id;
    const char* name;
    const char* tier;
    int birthday_in;  // days from today; < 0: none
  };
  for (const Seed& s : {Seed{"zhao", "赵磊", "A", -1}, Seed{"wang-fang", "王芳", "A", 4},
                        Seed{"liu", "刘洋 <VIP>", "B", 12}, Seed{"chen", "陈静", "A", -1}}) {
    Contact c;
    c.id = s.id;
    c.name = s.name;
    c.tier = s.tier;
    c.owner = "zhang";
    if (s.birthday_in >= 0) c.birthday = in_days(s.birthday_in);
    ASSERT_TRUE((*store)->add_contact(c));
  }
}

TEST(OwnerPageBrowser, LogATouchByTappingOnAPhoneResolvesTheReminderInTheDaemon) {
  const std::string node = find_program("node");
  ASSERT_FALSE(node.empty()) << "node is not installed (scripts/install-deps.sh installs it)";
  const char* chromium_env = std::getenv("CHROMIUM");
  const std::string chromium = chromium_env != nullptr ? chromium_env : "/usr/bin/chromium";
  ASSERT_EQ(::access(chromium.c_str(), X_OK), 0)
      << chromium << " is missing (scripts/install-deps.sh installs Debian's chromium)";
  ASSERT_TRUE(std::filesystem::exists(source_path("tests/browser/node_modules/playwright-core")))
      << "playwright-core is missing: (cd tests/browser && npm ci)";

  TempDir dir;
  const std::string db = dir.file("cadence.db");
  seed(db);
  const std::uint16_t port = free_loopback_port();
  const std::string config = dir.write("cadence.yaml", browser_config(db, port, true));
  NotifySocket notify(dir.file("notify.sock"));
  SpawnOptions options;
  options.args = {"--config", config};
  options.env["NOTIFY_SOCKET"] = notify.path();
  options.stdout_path = dir.file("out");
  options.stderr_path = dir.file("err");
  ChildProcess daemon(binary_path("src/cadenced"), options);
  ASSERT_TRUE(notify.wait_for_line("READY=1", 10s)) << read_file(dir.file("err"));

  auto store = open_sqlite_store(StoreOptions{db});
  ASSERT_TRUE(store);
  std::optional<Occurrence> fired;
  ASSERT_TRUE(wait_until(
      [&] {
        auto open = (*store)->open_occurrences_for_subject("contact:zhao");
        if (!open || open->empty() || open->front().state != OccurrenceState::kFired) return false;
        fired = open->front();
        return true;
      },
      10s))
      << read_file(dir.file("err"));

  const auto link = run_process(binary_path("src/cadencectl"),
                                {"--config", config, "web-link", "--owner", "zhang"});
  ASSERT_TRUE(link.status.is_exit(0)) << to_string(link.status) << link.err;
  const std::string prefix = "http://127.0.0.1:" + std::to_string(port) + "/w/";
  ASSERT_EQ(link.out.rfind(prefix, 0), 0u) << link.out;
  const std::string url = link.out.substr(0, link.out.find('\n'));

  const std::string note = "在公司见面，聊了新项目";
  const std::string shot = dir.file("owner-phone.png");
  const auto r = run_process(
      node,
      {source_path("tests/browser/owner_page.mjs"), url, "390", "赵", "zhao", "visit", note, shot},
      {{"CHROMIUM", chromium}}, std::chrono::seconds(120));
  ASSERT_TRUE(r.status.is_exit(0)) << to_string(r.status) << "\n" << r.err << r.out;
  const nlohmann::json m = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(m.is_discarded()) << r.out;
  EXPECT_EQ(m["found"], 1) << m.dump();
  ASSERT_EQ(m["steps"].size(), 3u) << m.dump();
  const auto& signed_in = m["steps"][0];
  EXPECT_EQ(signed_in["status"], 200) << m.dump();
  EXPECT_EQ(signed_in["url"], prefix) << m.dump();  // redirected to /w/ with the cookie
  EXPECT_EQ(signed_in["lang"], "zh-CN");
  bool listed = false;
  for (const auto& t : signed_in["reminders"]) {
    listed = listed || t.get<std::string>() == fired->title;
  }
  EXPECT_TRUE(listed) << fired->title << " not in " << signed_in.dump();
  for (const auto& step : m["steps"]) {
    EXPECT_LE(step["scrollWidth"].get<int>(), step["viewportWidth"].get<int>()) << step.dump();
    EXPECT_EQ(step["viewportWidth"], 390);
    EXPECT_GE(step["minControlHeight"].get<double>(), 43.5) << step.dump();
    EXPECT_EQ(step["scripts"], 0);
  }
  const auto& logged = m["steps"][2];
  EXPECT_EQ(logged["url"], prefix + "?m=touch-resolved") << logged.dump();
  EXPECT_FALSE(logged["flash"].get<std::string>().empty());
  for (const auto& t : logged["reminders"]) EXPECT_NE(t.get<std::string>(), fired->title);
  EXPECT_TRUE(m["externalRequests"].empty()) << m.dump();
  EXPECT_TRUE(m["failedRequests"].empty()) << m.dump();

  // In the daemon's database: the touch (source web, with its note) and the
  // reminder resolved.
  ASSERT_TRUE(wait_until(
      [&] {
        auto o = (*store)->get_occurrence(fired->row_id);
        return o && o->state == OccurrenceState::kResolved;
      },
      5s))
      << read_file(dir.file("err"));
  auto touches = (*store)->list_interactions(std::string("zhao"), std::nullopt, 10);
  ASSERT_TRUE(touches);
  ASSERT_EQ(touches->size(), 1u);
  EXPECT_EQ(touches->front().source, "web");
  EXPECT_EQ(touches->front().kind, "visit");
  EXPECT_EQ(touches->front().note, note);

  ASSERT_GT(std::filesystem::file_size(shot), 10'000u);
  const char* update = std::getenv("CADENCE_UPDATE_SCREENSHOTS");
  if (update != nullptr && std::string(update) == "1") {
    std::filesystem::copy_file(shot, source_path("docs/owner-phone.png"),
                               std::filesystem::copy_options::overwrite_existing);
  }
  ASSERT_TRUE(daemon.send_signal(SIGTERM));
  auto status = daemon.wait_for_exit(5s);
  ASSERT_TRUE(status) << read_file(dir.file("err"));
  EXPECT_TRUE(status->is_exit(0)) << to_string(*status) << read_file(dir.file("err"));
}

TEST(OwnerPageBrowser, WebLinkNeedsAPublicUrlAndAKnownOwner) {
  TempDir dir;
  const std::string db = dir.file("cadence.db");
  const std::string without = dir.write("without.yaml", browser_config(db, 8787, false));
  auto r = run_process(binary_path("src/cadencectl"),
                       {"--config", without, "web-link", "--owner", "zhang"});
  EXPECT_TRUE(r.status.is_exit(1)) << to_string(r.status);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("http.public_url is not set"), std::string::npos) << r.err;

  const std::string with = dir.write("with.yaml", browser_config(db, 8787, true));
  r = run_process(binary_path("src/cadencectl"),
                  {"--config", with, "web-link", "--owner", "nobody"});
  EXPECT_TRUE(r.status.is_exit(1)) << to_string(r.status);
  EXPECT_NE(r.err.find("no owner 'nobody'"), std::string::npos) << r.err;
  r = run_process(binary_path("src/cadencectl"),
                  {"--config", with, "web-link", "--owner", "zhang", "--days", "0"});
  EXPECT_FALSE(r.status.is_exit(0));
  EXPECT_NE(r.err.find("--days 0 is out of range"), std::string::npos) << r.err;

  // A good link names the owner and the requested lifetime; the daemon's key
  // file is created next to the database on first use.
  r = run_process(binary_path("src/cadencectl"),
                  {"--config", with, "web-link", "--owner", "zhang", "--days", "2"});
  ASSERT_TRUE(r.status.is_exit(0)) << r.err;
  EXPECT_EQ(r.out.rfind("http://127.0.0.1:8787/w/", 0), 0u) << r.out;
  auto key = load_or_create_action_key("", dir.file("http.key"));
  ASSERT_TRUE(key) << key.error().message();
  const std::string token = r.out.substr(24, r.out.find('\n') - 24);
  const Instant now = SystemClock().now();
  const WebCheck check = verify_web_login(*key, token, now);
  ASSERT_TRUE(check.ok()) << token;
  EXPECT_EQ(check.claim->owner, "zhang");
  EXPECT_LE(check.claim->expires_at, now + Duration{2 * 86400});
  EXPECT_GT(check.claim->expires_at, now + Duration{2 * 86400 - 60});
}

}  // namespace
}  // namespace cadence::http
