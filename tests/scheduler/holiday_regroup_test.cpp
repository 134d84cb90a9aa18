// Grouped holiday reminders follow contact changes (Scheduler::regroup_holidays):
// a contact that joins or leaves the festival rule's selection, or is renamed,
// changes the owner's pending festival reminder; a touch changes nothing.
#include <nlohmann/json.hpp>

#include "scheduler_fixture.hpp"

namespace cadence::testing {
namespace {

// The fixture's config plus "festivals": tier A contacts, Mid-Autumn (the cn
// set; 2027-09-15), on the day.
Config festival_config() {
  Config c = scheduler_config();
  c.holidays.sets = {"cn"};
  RuleConfig festivals;
  festivals.id = "festivals";
  festivals.match.tiers = {"A"};
  festivals.trigger = HolidayTrigger{{"mid_autumn"}, {}};
  festivals.at = TimeOfDay{9 * 60};
  c.rules.push_back(festivals);
  return c;
}

class HolidayRegroupTest : public SchedulerTest {
 protected:
  HolidayRegroupTest() {
    config_ = std::make_shared<Config>(festival_config());
    rules_ = compile_or_fail(*config_);
    clock_.set(utc(2027, 9, 1));
  }

  // The pending festival reminder: its contact ids (sorted) and state.
  std::optional<Occurrence> festival() {
    auto open = store_->list_occurrences(std::nullopt, std::nullopt, std::nullopt, 0);
    EXPECT_TRUE(open);
    if (!open) return std::nullopt;
    for (const Occurrence& o : *open) {
      if (o.rule == "festivals") return o;
    }
    return std::nullopt;
  }
  static std::vector<std::string> listed(const Occurrence& o) {
    std::vector<std::string> ids;
    const auto details = nlohmann::json::parse(o.details_json);
    if (!details.contains("contacts")) return ids;
    for (const auto& entry : details["contacts"]) ids.push_back(entry["id"].get<std::string>());
    return ids;
  }
  static std::string name_of(const Occurrence& o, const std::string& id) {
    const auto details = nlohmann::json::parse(o.details_json);
    for (const auto& entry : details["contacts"]) {
      if (entry["id"] == id) return entry["name"].get<std::string>();
    }
    return {};
  }
  ReplanReport changed() {
    auto r = scheduler_->on_data_changed(clock_.now());
    EXPECT_TRUE(r) << r.error().message();
    return r ? *r : ReplanReport{};
  }
};

TEST_F(HolidayRegroupTest, JoiningLeavingAndRenamingRewriteThePendingReminderATouchDoesNot) {
  add_contact("li", "A");
  Contact wang = add_contact("wang", "B");
  restart();
  auto before = festival();
  ASSERT_TRUE(before);
  EXPECT_EQ(before->key, "festivals|owner:zhang|2027-09-15");
  EXPECT_EQ(listed(*before), std::vector<std::string>{"li"});

  // A touch: same list, same row.
  touch("li", "call", clock_.now());
  changed();
  auto touched = festival();
  ASSERT_TRUE(touched);
  EXPECT_EQ(touched->details_json, before->details_json);
  EXPECT_EQ(touched->title, before->title);

  // wang moves to tier A: listed, and the title counts two.
  wang.tier = "A";
  ASSERT_TRUE(store_->update_contact(wang));
  changed();
  auto joined = festival();
  ASSERT_TRUE(joined);
  EXPECT_EQ(joined->row_id, before->row_id) << "the same reminder, rewritten";
  EXPECT_EQ(listed(*joined), (std::vector<std::string>{"li", "wang"}));
  EXPECT_NE(joined->title.find("greet 2 contacts"), std::string::npos) << joined->title;

  // Renamed: the list shows the new name.
  wang.name = "Wang Wei";
  ASSERT_TRUE(store_->update_contact(wang));
  changed();
  EXPECT_EQ(name_of(*festival(), "wang"), "Wang Wei");

  // li removed, wang back to tier B: nobody left to greet, the reminder is moot.
  ASSERT_TRUE(store_->remove_contact("li"));
  wang.tier = "B";
  ASSERT_TRUE(store_->update_contact(wang));
  const ReplanReport report = changed();
  auto gone = festival();
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->state, OccurrenceState::kResolved);
  EXPECT_GE(report.resolved, 1);
}

TEST_F(HolidayRegroupTest, AFiredReminderStaysAsItWasSent) {
  add_contact("li", "A");
  Contact wang = add_contact("wang", "B");
  restart();
  clock_.set(utc(2027, 9, 15, 2));  // 10:00 in Shanghai: fired at 09:00
  process(clock_.now());
  auto sent = festival();
  ASSERT_TRUE(sent);
  ASSERT_EQ(sent->state, OccurrenceState::kFired);
  wang.tier = "A";
  ASSERT_TRUE(store_->update_contact(wang));
  changed();
  auto after = festival();
  ASSERT_TRUE(after);
  EXPECT_EQ(after->details_json, sent->details_json);
  EXPECT_EQ(after->state, OccurrenceState::kFired);
}

}  // namespace
}  // namespace cadence::testing
