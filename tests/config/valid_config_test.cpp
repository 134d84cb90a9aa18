// Valid configs: parsed values, defaults, warnings, and the shipped example.
#include <gtest/gtest.h>

#include <cstdlib>

#include "config_test_support.hpp"
#include "temp_dir.hpp"

namespace cadence::testing {
namespace {

using std::chrono::days;
using std::chrono::hours;

constexpr const char* kFull = R"(timezone: Europe/Berlin
locale: en
database: /tmp/cadence-test.db
birthdays: {feb29: mar1}
owners:
  - id: zhang
    name: 张伟
    timezone: Asia/Shanghai
    email: zhang@example.com
    channels: [work-mail, team-wecom]
    fallback_after: 2h
    quiet_hours: "21:30-08:00"
    digest: "08:30"
    digest_only: true
    manager: li
  - id: li
    channels: console
channels:
  - id: work-mail
    url: "mailtos://zhang:${env:SMTP_PASSWORD}@smtp.example.com:465?to=zhang@example.com"
  - id: team-wecom
    type: wecom
    key: ${env:WECOM_KEY}
  - id: console
    type: console
holidays:
  sets: [cn, intl]
  custom:
    - {key: company_day, name: 公司周年, date: "06-18"}
    - {key: xiaonian, name: 小年, lunar: "12-23"}
    - {key: leap_day, lunar: "04-15", leap: true}
    - {key: thanks, nth_weekday: {month: 11, weekday: thu, n: 4}}
    - {key: last_monday_may, nth_weekday: {month: 5, weekday: 1, n: last}}
    - {key: good_friday, easter: -2}
    - {key: tomb_sweeping, solar_term: qingming}
  workdays: ["2027-02-14"]
  days_off: ["2027-10-08"]
  weekend: [fri, sat]
kinds:
  visit: deep
  call: normal
  wave: shallow
rules:
  - id: keep-in-touch-a
    match: {tier: A}
    cadence: {every: 14d, at_most: 21d, kinds: [visit, call]}
    at: "09:00"
    repeat: 3d
    escalate: {after: 14d}
  - id: visit-decision-makers
    match: {tags: [decision-maker], none: [{department: [hr, it]}]}
    cadence: {every: 90d, kinds: visit}
    business_days: true
    max_per_day: 5
  - id: birthdays
    match: {}
    birthday: {}
    lead: [3d, 0d]
    at: "08:30"
  - id: festivals
    match: {tier: [A, B]}
    holiday: {keys: [spring_festival, company_day]}
    lead: [10d, 1d]
  - id: deep-quarterly
    match: {tier: A, owner: zhang}
    depth: {every: 90d}
  - id: coverage
    match_account: {tier: strategic}
    coverage: {departments: 3, window: 30d}
  - id: qbr
    match_account: {tier: strategic}
    schedule: {rrule: "FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO", dtstart: "2027-01-04"}
    catch_up: 0
  - id: anniversaries
    anniversary: {dates: [first_met]}
    enabled: false
  - id: review
    review: {}
http:
  listen: 127.0.0.1:9090
  public_url: https://cadence.example.com/
  token: ${env:API_TOKEN}
)";

ConfigLoadResult load_full() {
  return parse_config(
      kFull, "/etc/cadence/cadence.yaml",
      fake_env({{"SMTP_PASSWORD", "pw"}, {"WECOM_KEY", "wk"}, {"API_TOKEN", "tok"}}));
}

TEST(ValidConfig, FullConfigRoundTrip) {
  auto r = load_full();
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(all_diagnostics(r));
  EXPECT_EQ(all_diagnostics(r), std::vector<std::string>{});
  const Config& c = *r.config;
  EXPECT_EQ(c.source_file, "/etc/cadence/cadence.yaml");
  EXPECT_EQ(c.timezone, "Europe/Berlin");
  EXPECT_EQ(c.locale, Locale::kEn);
  EXPECT_EQ(c.database, "/tmp/cadence-test.db");
  EXPECT_EQ(c.feb29, Feb29Policy::kMar1);

  ASSERT_EQ(c.owners.size(), 2u);
  const OwnerConfig& zhang = c.owners[0];
  EXPECT_EQ(zhang.id, "zhang");
  EXPECT_EQ(zhang.name, "张伟");
  EXPECT_EQ(zhang.timezone, "Asia/Shanghai");
  EXPECT_EQ(zhang.locale, Locale::kEn);
  EXPECT_EQ(zhang.email, "zhang@example.com");
  EXPECT_EQ(zhang.channels, (std::vector<std::string>{"work-mail", "team-wecom"}));
  EXPECT_EQ(zhang.fallback_after, hours{2});
  EXPECT_EQ(zhang.quiet_hours, (TimeRange{TimeOfDay{21 * 60 + 30}, TimeOfDay{8 * 60}}));
  EXPECT_EQ(zhang.digest, TimeOfDay{8 * 60 + 30});
  EXPECT_TRUE(zhang.digest_only);
  EXPECT_EQ(zhang.manager, std::optional<std::string>("li"));
  EXPECT_EQ(zhang.where.line, 6);
  EXPECT_EQ(zhang.where.column, 5);
  const OwnerConfig& li = c.owners[1];
  EXPECT_EQ(li.name, "li");                 // default: the id
  EXPECT_EQ(li.timezone, "Europe/Berlin");  // inherited
  EXPECT_EQ(li.channels, std::vector<std::string>{"console"});
  EXPECT_FALSE(li.fallback_after.has_value());

  ASSERT_EQ(c.channels.size(), 3u);
  EXPECT_EQ(c.channels[0].type, "email");
  EXPECT_EQ(c.channels[0].url, "mailtos://zhang:pw@smtp.example.com:465?to=zhang@example.com");
  EXPECT_EQ(c.channels[1].type, "wecom");
  EXPECT_EQ(c.channels[1].params, (std::map<std::string, std::string>{{"key", "wk"}}));
  EXPECT_EQ(c.find_channel("console")->type, "console");
  EXPECT_EQ(c.find_channel("nope"), nullptr);
  EXPECT_EQ(c.find_owner("li"), &c.owners[1]);

  EXPECT_EQ(c.holidays.sets, (std::vector<std::string>{"cn", "intl"}));
  ASSERT_EQ(c.holidays.custom.size(), 7u);
  const auto& custom = c.holidays.custom;
  EXPECT_EQ(custom[0].name, "公司周年");
  EXPECT_EQ(std::get<CustomHoliday::Gregorian>(custom[0].date).month, 6u);
  EXPECT_EQ(std::get<CustomHoliday::Gregorian>(custom[0].date).day, 18u);
  EXPECT_EQ(std::get<CustomHoliday::Lunar>(custom[1].date).month, 12u);
  EXPECT_FALSE(std::get<CustomHoliday::Lunar>(custom[1].date).leap);
  EXPECT_EQ(custom[2].name, "leap_day");
  EXPECT_TRUE(std::get<CustomHoliday::Lunar>(custom[2].date).leap);
  const auto& thanks = std::get<CustomHoliday::NthWeekday>(custom[3].date);
  EXPECT_EQ(thanks.month, 11u);
  EXPECT_EQ(thanks.weekday, 4u);
  EXPECT_EQ(thanks.n, 4);
  EXPECT_EQ(std::get<CustomHoliday::NthWeekday>(custom[4].date).n, -1);
  EXPECT_EQ(std::get<CustomHoliday::EasterOffset>(custom[5].date).days, -2);
  EXPECT_EQ(std::get<CustomHoliday::SolarTerm>(custom[6].date).index, 6u);
  EXPECT_EQ(c.holidays.workdays, std::vector<Date>{*parse_date("2027-02-14")});
  EXPECT_EQ(c.holidays.days_off, std::vector<Date>{*parse_date("2027-10-08")});
  EXPECT_EQ(c.holidays.weekend, (std::vector<unsigned>{5, 6}));

  ASSERT_EQ(c.kinds.size(), 3u);
  EXPECT_EQ(c.find_kind("wave")->depth, Depth::kShallow);
  EXPECT_EQ(c.find_kind("meal"), nullptr);  // a listed table replaces the default one

  ASSERT_EQ(c.rules.size(), 9u);
  const RuleConfig& a = c.rules[0];
  EXPECT_EQ(trigger_name(a.trigger), "cadence");
  const auto& cad = std::get<CadenceTrigger>(a.trigger);
  EXPECT_EQ(cad.every, days{14});
  EXPECT_EQ(cad.at_most, days{21});
  EXPECT_EQ(cad.kinds, (std::vector<std::string>{"visit", "call"}));
  EXPECT_EQ(a.match.tiers, std::vector<std::string>{"A"});
  EXPECT_EQ(a.repeat, days{3});
  EXPECT_EQ(a.escalate_after, days{14});
  EXPECT_EQ(a.lead, std::vector<Duration>{Duration{0}});  // default
  EXPECT_EQ(a.catch_up, days{1});                         // default
  const RuleConfig& vdm = c.rules[1];
  EXPECT_EQ(vdm.match.tags, std::vector<std::string>{"decision-maker"});
  ASSERT_EQ(vdm.match.none.size(), 1u);
  EXPECT_EQ(vdm.match.none[0].departments, (std::vector<std::string>{"hr", "it"}));
  EXPECT_TRUE(vdm.business_days);
  EXPECT_EQ(vdm.max_per_day, 5);
  EXPECT_EQ(vdm.at, TimeOfDay{9 * 60});  // default
  const RuleConfig& bd = c.rules[2];
  EXPECT_EQ(trigger_name(bd.trigger), "birthday");
  EXPECT_EQ(bd.lead, (std::vector<Duration>{days{3}, Duration{0}}));
  EXPECT_EQ(bd.at, TimeOfDay{8 * 60 + 30});
  const auto& fest = std::get<HolidayTrigger>(c.rules[3].trigger);
  EXPECT_EQ(fest.keys, (std::vector<std::string>{"spring_festival", "company_day"}));
  ASSERT_EQ(fest.key_where.size(), 2u);
  EXPECT_EQ(fest.key_where[1].line, 62);
  EXPECT_EQ(fest.key_where[1].column, 39);
  EXPECT_EQ(std::get<DepthTrigger>(c.rules[4].trigger).min, Depth::kDeep);
  EXPECT_EQ(c.rules[4].match.owners, std::vector<std::string>{"zhang"});
  EXPECT_TRUE(c.rules[5].account_level);
  EXPECT_EQ(std::get<CoverageTrigger>(c.rules[5].trigger).departments, 3);
  const auto& qbr = std::get<ScheduleTrigger>(c.rules[6].trigger);
  EXPECT_EQ(qbr.rrule, "FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO");
  EXPECT_EQ(qbr.dtstart, *parse_date("2027-01-04"));
  EXPECT_EQ(qbr.rrule_where.line, 72);
  EXPECT_EQ(qbr.rrule_where.column, 23);  // the opening quote
  EXPECT_EQ(c.rules[6].catch_up, Duration{0});
  EXPECT_FALSE(c.rules[7].enabled);
  EXPECT_EQ(std::get<AnniversaryTrigger>(c.rules[7].trigger).dates,
            std::vector<std::string>{"first_met"});
  EXPECT_EQ(trigger_name(c.rules[8].trigger), "review");

  EXPECT_TRUE(c.http.enabled);
  EXPECT_EQ(c.http.listen, "127.0.0.1:9090");
  EXPECT_EQ(c.http.public_url, "https://cadence.example.com");
  EXPECT_EQ(c.http.token, "tok");
}

TEST(ValidConfig, MinimalConfigGetsEveryDefault) {
  auto r = parse_config("owners:\n  - id: solo\n", "t.yaml", fake_env());
  ASSERT_TRUE(r.ok());
  const Config& c = *r.config;
  EXPECT_EQ(c.timezone, "Asia/Shanghai");
  EXPECT_EQ(c.locale, Locale::kZhCN);
  EXPECT_EQ(c.database, "/var/lib/cadence/cadence.db");
  EXPECT_EQ(c.feb29, Feb29Policy::kFeb28);
  EXPECT_EQ(c.owners[0].timezone, "Asia/Shanghai");
  EXPECT_EQ(c.owners[0].locale, Locale::kZhCN);
  EXPECT_EQ(c.owners[0].name, "solo");
  EXPECT_TRUE(c.holidays.sets.empty());
  EXPECT_EQ(c.holidays.weekend, (std::vector<unsigned>{6, 0}));
  EXPECT_FALSE(c.http.enabled);
  EXPECT_EQ(c.http.listen, "127.0.0.1:8787");
  EXPECT_EQ(c.delivery.max_age, days{1});
  EXPECT_EQ(c.delivery.retry_base, std::chrono::seconds{2});
  EXPECT_EQ(c.delivery.retry_max, std::chrono::minutes{10});
  // DESIGN.md's table.
  std::vector<std::pair<std::string, Depth>> kinds;
  for (const auto& k : c.kinds) kinds.emplace_back(k.name, k.depth);
  EXPECT_EQ(kinds, (std::vector<std::pair<std::string, Depth>>{{"visit", Depth::kDeep},
                                                               {"meal", Depth::kDeep},
                                                               {"consult", Depth::kDeep},
                                                               {"call", Depth::kNormal},
                                                               {"message", Depth::kShallow},
                                                               {"greeting", Depth::kShallow},
                                                               {"like", Depth::kShallow}}));
}

TEST(ValidConfig, DeliverySectionSetsTheRetryPolicy) {
  auto r = parse_config("delivery:\n  max_age: 2h\n  retry_base: 5s\n  retry_max: 90s\n", "t.yaml",
                        fake_env());
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(all_diagnostics(r));
  EXPECT_TRUE(all_diagnostics(r).empty()) << ::testing::PrintToString(all_diagnostics(r));
  EXPECT_EQ(r.config->delivery.max_age, std::chrono::hours{2});
  EXPECT_EQ(r.config->delivery.retry_base, std::chrono::seconds{5});
  EXPECT_EQ(r.config->delivery.retry_max, std::chrono::seconds{90});
  EXPECT_EQ(r.config->delivery.where.line, 1);
  // A cap longer than the age is allowed, with a warning.
  auto w = parse_config("delivery:\n  max_age: 5m\n", "t.yaml", fake_env());
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(all_diagnostics(w),
            (std::vector<std::string>{"t.yaml:2:12: warning: retry_max (10m) is longer than "
                                      "max_age (5m): a delivery may be given up after fewer "
                                      "retries than you expect"}));
}

TEST(ValidConfig, RuleDefaults) {
  auto r = parse_config("rules:\n  - id: b\n    birthday:\n", "t.yaml", fake_env());
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(all_diagnostics(r));
  const RuleConfig& rule = r.config->rules[0];
  EXPECT_EQ(rule.at, TimeOfDay{9 * 60});
  EXPECT_EQ(rule.lead, std::vector<Duration>{Duration{0}});
  EXPECT_EQ(rule.catch_up, days{1});
  EXPECT_FALSE(rule.repeat.has_value());
  EXPECT_FALSE(rule.escalate_after.has_value());
  EXPECT_FALSE(rule.business_days);
  EXPECT_TRUE(rule.enabled);
  EXPECT_FALSE(rule.account_level);
  EXPECT_EQ(rule.where.line, 2);
}

TEST(ValidConfig, WarningsDoNotFailTheLoad) {
  auto r = parse_config(
      "owners:\n"
      "  - id: zhang\n"
      "    channels: [c]\n"
      "    fallback_after: 1h\n"
      "  - id: li\n"
      "channels:\n"
      "  - {id: c, type: console}\n"
      "  - {id: unused, type: console}\n"
      "rules:\n"
      "  - id: r\n"
      "    cadence: {every: 7d}\n"
      "    escalate: {after: 7d}\n",
      "t.yaml", fake_env());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(all_diagnostics(r),
            (std::vector<std::string>{
                "t.yaml:4:5: warning: fallback_after has no effect: the owner has fewer than two "
                "channels",
                "t.yaml:5:5: warning: owner 'li' has no channels, so its reminders are not sent",
                "t.yaml:8:5: warning: channel 'unused' is not used by any owner",
                "t.yaml:12:5: warning: escalate: no owner has a manager, so escalations reach "
                "nobody"}));
}

TEST(ValidConfig, ChannelTypesFromUrlSchemes) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"mailto://u:p@example.com", "email"},
      {"mailtos://u:p@example.com", "email"},
      {"slack://T/B/C", "slack"},
      {"workflows://host/path", "teams"},
      {"discord://id/token", "discord"},
      {"dingtalk://token", "dingtalk"},
      {"wecombot://key", "wecom"},
      {"feishu://token", "feishu"},
      {"lark://token", "lark"},
      {"tgram://bot/chat", "telegram"},
      {"ntfy://topic", "ntfy"},
      {"ntfys://topic", "ntfy"},
      {"gotify://host/token", "gotify"},
      {"gotifys://host/token", "gotify"},
      {"matrix://u:p@host/#room", "matrix"},
      {"matrixs://u:p@host/#room", "matrix"},
      {"json://host/path", "webhook"},
      {"JSONS://host/path", "webhook"}};
  for (const auto& [url, type] : cases) {
    auto r = parse_config(
        "owners: [{id: o, channels: [x]}]\nchannels:\n  - id: x\n    url: \"" + url + "\"\n",
        "t.yaml", fake_env());
    ASSERT_TRUE(r.ok()) << url << ": " << ::testing::PrintToString(all_diagnostics(r));
    EXPECT_EQ(r.config->channels[0].type, type) << url;
    EXPECT_EQ(r.config->channels[0].url, url);
  }
}

TEST(ValidConfig, ShippedExampleLoadsWithoutDiagnostics) {
  auto r = load_config_file(source_path("config/cadence.example.yaml"), fake_env());
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(all_diagnostics(r));
  EXPECT_EQ(all_diagnostics(r), std::vector<std::string>{});
  const Config& c = *r.config;
  EXPECT_EQ(c.owners.size(), 1u);
  EXPECT_EQ(c.channels[0].type, "console");
  EXPECT_EQ(c.holidays.sets, std::vector<std::string>{"cn"});
  EXPECT_GE(c.rules.size(), 5u);
}

TEST(ConfigDiagnostic, FormatsWithAndWithoutALine) {
  ConfigDiagnostic d{ConfigDiagnostic::Severity::kError, {"a.yaml", 3, 7}, "bad"};
  EXPECT_EQ(d.to_string(), "a.yaml:3:7: error: bad");
  d.severity = ConfigDiagnostic::Severity::kWarning;
  d.where.line = 0;
  EXPECT_EQ(d.to_string(), "a.yaml: warning: bad");
}

TEST(DefaultConfigPath, EnvironmentOverridesTheSystemPath) {
  ::unsetenv("CADENCE_CONFIG");
  EXPECT_EQ(default_config_path(), "/etc/cadence/cadence.yaml");
  ::setenv("CADENCE_CONFIG", "/srv/cadence.yaml", 1);
  EXPECT_EQ(default_config_path(), "/srv/cadence.yaml");
  ::unsetenv("CADENCE_CONFIG");
}

}  // namespace
}  // namespace cadence::testing
