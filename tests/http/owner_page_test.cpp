// The owner's web page (/w/) on the real loopback server over a real SQLite
// file: sign-in by login token (good, expired, tampered, foreign key), the
// session cookie, CSRF on every POST, logging a touch that the engine turns
// into a resolved reminder, done/snooze, the contact search (substring, this
// owner only, at most 20, escaped), Chinese and English.
#include <gtest/gtest.h>

#include <boost/asio/post.hpp>
#include <regex>
#include <thread>

#include "cadence/action_token.hpp"
#include "config_text.hpp"
#include "http/http_job.hpp"
#include "http/web_session.hpp"
#include "http_client.hpp"
#include "temp_dir.hpp"
#include "test_time.hpp"

namespace cadence::http {
namespace {

using cadence::testing::diagnostics_text;

using cadence::testing::TempDir;
namespace client = cadence::testing::http_client;
namespace bhttp = boost::beast::http;

using cadence::testing::kTestStart;  // 2027-01-15T08:00:00Z
constexpr Duration kDay{86400};

Date ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

class OwnerPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("cadence.db");
    StoreOptions options;
    options.path = db_;
    options.clock = &clock_;
    auto store = open_sqlite_store(options);
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(store.value());
    // Touched 20 days ago: the 14-day follow-up is overdue.
    const auto contact = [&](const std::string& id, const std::string& name,
                             const std::string& owner) {
      Contact c;
      c.id = id;
      c.name = name;
      c.owner = owner;
      return c;
    };
    Contact li = contact("li-wei", "李伟", "zhang");
    li.birthday = GregorianBirthday{1980, 1, 20};
    li.account = "acme";
    Account acme;
    acme.id = "acme";
    acme.name = "Acme";
    acme.owner = "zhang";
    ASSERT_TRUE(store_->add_account(acme));
    ASSERT_TRUE(store_->add_contact(li));
    Contact anna = contact("anna", "Anna Berg", "zhang");
    anna.lunar_birthday = LunarBirthday{std::nullopt, 1, 1, false};  // 春节: 2027-02-06
    ASSERT_TRUE(store_->add_contact(anna));
    ASSERT_TRUE(store_->add_contact(contact("evil", "<b>Evil</b> & Co", "zhang")));
    ASSERT_TRUE(store_->add_contact(contact("bob", "Bob Evilson", "wang")));
    Interaction old;
    old.contact = "li-wei";
    old.kind = "call";
    old.depth = Depth::kNormal;
    old.at = kTestStart - 20 * kDay;
    old.source = "cli";
    ASSERT_TRUE(store_->add_interaction(old));

    reminder_ = add_reminder("follow-up|contact:li-wei|2027-01-10", "contact:li-wei", "zhang",
                             ymd(2027, 1, 10), "Call 李伟 <soon>", true);
    anna_reminder_ = add_reminder("follow-up|contact:anna|2027-01-15", "contact:anna", "zhang",
                                  ymd(2027, 1, 15), "Call Anna", true);
    later_ = add_reminder("follow-up|contact:anna|2027-01-25", "contact:anna-later", "zhang",
                          ymd(2027, 1, 25), "Call Anna next week", false);
    theirs_ = add_reminder("follow-up|contact:bob|2027-01-14", "contact:bob", "wang",
                           ymd(2027, 1, 14), "Call Bob", true);
  }

  RowId add_reminder(const std::string& key, const std::string& subject, const std::string& owner,
                     Date due, const std::string& title, bool fired) {
    Occurrence o;
    o.key = key;
    o.rule = "follow-up";
    o.kind = ReminderKind::kCadence;
    o.subject = subject;
    o.owner = owner;
    o.due = due;
    o.fire_at = fired ? kTestStart - kDay : kTestStart + 10 * kDay;
    o.title = title;
    EXPECT_EQ(*store_->upsert_occurrences({o}), 1);
    Occurrence stored = *store_->get_occurrence_by_key(key);
    if (fired) {
      stored.state = OccurrenceState::kFired;
      stored.fired_at = stored.fire_at;
      EXPECT_TRUE(store_->update_occurrence(stored));
    }
    return stored.row_id;
  }

  void start(const std::string& public_url = "https://c.example/") {
    auto parsed = parse_config(
        "timezone: Asia/Shanghai\nlocale: en\n"
        "owners:\n  - id: zhang\n    name: Zhang San\n    locale: en\n    channels: [console]\n"
        "  - id: wang\n    locale: zh-CN\n    channels: [console]\n"
        "channels:\n  - id: console\n    type: console\n"
        "holidays:\n  sets: [cn]\n"
        "kinds:\n  visit: deep\n  call: normal\n  like: shallow\n"
        "rules:\n  - id: follow-up\n    match: {}\n    cadence: {every: 14d, kinds: [call, "
        "visit]}\n"
        "database: " +
            db_ + "\nhttp:\n  listen: 127.0.0.1:8787\n  public_url: " + public_url + "\n",
        "test.yaml", SubstitutionSource::from_process());
    ASSERT_TRUE(parsed.ok()) << diagnostics_text(parsed);
    parsed.config->http.listen = "127.0.0.1:0";
    config_ = std::make_shared<Config>(std::move(*parsed.config));
    job_ = std::make_unique<HttpJob>(clock_);
    auto started = job_->start(io_, config_);
    ASSERT_TRUE(started) << started.error().message();
    loop_ = std::thread([this] { io_.run(); });
    auto key = load_or_create_action_key("", default_action_key_path(db_));
    ASSERT_TRUE(key) << key.error().message();
    key_ = *key;
  }

  void TearDown() override {
    if (!loop_.joinable()) return;
    boost::asio::post(io_, [this] { job_->stop(); });
    loop_.join();
  }

  std::string login_token(const std::string& owner, Instant expires) {
    return *sign_web_login(key_, WebClaim{owner, expires});
  }

  client::Response get(const std::string& target, const std::string& cookie = "") {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!cookie.empty()) headers.emplace_back("Cookie", cookie);
    return client::request(job_->port(), bhttp::verb::get, target, headers);
  }
  client::Response post(const std::string& target, const std::string& body,
                        const std::string& cookie = "") {
    std::vector<std::pair<std::string, std::string>> headers{
        {"Content-Type", "application/x-www-form-urlencoded"}};
    if (!cookie.empty()) headers.emplace_back("Cookie", cookie);
    return client::request(job_->port(), bhttp::verb::post, target, headers, body);
  }

  // Signs in as `owner` through the login link; returns "cadence_w=<value>".
  std::string sign_in(const std::string& owner) {
    auto res = get("/w/" + login_token(owner, kTestStart + 30 * kDay));
    EXPECT_EQ(res.result_int(), 303) << res.body();
    const std::string set_cookie(res[bhttp::field::set_cookie]);
    return set_cookie.substr(0, set_cookie.find(';'));
  }

  static std::string csrf_of(const std::string& page) {
    std::smatch m;
    const std::regex re("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"");
    if (!std::regex_search(page, m, re)) return {};
    return m[1].str();
  }

  OccurrenceState state_of(RowId id) { return store_->get_occurrence(id)->state; }

  TempDir dir_;
  std::string db_;
  ManualClock clock_{kTestStart};
  std::unique_ptr<Store> store_;
  RowId reminder_ = 0, anna_reminder_ = 0, later_ = 0, theirs_ = 0;
  std::shared_ptr<const Config> config_;
  boost::asio::io_context io_;
  std::unique_ptr<HttpJob> job_;
  std::thread loop_;
  std::string key_;
};

TEST_F(OwnerPageTest, LoginLinkSetsAStrictCookieAndThePageShowsTheOwnersDay) {
  start();
  auto res = get("/w/" + login_token("zhang", kTestStart + 30 * kDay));
  ASSERT_EQ(res.result_int(), 303) << res.body();
  EXPECT_EQ(res[bhttp::field::location], "./");
  const std::string set_cookie(res[bhttp::field::set_cookie]);
  EXPECT_EQ(set_cookie.rfind("cadence_w=", 0), 0u) << set_cookie;
  for (const char* attr :
       {"; Path=/w", "; HttpOnly", "; SameSite=Strict", "; Secure", "; Max-Age=2592000"}) {
    EXPECT_NE(set_cookie.find(attr), std::string::npos) << attr << " in " << set_cookie;
  }
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));

  auto page = get("/w/", cookie);
  ASSERT_EQ(page.result_int(), 200) << page.body();
  const std::string& html = page.body();
  EXPECT_EQ(page[bhttp::field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ(std::string(page["Content-Security-Policy"]).rfind("default-src 'none'", 0), 0u);
  EXPECT_EQ(page[bhttp::field::cache_control], "no-store");
  EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(html.find("Zhang San"), std::string::npos);
  EXPECT_NE(html.find("Today and overdue (2)"), std::string::npos) << html;
  // Titles escaped; the overdue one marked; the one due in 10 days and the
  // other owner's are not listed.
  EXPECT_NE(html.find("Call 李伟 &lt;soon&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<soon>"), std::string::npos);
  EXPECT_NE(html.find("due 2027-01-10 · overdue"), std::string::npos);
  EXPECT_NE(html.find("Call Anna"), std::string::npos);
  EXPECT_EQ(html.find("Call Anna next week"), std::string::npos);
  EXPECT_EQ(html.find("Call Bob"), std::string::npos);
  EXPECT_NE(html.find("value=\"snooze1w\""), std::string::npos);
  // Next 30 days: the Gregorian birthday, the lunar one on 春节's date, 春节.
  EXPECT_NE(html.find("2027-01-20</span><span>Birthday: 李伟"), std::string::npos) << html;
  EXPECT_NE(html.find("2027-02-06</span><span>Lunar birthday: Anna Berg"), std::string::npos);
  // 春节 in the holiday set's names (the config's locale, en here).
  EXPECT_TRUE(html.find("2027-02-06</span><span>Spring Festival") != std::string::npos ||
              html.find("2027-02-06</span><span>春节") != std::string::npos)
      << html;
  EXPECT_FALSE(csrf_of(html).empty());
  EXPECT_EQ(html.find(key_), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST_F(OwnerPageTest, BadLoginLinksGetAFriendlyPageAndNoCookie) {
  start();
  const auto refused = [&](const std::string& token, int status, const std::string& text) {
    auto res = get("/w/" + token);
    EXPECT_EQ(res.result_int(), status) << token << ": " << res.body();
    EXPECT_TRUE(res[bhttp::field::set_cookie].empty());
    EXPECT_NE(res.body().find(text), std::string::npos) << res.body();
    EXPECT_EQ(res[bhttp::field::content_type], "text/html; charset=utf-8");
  };
  refused(login_token("zhang", kTestStart), 410, "This link has expired");
  std::string tampered = login_token("zhang", kTestStart + kDay);
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  refused(tampered, 403, "This link is not valid");
  // The payload changed to another owner under the old MAC.
  const std::string good = login_token("zhang", kTestStart + kDay);
  const std::string mac = good.substr(good.find('.'));
  const std::string payload = *base64url_decode(good.substr(0, good.find('.')));
  std::string other = payload;
  other.replace(other.find("zhang"), 5, "wang");
  refused(base64url_encode(other) + mac, 403, "This link is not valid");
  // A foreign key: its kid is unknown here.
  refused(*sign_web_login(std::string(32, 'k'), WebClaim{"zhang", kTestStart + kDay}), 403,
          "This link is not valid");
  EXPECT_EQ(verify_web_login(
                key_, *sign_web_login(std::string(32, 'k'), WebClaim{"zhang", kTestStart + kDay}),
                kTestStart)
                .problem,
            TokenProblem::kUnknownKey);
  // A session value is no login token, an unknown owner no sign-in.
  refused(*sign_web_session(key_, WebClaim{"zhang", kTestStart + kDay}), 403, "not valid");
  refused(login_token("nobody", kTestStart + kDay), 403, "no longer configured");
  refused("garbage", 403, "not valid");
  // Not the token alphabet: never looked up.
  EXPECT_EQ(get("/w/..%2f..%2fetc").result_int(), 404);
  EXPECT_EQ(get("/w/a/b").result_int(), 404);
}

TEST_F(OwnerPageTest, WithoutAValidSessionThePageIs401AndPostsChangeNothing) {
  start();
  auto res = get("/w/");
  EXPECT_EQ(res.result_int(), 401);
  EXPECT_NE(res.body().find("open the link from cadencectl web-link again"), std::string::npos)
      << res.body();
  // A login token is no session; nor is an expired session.
  EXPECT_EQ(get("/w/", "cadence_w=" + login_token("zhang", kTestStart + kDay)).result_int(), 401);
  EXPECT_EQ(get("/w/", "cadence_w=" + *sign_web_session(key_, WebClaim{"zhang", kTestStart}))
                .result_int(),
            401);
  const auto seq = *store_->change_sequence();
  EXPECT_EQ(post("/w/touch", "contact=li-wei&kind=call").result_int(), 401);
  EXPECT_EQ(post("/w/act", "reminder=" + std::to_string(reminder_) + "&action=done").result_int(),
            401);
  EXPECT_EQ(*store_->change_sequence(), seq);
  EXPECT_EQ(state_of(reminder_), OccurrenceState::kFired);
  EXPECT_EQ(get("/w/act").result_int(), 405);
  EXPECT_EQ(get("/w").result_int(), 303);
}

TEST_F(OwnerPageTest, PostsWithoutTheRightCsrfFieldAre403AndChangeNothing) {
  start();
  const std::string cookie = sign_in("zhang");
  const std::string csrf = csrf_of(get("/w/", cookie).body());
  ASSERT_FALSE(csrf.empty());
  // The CSRF field of another session (wang's) is not this one's.
  const std::string other_csrf = csrf_of(get("/w/", sign_in("wang")).body());
  ASSERT_FALSE(other_csrf.empty());
  ASSERT_NE(csrf, other_csrf);
  const auto seq = *store_->change_sequence();
  const std::string act = "reminder=" + std::to_string(reminder_) + "&action=done";
  for (const std::string& body :
       {act, act + "&csrf=", act + "&csrf=" + other_csrf, act + "&csrf=" + csrf.substr(1)}) {
    auto res = post("/w/act", body, cookie);
    EXPECT_EQ(res.result_int(), 403) << body;
    EXPECT_NE(res.body().find("nothing was changed"), std::string::npos);
  }
  EXPECT_EQ(post("/w/touch", "contact=li-wei&kind=call&csrf=" + other_csrf, cookie).result_int(),
            403);
  EXPECT_EQ(*store_->change_sequence(), seq);
  EXPECT_EQ(state_of(reminder_), OccurrenceState::kFired);
  EXPECT_TRUE(store_->list_interactions(std::string("li-wei"), std::nullopt, 10)->size() == 1);
}

TEST_F(OwnerPageTest, LoggedTouchIsStoredAsWebAndResolvesTheReminder) {
  start();
  const std::string cookie = sign_in("zhang");
  const std::string csrf = csrf_of(get("/w/", cookie).body());
  clock_.advance(Duration{60});
  auto res = post(
      "/w/touch",
      "contact=li-wei&kind=visit&note=Lunch+at+%E5%8C%97%E4%BA%AC+%3Cok%3E&csrf=" + csrf, cookie);
  ASSERT_EQ(res.result_int(), 303) << res.body();
  EXPECT_EQ(res[bhttp::field::location], "./?m=touch-resolved");

  // In the SQLite file, read through another connection.
  auto other = open_sqlite_store(StoreOptions{db_});
  ASSERT_TRUE(other);
  auto touches = (*other)->list_interactions(std::string("li-wei"), std::nullopt, 10);
  ASSERT_TRUE(touches);
  ASSERT_EQ(touches->size(), 2u);
  const Interaction& t = touches->front();  // newest first
  EXPECT_EQ(t.source, "web");
  EXPECT_EQ(t.kind, "visit");
  EXPECT_EQ(t.depth, Depth::kDeep);
  EXPECT_EQ(t.note, "Lunch at 北京 <ok>");
  EXPECT_EQ(t.at, kTestStart + Duration{60});
  EXPECT_EQ((*other)->get_occurrence(reminder_)->state, OccurrenceState::kResolved);
  EXPECT_EQ((*other)->get_occurrence(anna_reminder_)->state, OccurrenceState::kFired);

  auto page = get("/w/?m=touch-resolved", cookie);
  EXPECT_NE(page.body().find("Touch logged; its reminder is resolved."), std::string::npos);
  EXPECT_EQ(page.body().find("Call 李伟"), std::string::npos);
  EXPECT_NE(page.body().find("Today and overdue (1)"), std::string::npos);

  // A kind that is not configured, another owner's contact, an archived or
  // unknown one: refused, nothing changed.
  const auto seq = *store_->change_sequence();
  EXPECT_EQ(post("/w/touch", "contact=anna&kind=fax&csrf=" + csrf, cookie).result_int(), 400);
  EXPECT_EQ(post("/w/touch", "contact=bob&kind=call&csrf=" + csrf, cookie).result_int(), 404);
  EXPECT_EQ(post("/w/touch", "contact=nobody&kind=call&csrf=" + csrf, cookie).result_int(), 404);
  EXPECT_EQ(post("/w/touch",
                 "contact=anna&kind=call&note=" + std::string(4001, 'x') + "&csrf=" + csrf, cookie)
                .result_int(),
            400);
  EXPECT_EQ(post("/w/touch", "contact=anna&kind=call&note=%FF&csrf=" + csrf, cookie).result_int(),
            403);  // not UTF-8: the form does not parse, so no CSRF field either
  EXPECT_EQ(*store_->change_sequence(), seq);
}

TEST_F(OwnerPageTest, DoneAndSnoozeFromThePageChangeTheReminder) {
  start();
  const std::string cookie = sign_in("zhang");
  const std::string csrf = csrf_of(get("/w/", cookie).body());
  auto res =
      post("/w/act", "reminder=" + std::to_string(anna_reminder_) + "&action=snooze3d&csrf=" + csrf,
           cookie);
  ASSERT_EQ(res.result_int(), 303) << res.body();
  EXPECT_EQ(res[bhttp::field::location], "./?m=snoozed");
  auto snoozed = store_->get_occurrence(anna_reminder_);
  EXPECT_EQ(snoozed->state, OccurrenceState::kSnoozed);
  EXPECT_EQ(snoozed->snoozed_until, kTestStart + 3 * kDay);

  res =
      post("/w/act", "reminder=" + std::to_string(reminder_) + "&action=done&csrf=" + csrf, cookie);
  ASSERT_EQ(res.result_int(), 303) << res.body();
  EXPECT_EQ(res[bhttp::field::location], "./?m=done");
  EXPECT_EQ(state_of(reminder_), OccurrenceState::kDone);
  auto page = get("/w/?m=done", cookie);
  EXPECT_NE(page.body().find("Marked done."), std::string::npos);
  EXPECT_NE(page.body().find("Today and overdue (0)"), std::string::npos) << page.body();

  // Done again is idempotent (as cadencectl done); a done reminder is not
  // snoozed: 409; another owner's reminder: 404; a bad action: 400.
  EXPECT_EQ(
      post("/w/act", "reminder=" + std::to_string(reminder_) + "&action=done&csrf=" + csrf, cookie)
          .result_int(),
      303);
  EXPECT_EQ(post("/w/act",
                 "reminder=" + std::to_string(reminder_) + "&action=snooze1d&csrf=" + csrf, cookie)
                .result_int(),
            409);
  EXPECT_EQ(state_of(reminder_), OccurrenceState::kDone);
  EXPECT_EQ(
      post("/w/act", "reminder=" + std::to_string(theirs_) + "&action=done&csrf=" + csrf, cookie)
          .result_int(),
      404);
  EXPECT_EQ(state_of(theirs_), OccurrenceState::kFired);
  EXPECT_EQ(post("/w/act", "reminder=" + std::to_string(later_) + "&action=touch:call&csrf=" + csrf,
                 cookie)
                .result_int(),
            400);
  EXPECT_EQ(state_of(later_), OccurrenceState::kScheduled);
}

TEST_F(OwnerPageTest, SearchFindsThisOwnersContactsBySubstringEscapedAndAtMost20) {
  start();
  const std::string cookie = sign_in("zhang");
  auto page = get("/w/?q=EVIL", cookie);
  ASSERT_EQ(page.result_int(), 200);
  const std::string& html = page.body();
  EXPECT_NE(html.find("&lt;b&gt;Evil&lt;/b&gt; &amp; Co"), std::string::npos) << html;
  EXPECT_EQ(html.find("<b>Evil"), std::string::npos);
  EXPECT_EQ(html.find("Bob Evilson"), std::string::npos);  // wang's
  EXPECT_NE(html.find("value=\"EVIL\""), std::string::npos);
  EXPECT_NE(html.find("<option value=\"call\" selected>call</option>"), std::string::npos);
  // By id, by a part of a Chinese name.
  EXPECT_NE(get("/w/?q=li-w", cookie).body().find("name=\"contact\" value=\"li-wei\""),
            std::string::npos);
  EXPECT_NE(get("/w/?q=%E4%BC%9F", cookie).body().find("name=\"contact\" value=\"li-wei\""),
            std::string::npos);
  EXPECT_NE(get("/w/?q=zzz", cookie).body().find("No contact matches."), std::string::npos);
  // A query is escaped back into the field.
  EXPECT_NE(get("/w/?q=%22%3E%3Cx", cookie).body().find("value=\"&quot;&gt;&lt;x\""),
            std::string::npos);

  for (int i = 0; i < 25; ++i) {
    Contact c;
    c.id = "many-" + std::to_string(i);
    c.name = "Many " + std::to_string(i);
    c.owner = "zhang";
    ASSERT_TRUE(store_->add_contact(c));
  }
  const std::string many = get("/w/?q=many", cookie).body();
  std::size_t forms = 0;
  for (auto at = many.find("action=\"touch\""); at != std::string::npos;
       at = many.find("action=\"touch\"", at + 1)) {
    ++forms;
  }
  EXPECT_EQ(forms, 20u);
  EXPECT_NE(many.find("Only the first 20 are shown"), std::string::npos);
}

TEST_F(OwnerPageTest, ChineseOwnerGetsTheChinesePage) {
  start("http://127.0.0.1:8787");
  auto res = get("/w/" + login_token("wang", kTestStart + kDay));
  ASSERT_EQ(res.result_int(), 303);
  const std::string set_cookie(res[bhttp::field::set_cookie]);
  EXPECT_EQ(set_cookie.find("Secure"), std::string::npos) << set_cookie;  // http public_url
  EXPECT_NE(set_cookie.find("Max-Age=86400"), std::string::npos) << set_cookie;
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  auto page = get("/w/?q=bob", cookie);
  ASSERT_EQ(page.result_int(), 200);
  const std::string& html = page.body();
  EXPECT_NE(html.find("<html lang=\"zh-CN\">"), std::string::npos);
  EXPECT_NE(html.find("今天和逾期的提醒 (1)"), std::string::npos) << html;
  EXPECT_NE(html.find("Call Bob"), std::string::npos);
  EXPECT_NE(html.find("已逾期"), std::string::npos);
  EXPECT_NE(html.find("推迟 1 周"), std::string::npos);
  EXPECT_NE(html.find("未来 30 天的生日和节日"), std::string::npos);
  EXPECT_NE(html.find("Bob Evilson"), std::string::npos);
  EXPECT_EQ(html.find("李伟"), std::string::npos);  // zhang's
}

}  // namespace
}  // namespace cadence::http
