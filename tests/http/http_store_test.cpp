// HttpStore on a real database file: readiness, metrics, durable nonces.
#include "cadence/http_store.hpp"

#include <gtest/gtest.h>

#include "cadence/store.hpp"
#include "temp_dir.hpp"
#include "test_time.hpp"

namespace cadence {
namespace {

using cadence::testing::TempDir;

using cadence::testing::kTestStart;  // 2027-01-15T08:00:00Z

std::unique_ptr<Store> open_store(const std::string& path) {
  StoreOptions options;
  options.path = path;
  auto store = open_sqlite_store(options);
  EXPECT_TRUE(store) << store.error().message();
  return std::move(store.value());
}

TEST(HttpStore, RefusesAMissingDatabase) {
  TempDir dir;
  auto opened = HttpStore::open(dir.file("absent.db"), 100);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code(), ErrorCode::kNotFound);
}

TEST(HttpStore, NonceIsUsedOnceAndStaysUsedAcrossReopen) {
  TempDir dir;
  const std::string db = dir.file("cadence.db");
  open_store(db);
  {
    auto hs = HttpStore::open(db, 1000);
    ASSERT_TRUE(hs);
    ASSERT_TRUE((*hs)->ping());
    EXPECT_FALSE(*(*hs)->nonce_used("n1"));
    ASSERT_TRUE((*hs)->consume_nonce("n1", kTestStart + Duration{60}, kTestStart));
    EXPECT_TRUE(*(*hs)->nonce_used("n1"));
    auto again = (*hs)->consume_nonce("n1", kTestStart + Duration{60}, kTestStart);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code(), ErrorCode::kConflict);
  }
  auto reopened = HttpStore::open(db, 1000);  // a restart
  ASSERT_TRUE(reopened);
  auto replay =
      (*reopened)->consume_nonce("n1", kTestStart + Duration{60}, kTestStart + Duration{1});
  ASSERT_FALSE(replay);
  EXPECT_EQ(replay.error().code(), ErrorCode::kConflict);
  // Released (the action failed): usable again.
  ASSERT_TRUE((*reopened)->release_nonce("n1"));
  EXPECT_TRUE((*reopened)->consume_nonce("n1", kTestStart + Duration{60}, kTestStart));
}

TEST(HttpStore, ExpiredNoncesArePruned) {
  TempDir dir;
  const std::string db = dir.file("cadence.db");
  open_store(db);
  auto hs = HttpStore::open(db, 1000);
  ASSERT_TRUE(hs);
  ASSERT_TRUE((*hs)->consume_nonce("old", kTestStart + Duration{10}, kTestStart));
  ASSERT_TRUE((*hs)->consume_nonce("new", kTestStart + Duration{100}, kTestStart + Duration{10}));
  EXPECT_FALSE(*(*hs)->nonce_used("old"));  // pruned: its token is expired anyway
  EXPECT_TRUE(*(*hs)->nonce_used("new"));
}

TEST(HttpStore, MetricsCountTheStoreRows) {
  TempDir dir;
  const std::string db = dir.file("cadence.db");
  auto store = open_store(db);
  std::vector<Occurrence> occ;
  const auto add = [&](std::string key, ReminderKind kind, OccurrenceState state, Instant fire_at) {
    Occurrence o;
    o.key = std::move(key);
    o.rule = "r";
    o.kind = kind;
    o.subject = "contact:c";
    o.owner = "zhang";
    o.due = Date{std::chrono::year{2027}, std::chrono::January, std::chrono::day{1}};
    o.fire_at = fire_at;
    o.state = state;
    if (state == OccurrenceState::kFired || state == OccurrenceState::kDone) o.fired_at = fire_at;
    occ.push_back(o);
  };
  add("a", ReminderKind::kBirthday, OccurrenceState::kFired, kTestStart - Duration{10});
  add("b", ReminderKind::kBirthday, OccurrenceState::kDone, kTestStart - Duration{20});
  add("c", ReminderKind::kCadence, OccurrenceState::kScheduled, kTestStart + Duration{500});
  add("d", ReminderKind::kCadence, OccurrenceState::kScheduled, kTestStart + Duration{300});
  ASSERT_EQ(*store->upsert_occurrences(occ), 4);
  auto fired = store->get_occurrence_by_key("a");
  ASSERT_TRUE(fired);
  Delivery d1;
  d1.occurrence = fired->row_id;
  d1.channel = "email";
  d1.idempotency_key = "k1";
  d1.next_attempt_at = kTestStart;
  d1.created_at = kTestStart;
  Delivery d2 = d1;
  d2.idempotency_key = "k2";
  d2.channel = "chat";
  ASSERT_TRUE(store->fire_occurrence(*fired, {d1, d2}));
  auto queued = store->list_deliveries(DeliveryState::kQueued, 10);
  ASSERT_TRUE(queued);
  ASSERT_EQ(queued->size(), 2u);
  Delivery sent = (*queued)[0].channel == "chat" ? (*queued)[0] : (*queued)[1];
  sent.state = DeliveryState::kSent;
  sent.sent_at = kTestStart;
  ASSERT_TRUE(store->update_delivery(sent));

  auto hs = HttpStore::open(db, 1000);
  ASSERT_TRUE(hs);
  auto m = (*hs)->metrics();
  ASSERT_TRUE(m) << m.error().message();
  EXPECT_EQ((m->occurrences[{"birthday", "fired"}]), 1);
  EXPECT_EQ((m->occurrences[{"birthday", "done"}]), 1);
  EXPECT_EQ((m->occurrences[{"cadence", "scheduled"}]), 2);
  EXPECT_EQ(m->fired_by_kind["birthday"], 2);
  EXPECT_EQ(m->fired_by_kind.count("cadence"), 0u);
  EXPECT_EQ((m->deliveries[{"email", "queued"}]), 1);
  EXPECT_EQ((m->deliveries[{"chat", "sent"}]), 1);
  EXPECT_EQ(m->outbox_depth, 1);
  ASSERT_TRUE(m->next_wake);
  EXPECT_EQ(*m->next_wake, kTestStart + Duration{300});
}

}  // namespace
}  // namespace cadence
