#include "daemon/config_diff.hpp"

#include <gtest/gtest.h>

namespace cadence::daemon {
namespace {

Config base_config() {
  Config c;
  c.timezone = "Asia/Shanghai";
  OwnerConfig zhang;
  zhang.id = "zhang";
  zhang.channels = {"console"};
  c.owners.push_back(zhang);
  ChannelConfig console;
  console.id = "console";
  console.type = "console";
  c.channels.push_back(console);
  RuleConfig touch;
  touch.id = "keep-in-touch";
  touch.trigger = CadenceTrigger{Duration{14 * 86400}, std::nullopt, {"visit"}};
  c.rules.push_back(touch);
  return c;
}

TEST(ConfigDiff, IdenticalConfigsHaveNoChanges) {
  EXPECT_TRUE(config_changes(base_config(), base_config()).empty());
  EXPECT_EQ(describe_config_changes(base_config(), base_config()), "no changes");
}

TEST(ConfigDiff, LocationsAndOrderAreNotChanges) {
  Config moved = base_config();
  moved.rules[0].where = {"x.yaml", 40, 3};
  moved.owners[0].where = {"x.yaml", 2, 5};
  RuleConfig second;
  second.id = "birthdays";
  second.trigger = BirthdayTrigger{};
  Config a = base_config();
  a.rules.push_back(second);
  moved.rules.insert(moved.rules.begin(), second);
  EXPECT_EQ(describe_config_changes(a, moved), "no changes");
}

TEST(ConfigDiff, NamesAddedRemovedAndChangedIds) {
  const Config before = base_config();
  Config after = base_config();
  OwnerConfig li;
  li.id = "li";
  after.owners.push_back(li);
  after.rules[0].trigger = CadenceTrigger{Duration{21 * 86400}, std::nullopt, {"visit"}};
  RuleConfig birthdays;
  birthdays.id = "birthdays";
  birthdays.trigger = BirthdayTrigger{};
  after.rules.push_back(birthdays);
  after.channels.clear();
  after.timezone = "UTC";
  EXPECT_EQ(describe_config_changes(before, after),
            "timezone Asia/Shanghai -> UTC; owners +li; channels -console; "
            "rules +birthdays ~keep-in-touch");
}

TEST(ConfigDiff, TriggerKindChangeIsAChange) {
  const Config before = base_config();
  Config after = base_config();
  after.rules[0].trigger = DepthTrigger{Depth::kDeep, Duration{90 * 86400}};
  EXPECT_EQ(describe_config_changes(before, after), "rules ~keep-in-touch");
  Config selector = base_config();
  Selector sub;
  sub.tags = {"decision-maker"};
  selector.rules[0].match.none.push_back(sub);
  EXPECT_EQ(describe_config_changes(before, selector), "rules ~keep-in-touch");
}

TEST(ConfigDiff, ChannelSecretsAreNeverNamed) {
  Config before = base_config();
  before.channels[0].url = "mailtos://zhang:hunter2@smtp.example.com";
  before.http.token = "sekrit-token";
  Config after = before;
  after.channels[0].url = "mailtos://zhang:hunter3@smtp.example.com";
  after.channels[0].params["key"] = "wecom-secret";
  after.http.token = "other-token";
  const std::string summary = describe_config_changes(before, after);
  EXPECT_EQ(summary, "channels ~console; http changed");
  for (const char* secret : {"hunter", "wecom-secret", "token", "smtp.example.com"}) {
    EXPECT_EQ(summary.find(secret), std::string::npos) << secret;
  }
}

TEST(ConfigDiff, ScalarSettingsAndSections) {
  const Config before = base_config();
  Config after = base_config();
  after.locale = Locale::kEn;
  after.database = "/tmp/other.db";
  after.feb29 = Feb29Policy::kMar1;
  after.holidays.sets = {"cn"};
  after.kinds.push_back(InteractionKind{"visit", Depth::kDeep, {}});
  EXPECT_EQ(describe_config_changes(before, after),
            "locale zh-CN -> en; database /var/lib/cadence/cadence.db -> /tmp/other.db; "
            "birthdays.feb29 feb28 -> mar1; kinds +visit; holidays changed");
}

}  // namespace
}  // namespace cadence::daemon
