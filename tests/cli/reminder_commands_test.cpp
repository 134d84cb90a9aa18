// due, upcoming, done, snooze, ack and explain on a store the scheduler filled.
#include <gtest/gtest.h>

#include "cadence/engine.hpp"
#include "cadence/scheduler.hpp"
#include "reminder_test_util.hpp"

namespace cadence::testing {
namespace {

constexpr const char* kConfig = R"(timezone: UTC
locale: en
owners:
  - id: zhang
    channels: [console]
channels:
  - id: console
    type: console
rules:
  - id: keep-in-touch
    match: {tier: A}
    cadence: {every: 14d, kinds: [call, visit]}
  - id: birthdays
    match: {}
    birthday: {}
)";

class ReminderCommands : public ::testing::Test {
 protected:
  ReminderCommands() {
    config_ = dir_.write("cadence.yaml", kConfig);
    db_ = dir_.file("cadence.db");
    const Instant now = SystemClock().now();
    ManualClock past(now - Duration{30 * 86400});
    StoreOptions options;
    options.path = db_;
    options.clock = &past;
    auto store = open_sqlite_store(options);
    EXPECT_TRUE(store);
    Contact li;
    li.id = "li";
    li.name = "Li Wei";
    li.tier = "A";
    EXPECT_TRUE((*store)->add_contact(li));
    Contact wang;
    wang.id = "wang";
    wang.name = "Wang Fang";
    const Date in_ten_days = to_date(std::chrono::floor<Days>(now + Duration{10 * 86400}));
    wang.birthday = GregorianBirthday{std::nullopt, static_cast<unsigned>(in_ten_days.month()),
                                      static_cast<unsigned>(in_ten_days.day())};
    EXPECT_TRUE((*store)->add_contact(wang));

    // What the daemon does: plan, then fire Li's overdue reminder.
    auto loaded = load_config_file(config_, SubstitutionSource::from_process());
    EXPECT_TRUE(loaded.ok());
    auto config = std::make_shared<const Config>(*loaded.config);
    auto rules = RuleSet::compile(*config).rules;
    Scheduler scheduler(**store, rules, config);
    EXPECT_TRUE(scheduler.start(now));
    auto report = scheduler.process_due(now);
    EXPECT_TRUE(report && report->sent == 1);
    auto fired = (*store)->list_occurrences(OccurrenceState::kFired, std::nullopt, std::nullopt, 0);
    EXPECT_TRUE(fired && fired->size() == 1u);
    fired_ = fired->front();
    auto later =
        (*store)->list_occurrences(OccurrenceState::kScheduled, std::nullopt, std::nullopt, 0);
    EXPECT_TRUE(later && !later->empty());
    scheduled_ = later->front();
  }

  CtlResult ctl(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", config_, "--db", db_});
    return cadencectl(args);
  }

  Occurrence reload(RowId id) {
    auto store = open_sqlite_store(StoreOptions{db_});
    EXPECT_TRUE(store);
    auto o = (*store)->get_occurrence(id);
    EXPECT_TRUE(o);
    return o ? *o : Occurrence{};
  }

  TempDir dir_;
  std::string config_;
  std::string db_;
  Occurrence fired_;
  Occurrence scheduled_;
};

TEST_F(ReminderCommands, DueListsTheFiredReminderAsTextAndJson) {
  CtlResult text = ctl({"due"});
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("#" + std::to_string(fired_.row_id)), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("keep-in-touch"), std::string::npos) << text.out;

  CtlResult json = ctl({"due", "--format", "json"});
  ASSERT_EQ(json.code, 0) << json.err;
  const auto j = nlohmann::json::parse(json.out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["id"], fired_.row_id);
  EXPECT_EQ(j[0]["state"], "fired");
}

TEST_F(ReminderCommands, UpcomingListsWhatFiresWithinTheDays) {
  CtlResult soon = ctl({"upcoming", "--days", "30", "--format", "json"});
  ASSERT_EQ(soon.code, 0) << soon.err;
  const auto j = nlohmann::json::parse(soon.out);
  bool birthday = false;
  for (const auto& o : j) birthday = birthday || o["rule"] == "birthdays";
  EXPECT_TRUE(birthday) << soon.out;
  CtlResult none = ctl({"upcoming", "--days", "1", "--format", "json"});
  ASSERT_EQ(none.code, 0);
  for (const auto& o : nlohmann::json::parse(none.out)) EXPECT_NE(o["rule"], "birthdays");
}

TEST_F(ReminderCommands, SnoozeMovesTheReminderAndRefusesThePast) {
  const std::string id = std::to_string(fired_.row_id);
  CtlResult past = ctl({"snooze", id, "--until", "2020-01-01"});
  EXPECT_EQ(past.code, 1);
  EXPECT_NE(past.err.find("into the past"), std::string::npos) << past.err;
  EXPECT_EQ(reload(fired_.row_id).state, OccurrenceState::kFired);

  CtlResult ok = ctl({"snooze", id, "--for", "3d"});
  ASSERT_EQ(ok.code, 0) << ok.err;
  const Occurrence o = reload(fired_.row_id);
  EXPECT_EQ(o.state, OccurrenceState::kSnoozed);
  ASSERT_TRUE(o.snoozed_until);
  EXPECT_NEAR(static_cast<double>((*o.snoozed_until - SystemClock().now()).count()), 3 * 86400.0,
              120.0);

  CtlResult both = ctl({"snooze", id});
  EXPECT_EQ(both.code, 2);
}

TEST_F(ReminderCommands, DoneAndAckCloseRemindersAndUnknownIdsChangeNothing) {
  CtlResult unknown = ctl({"done", std::to_string(fired_.row_id), "99999"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("no reminder '99999'"), std::string::npos) << unknown.err;
  EXPECT_EQ(reload(fired_.row_id).state, OccurrenceState::kFired);  // nothing written

  CtlResult early_ack = ctl({"ack", std::to_string(scheduled_.row_id)});
  EXPECT_EQ(early_ack.code, 1);
  EXPECT_NE(early_ack.err.find("has not fired yet"), std::string::npos) << early_ack.err;

  CtlResult ack = ctl({"ack", fired_.key});
  ASSERT_EQ(ack.code, 0) << ack.err;
  EXPECT_EQ(reload(fired_.row_id).state, OccurrenceState::kDone);

  CtlResult done = ctl({"done", std::to_string(scheduled_.row_id)});
  ASSERT_EQ(done.code, 0) << done.err;
  EXPECT_EQ(reload(scheduled_.row_id).state, OccurrenceState::kDone);
}

TEST_F(ReminderCommands, ExplainAContactAndAReminder) {
  CtlResult contact = ctl({"explain", "li"});
  ASSERT_EQ(contact.code, 0) << contact.err;
  EXPECT_NE(contact.out.find("keep-in-touch"), std::string::npos) << contact.out;
  EXPECT_NE(contact.out.find("birthdays"), std::string::npos) << contact.out;

  CtlResult reminder = ctl({"explain", std::to_string(fired_.row_id)});
  ASSERT_EQ(reminder.code, 0) << reminder.err;
  EXPECT_NE(reminder.out.find("fired 1 time"), std::string::npos) << reminder.out;

  CtlResult missing = ctl({"explain", "nobody-here"});
  EXPECT_EQ(missing.code, 1);
}

}  // namespace
}  // namespace cadence::testing
