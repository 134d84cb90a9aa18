// Selectors and explain.
#include <gtest/gtest.h>

#include "engine_fixture.hpp"

namespace cadence::testing {
namespace {

TEST(SelectorTest, FieldsAreAndedListsAreOred) {
  Selector s;
  s.tags = {"decision-maker"};
  s.tiers = {"A", "B"};
  Contact c = contact("li");
  c.tags = {"decision-maker", "golf"};
  c.tier = "B";
  EXPECT_TRUE(selector_matches(s, c, nullptr));
  c.tier = "C";
  EXPECT_FALSE(selector_matches(s, c, nullptr));
  EXPECT_EQ(selector_mismatch(s, c, nullptr).value_or(""), "tier is 'C', rule wants one of [A, B]");
  c.tier = "A";
  c.tags = {"golf"};
  EXPECT_EQ(selector_mismatch(s, c, nullptr).value_or(""), "has no tag 'decision-maker'");
  EXPECT_TRUE(selector_matches(Selector{}, c, nullptr)) << "empty selector matches all";
}

TEST(SelectorTest, AccountTierAnyAndNone) {
  Account strategic;
  strategic.id = "acme";
  strategic.tier = "strategic";
  Contact c = contact("li");
  c.account = "acme";
  Selector s;
  s.account_tiers = {"strategic"};
  EXPECT_TRUE(selector_matches(s, c, &strategic));
  EXPECT_FALSE(selector_matches(s, c, nullptr));
  Selector any;
  any.any = {Selector{}, Selector{}};
  any.any[0].tiers = {"A"};
  any.any[1].departments = {"IT"};
  c.department = "IT";
  EXPECT_TRUE(selector_matches(any, c, nullptr));
  c.department = "HR";
  EXPECT_FALSE(selector_matches(any, c, nullptr));
  Selector none;
  none.none = {Selector{}};
  none.none[0].owners = {"zhang"};
  EXPECT_FALSE(selector_matches(none, c, nullptr));
  c.owner = "";
  EXPECT_FALSE(selector_matches(none, c, nullptr, "zhang")) << "empty owner = default owner";
  EXPECT_TRUE(selector_matches(none, c, nullptr, "wang"));

  Selector acct;
  acct.tiers = {"strategic"};
  EXPECT_TRUE(account_selector_matches(acct, strategic));
  acct.tags = {"x"};
  EXPECT_FALSE(account_selector_matches(acct, strategic));
}

TEST(ExplainTest, SaysWhatAppliesWhenAndWhy) {
  RuleConfig keep = rule("keep-a", cadence_every(days(14), {"visit", "call"}, days(21)));
  keep.match.tiers = {"A"};
  RuleConfig keep_b = rule("keep-b", cadence_every(days(30)));
  keep_b.match.tiers = {"B"};
  RuleConfig bday = rule("bday", BirthdayTrigger{});
  CoverageTrigger cov;
  cov.departments = 2;
  cov.window = days(30);
  RuleConfig coverage = rule("coverage", cov);
  coverage.account_level = true;
  auto rules = compile_ok(config_with({owner("zhang")}, {keep, keep_b, bday, coverage}));
  ASSERT_TRUE(rules);
  Contact c = contact("li");
  c.tier = "A";
  ContactSummary s = summary_with("li", {{"visit", utc(2026, 3, 1, 6)}});
  ContactExplanation e = explain_contact(*rules, ContactRecord{&c, nullptr, &s}, utc(2026, 3, 5));
  EXPECT_EQ(e.contact, "li");
  EXPECT_EQ(e.owner, "zhang");
  ASSERT_EQ(e.rules.size(), 4u);

  const RuleExplanation& k = e.rules[0];
  EXPECT_TRUE(k.applies);
  ASSERT_TRUE(k.last_counted_touch);
  EXPECT_EQ(*k.last_counted_touch, utc(2026, 3, 1, 6));
  EXPECT_EQ(k.target, days(14));
  EXPECT_EQ(k.limit, days(21));
  ASSERT_TRUE(k.next);
  EXPECT_EQ(k.next->key, "keep-a|contact:li|2026-03-15");
  EXPECT_NE(k.reason.find("visit, call"), std::string::npos) << k.reason;

  EXPECT_FALSE(e.rules[1].applies);
  EXPECT_NE(e.rules[1].reason.find("tier is 'A'"), std::string::npos) << e.rules[1].reason;
  EXPECT_FALSE(e.rules[2].applies);
  EXPECT_EQ(e.rules[2].reason, "no birthday on record");
  EXPECT_FALSE(e.rules[3].applies);
  EXPECT_NE(e.rules[3].reason.find("account-level"), std::string::npos);

  c.birthday = GregorianBirthday{std::nullopt, 7, 1};
  e = explain_contact(*rules, ContactRecord{&c, nullptr, &s}, utc(2026, 3, 5));
  EXPECT_TRUE(e.rules[2].applies);
  ASSERT_TRUE(e.rules[2].next);
  EXPECT_EQ(e.rules[2].next->key, "bday|contact:li|2026-07-01");
}

}  // namespace
}  // namespace cadence::testing
