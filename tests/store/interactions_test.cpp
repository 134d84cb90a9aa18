#include <gtest/gtest.h>

#include "cadence/store.hpp"
#include "store_test_util.hpp"
#include "temp_dir.hpp"

namespace cadence {
namespace {

using testing::at_utc;
using testing::make_contact;
using testing::open_store_or_die;
using testing::TempDir;

Interaction touch(const std::string& contact, const std::string& kind, Depth depth, Instant at) {
  Interaction i;
  i.contact = contact;
  i.kind = kind;
  i.depth = depth;
  i.at = at;
  i.source = "test";
  return i;
}

class InteractionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_->add_contact(make_contact("a", "A")));
    ASSERT_TRUE(store_->add_contact(make_contact("b", "B")));
  }
  TempDir dir_;
  ManualClock clock_{at_utc(2026, 11, 27)};
  std::unique_ptr<Store> store_ = open_store_or_die(dir_.file("i.db"), &clock_);
};

TEST_F(InteractionsTest, SummaryTracksLatestPerKindAndDepthEvenWhenLoggedOutOfOrder) {
  const Instant d1 = at_utc(2026, 1, 1), d2 = at_utc(2026, 2, 1), d3 = at_utc(2026, 3, 1);
  ASSERT_TRUE(store_->add_interaction(touch("a", "visit", Depth::kDeep, d2)));
  ASSERT_TRUE(store_->add_interaction(touch("a", "like", Depth::kShallow, d3)));
  ASSERT_TRUE(store_->add_interaction(touch("a", "visit", Depth::kDeep, d1)));  // late entry
  ASSERT_TRUE(store_->add_interaction(touch("a", "call", Depth::kNormal, d1)));
  ASSERT_TRUE(store_->add_interaction(touch("b", "call", Depth::kNormal, d3)));

  auto s = store_->get_summary("a");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->interaction_count, 4);
  EXPECT_EQ(s->last_any, d3);
  EXPECT_EQ(s->last_normal_or_deeper, d2);
  EXPECT_EQ(s->last_deep, d2);
  EXPECT_EQ(s->last_by_kind.at("visit"), d2);
  EXPECT_EQ(s->last_by_kind.at("call"), d1);
  EXPECT_EQ(s->last_by_kind.at("like"), d3);

  // The summary agrees with a scan of the interactions themselves.
  auto all = store_->list_interactions(std::string("a"), std::nullopt, 0);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 4u);
  Instant latest_deep{};
  for (const auto& i : *all) {
    if (i.depth == Depth::kDeep && i.at > latest_deep) latest_deep = i.at;
  }
  EXPECT_EQ(s->last_deep, latest_deep);
  EXPECT_EQ(all->front().at, d3);  // newest first

  auto fresh = store_->get_summary("b");
  EXPECT_FALSE(fresh->last_deep);
  EXPECT_EQ(fresh->last_normal_or_deeper, d3);

  std::map<std::string, ContactSummary> streamed;
  ASSERT_TRUE(store_->for_each_contact(
      [&](const Contact& c, const ContactSummary& sum) { streamed[c.id] = sum; }));
  ASSERT_EQ(streamed.size(), 2u);
  EXPECT_EQ(streamed["a"].last_by_kind, s->last_by_kind);
  EXPECT_EQ(streamed["a"].interaction_count, 4);
  EXPECT_EQ(streamed["b"].last_any, d3);
}

TEST_F(InteractionsTest, UnknownContactIsNotFoundAndWritesNothing) {
  const auto seq = *store_->change_sequence();
  auto r = store_->add_interaction(touch("zz", "call", Depth::kNormal, at_utc(2026, 1, 1)));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(*store_->change_sequence(), seq);
  EXPECT_TRUE(store_->list_interactions(std::nullopt, std::nullopt, 0)->empty());
}

TEST_F(InteractionsTest, TransactionRollsBackEverythingWhenTheBodyFails) {
  auto s = store_->transaction([&]() -> Status {
    if (auto r = store_->add_interaction(touch("a", "call", Depth::kNormal, at_utc(2026, 1, 1)));
        !r) {
      return r.error();
    }
    if (auto r = store_->add_contact(make_contact("c", "C")); !r) return r.error();
    return Error::invalid_input("changed my mind");
  });
  ASSERT_FALSE(s);
  EXPECT_EQ(store_->get_summary("a")->interaction_count, 0);
  EXPECT_FALSE(store_->get_contact("c"));

  // A failing call inside a transaction undoes only itself (savepoint).
  auto ok = store_->transaction([&]() -> Status {
    EXPECT_FALSE(store_->add_contact(make_contact("a", "dup")));
    return store_->add_contact(make_contact("c", "C")).ok() ? ok_status()
                                                            : Error::internal("add failed");
  });
  EXPECT_TRUE(ok);
  EXPECT_TRUE(store_->get_contact("c"));
}

}  // namespace
}  // namespace cadence
