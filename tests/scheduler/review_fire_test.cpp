// The weekly review rule (issue 9): one reminder per owner every Monday at the
// rule's time in the owner's zone, carrying the review computed when it fires
// (text, HTML and a chat summary), sent on its own even for a digest owner.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "cadence/review.hpp"
#include "scheduler_fixture.hpp"

namespace cadence::testing {
namespace {

Config config_with_review() {
  Config c = scheduler_config();
  RuleConfig weekly;
  weekly.id = "weekly-review";
  weekly.trigger = ReviewTrigger{};
  weekly.at = TimeOfDay{8 * 60};
  c.rules.push_back(weekly);
  return c;
}

class ReviewFireTest : public SchedulerTest {
 protected:
  ReviewFireTest() {
    config_ = std::make_shared<Config>(config_with_review());
    rules_ = compile_or_fail(*config_);
  }

  std::vector<Occurrence> reviews() {
    auto all = store_->list_occurrences(std::nullopt, std::nullopt, std::nullopt, 0);
    EXPECT_TRUE(all);
    std::vector<Occurrence> out;
    for (const Occurrence& o : all ? *all : std::vector<Occurrence>{}) {
      if (o.kind == ReminderKind::kReview) out.push_back(o);
    }
    return out;
  }
};

TEST_F(ReviewFireTest, FiresEveryMondayAtEightLocalWithTheReviewOfThatMoment) {
  clock_.set(utc(2027, 3, 2));  // a Tuesday
  add_contact("li", "A");
  touch("li", "visit", utc(2027, 2, 1, 2));  // cadence 14d: overdue by the 8th
  add_contact("wang", "A");
  touch("wang", "call", utc(2027, 3, 2, 1));  // on rhythm
  restart();

  // Planned: Monday 8 March 08:00 Shanghai = 00:00 UTC, for owner zhang.
  auto planned = by_key("weekly-review|owner:zhang|2027-03-08");
  ASSERT_TRUE(planned);
  EXPECT_EQ(planned->fire_at, utc(2027, 3, 8, 0));
  EXPECT_EQ(planned->state, OccurrenceState::kScheduled);

  clock_.set(utc(2027, 3, 7, 23, 59));
  EXPECT_EQ(process(clock_.now()).sent, 0);
  clock_.set(utc(2027, 3, 8, 0, 0));
  EXPECT_EQ(process(clock_.now()).sent, 1);

  auto fired = by_key("weekly-review|owner:zhang|2027-03-08");
  ASSERT_TRUE(fired);
  EXPECT_EQ(fired->state, OccurrenceState::kFired);
  const auto details = nlohmann::json::parse(fired->details_json);
  ASSERT_TRUE(details.contains("review_text")) << fired->details_json;

  // The same review cadencectl review would print at that instant.
  ReviewOptions options;
  options.owner = "zhang";
  options.at = utc(2027, 3, 8, 0, 0);
  auto expected = compute_review(*store_, *rules_, options);
  ASSERT_TRUE(expected);
  EXPECT_EQ(details["review_text"], render_review_text(*expected, Locale::kEn));
  EXPECT_EQ(details["review_html"], render_review_html(*expected, Locale::kEn));
  EXPECT_EQ(details["review_summary"], render_review_summary(*expected, Locale::kEn));
  ASSERT_EQ(expected->owners.size(), 1u);
  EXPECT_EQ(expected->owners[0].overdue, 1);    // li
  EXPECT_EQ(expected->owners[0].on_rhythm, 1);  // wang
  const std::string summary = details["review_summary"];
  EXPECT_NE(summary.find("1 of 2 with a cadence target is on rhythm (50%)"), std::string::npos)
      << summary;
  EXPECT_NE(summary.find("Most overdue: li"), std::string::npos) << summary;

  std::vector<Delivery> queued = deliveries();
  EXPECT_EQ(std::count_if(queued.begin(), queued.end(),
                          [&](const Delivery& d) { return d.occurrence == fired->row_id; }),
            1);

  // A week later the next one, and only one per Monday across a restart.
  clock_.set(utc(2027, 3, 15, 0, 0));
  restart();
  process(clock_.now());
  process(clock_.now());
  std::vector<Occurrence> sent;
  for (const Occurrence& o : reviews()) {
    if (o.state == OccurrenceState::kFired) sent.push_back(o);
  }
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1].due, ymd(2027, 3, 15));
}

TEST_F(ReviewFireTest, ADigestOnlyOwnerStillGetsTheReviewOnItsOwn) {
  Config c = config_with_review();
  c.owners[0].digest = TimeOfDay{18 * 60};
  c.owners[0].digest_only = true;
  config_ = std::make_shared<Config>(c);
  rules_ = compile_or_fail(*config_);
  clock_.set(utc(2027, 3, 2));
  add_contact("li", "A");
  restart();
  clock_.set(utc(2027, 3, 8, 0, 0));
  process(clock_.now());
  auto fired = by_key("weekly-review|owner:zhang|2027-03-08");
  ASSERT_TRUE(fired);
  EXPECT_EQ(fired->state, OccurrenceState::kFired);
  std::vector<Delivery> queued = deliveries();
  EXPECT_EQ(std::count_if(queued.begin(), queued.end(),
                          [&](const Delivery& d) { return d.occurrence == fired->row_id; }),
            1);
}

}  // namespace
}  // namespace cadence::testing
