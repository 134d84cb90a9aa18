// cadence and depth triggers: due dates from the last counted touch, limits,
// leads, touches that resolve (or do not), never-touched contacts.
#include <gtest/gtest.h>

#include "engine_fixture.hpp"

namespace cadence::testing {
namespace {

using ::testing::ElementsAre;

// Owner zhang in Asia/Shanghai (UTC+8, no DST): 09:00 local = 01:00Z.
class CadenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RuleConfig keep = rule("keep", cadence_every(days(14), {"visit", "call"}, days(21)));
    RuleConfig deep = rule("deep", DepthTrigger{Depth::kDeep, days(90)});
    deep.match.tiers = {"A"};
    rules_ = compile_ok(config_with({owner("zhang")}, {keep, deep}));
    ASSERT_TRUE(rules_);
    li_ = contact("li", "zhang", utc(2025, 6, 1));
    li_.tier = "B";
  }

  std::vector<Occurrence> plan(const ContactSummary* s, Instant from, Instant to) {
    return plan_contact(*rules_, ContactRecord{&li_, nullptr, s}, from, to);
  }

  std::shared_ptr<const RuleSet> rules_;
  Contact li_;
};

TEST_F(CadenceTest, DueEveryNDaysAfterLastCountedTouchWithLimit) {
  // Last call Mar 1 14:00 local; a later message is not a counted kind.
  ContactSummary s =
      summary_with("li", {{"call", utc(2026, 3, 1, 6)}, {"message", utc(2026, 3, 10, 6)}});
  const auto v = plan(&s, utc(2026, 3, 1), utc(2026, 4, 1));
  // Target: Mar 1 + 14 d = Mar 15 at 09:00; limit: Mar 1 + 21 d = Mar 22.
  EXPECT_THAT(keys_of(v),
              ElementsAre("keep|contact:li|2026-03-15", "keep|contact:li|2026-03-22|limit"));
  EXPECT_THAT(fires_of(v), ElementsAre("2026-03-15T01:00:00Z", "2026-03-22T01:00:00Z"));
  EXPECT_FALSE(v[0].escalated);
  EXPECT_TRUE(v[1].escalated);
  EXPECT_EQ(v[0].owner, "zhang");
  EXPECT_EQ(v[0].kind, ReminderKind::kCadence);
  EXPECT_EQ(v[0].subject, "contact:li");
  EXPECT_NE(v[0].title.find("14 days since the last touch"), std::string::npos) << v[0].title;
  EXPECT_NE(v[0].details_json.find("\"target_days\":14"), std::string::npos) << v[0].details_json;
  EXPECT_NE(v[0].details_json.find("\"last_touch_days_ago\":14"), std::string::npos);
}

TEST_F(CadenceTest, NeverTouchedCountsFromCreation) {
  // Created 2025-06-01 00:00Z (08:00 local) → due Jun 15, limit Jun 22.
  const auto v = plan(nullptr, utc(2025, 6, 1), utc(2025, 7, 1));
  EXPECT_THAT(fires_of(v), ElementsAre("2025-06-15T01:00:00Z", "2025-06-22T01:00:00Z"));
  EXPECT_NE(v[0].title.find("never touched"), std::string::npos) << v[0].title;
}

TEST_F(CadenceTest, OverdueBeforeWindowFiresAtWindowStartOnlyMostUrgent) {
  ContactSummary s = summary_with("li", {{"visit", utc(2026, 3, 1, 6)}});
  // Both Mar 15 and the Mar 22 limit passed before Apr 10 08:00 local.
  const auto v = plan(&s, utc(2026, 4, 10), utc(2026, 5, 1));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].key, "keep|contact:li|2026-03-22|limit");
  EXPECT_EQ(z(v[0].fire_at), "2026-04-10T00:00:00Z");
  // Planning again later keeps the key (the store ignores the duplicate).
  const auto again = plan(&s, utc(2026, 4, 12), utc(2026, 5, 1));
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].key, v[0].key);
}

TEST_F(CadenceTest, TouchOfCountedKindResolvesAndRestartsTheClock) {
  ContactSummary s = summary_with("li", {{"call", utc(2026, 3, 1, 6)}});
  auto open = plan(&s, utc(2026, 3, 1), utc(2026, 4, 1));
  ASSERT_EQ(open.size(), 2u);

  Interaction message{0, "li", "message", Depth::kShallow, utc(2026, 3, 16, 2), "", "cli"};
  EXPECT_TRUE(apply_touch(*rules_, open, message).empty()) << "message is not a counted kind";

  Interaction call{0, "li", "call", Depth::kNormal, utc(2026, 3, 16, 2), "", "cli"};
  const auto resolved = apply_touch(*rules_, open, call);
  ASSERT_EQ(resolved.size(), 2u);
  EXPECT_EQ(resolved[0].state, OccurrenceState::kResolved);
  EXPECT_EQ(resolved[1].state, OccurrenceState::kResolved);

  // The store records the touch; re-planning gives Mar 16 + 14 d = Mar 30.
  s = summary_with("li", {{"call", utc(2026, 3, 1, 6)}, {"call", utc(2026, 3, 16, 2)}});
  const auto next = plan(&s, utc(2026, 3, 16, 2), utc(2026, 4, 30));
  EXPECT_THAT(keys_of(next),
              ElementsAre("keep|contact:li|2026-03-30", "keep|contact:li|2026-04-06|limit"));
}

TEST_F(CadenceTest, BackdatedTouchBeforeThePeriodResolvesNothing) {
  ContactSummary s = summary_with("li", {{"call", utc(2026, 3, 1, 6)}});
  auto open = plan(&s, utc(2026, 3, 1), utc(2026, 3, 20));
  ASSERT_EQ(open.size(), 1u);
  Interaction old{0, "li", "visit", Depth::kDeep, utc(2026, 2, 20), "", "cli"};
  EXPECT_TRUE(apply_touch(*rules_, open, old).empty());
}

TEST_F(CadenceTest, TheTouchThatMadeItDueDoesNotResolveIt) {
  // Last call Mar 1 14:00 local: due Mar 15. The scheduler re-checks open
  // reminders against the summary's latest touch, which is that same call (and
  // a second call later that day changes nothing either): neither resolves it.
  ContactSummary s = summary_with("li", {{"call", utc(2026, 3, 1, 6)}});
  auto open = plan(&s, utc(2026, 3, 1), utc(2026, 3, 20));
  ASSERT_EQ(open.size(), 1u);
  Interaction same{0, "li", "call", Depth::kNormal, utc(2026, 3, 1, 6), "", "cli"};
  EXPECT_TRUE(apply_touch(*rules_, open, same).empty());
  Interaction same_day{0, "li", "call", Depth::kNormal, utc(2026, 3, 1, 12), "", "cli"};
  EXPECT_TRUE(apply_touch(*rules_, open, same_day).empty());
  Interaction next_day{0, "li", "call", Depth::kNormal, utc(2026, 3, 2, 2), "", "cli"};
  EXPECT_EQ(apply_touch(*rules_, open, next_day).size(), 1u);
}

TEST_F(CadenceTest, LeadTimesGiveOneOccurrencePerLead) {
  RuleConfig keep = rule("keep", cadence_every(days(14)));
  keep.lead = {days(0), days(3)};
  auto rules = compile_ok(config_with({owner("zhang")}, {keep}));
  ContactSummary s = summary_with("li", {{"meal", utc(2026, 3, 1, 6)}});
  const auto v =
      plan_contact(*rules, ContactRecord{&li_, nullptr, &s}, utc(2026, 3, 1), utc(2026, 4, 1));
  EXPECT_THAT(keys_of(v),
              ElementsAre("keep|contact:li|2026-03-15|3d", "keep|contact:li|2026-03-15"));
  EXPECT_THAT(fires_of(v), ElementsAre("2026-03-12T01:00:00Z", "2026-03-15T01:00:00Z"));
}

TEST_F(CadenceTest, DepthIsNotSatisfiedByAShallowTouch) {
  li_.tier = "A";
  // Last deep talk Jan 1 (14:00 local); a "like" on Mar 1 does not count.
  ContactSummary s = summary_with("li", {{"like", utc(2026, 3, 1, 6)}}, utc(2026, 1, 1, 6));
  s.last_by_kind["visit"] = utc(2026, 1, 1, 6);
  const auto v = plan(&s, utc(2026, 3, 20), utc(2026, 4, 10));
  // Jan 1 + 90 d = Apr 1; the cadence rule (last visit Jan 1) is long overdue.
  std::vector<Occurrence> depth;
  for (const auto& o : v) {
    if (o.rule == "deep") depth.push_back(o);
  }
  ASSERT_EQ(depth.size(), 1u);
  EXPECT_EQ(depth[0].key, "deep|contact:li|2026-04-01");
  EXPECT_EQ(z(depth[0].fire_at), "2026-04-01T01:00:00Z");
  EXPECT_EQ(depth[0].kind, ReminderKind::kDepth);

  Interaction like{0, "li", "like", Depth::kShallow, utc(2026, 4, 1, 3), "", "cli"};
  EXPECT_TRUE(apply_touch(*rules_, depth, like).empty());
  Interaction call{0, "li", "call", Depth::kNormal, utc(2026, 4, 1, 3), "", "cli"};
  EXPECT_TRUE(apply_touch(*rules_, depth, call).empty()) << "normal < deep";
  Interaction meal{0, "li", "meal", Depth::kDeep, utc(2026, 4, 1, 3), "", "cli"};
  ASSERT_EQ(apply_touch(*rules_, depth, meal).size(), 1u);
}

TEST_F(CadenceTest, ArchivedContactGetsNothing) {
  li_.archived = true;
  EXPECT_TRUE(plan(nullptr, utc(2025, 6, 1), utc(2025, 7, 1)).empty());
}

TEST_F(CadenceTest, KeysAreStableAcrossPlanningWindows) {
  ContactSummary s = summary_with("li", {{"call", utc(2026, 3, 1, 6)}});
  const auto a = plan(&s, utc(2026, 3, 1), utc(2026, 4, 1));
  const auto b = plan(&s, utc(2026, 3, 10), utc(2026, 3, 20));
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0].key, b[0].key);
  EXPECT_EQ(a[0].fire_at, b[0].fire_at);
  EXPECT_EQ(a[0].details_json, b[0].details_json);
}

}  // namespace
}  // namespace cadence::testing
