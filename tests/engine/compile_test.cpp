// RuleSet::compile: semantic errors with config locations, defaults, fingerprints.
#include <gtest/gtest.h>

#include "engine_fixture.hpp"

namespace cadence::testing {
namespace {

std::vector<ConfigDiagnostic> errors_of(const Config& config) {
  std::vector<ConfigDiagnostic> out;
  RuleSetCompileResult r = RuleSet::compile(config);
  for (const auto& d : r.diagnostics) {
    if (d.severity == ConfigDiagnostic::Severity::kError) out.push_back(d);
  }
  EXPECT_EQ(r.ok(), out.empty());
  return out;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(CompileTest, DefaultsAreApplied) {
  auto rules = compile_ok(config_with({owner("zhang")}, {rule("keep", cadence_every(days(14)))}));
  ASSERT_TRUE(rules);
  const CompiledRule* r = rules->find_rule("keep");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->at, hm(9, 0));
  ASSERT_EQ(r->lead.size(), 1u);
  EXPECT_EQ(r->lead[0], Duration{0});
  EXPECT_EQ(r->catch_up, days(1));
  EXPECT_EQ(r->kind, ReminderKind::kCadence);
  EXPECT_EQ(rules->owners().size(), 1u);
  EXPECT_EQ(rules->default_owner().id, "zhang");
  EXPECT_EQ(rules->kind_depth("visit"), Depth::kDeep);
  EXPECT_EQ(rules->kind_depth("like"), Depth::kShallow);
  EXPECT_FALSE(rules->kind_depth("telepathy"));
}

TEST(CompileTest, UnknownHolidayKeySuggestsTheClosestAtItsLocation) {
  HolidayTrigger t;
  t.keys = {"spring_festival", "mid_autum"};
  t.key_where = {SourceLocation{"cadence.yaml", 40, 20}, SourceLocation{"cadence.yaml", 40, 37}};
  Config config = config_with({owner("zhang")}, {rule("festivals", t)});
  config.holidays.sets = {"cn"};
  auto errors = errors_of(config);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].where.line, 40);
  EXPECT_EQ(errors[0].where.column, 37);
  EXPECT_TRUE(has(errors[0].message, "unknown holiday key 'mid_autum'")) << errors[0].message;
  EXPECT_TRUE(has(errors[0].message, "did you mean 'mid_autumn'")) << errors[0].message;
}

TEST(CompileTest, MalformedRruleIsAnErrorAtTheRrule) {
  ScheduleTrigger t;
  t.rrule = "FREQ=SOMETIMES";
  t.rrule_where = SourceLocation{"cadence.yaml", 55, 12};
  auto errors = errors_of(config_with({owner("zhang")}, {rule("qbr", t)}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].where.line, 55);
  EXPECT_TRUE(has(errors[0].message, "malformed RRULE")) << errors[0].message;
}

TEST(CompileTest, RruleThatNeverFiresIsAnError) {
  ScheduleTrigger t;
  t.rrule = "FREQ=DAILY;UNTIL=20190101";
  t.dtstart = ymd(2026, 1, 1);
  t.rrule_where = SourceLocation{"cadence.yaml", 56, 12};
  auto errors = errors_of(config_with({owner("zhang")}, {rule("qbr", t)}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(has(errors[0].message, "never fires")) << errors[0].message;
}

TEST(CompileTest, LeadLongerThanThePeriodIsAnError) {
  RuleConfig r = rule("keep", cadence_every(days(7)));
  r.lead = {days(10), days(0)};
  auto errors = errors_of(config_with({owner("zhang")}, {r}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].where.line, 10);
  EXPECT_TRUE(has(errors[0].message, "lead 10d is longer than the period 1w")) << errors[0].message;

  RuleConfig b = rule("bday", BirthdayTrigger{});
  b.lead = {days(400)};
  EXPECT_EQ(errors_of(config_with({owner("zhang")}, {b})).size(), 1u);
}

TEST(CompileTest, AtMostShorterThanEveryIsContradictory) {
  auto errors = errors_of(
      config_with({owner("zhang")}, {rule("keep", cadence_every(days(14), {}, days(7)))}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(has(errors[0].message, "at_most (1w) is shorter than every (2w)"))
      << errors[0].message;
}

TEST(CompileTest, UnknownInteractionKindSuggestsTheClosest) {
  auto errors = errors_of(
      config_with({owner("zhang")}, {rule("keep", cadence_every(days(14), {"visit", "vist"}))}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(has(errors[0].message, "unknown interaction kind 'vist'")) << errors[0].message;
  EXPECT_TRUE(has(errors[0].message, "did you mean 'visit'")) << errors[0].message;
}

TEST(CompileTest, TriggerAtTheWrongLevelIsAnError) {
  CoverageTrigger c;
  c.departments = 3;
  c.window = days(30);
  auto errors = errors_of(config_with({owner("zhang")}, {rule("coverage", c)}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(has(errors[0].message, "use match_account")) << errors[0].message;

  RuleConfig b = rule("bday", BirthdayTrigger{});
  b.account_level = true;
  EXPECT_EQ(errors_of(config_with({owner("zhang")}, {b})).size(), 1u);
}

TEST(CompileTest, UnknownOwnerZoneIsAnErrorAtTheOwner) {
  OwnerConfig o = owner("zhang", "Mars/Olympus");
  o.where = SourceLocation{"cadence.yaml", 3, 5};
  auto errors = errors_of(config_with({o}, {}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].where.line, 3);
  EXPECT_TRUE(has(errors[0].message, "Mars/Olympus")) << errors[0].message;
}

TEST(CompileTest, FingerprintChangesOnlyWithTheDefinition) {
  Config a = config_with({owner("zhang")},
                         {rule("keep", cadence_every(days(14))), rule("bday", BirthdayTrigger{})});
  Config b = a;
  std::get<CadenceTrigger>(b.rules[0].trigger).every = days(21);
  auto ra = compile_ok(a);
  auto rb = compile_ok(b);
  ASSERT_TRUE(ra && rb);
  EXPECT_NE(ra->find_rule("keep")->fingerprint, rb->find_rule("keep")->fingerprint);
  EXPECT_EQ(ra->find_rule("bday")->fingerprint, rb->find_rule("bday")->fingerprint);
  EXPECT_EQ(ra->find_rule("keep")->fingerprint, compile_ok(a)->find_rule("keep")->fingerprint);
}

TEST(CompileTest, NoOwnersMeansOneDefaultOwnerInTheConfigZone) {
  Config c = config_with({}, {rule("bday", BirthdayTrigger{})});
  c.timezone = "Europe/Berlin";
  auto rules = compile_ok(c);
  ASSERT_TRUE(rules);
  EXPECT_EQ(rules->default_owner().zone.name(), "Europe/Berlin");
}

}  // namespace
}  // namespace cadence::testing
