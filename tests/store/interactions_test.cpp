#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <vector>

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

// The same touches, in one batch or one by one, leave the same summaries and rows.
TEST_F(InteractionsTest, BatchLeavesTheSameSummariesAsOneByOne) {
  std::vector<Interaction> touches;
  const char* kinds[] = {"visit", "call", "like", "message"};
  for (int n = 0; n < 40; ++n) {
    // Instants deliberately out of order, several contacts, every depth.
    const Instant at = at_utc(2026, 1 + static_cast<unsigned>((n * 7) % 11), 1 + (n * 5) % 27);
    touches.push_back(touch(n % 3 == 2 ? "b" : "a", kinds[n % 4], static_cast<Depth>(n % 3), at));
  }
  // A contact with history before the batch: the batch must merge, not overwrite.
  ASSERT_TRUE(store_->add_interaction(touch("b", "visit", Depth::kDeep, at_utc(2026, 12, 1))));
  TempDir other_dir;
  auto one_by_one = open_store_or_die(other_dir.file("o.db"), &clock_);
  ASSERT_TRUE(one_by_one->add_contact(make_contact("a", "A")));
  ASSERT_TRUE(one_by_one->add_contact(make_contact("b", "B")));
  ASSERT_TRUE(one_by_one->add_interaction(touch("b", "visit", Depth::kDeep, at_utc(2026, 12, 1))));
  for (const auto& t : touches) ASSERT_TRUE(one_by_one->add_interaction(t));

  const auto seq = *store_->change_sequence();
  auto added = store_->add_interactions(touches);
  ASSERT_TRUE(added) << added.error().message();
  EXPECT_EQ(*added, touches.size());
  EXPECT_EQ(*store_->change_sequence(), seq + 1);  // one transaction, one step
  auto changed = *store_->contacts_changed_since(seq);
  std::sort(changed.begin(), changed.end());
  EXPECT_EQ(changed, (std::vector<std::string>{"a", "b"}));

  for (const char* id : {"a", "b"}) {
    auto batch = store_->get_summary(id);
    auto single = one_by_one->get_summary(id);
    ASSERT_TRUE(batch && single);
    EXPECT_EQ(batch->interaction_count, single->interaction_count) << id;
    EXPECT_EQ(batch->last_any, single->last_any) << id;
    EXPECT_EQ(batch->last_normal_or_deeper, single->last_normal_or_deeper) << id;
    EXPECT_EQ(batch->last_deep, single->last_deep) << id;
    EXPECT_EQ(batch->last_by_kind, single->last_by_kind) << id;
  }
  EXPECT_EQ(store_->get_summary("b")->last_deep, at_utc(2026, 12, 1));
  auto rows = store_->list_interactions(std::nullopt, std::nullopt, 0);
  auto single_rows = one_by_one->list_interactions(std::nullopt, std::nullopt, 0);
  ASSERT_EQ(rows->size(), single_rows->size());
  for (std::size_t n = 0; n < rows->size(); ++n) {
    EXPECT_EQ((*rows)[n].contact, (*single_rows)[n].contact);
    EXPECT_EQ((*rows)[n].kind, (*single_rows)[n].kind);
    EXPECT_EQ((*rows)[n].at, (*single_rows)[n].at);
    EXPECT_EQ((*rows)[n].depth, (*single_rows)[n].depth);
  }
}

TEST_F(InteractionsTest, BatchWithABadTouchWritesNothing) {
  const auto seq = *store_->change_sequence();
  std::vector<Interaction> touches = {touch("a", "call", Depth::kNormal, at_utc(2026, 1, 1)),
                                      touch("b", "visit", Depth::kDeep, at_utc(2026, 1, 2)),
                                      touch("zz", "call", Depth::kNormal, at_utc(2026, 1, 3))};
  auto unknown = store_->add_interactions(touches);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), ErrorCode::kNotFound);
  EXPECT_NE(unknown.error().message().find("interaction 3: no contact 'zz'"), std::string::npos)
      << unknown.error().message();
  touches[2] = touch("a", "", Depth::kNormal, at_utc(2026, 1, 3));
  auto no_kind = store_->add_interactions(touches);
  ASSERT_FALSE(no_kind);
  EXPECT_EQ(no_kind.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(*store_->change_sequence(), seq);
  EXPECT_TRUE(store_->list_interactions(std::nullopt, std::nullopt, 0)->empty());
  EXPECT_EQ(store_->get_summary("a")->interaction_count, 0);
  EXPECT_FALSE(store_->get_summary("b")->last_deep);

  // An unset instant is the store clock's now; an empty batch is fine.
  touches.resize(1);
  touches[0].at = Instant{};
  ASSERT_TRUE(store_->add_interactions(touches));
  EXPECT_EQ(store_->get_summary("a")->last_any, clock_.now());
  EXPECT_EQ(*store_->add_interactions({}), 0u);
}

// Changes of one transaction share one sequence number; a rolled-back part
// leaves no trace in the change log.
TEST_F(InteractionsTest, ChangeSequenceMovesOncePerTransaction) {
  const auto before = *store_->change_sequence();
  auto s = store_->transaction([&]() -> Status {
    auto undone = store_->transaction([&]() -> Status {
      if (auto r = store_->add_contact(make_contact("x", "X")); !r) return r.error();
      return Error::invalid_input("undo x");
    });
    EXPECT_FALSE(undone);
    if (auto r = store_->add_contact(make_contact("y", "Y")); !r) return r.error();
    if (auto r = store_->add_interaction(touch("a", "call", Depth::kNormal, at_utc(2026, 1, 1)));
        !r) {
      return r.error();
    }
    return ok_status();
  });
  ASSERT_TRUE(s) << s.error().message();
  EXPECT_EQ(*store_->change_sequence(), before + 1);
  auto changed = *store_->contacts_changed_since(before);
  std::sort(changed.begin(), changed.end());
  EXPECT_EQ(changed, (std::vector<std::string>{"a", "y"}));
  EXPECT_FALSE(store_->get_contact("x"));
  ASSERT_TRUE(store_->add_interaction(touch("b", "call", Depth::kNormal, at_utc(2026, 1, 2))));
  EXPECT_EQ(*store_->change_sequence(), before + 2);
  EXPECT_EQ(*store_->contacts_changed_since(before + 1), std::vector<std::string>{"b"});
}

// The review's depth window: every touch with from <= at <= to, both ends
// included, by contact row and depth; nothing outside the window.
TEST_F(InteractionsTest, DepthStreamCountsExactlyTheWindowBothEndsIncluded) {
  const Instant from = at_utc(2026, 3, 1), to = at_utc(2026, 5, 30);
  ASSERT_TRUE(store_->add_interaction(touch("a", "visit", Depth::kDeep, from)));  // in: first
  ASSERT_TRUE(store_->add_interaction(touch("a", "call", Depth::kNormal, to)));   // in: last
  ASSERT_TRUE(store_->add_interaction(touch("a", "like", Depth::kShallow, from - Duration{1})));
  ASSERT_TRUE(store_->add_interaction(touch("b", "like", Depth::kShallow, to + Duration{1})));
  ASSERT_TRUE(store_->add_interaction(touch("b", "like", Depth::kShallow, at_utc(2026, 4, 2))));
  ASSERT_TRUE(store_->add_interaction(touch("b", "meal", Depth::kDeep, at_utc(2026, 4, 3))));
  const RowId a = store_->get_contact("a")->row_id, b = store_->get_contact("b")->row_id;

  std::map<std::pair<RowId, Depth>, int> seen;
  ASSERT_TRUE(store_->for_each_interaction_depth(from, to, [&](RowId row, Depth depth) {
    ++seen[{row, depth}];
  }));
  const std::map<std::pair<RowId, Depth>, int> expected = {
      {{a, Depth::kDeep}, 1},
      {{a, Depth::kNormal}, 1},  // the two ends
      {{b, Depth::kShallow}, 1},
      {{b, Depth::kDeep}, 1}};
  EXPECT_EQ(seen, expected);

  seen.clear();  // an empty window
  ASSERT_TRUE(store_->for_each_interaction_depth(at_utc(2027, 1, 1), at_utc(2027, 2, 1),
                                                 [&](RowId row, Depth depth) {
                                                   ++seen[{row, depth}];
                                                 }));
  EXPECT_TRUE(seen.empty());
}

}  // namespace
}  // namespace cadence
