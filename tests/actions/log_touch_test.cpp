// actions::log_touch with a manual clock over a real SQLite file: the rules
// every front end and source shares (time window, kind, note text, the
// contact), and the reminders it resolves in the same transaction.
#include <gtest/gtest.h>

#include "cadence/actions.hpp"
#include "cadence/engine.hpp"
#include "temp_dir.hpp"
#include "test_time.hpp"

namespace cadence::actions {
namespace {

using cadence::testing::kTestStart;
using cadence::testing::TempDir;

constexpr const char* kConfig =
    "timezone: Asia/Shanghai\nlocale: en\n"
    "owners:\n  - id: zhang\n    channels: [console]\n"
    "channels:\n  - id: console\n    type: console\n"
    "kinds:\n  visit: deep\n  call: normal\n  message: shallow\n"
    "rules:\n  - id: keep-in-touch\n    match: {}\n    cadence: {every: 14d, kinds: [call, "
    "visit]}\n";

class LogTouchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto parsed = parse_config(kConfig, "cadence.yaml", SubstitutionSource{});
    ASSERT_TRUE(parsed.ok());
    config_ = *parsed.config;
    auto compiled = RuleSet::compile(config_);
    ASSERT_TRUE(compiled.rules);
    rules_ = compiled.rules;
    StoreOptions o;
    o.path = dir_.file("cadence.db");
    o.clock = &clock_;
    auto s = open_sqlite_store(o);
    ASSERT_TRUE(s) << s.error().message();
    store_ = std::move(s.value());
    for (auto [id, name] : {std::pair{"li-wei", "李伟"}, std::pair{"anna", "Anna Berg"}}) {
      Contact c;
      c.id = id;
      c.name = name;
      ASSERT_TRUE(store_->add_contact(c));
    }
  }
  Result<TouchOutcome> touch(TouchRequest r) {
    if (r.kind.empty()) r.kind = "call";
    if (r.contact.empty()) r.contact = "li-wei";
    return log_touch(*store_, config_, rules_.get(), clock_, r);
  }
  std::int64_t touches() {
    auto s = store_->get_summary("li-wei");
    return s ? s->interaction_count : -1;
  }

  TempDir dir_;
  ManualClock clock_{kTestStart};
  Config config_;
  std::shared_ptr<const RuleSet> rules_;
  std::unique_ptr<Store> store_;
};

TEST_F(LogTouchTest, DefaultsToNowAndTheKindsDepth) {
  TouchRequest r;
  r.source = "test";
  auto done = touch(r);
  ASSERT_TRUE(done) << done.error().message();
  EXPECT_EQ(done->interaction.at, kTestStart);
  EXPECT_EQ(done->interaction.depth, Depth::kNormal);
  EXPECT_EQ(done->interaction.source, "test");
  EXPECT_EQ(done->contact.id, "li-wei");
  EXPECT_EQ(touches(), 1);
}

TEST_F(LogTouchTest, ATouchUpToTheToleranceAheadIsClockSkewAndAccepted) {
  TouchRequest r;
  r.at = kTestStart + kTouchFutureTolerance;
  EXPECT_TRUE(touch(r));
  EXPECT_EQ(touches(), 1);
}

TEST_F(LogTouchTest, ATouchBeyondTheToleranceIsRefusedNamingAt) {
  TouchRequest r;
  r.at = kTestStart + kTouchFutureTolerance + Duration{1};
  auto done = touch(r);
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().field(), "at");
  EXPECT_NE(done.error().message().find("lies in the future"), std::string::npos)
      << done.error().message();
  r.at = Instant{std::chrono::sys_days{std::chrono::year{2999} / 1 / 1}};
  EXPECT_FALSE(touch(r));
  EXPECT_EQ(touches(), 0);
}

TEST_F(LogTouchTest, TouchesBefore1900AreRefused) {
  for (int year : {0, 1, 1850, 1899}) {
    TouchRequest r;
    r.at = Instant{std::chrono::sys_days{std::chrono::year{year} / 12 / 31}};
    auto done = touch(r);
    ASSERT_FALSE(done) << year;
    EXPECT_EQ(done.error().field(), "at") << year;
    EXPECT_NE(done.error().message().find("before 1900"), std::string::npos);
  }
  TouchRequest first;
  first.at = earliest_touch_time();
  EXPECT_TRUE(touch(first));
  EXPECT_EQ(touches(), 1);
}

TEST_F(LogTouchTest, ControlCharactersInTheNoteAreRefusedTabAndNewlineKept) {
  for (const std::string& note :
       {std::string("\x1b[31mred"), std::string("bell\x07"), std::string("nul\0x", 5),
        std::string("cr\rhere"), std::string("del\x7f")}) {
    TouchRequest r;
    r.note = note;
    auto done = touch(r);
    ASSERT_FALSE(done) << note;
    EXPECT_EQ(done.error().field(), "note");
  }
  TouchRequest ok;
  ok.note = "agenda:\n\t1. price\n\t2. delivery";
  auto done = touch(ok);
  ASSERT_TRUE(done) << done.error().message();
  EXPECT_EQ(done->interaction.note, ok.note);
  EXPECT_EQ(touches(), 1);
}

TEST_F(LogTouchTest, UnknownKindLongNoteAndInvalidUtf8AreRefusedNamingTheField) {
  TouchRequest kind;
  kind.kind = "dance";
  auto k = touch(kind);
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().field(), "kind");
  EXPECT_NE(k.error().message().find("visit, call, message"), std::string::npos);
  TouchRequest longer;
  longer.note = std::string(kMaxTouchNoteBytes + 1, 'x');
  ASSERT_FALSE(touch(longer));
  EXPECT_EQ(touch(longer).error().field(), "note");
  TouchRequest utf8;
  utf8.note = "\xff";
  ASSERT_FALSE(touch(utf8));
  EXPECT_EQ(touches(), 0);
}

TEST_F(LogTouchTest, ExactLookupRefusesAPrefixTheCliLookupTakes) {
  TouchRequest prefix;
  prefix.contact = "Anna";
  prefix.lookup = ContactLookup::kIdOrExactName;
  auto refused = touch(prefix);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kNotFound);
  prefix.lookup = ContactLookup::kIdOrUniqueName;
  auto taken = touch(prefix);
  ASSERT_TRUE(taken) << taken.error().message();
  EXPECT_EQ(taken->contact.id, "anna");
}

TEST_F(LogTouchTest, AnArchivedContactTakesNoTouch) {
  auto c = store_->get_contact("li-wei");
  ASSERT_TRUE(c);
  c->archived = true;
  ASSERT_TRUE(store_->update_contact(*c));
  auto done = touch({});
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().code(), ErrorCode::kNotFound);
  EXPECT_NE(done.error().message().find("archived"), std::string::npos);
}

TEST_F(LogTouchTest, ResolvesTheOpenReminderItSatisfiesInTheSameTransaction) {
  Occurrence o;
  o.key = "keep-in-touch|contact:li-wei|2027-01-15";
  o.rule = "keep-in-touch";
  o.kind = ReminderKind::kCadence;
  o.subject = "contact:li-wei";
  o.owner = "zhang";
  o.due = Date{std::chrono::year{2027}, std::chrono::January, std::chrono::day{15}};
  o.fire_at = kTestStart - Duration{3600};
  o.title = "Call 李伟";
  ASSERT_TRUE(store_->upsert_occurrences({o}));
  // A message is not among the rule's kinds: nothing resolved.
  TouchRequest shallow;
  shallow.kind = "message";
  auto first = touch(shallow);
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->resolved.empty());
  auto done = touch({});
  ASSERT_TRUE(done) << done.error().message();
  ASSERT_EQ(done->resolved.size(), 1u);
  auto stored = store_->get_occurrence_by_key(o.key);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->state, OccurrenceState::kResolved);
}

TEST_F(LogTouchTest, WithoutRulesTheTouchIsLoggedAndNothingResolved) {
  TouchRequest r;
  r.kind = "visit";
  r.contact = "li-wei";
  auto done = log_touch(*store_, config_, nullptr, clock_, r);
  ASSERT_TRUE(done);
  EXPECT_TRUE(done->resolved.empty());
  EXPECT_EQ(done->interaction.depth, Depth::kDeep);
}

}  // namespace
}  // namespace cadence::actions
