// Invalid configs: each asserts every error line exactly (file:line:column and
// message), as `cadencectl check` prints them.
#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace cadence::testing {
namespace {

struct InvalidCase {
  const char* name;
  const char* yaml;
  std::vector<std::string> errors;
};

class InvalidConfig : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(InvalidConfig, ReportsExactLocationAndMessage) {
  const InvalidCase& c = GetParam();
  auto result = parse_config(c.yaml, "t.yaml", fake_env());
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(error_lines(result), c.errors);
}

const InvalidCase kCases[] = {
    {"UnknownTopLevelKeySuggests",
     "timezon: Asia/Shanghai\n",
     {"t.yaml:1:1: error: unknown key 'timezon' in the top level (did you mean 'timezone'?)"}},
    {"UnknownKeyWithoutCloseMatch",
     "locale: en\ncolour: red\n",
     {"t.yaml:2:1: error: unknown key 'colour' in the top level"}},
    {"UnknownOwnerKeySuggests",
     "owners:\n"
     "  - id: zhang\n"
     "    timzone: Asia/Shanghai\n",
     {"t.yaml:3:5: error: unknown key 'timzone' in owner 'zhang' (did you mean 'timezone'?)"}},
    {"OwnersIsNotAList",
     "owners: {id: zhang}\n",
     {"t.yaml:1:9: error: owners: expected a list of owners, got a mapping"}},
    {"BadDurationUnit",
     "owners:\n"
     "  - id: zhang\n"
     "    fallback_after: 14x\n",
     {"t.yaml:3:21: error: fallback_after: invalid duration '14x': unknown unit 'x' (use s, m, h, "
      "d or w, e.g. 14d)"}},
    {"UnknownTimeZoneSuggests",
     "timezone: Asia/Shangai\n",
     {"t.yaml:1:11: error: timezone: unknown time zone 'Asia/Shangai' (did you mean "
      "'Asia/Shanghai'?)"}},
    {"UnknownOwnerTimeZone",
     "owners:\n"
     "  - {id: zhang, timezone: Mars/Olympus_Mons}\n",
     {"t.yaml:2:27: error: timezone: unknown time zone 'Mars/Olympus_Mons'"}},
    {"UnknownLocale",
     "locale: zh\n",
     {"t.yaml:1:9: error: locale: unknown locale 'zh' (use zh-CN or en)"}},
    {"BadQuietHours",
     "owners:\n"
     "  - id: zhang\n"
     "    quiet_hours: \"25:00-08:00\"\n",
     {"t.yaml:3:18: error: quiet_hours: invalid time of day '25:00': expected HH:MM between 00:00 "
      "and 23:59"}},
    {"QuietHoursWithoutDash",
     "owners:\n"
     "  - id: zhang\n"
     "    quiet_hours: \"21:30\"\n",
     {"t.yaml:3:18: error: quiet_hours: invalid time range '21:30': expected HH:MM-HH:MM, e.g. "
      "21:30-08:00"}},
    {"BadDigestTime",
     "owners:\n"
     "  - id: zhang\n"
     "    digest: 9.30\n",
     {"t.yaml:3:13: error: digest: invalid time of day '9.30': expected HH:MM between 00:00 and "
      "23:59"}},
    {"DuplicateOwnerId",
     "owners:\n"
     "  - id: zhang\n"
     "  - id: li\n"
     "  - id: zhang\n",
     {"t.yaml:4:9: error: duplicate owner id 'zhang' (first defined at line 2)"}},
    {"BadOwnerId",
     "owners:\n"
     "  - id: Zhang Wei\n",
     {"t.yaml:2:9: error: invalid owner id 'Zhang Wei': use lowercase letters, digits, '-' and '_' "
      "(at most 64, starting with a letter or digit)"}},
    {"OwnerWithoutId",
     "owners:\n"
     "  - name: 张伟\n",
     {"t.yaml:2:5: error: owner is missing required key 'id'"}},
    {"UnknownChannelReferenceSuggests",
     "owners:\n"
     "  - id: zhang\n"
     "    channels: [consle]\n"
     "channels:\n"
     "  - {id: console, type: console}\n",
     {"t.yaml:3:16: error: channels: unknown channel 'consle' (did you mean 'console'?)"}},
    {"UnknownManagerListsOwners",
     "owners:\n"
     "  - id: zhang\n"
     "    manager: li\n"
     "  - id: wang\n",
     {"t.yaml:3:14: error: manager: unknown owner 'li' (defined owners: zhang, wang)"}},
    {"OwnManager",
     "owners:\n"
     "  - id: zhang\n"
     "    manager: zhang\n",
     {"t.yaml:3:14: error: manager: an owner cannot be their own manager"}},
    {"DigestOnlyWithoutDigest",
     "owners:\n"
     "  - id: zhang\n"
     "    digest_only: true\n",
     {"t.yaml:3:18: error: digest_only: needs a digest time (digest: \"08:30\")"}},
    {"DuplicateChannelId",
     "channels:\n"
     "  - {id: console, type: console}\n"
     "  - {id: console, type: console}\n",
     {"t.yaml:3:10: error: duplicate channel id 'console' (first defined at line 2)"}},
    {"UnknownUrlSchemeListsKnownOnes",
     "channels:\n"
     "  - id: mail\n"
     "    url: \"smtp://user:secret@mail.example.com\"\n",
     {"t.yaml:3:10: error: url: unknown scheme 'smtp'; known schemes: mailto, mailtos, slack, "
      "workflows, discord, dingtalk, wecombot, feishu, lark, tgram, ntfy, ntfys, gotify, gotifys, "
      "matrix, matrixs, json, jsons"}},
    {"MisspeltUrlSchemeSuggests",
     "channels:\n"
     "  - id: team\n"
     "    url: slak://T000/B000/XXXX\n",
     {"t.yaml:3:10: error: url: unknown scheme 'slak' (did you mean 'slack'?); known schemes: "
      "mailto, mailtos, slack, workflows, discord, dingtalk, wecombot, feishu, lark, tgram, ntfy, "
      "ntfys, gotify, gotifys, matrix, matrixs, json, jsons"}},
    {"RetiredMsTeamsScheme",
     "channels:\n"
     "  - id: teams\n"
     "    url: msteams://a/b/c\n",
     {"t.yaml:3:10: error: url: msteams:// is Microsoft's retired Office 365 connector; create a "
      "Teams Workflows webhook and use workflows://..."}},
    {"RetiredOfficeWebhookHost",
     "channels:\n"
     "  - id: teams\n"
     "    url: https://contoso.webhook.office.com/webhookb2/abc\n",
     {"t.yaml:3:10: error: url: webhook.office.com is Microsoft's retired Office 365 connector; "
      "create a Teams Workflows webhook and use workflows://..."}},
    {"UrlWithoutScheme",
     "channels:\n"
     "  - id: mail\n"
     "    url: zhang@example.com\n",
     {"t.yaml:3:10: error: url: expected an Apprise-style URL such as mailtos://user:password@host "
      "(scheme://...)"}},
    {"UnknownChannelType",
     "channels:\n"
     "  - {id: chat, type: wechat}\n",
     {"t.yaml:2:22: error: type: unknown channel type 'wechat'; known types: console, email, "
      "slack, teams, discord, dingtalk, wecom, feishu, lark, telegram, ntfy, gotify, matrix, "
      "webhook"}},
    {"ChannelTypeDisagreesWithUrl",
     "channels:\n"
     "  - id: chat\n"
     "    type: slack\n"
     "    url: discord://webhook_id/webhook_token\n",
     {"t.yaml:3:11: error: type: 'slack' does not match the url, which is a discord URL"}},
    {"ChannelWithoutUrlOrType",
     "channels:\n"
     "  - id: chat\n"
     "    key: abc\n",
     {"t.yaml:2:5: error: channel 'chat' needs url: (an Apprise-style URL) or type: (e.g. "
      "console)"}},
    {"ChannelSettingIsAList",
     "channels:\n"
     "  - id: chat\n"
     "    type: webhook\n"
     "    headers: [a, b]\n",
     {"t.yaml:4:14: error: headers: a channel setting is a single value, got a list"}},
    {"UnknownHolidaySetSuggests",
     "holidays:\n"
     "  sets: [cm]\n",
     {"t.yaml:2:10: error: sets: unknown holiday set 'cm' (did you mean 'cn'?) (built-in sets: "
      "cn, us, intl)"}},
    {"DuplicateCustomHolidayKey",
     "holidays:\n"
     "  custom:\n"
     "    - {key: company_day, date: \"06-18\"}\n"
     "    - {key: company_day, date: \"06-19\"}\n",
     {"t.yaml:4:13: error: duplicate holiday key 'company_day' (first defined at line 3)"}},
    {"CustomHolidayWithTwoDateForms",
     "holidays:\n"
     "  custom:\n"
     "    - {key: xiaonian, date: \"01-23\", lunar: \"12-23\"}\n",
     {"t.yaml:3:38: error: custom holiday 'xiaonian' has both date: and lunar:; give exactly one "
      "date form"}},
    {"CustomHolidayImpossibleDay",
     "holidays:\n"
     "  custom:\n"
     "    - {key: odd, date: \"02-30\"}\n",
     {"t.yaml:3:24: error: date: expected MM-DD (month 01-12, day 01-31 valid for the month), got "
      "'02-30'"}},
    {"UnknownSolarTermSuggests",
     "holidays:\n"
     "  custom:\n"
     "    - {key: tomb, solar_term: qinming}\n",
     {"t.yaml:3:31: error: solar_term: unknown solar term 'qinming' (did you mean 'qingming'?) "
      "(use the pinyin name, e.g. qingming, dongzhi)"}},
    {"LeapWithoutLunar",
     "holidays:\n"
     "  custom:\n"
     "    - {key: odd, date: \"03-01\", leap: true}\n",
     {"t.yaml:3:33: error: leap: only applies to a lunar: date"}},
    {"BadWorkday",
     "holidays:\n"
     "  workdays: [\"2027-02-14\", \"2027-02-30\"]\n",
     {"t.yaml:2:28: error: workdays: invalid date '2027-02-30': February 2027 has 28 days"}},
    {"BadWeekendDay",
     "holidays:\n"
     "  weekend: [fri, sabado]\n",
     {"t.yaml:2:18: error: weekend: unknown weekday 'sabado' (use sun, mon, tue, wed, thu, fri, "
      "sat or 0..6 with 0 = Sunday)"}},
    {"UnknownKindDepthSuggests",
     "kinds:\n"
     "  visit: deeep\n",
     {"t.yaml:2:10: error: visit: unknown depth 'deeep' (did you mean 'deep'?) (use shallow, "
      "normal or deep)"}},
    {"BadKindName",
     "kinds:\n"
     "  Site Visit: deep\n",
     {"t.yaml:2:3: error: invalid kind name 'Site Visit': use lowercase letters, digits, '-' and "
      "'_'"}},
    {"RuleWithoutTrigger",
     "rules:\n"
     "  - id: lonely\n"
     "    match: {}\n",
     {"t.yaml:2:5: error: rule 'lonely' has no trigger: add one of cadence:, birthday:, "
      "anniversary:, holiday:, depth:, coverage:, schedule:, review:"}},
    {"RuleWithTwoTriggers",
     "rules:\n"
     "  - id: both\n"
     "    cadence: {every: 14d}\n"
     "    birthday: {}\n",
     {"t.yaml:4:5: error: rule 'both' has two triggers, cadence: and birthday:; a rule has exactly "
      "one (make two rules)"}},
    {"MatchAndMatchAccount",
     "rules:\n"
     "  - id: mixed\n"
     "    match: {tier: A}\n"
     "    match_account: {tier: strategic}\n"
     "    birthday: {}\n",
     {"t.yaml:4:5: error: rule 'mixed' has both match: and match_account:; a rule selects contacts "
      "or accounts, not both"}},
    {"AtMostShorterThanEvery",
     "rules:\n"
     "  - id: a\n"
     "    cadence: {every: 14d, at_most: 7d}\n",
     {"t.yaml:3:36: error: at_most: 1w is shorter than every: 2w; the hard limit must come after "
      "the target"}},
    {"LeadLongerThanPeriod",
     "rules:\n"
     "  - id: a\n"
     "    cadence: {every: 14d}\n"
     "    lead: [3d, 20d]\n",
     {"t.yaml:4:16: error: lead: 20d is not shorter than the period every: 2w"}},
    {"UnknownKindInCadenceSuggests",
     "rules:\n"
     "  - id: a\n"
     "    cadence: {every: 14d, kinds: [vist, call]}\n",
     {"t.yaml:3:35: error: kinds: unknown interaction kind 'vist' (did you mean 'visit'?)"}},
    {"CoverageNeedsMatchAccount",
     "rules:\n"
     "  - id: cov\n"
     "    match: {tier: A}\n"
     "    coverage: {departments: 3, window: 30d}\n",
     {"t.yaml:4:5: error: coverage: is an account rule; select accounts with match_account:"}},
    {"CoverageWithNothingToCount",
     "rules:\n"
     "  - id: cov\n"
     "    match_account: {}\n"
     "    coverage: {window: 30d}\n",
     {"t.yaml:4:15: error: coverage: set departments: or contacts: (or both) to a number above 0"}},
    {"DuplicateRuleId",
     "rules:\n"
     "  - {id: b, birthday: {}}\n"
     "  - {id: b, review: {}}\n",
     {"t.yaml:3:10: error: duplicate rule id 'b' (first defined at line 2)"}},
    {"BadRuleTime",
     "rules:\n"
     "  - id: b\n"
     "    birthday: {}\n"
     "    at: 9am\n",
     {"t.yaml:4:9: error: at: invalid time of day '9am': expected HH:MM between 00:00 and 23:59"}},
    {"MaxPerDayZero",
     "rules:\n"
     "  - id: b\n"
     "    birthday: {}\n"
     "    max_per_day: 0\n",
     {"t.yaml:4:18: error: max_per_day: 0 is out of range (expected 1 to 100000)"}},
    {"YesIsNotABoolean",
     "rules:\n"
     "  - id: b\n"
     "    birthday: {}\n"
     "    business_days: yes\n",
     {"t.yaml:4:20: error: business_days: expected true or false, got 'yes'"}},
    {"UnknownSelectorKeySuggests",
     "rules:\n"
     "  - id: b\n"
     "    match: {any: [{teir: A}, {tags: [vip]}]}\n"
     "    birthday: {}\n",
     {"t.yaml:3:20: error: unknown key 'teir' in any (did you mean 'tier'?)"}},
    {"RepeatedYamlKey",
     "rules:\n"
     "  - id: b\n"
     "    birthday: {}\n"
     "    at: \"08:00\"\n"
     "    at: \"09:00\"\n",
     {"t.yaml:5:5: error: duplicate key 'at' in rule 'b' (first at line 4)"}},
    {"ScheduleWithoutRrule",
     "rules:\n"
     "  - id: qbr\n"
     "    schedule: {dtstart: \"2027-01-04\"}\n",
     {"t.yaml:3:15: error: schedule: is missing required key 'rrule'"}},
    {"HolidayTriggerWithNoKeys",
     "rules:\n"
     "  - id: fest\n"
     "    holiday: {keys: []}\n",
     {"t.yaml:3:21: error: keys: list at least one holiday key"}},
    {"BirthdayTakesNoSettings",
     "rules:\n"
     "  - id: b\n"
     "    birthday: {lead: 3d}\n",
     {"t.yaml:3:16: error: unknown key 'lead' in birthday"}},
    {"BadDepthMinimum",
     "rules:\n"
     "  - id: d\n"
     "    depth: {min: profound, every: 90d}\n",
     {"t.yaml:3:18: error: min: unknown depth 'profound' (use shallow, normal or deep)"}},
    {"ZeroCadencePeriod",
     "rules:\n"
     "  - id: a\n"
     "    cadence: {every: 0}\n",
     {"t.yaml:3:22: error: every: must be longer than 0"}},
    {"BadFeb29Policy",
     "birthdays: {feb29: mar2}\n",
     {"t.yaml:1:20: error: feb29: expected feb28 or mar1, got 'mar2'"}},
    {"BadHttpListen",
     "http:\n"
     "  listen: localhost\n"
     "  token: abc\n",
     {"t.yaml:2:11: error: listen: expected host:port such as 127.0.0.1:8787, got 'localhost'"}},
    {"DeliveryMaxAgeTooShort",
     "delivery:\n"
     "  max_age: 30s\n",
     {"t.yaml:2:12: error: max_age: expected between 1m and 30d, got 30s"}},
    {"DeliveryRetryBaseZero",
     "delivery: {retry_base: 0}\n",
     {"t.yaml:1:24: error: retry_base: expected between 1s and 1h, got 0"}},
    {"DeliveryRetryMaxBelowBase",
     "delivery:\n"
     "  retry_base: 1m\n"
     "  retry_max: 30s\n",
     {"t.yaml:3:14: error: retry_max (30s) is shorter than retry_base (1m)"}},
    {"DeliveryUnknownKeySuggests",
     "delivery:\n"
     "  maxage: 1d\n",
     {"t.yaml:2:3: error: unknown key 'maxage' in delivery (did you mean 'max_age'?)"}},
    {"DeliveryBadDuration",
     "delivery:\n"
     "  max_age: soon\n",
     {"t.yaml:2:12: error: max_age: invalid duration 'soon': unknown unit 'n' (use s, m, h, d or "
      "w, e.g. 14d)"}},
    {"UnknownSelectorOwner",
     "owners:\n"
     "  - id: zhang\n"
     "rules:\n"
     "  - id: b\n"
     "    match: {owner: zhan}\n"
     "    birthday: {}\n",
     {"t.yaml:5:20: error: owner: unknown owner 'zhan' (did you mean 'zhang'?)"}},
    {"TopLevelIsAList",
     "- a\n- b\n",
     {"t.yaml:1:1: error: the top level: expected a mapping (key: value), got a list"}},
    {"YamlSyntaxError",
     "owners:\n  - id: zhang\n    name: [unclosed\nrules: []\n",
     {"t.yaml:4:6: error: YAML syntax error: end of sequence flow not found"}},
    {"CollectsEveryErrorInFileOrder",
     "timezone: Europe/Lodnon\n"
     "owners:\n"
     "  - id: zhang\n"
     "    channels: [mail]\n"
     "    fallback_after: 2hours\n"
     "rules:\n"
     "  - id: a\n"
     "    cadence: {every: 2x}\n",
     {"t.yaml:1:11: error: timezone: unknown time zone 'Europe/Lodnon' (did you mean "
      "'Europe/London'?)",
      "t.yaml:4:16: error: channels: unknown channel 'mail' (no channels are defined)",
      "t.yaml:5:21: error: fallback_after: invalid duration '2hours': expected a whole number "
      "before the unit, e.g. 14d",
      "t.yaml:8:22: error: every: invalid duration '2x': unknown unit 'x' (use s, m, h, d or w, "
      "e.g. 14d)"}},
};

std::string case_name(const ::testing::TestParamInfo<InvalidCase>& param_info) {
  return param_info.param.name;
}

INSTANTIATE_TEST_SUITE_P(Cases, InvalidConfig, ::testing::ValuesIn(kCases), case_name);

TEST(InvalidConfig, AliasesCannotMultiplySelectorsWithoutBound) {
  // Each rule's selector list is 10 copies of the previous list by alias, so
  // rule r6 names 10^6 selectors; the loader stops counting at 10000.
  std::string yaml = "rules:\n  - id: r1\n    birthday: {}\n    match: {any: &s1 [";
  for (int i = 0; i < 10; ++i) yaml += i == 0 ? "{tags: x}" : ", {tags: x}";
  yaml += "]}\n";
  for (int level = 2; level <= 6; ++level) {
    yaml += "  - id: r" + std::to_string(level) + "\n    birthday: {}\n    match: {any: &s" +
            std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i) {
      yaml += (i == 0 ? "{any: *s" : ", {any: *s") + std::to_string(level - 1) + "}";
    }
    yaml += "]}\n";
  }
  auto errors = errors_of(yaml);
  ASSERT_EQ(errors.size(), 1u) << ::testing::PrintToString(errors);
  EXPECT_NE(errors[0].find(": error: any: too many selectors in one file (YAML aliases that repeat "
                           "selectors count every time)"),
            std::string::npos)
      << errors[0];
}

// Selectors nested past the limit by aliases: a hundred of them printed a
// hundred identical lines; now one error says how many there were.
TEST(InvalidConfig, SelectorsNestedTooDeepAreOneErrorWithACount) {
  std::string yaml = "rules:\n  - id: r1\n    birthday: {}\n    match: &d0 {tags: x}\n";
  for (int level = 1; level <= 9; ++level) {
    yaml += "  - id: r" + std::to_string(level + 1) + "\n    birthday: {}\n    match: &d" +
            std::to_string(level) + " {any: [";
    const int copies = level == 9 ? 100 : 1;
    for (int i = 0; i < copies; ++i) {
      yaml += (i == 0 ? "*d" : ", *d") + std::to_string(level - 1);
    }
    yaml += "]}\n";
  }
  auto errors = errors_of(yaml);
  ASSERT_EQ(errors.size(), 1u) << ::testing::PrintToString(errors);
  EXPECT_NE(errors[0].find("selectors are nested more than 8 levels deep (100 selectors in all "
                           "are nested too deep)"),
            std::string::npos)
      << errors[0];
}

TEST(InvalidConfig, HasAtLeastThirtyCases) { EXPECT_GE(std::size(kCases), 30u); }

}  // namespace
}  // namespace cadence::testing
