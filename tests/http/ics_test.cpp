// The ICS feed: rendered by us, parsed back by libical. Lines, escaping and
// folding (RFC 5545), and the owner's feed on the real loopback server over a
// real SQLite file: UIDs and dates of reminders, birthdays and festivals.
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <boost/asio/post.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "config_text.hpp"
#include "http/http_job.hpp"
#include "http/ics.hpp"
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
const std::string kIcsToken = "api-token-for-the-ics-test";

struct ParsedEvent {
  bool all_day = false;
  std::string start;  // "2027-02-06" or "2027-01-20T01:00:00Z"
  std::string summary;
  std::string description;
};

// UID -> event, as libical reads the text; fails the test on parse errors.
std::map<std::string, ParsedEvent> parse_ics(const std::string& text) {
  std::map<std::string, ParsedEvent> out;
  icalcomponent* cal = icalparser_parse_string(text.c_str());
  EXPECT_NE(cal, nullptr);
  if (cal == nullptr) return out;
  EXPECT_EQ(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
  EXPECT_EQ(icalcomponent_count_errors(cal), 0);
  for (icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
       ev != nullptr; ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    ParsedEvent e;
    const icaltimetype start = icalcomponent_get_dtstart(ev);
    e.all_day = start.is_date != 0;
    char buf[32];
    if (e.all_day) {
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", start.year, start.month, start.day);
    } else {
      EXPECT_TRUE(icaltime_is_utc(start));
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", start.year, start.month,
                    start.day, start.hour, start.minute, start.second);
    }
    e.start = buf;
    EXPECT_NE(icalcomponent_get_first_property(ev, ICAL_DTSTAMP_PROPERTY), nullptr);
    if (const char* s = icalcomponent_get_summary(ev)) e.summary = s;
    if (const char* d = icalcomponent_get_description(ev)) e.description = d;
    const char* uid = icalcomponent_get_uid(ev);
    EXPECT_NE(uid, nullptr);
    if (uid != nullptr) out[uid] = e;
  }
  icalcomponent_free(cal);
  return out;
}

void expect_rfc5545_lines(const std::string& text) {
  ASSERT_TRUE(text.ends_with("\r\n"));
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    const std::string_view line(text.data() + start, end - start);
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_EQ(line.find('\n'), std::string_view::npos);
    start = end + 2;
  }
}

TEST(Ics, EscapesFoldsAndParsesBack) {
  IcsEvent timed;
  timed.uid = "occ-1@cadence";
  timed.start = kTestStart;
  timed.length = Duration{900};
  // Long, multi-byte, with every character TEXT must escape.
  timed.summary =
      "拜访 李伟, 张总; 王经理 \\ 午饭\n然后" + std::string(40, 'x') + "联系联系联系联系";
  timed.description = "line one\nline two, with; specials";
  IcsEvent day;
  day.uid = "bday-li-wei-2027-03-01@cadence";
  day.all_day = true;
  day.date = Date{std::chrono::year{2027}, std::chrono::March, std::chrono::day{1}};
  day.summary = "Birthday: 李伟";
  const std::string text = render_ics({timed, day}, kTestStart, "cadence: 张");
  expect_rfc5545_lines(text);
  EXPECT_NE(text.find("\r\n "), std::string::npos) << "the long summary is folded";
  EXPECT_NE(text.find("DTSTAMP:20270115T080000Z\r\n"), std::string::npos);
  const auto events = parse_ics(text);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events.at("occ-1@cadence").summary, timed.summary);
  EXPECT_EQ(events.at("occ-1@cadence").description, timed.description);
  EXPECT_EQ(events.at("occ-1@cadence").start, "2027-01-15T08:00:00Z");
  EXPECT_FALSE(events.at("occ-1@cadence").all_day);
  EXPECT_TRUE(events.at("bday-li-wei-2027-03-01@cadence").all_day);
  EXPECT_EQ(events.at("bday-li-wei-2027-03-01@cadence").start, "2027-03-01");
}

TEST(Ics, BrokenUtf8InStoredTextStillFoldsAndEnds) {
  IcsEvent e;
  e.uid = "occ-2@cadence";
  e.start = kTestStart;
  e.summary = std::string(200, '\x80');  // continuation bytes only
  const std::string text = render_ics({e}, kTestStart, "x");
  expect_rfc5545_lines(text);
  EXPECT_NE(text.find("END:VCALENDAR\r\n"), std::string::npos);
}

TEST(Ics, FeedTokensNameTheirOwnerAndResistTampering) {
  const std::string key(32, 'k');
  const std::string t = owner_feed_token(key, "zhang");
  EXPECT_EQ(verify_owner_feed_token(key, t), "zhang");
  EXPECT_EQ(verify_owner_feed_token(std::string(32, 'j'), t), std::nullopt);
  std::string other = t;
  other.replace(0, 5, "wangg");
  EXPECT_EQ(verify_owner_feed_token(key, other), std::nullopt);
  std::string flipped = t;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(verify_owner_feed_token(key, flipped), std::nullopt);
  EXPECT_EQ(verify_owner_feed_token(key, "zhang"), std::nullopt);
  EXPECT_EQ(verify_owner_feed_token(key, ""), std::nullopt);
  EXPECT_EQ(verify_owner_feed_token(key, "../x." + t.substr(6)), std::nullopt);
}

class IcsFeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("cadence.db");
    StoreOptions options;
    options.path = db_;
    options.clock = &clock_;
    auto store = open_sqlite_store(options);
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(store.value());
    Contact li;
    li.id = "li-wei";
    li.name = "李伟";
    li.owner = "zhang";
    li.birthday = GregorianBirthday{1980, 3, 1};
    li.lunar_birthday = LunarBirthday{std::nullopt, 1, 10, false};  // 2027-02-15
    ASSERT_TRUE(store_->add_contact(li));
    Contact bob;
    bob.id = "bob";
    bob.name = "Bob";
    bob.owner = "wang";
    bob.birthday = GregorianBirthday{std::nullopt, 2, 2};
    ASSERT_TRUE(store_->add_contact(bob));
    Contact late;  // birthday beyond the 90 days
    late.id = "late";
    late.name = "Late";
    late.owner = "zhang";
    late.birthday = GregorianBirthday{std::nullopt, 6, 1};
    ASSERT_TRUE(store_->add_contact(late));
    Occurrence o;
    o.key = "follow-up|contact:li-wei|2027-01-20";
    o.rule = "follow-up";
    o.kind = ReminderKind::kCadence;
    o.subject = "contact:li-wei";
    o.owner = "zhang";
    o.due = Date{std::chrono::year{2027}, std::chrono::January, std::chrono::day{20}};
    o.fire_at = kTestStart + Duration{5 * 86400 - 7 * 3600};  // 2027-01-20T01:00:00Z
    o.title = "Call 李伟, today";
    Occurrence far = o;
    far.key = "follow-up|contact:li-wei|2027-06-20";
    far.fire_at = kTestStart + Duration{150 * 86400};
    Occurrence theirs = o;
    theirs.key = "follow-up|contact:bob|2027-01-20";
    theirs.subject = "contact:bob";
    theirs.owner = "wang";
    ASSERT_EQ(*store_->upsert_occurrences({o, far, theirs}), 3);
    reminder_ = store_->get_occurrence_by_key(o.key)->row_id;
    theirs_ = store_->get_occurrence_by_key(theirs.key)->row_id;

    auto parsed = parse_config(
        "timezone: Asia/Shanghai\nlocale: en\n"
        "owners:\n  - id: zhang\n    channels: [console]\n  - id: wang\n    channels: [console]\n"
        "channels:\n  - id: console\n    type: console\n"
        "holidays:\n  sets: [cn]\n"
        "kinds:\n  call: normal\n"
        "rules:\n  - id: follow-up\n    match: {}\n    cadence: {every: 14d, kinds: [call]}\n"
        "database: " +
            db_ + "\nhttp:\n  listen: 127.0.0.1:8787\n  public_url: https://c.example/\n  token: " +
            kIcsToken + "\n",
        "test.yaml", SubstitutionSource::from_process());
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

  // The feed path for `owner`, as the REST API hands it out.
  std::string feed_path(const std::string& owner) {
    auto res = client::request(job_->port(), bhttp::verb::get, "/api/v1/calendar?owner=" + owner,
                               {{"Authorization", "Bearer " + kIcsToken}});
    EXPECT_EQ(res.result_int(), 200) << res.body();
    const auto j = nlohmann::json::parse(res.body());
    EXPECT_EQ(j["url"], "https://c.example" + j["path"].get<std::string>());
    return j["path"].get<std::string>();
  }

  TempDir dir_;
  std::string db_;
  ManualClock clock_{kTestStart};
  std::unique_ptr<Store> store_;
  RowId reminder_ = 0;
  RowId theirs_ = 0;
  std::shared_ptr<const Config> config_;
  boost::asio::io_context io_;
  std::unique_ptr<HttpJob> job_;
  std::thread loop_;
};

TEST_F(IcsFeedTest, OwnersFeedHasRemindersBirthdaysAndFestivals) {
  const std::string path = feed_path("zhang");
  auto res = client::get(job_->port(), path);
  ASSERT_EQ(res.result_int(), 200) << res.body();
  EXPECT_EQ(res[bhttp::field::content_type], "text/calendar; charset=utf-8");
  expect_rfc5545_lines(res.body());
  const auto events = parse_ics(res.body());

  const std::string occ = "occ-" + std::to_string(reminder_) + "@cadence";
  ASSERT_TRUE(events.count(occ)) << res.body();
  EXPECT_EQ(events.at(occ).start, "2027-01-20T01:00:00Z");
  EXPECT_EQ(events.at(occ).summary, "Call 李伟, today");
  EXPECT_FALSE(events.count("occ-" + std::to_string(theirs_) + "@cadence")) << "wang's";
  // Birthdays: Gregorian and lunar (正月初十 2027 = 2027-02-15), all-day.
  ASSERT_TRUE(events.count("bday-li-wei-2027-03-01@cadence"));
  EXPECT_TRUE(events.at("bday-li-wei-2027-03-01@cadence").all_day);
  EXPECT_EQ(events.at("bday-li-wei-2027-03-01@cadence").start, "2027-03-01");
  ASSERT_TRUE(events.count("bday-li-wei-lunar-2027-02-15@cadence")) << res.body();
  EXPECT_EQ(events.at("bday-li-wei-lunar-2027-02-15@cadence").start, "2027-02-15");
  EXPECT_FALSE(events.count("bday-bob-2027-02-02@cadence")) << "wang's contact";
  EXPECT_FALSE(events.count("bday-late-2027-06-01@cadence")) << "beyond 90 days";
  // Festivals: 春节 2027 is February 6, 元宵 February 20.
  ASSERT_TRUE(events.count("hol-spring_festival-2027-02-06@cadence")) << res.body();
  EXPECT_TRUE(events.at("hol-spring_festival-2027-02-06@cadence").all_day);
  EXPECT_EQ(events.at("hol-spring_festival-2027-02-06@cadence").start, "2027-02-06");
  EXPECT_TRUE(events.count("hol-lantern-2027-02-20@cadence"));
  // Nothing scheduled beyond the window.
  for (const auto& [uid, e] : events) EXPECT_LT(e.start, "2027-04-16") << uid;

  // Stable: the same request later gives the same UIDs.
  clock_.advance(Duration{3600});
  const auto again = parse_ics(client::get(job_->port(), path).body());
  for (const auto& [uid, e] : events) EXPECT_TRUE(again.count(uid)) << uid;

  // wang's feed has wang's.
  const auto theirs = parse_ics(client::get(job_->port(), feed_path("wang")).body());
  EXPECT_TRUE(theirs.count("occ-" + std::to_string(theirs_) + "@cadence"));
  EXPECT_TRUE(theirs.count("bday-bob-2027-02-02@cadence"));
  EXPECT_FALSE(theirs.count(occ));
}

TEST_F(IcsFeedTest, BadTokensAreRefused) {
  const std::string path = feed_path("zhang");
  std::string tampered = path;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  for (const std::string& p :
       {tampered, std::string("/calendar.ics"), std::string("/calendar.ics?token="),
        std::string("/calendar.ics?token=zhang"), std::string("/calendar.ics?token=%ZZ")}) {
    auto res = client::get(job_->port(), p);
    EXPECT_EQ(res.result_int(), 403) << p;
    EXPECT_EQ(res.body().find("BEGIN:VCALENDAR"), std::string::npos);
  }
  EXPECT_EQ(client::post(job_->port(), path).result_int(), 405);
  auto unknown = client::request(job_->port(), bhttp::verb::get, "/api/v1/calendar?owner=nobody",
                                 {{"Authorization", "Bearer " + kIcsToken}});
  EXPECT_EQ(unknown.result_int(), 404);
  EXPECT_EQ(client::get(job_->port(), "/api/v1/calendar?owner=zhang").result_int(), 401);
}

}  // namespace
}  // namespace cadence::http
