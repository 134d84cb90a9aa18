// The REST API on the real loopback server over a real SQLite file: status
// codes and JSON for good and bad requests, nothing changed by a refused one,
// the token never echoed.
#include <gtest/gtest.h>

#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>
#include <thread>

#include "captured_log.hpp"
#include "config_text.hpp"
#include "http/http_job.hpp"
#include "http_client.hpp"
#include "temp_dir.hpp"
#include "test_time.hpp"

namespace cadence::http {
namespace {

using cadence::testing::diagnostics_text;

using cadence::testing::TempDir;
using nlohmann::json;
namespace client = cadence::testing::http_client;
namespace bhttp = boost::beast::http;

using cadence::testing::kTestStart;  // 2027-01-15T08:00:00Z
const std::string kToken = "s3cret-api-token-0123456789";

std::string api_config(const std::string& db, bool with_token) {
  return "timezone: Asia/Shanghai\nlocale: en\n"
         "owners:\n  - id: zhang\n    channels: [console]\n  - id: wang\n    channels: "
         "[console]\n"
         "channels:\n  - id: console\n    type: console\n"
         "kinds:\n  visit: deep\n  call: normal\n  message: shallow\n"
         "rules:\n  - id: follow-up\n    match: {}\n    cadence: {every: 14d, kinds: [call, "
         "visit]}\n"
         "database: " +
         db + "\nhttp:\n  listen: 127.0.0.1:8787\n" +
         (with_token ? "  token: " + kToken + "\n" : "");
}

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("cadence.db");
    StoreOptions options;
    options.path = db_;
    options.clock = &clock_;
    auto store = open_sqlite_store(options);
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(store.value());
    Account acme;
    acme.id = "acme";
    acme.name = "Acme";
    acme.owner = "zhang";
    ASSERT_TRUE(store_->add_account(acme));
    for (auto [id, name, account] :
         {std::tuple{"li-wei", "李伟", "acme"}, std::tuple{"anna", "Anna Berg", "acme"},
          std::tuple{"bob", "Bob Stone", ""}}) {
      Contact c;
      c.id = id;
      c.name = name;
      c.account = account;
      c.owner = "zhang";
      ASSERT_TRUE(store_->add_contact(c));
    }
    Occurrence o;
    o.key = "follow-up|contact:li-wei|2027-01-15";
    o.rule = "follow-up";
    o.kind = ReminderKind::kCadence;
    o.subject = "contact:li-wei";
    o.owner = "zhang";
    o.due = Date{std::chrono::year{2027}, std::chrono::January, std::chrono::day{15}};
    o.fire_at = kTestStart - Duration{3600};
    o.title = "Call 李伟";
    Occurrence other = o;
    other.key = "follow-up|contact:bob|2027-01-20";
    other.subject = "contact:bob";
    other.owner = "wang";
    other.fire_at = kTestStart + Duration{5 * 86400};
    other.title = "Call Bob";
    ASSERT_EQ(*store_->upsert_occurrences({o, other}), 2);
    Occurrence fired = *store_->get_occurrence_by_key(o.key);
    fired.state = OccurrenceState::kFired;
    fired.fired_at = fired.fire_at;
    ASSERT_TRUE(store_->update_occurrence(fired));
    reminder_ = fired.row_id;
  }

  void start(bool with_token = true) {
    auto parsed =
        parse_config(api_config(db_, with_token), "test.yaml", SubstitutionSource::from_process());
    ASSERT_TRUE(parsed.ok()) << diagnostics_text(parsed);
    parsed.config->http.listen = "127.0.0.1:0";  // any free port
    config_ = std::make_shared<Config>(std::move(*parsed.config));
    job_ = std::make_unique<HttpJob>(clock_);
    auto started = job_->start(io_, config_);
    ASSERT_TRUE(started) << started.error().message();
    loop_ = std::thread([this] { io_.run(); });
  }

  void TearDown() override {
    if (!loop_.joinable()) return;
    boost::asio::post(io_, [this] { job_->stop(); });
    loop_.join();
  }

  client::Response call(bhttp::verb method, const std::string& target, const std::string& body = "",
                        const std::string& token = kToken) {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    auto res = client::request(job_->port(), method, target, headers, body);
    // No answer ever carries the token (or any part of the Authorization header).
    EXPECT_EQ(res.body().find(kToken), std::string::npos) << res.body();
    if (!token.empty()) {
      EXPECT_EQ(res.body().find(token), std::string::npos) << res.body();
    }
    return res;
  }
  json get_json(const std::string& target, int expected_status = 200) {
    auto res = call(bhttp::verb::get, target);
    EXPECT_EQ(res.result_int(), expected_status) << target << ": " << res.body();
    EXPECT_EQ(res[bhttp::field::content_type], "application/json");
    return json::parse(res.body(), nullptr, false);
  }
  // Posts and returns (status, error code or "").
  std::pair<int, std::string> post(const std::string& target, const std::string& body) {
    auto res = call(bhttp::verb::post, target, body);
    const json j = json::parse(res.body(), nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << res.body();
    std::string code;
    if (j.is_object() && j.contains("error")) code = j["error"]["code"].get<std::string>();
    return {res.result_int(), code};
  }
  std::int64_t touches() { return *store_->change_sequence(); }

  TempDir dir_;
  std::string db_;
  ManualClock clock_{kTestStart};
  std::unique_ptr<Store> store_;
  RowId reminder_ = 0;
  std::shared_ptr<const Config> config_;
  boost::asio::io_context io_;
  std::unique_ptr<HttpJob> job_;
  std::thread loop_;
};

TEST_F(ApiTest, WithoutATokenConfiguredTheApiIsOff) {
  start(false);
  auto res = call(bhttp::verb::get, "/api/v1/contacts", "", "anything");
  EXPECT_EQ(res.result_int(), 404);
  EXPECT_EQ(json::parse(res.body())["error"]["code"], "api_disabled");
}

TEST_F(ApiTest, MissingOrWrongTokenIs401WithAChallenge) {
  start();
  for (const std::string& token : {std::string(), std::string("not-the-token-42"), kToken + "x"}) {
    auto res = call(bhttp::verb::get, "/api/v1/contacts", "", token);
    EXPECT_EQ(res.result_int(), 401) << token;
    EXPECT_EQ(res["WWW-Authenticate"], "Bearer realm=\"cadence\"");
    const json j = json::parse(res.body());
    EXPECT_EQ(j["error"]["code"], "unauthorized");
    EXPECT_TRUE(j["error"]["message"].is_string());
  }
  // Basic auth carrying the token is not a bearer token either.
  auto basic = client::request(job_->port(), bhttp::verb::get, "/api/v1/contacts",
                               {{"Authorization", "Basic " + kToken}});
  EXPECT_EQ(basic.result_int(), 401);
  auto lower = client::request(job_->port(), bhttp::verb::get, "/api/v1/accounts",
                               {{"Authorization", "bearer " + kToken}});
  EXPECT_EQ(lower.result_int(), 200);
}

// Refused tokens were not logged at all; now a guessing client leaves a
// bounded trace: the first refusal at once, then a line a minute counting the
// rest, never the token given.
TEST_F(ApiTest, RefusedTokensAreLoggedRateLimitedWithoutTheToken) {
  cadence::testing::CapturedLog log;
  start();
  for (const std::string& token :
       {std::string(), std::string("guess-one-SECRET1"), std::string("guess-two-SECRET2"),
        std::string("guess-three-SECRET3")}) {
    EXPECT_EQ(call(bhttp::verb::get, "/api/v1/contacts?q=x", "", token).result_int(), 401);
  }
  clock_.set(kTestStart + Duration{61});
  EXPECT_EQ(call(bhttp::verb::get, "/api/v1/accounts", "", "guess-four-SECRET4").result_int(), 401);
  std::vector<std::string> refused;
  for (const std::string& line : log.lines()) {
    if (line.find("refused") != std::string::npos) refused.push_back(line);
  }
  ASSERT_EQ(refused.size(), 2u) << log.text();
  EXPECT_EQ(refused[0], "[warning] http: api: GET /api/v1/contacts: refused, no bearer token");
  EXPECT_EQ(refused[1],
            "[warning] http: api: GET /api/v1/accounts: refused, wrong bearer token (3 more "
            "refused API requests since 2027-01-15T08:00:00Z)");
  EXPECT_EQ(log.text().find("SECRET"), std::string::npos) << log.text();
}

TEST_F(ApiTest, ContactsArePagedAndFiltered) {
  start();
  json page = get_json("/api/v1/contacts?limit=2");
  ASSERT_EQ(page["contacts"].size(), 2u);
  ASSERT_TRUE(page["next"].is_string());
  json rest = get_json("/api/v1/contacts?limit=2&after=" + page["next"].get<std::string>());
  ASSERT_EQ(rest["contacts"].size(), 1u);
  EXPECT_TRUE(rest["next"].is_null());
  std::set<std::string> ids;
  for (const json* p : {&page, &rest}) {
    for (const auto& c : (*p)["contacts"]) ids.insert(c["id"].get<std::string>());
  }
  EXPECT_EQ(ids, (std::set<std::string>{"li-wei", "anna", "bob"}));
  json acme = get_json("/api/v1/contacts?account=acme");
  EXPECT_EQ(acme["contacts"].size(), 2u);
  json q = get_json("/api/v1/contacts?q=%E6%9D%8E");  // 李
  ASSERT_EQ(q["contacts"].size(), 1u);
  EXPECT_EQ(q["contacts"][0]["name"], "李伟");
  EXPECT_EQ(get_json("/api/v1/contacts?q=STONE")["contacts"][0]["id"], "bob");
  EXPECT_EQ(get_json("/api/v1/contacts?limit=0", 400)["error"]["code"], "invalid_query");
  EXPECT_EQ(get_json("/api/v1/contacts?limit=abc", 400)["error"]["code"], "invalid_query");
  EXPECT_EQ(get_json("/api/v1/contacts?after=nobody", 400)["error"]["code"], "invalid_query");
  EXPECT_EQ(get_json("/api/v1/contacts?sort=name", 400)["error"]["code"], "unknown_parameter");
  EXPECT_EQ(get_json("/api/v1/contacts?q=%FF", 400)["error"]["code"], "invalid_query");
}

TEST_F(ApiTest, OneContactAccountsAndUnknownPaths) {
  start();
  json li = get_json("/api/v1/contacts/li-wei");
  EXPECT_EQ(li["name"], "李伟");
  EXPECT_EQ(li["account"], "acme");
  EXPECT_EQ(get_json("/api/v1/contacts/nobody", 404)["error"]["code"], "not_found");
  json accounts = get_json("/api/v1/accounts");
  ASSERT_EQ(accounts["accounts"].size(), 1u);
  EXPECT_EQ(accounts["accounts"][0]["name"], "Acme");
  EXPECT_EQ(get_json("/api/v1/nothing", 404)["error"]["code"], "not_found");
  EXPECT_EQ(get_json("/api/v1/../../etc/passwd", 404)["error"]["code"], "not_found");
  auto wrong = call(bhttp::verb::delete_, "/api/v1/contacts");
  EXPECT_EQ(wrong.result_int(), 405);
  EXPECT_EQ(json::parse(wrong.body())["error"]["code"], "method_not_allowed");
}

TEST_F(ApiTest, PostedTouchIsStoredAndSummarised) {
  start();
  clock_.advance(Duration{60});
  auto [status, code] =
      post("/api/v1/interactions", R"({"contact":"李伟","kind":"visit","note":"午饭 at HQ",)"
                                   R"("at":"2027-01-15T09:30:00+08:00"})");
  EXPECT_EQ(status, 201) << code;
  json list = get_json("/api/v1/interactions?contact=li-wei");
  ASSERT_EQ(list["interactions"].size(), 1u);
  const json& t = list["interactions"][0];
  EXPECT_EQ(t["kind"], "visit");
  EXPECT_EQ(t["depth"], "deep");
  EXPECT_EQ(t["note"], "午饭 at HQ");
  EXPECT_EQ(t["source"], "api");
  EXPECT_EQ(t["at"], "2027-01-15T01:30:00Z");
  json li = get_json("/api/v1/contacts/li-wei");
  EXPECT_EQ(li["summary"]["last_deep"], "2027-01-15T01:30:00Z");
  EXPECT_EQ(li["summary"]["interactions"], 1);
  // By id, without `at`: now.
  EXPECT_EQ(post("/api/v1/interactions", R"({"contact":"bob","kind":"call"})").first, 201);
  EXPECT_EQ(get_json("/api/v1/interactions?contact=bob")["interactions"][0]["at"],
            format_rfc3339_utc(clock_.now()));
}

TEST_F(ApiTest, BadTouchesAreRefusedAndChangeNothing) {
  start();
  const std::int64_t before = touches();
  const std::vector<std::tuple<std::string, int, std::string, std::string>> cases = {
      {R"({"contact":"bob","kind":"call")", 400, "malformed_json", ""},
      {"", 400, "malformed_json", ""},
      {R"(["bob","call"])", 400, "invalid_body", ""},
      {R"({"contact":"bob","kind":"call","mood":"good"})", 400, "unknown_field", "mood"},
      {"{\"contact\":\"b\xff\",\"kind\":\"call\"}", 400, "invalid_utf8", ""},
      {R"({"contact":"bob","kind":5})", 400, "invalid_field", "kind"},
      {R"({"contact":["bob"],"kind":"call"})", 400, "invalid_field", "contact"},
      {R"({"contact":"bob","kind":"call","note":null})", 400, "invalid_field", "note"},
      {R"({"kind":"call"})", 400, "missing_field", "contact"},
      {R"({"contact":"bob","kind":"dance"})", 400, "unknown_kind", "kind"},
      {R"({"contact":"bob","kind":"call","at":"yesterday"})", 400, "invalid_field", "at"},
      {R"({"contact":"bob","kind":"call","at":"2030-01-01T00:00:00Z"})", 400, "invalid_field",
       "at"},
      {R"({"contact":"bob","kind":"call","at":"1850-06-01T00:00:00Z"})", 400, "invalid_field",
       "at"},
      {R"({"contact":"bob","kind":"call","at":"0000-01-01T00:00:00Z"})", 400, "invalid_field",
       "at"},
      // Eleven minutes ahead: beyond the ten of clock skew every way in allows.
      {R"({"contact":"bob","kind":"call","at":"2027-01-15T08:11:00Z"})", 400, "invalid_field",
       "at"},
      {R"({"contact":"bob","kind":"call","note":"\u0000\u001b[31m"})", 400, "invalid_field",
       "note"},
      {R"({"contact":"bob","kind":"call","depth":"very"})", 400, "invalid_field", "depth"},
      {R"({"contact":"nobody","kind":"call"})", 404, "unknown_contact", "contact"},
      // A name prefix is not enough for a webhook.
      {R"({"contact":"Bob","kind":"call"})", 404, "unknown_contact", "contact"},
  };
  for (const auto& [body, status, code, field] : cases) {
    auto res = call(bhttp::verb::post, "/api/v1/interactions", body);
    EXPECT_EQ(res.result_int(), status) << body << " -> " << res.body();
    const json j = json::parse(res.body(), nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << res.body();
    EXPECT_EQ(j["error"]["code"], code) << body;
    if (!field.empty()) {
      EXPECT_NE(j["error"]["message"].get<std::string>().find(field), std::string::npos)
          << j.dump();
    }
  }
  EXPECT_EQ(touches(), before);
  EXPECT_TRUE(store_->list_interactions(std::nullopt, std::nullopt, 10)->empty());
}

TEST_F(ApiTest, RemindersListedDoneAndSnoozed) {
  start();
  json all = get_json("/api/v1/reminders");
  EXPECT_EQ(all["reminders"].size(), 2u);
  json fired = get_json("/api/v1/reminders?state=fired");
  ASSERT_EQ(fired["reminders"].size(), 1u);
  EXPECT_EQ(fired["reminders"][0]["id"], reminder_);
  EXPECT_EQ(fired["reminders"][0]["title"], "Call 李伟");
  json wang = get_json("/api/v1/reminders?owner=wang");
  ASSERT_EQ(wang["reminders"].size(), 1u);
  EXPECT_EQ(wang["reminders"][0]["subject"], "contact:bob");
  EXPECT_EQ(get_json("/api/v1/reminders?state=lost", 400)["error"]["code"], "invalid_query");

  const std::string base = "/api/v1/reminders/" + std::to_string(reminder_);
  // Snooze: exactly one of for/until, strictly typed.
  EXPECT_EQ(post(base + "/snooze", R"({})"), std::pair(400, std::string("invalid_body")));
  EXPECT_EQ(post(base + "/snooze", R"({"for":"3d","until":"2027-02-01"})").second, "invalid_body");
  EXPECT_EQ(post(base + "/snooze", R"({"for":3})").second, "invalid_field");
  EXPECT_EQ(post(base + "/snooze", R"({"for":"soon"})").second, "invalid_field");
  EXPECT_EQ(post(base + "/snooze", R"({"for":"3d","why":"x"})").second, "unknown_field");
  EXPECT_EQ(store_->get_occurrence(reminder_)->state, OccurrenceState::kFired);
  EXPECT_EQ(post(base + "/snooze", R"({"until":"2020-01-01T00:00:00Z"})").second,
            "invalid_field");  // into the past
  auto snoozed = call(bhttp::verb::post, base + "/snooze", R"({"for":"3d"})");
  ASSERT_EQ(snoozed.result_int(), 200) << snoozed.body();
  EXPECT_EQ(json::parse(snoozed.body())["state"], "snoozed");
  EXPECT_EQ(store_->get_occurrence(reminder_)->snoozed_until, kTestStart + Duration{3 * 86400});
  auto until = call(bhttp::verb::post, base + "/snooze", R"({"until":"2027-02-01T10:00:00Z"})");
  ASSERT_EQ(until.result_int(), 200) << until.body();
  EXPECT_EQ(json::parse(until.body())["snoozed_until"], "2027-02-01T10:00:00Z");

  auto done = call(bhttp::verb::post, base + "/done");
  ASSERT_EQ(done.result_int(), 200) << done.body();
  EXPECT_EQ(json::parse(done.body())["state"], "done");
  EXPECT_EQ(store_->get_occurrence(reminder_)->state, OccurrenceState::kDone);
  // Done again is idempotent (as `cadencectl done`); a closed reminder is not snoozed.
  EXPECT_EQ(post(base + "/done", ""), std::pair(200, std::string()));
  EXPECT_EQ(post(base + "/snooze", R"({"for":"1d"})"),
            std::pair(409, std::string("reminder_closed")));
  EXPECT_EQ(post("/api/v1/reminders/999999/done", "").first, 404);
  EXPECT_EQ(post("/api/v1/reminders/abc/done", "").first, 404);
  EXPECT_EQ(call(bhttp::verb::get, base + "/done").result_int(), 405);
}

TEST_F(ApiTest, ForecastIsBoundedAndComesFromTheEngine) {
  start();
  json f = get_json("/api/v1/forecast?days=30");
  EXPECT_EQ(f["from"], format_rfc3339_utc(kTestStart));
  EXPECT_EQ(f["to"], format_rfc3339_utc(kTestStart + Duration{30 * 86400}));
  // Never touched: every contact is due for the follow-up rule now.
  std::set<std::string> subjects;
  for (const auto& r : f["reminders"]) {
    EXPECT_EQ(r["rule"], "follow-up");
    subjects.insert(r["subject"].get<std::string>());
  }
  EXPECT_EQ(subjects, (std::set<std::string>{"contact:li-wei", "contact:anna", "contact:bob"}));
  EXPECT_EQ(get_json("/api/v1/forecast?days=401", 400)["error"]["code"], "invalid_query");
  EXPECT_EQ(get_json("/api/v1/forecast?days=0", 400)["error"]["code"], "invalid_query");
  EXPECT_EQ(get_json("/api/v1/forecast?days=-5", 400)["error"]["code"], "invalid_query");
  EXPECT_EQ(get_json("/api/v1/forecast?days=400&limit=1")["reminders"].size(), 1u);
}

}  // namespace
}  // namespace cadence::http
