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

class ContactsTest : public ::testing::Test {
 protected:
  TempDir dir_;
  ManualClock clock_{at_utc(2026, 11, 27, 1)};
  std::unique_ptr<Store> store_ = open_store_or_die(dir_.file("c.db"), &clock_);
};

TEST_F(ContactsTest, AddGetUpdateRemoveRoundTripsEveryField) {
  Account acme;
  acme.id = "acme";
  acme.name = "Acme 科技";
  acme.tier = "strategic";
  acme.departments = {"采购部", "IT"};
  ASSERT_TRUE(store_->add_account(acme));

  Contact c = make_contact("li-wei", "李伟");
  c.account = "acme";
  c.department = "采购部";
  c.title = "总监";
  c.tags = {"decision-maker", "golf"};
  c.tier = "A";
  c.owner = "zhang";
  c.timezone = "Asia/Shanghai";
  c.birthday = GregorianBirthday{std::nullopt, 2, 29};
  c.lunar_birthday = LunarBirthday{1984, 4, 30, true};
  c.dates = {{"first_met", *parse_date("2019-05-01")}};
  c.emails = {"li.wei@acme.cn"};
  c.phones = {"+86 138 0000 0000", "010-1234"};
  c.notes = "喜欢喝茶\n第二行";
  auto added = store_->add_contact(c);
  ASSERT_TRUE(added) << added.error().message();
  EXPECT_EQ(added->created_at, clock_.now());

  auto got = store_->get_contact("li-wei");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->name, "李伟");
  EXPECT_EQ(got->account, "acme");
  EXPECT_EQ(got->tags, c.tags);
  EXPECT_EQ(got->phones, c.phones);
  EXPECT_EQ(got->notes, c.notes);
  ASSERT_TRUE(got->birthday);
  EXPECT_FALSE(got->birthday->year);
  EXPECT_EQ(got->birthday->day, 29u);
  ASSERT_TRUE(got->lunar_birthday);
  EXPECT_EQ(got->lunar_birthday->year, 1984);
  EXPECT_TRUE(got->lunar_birthday->leap);
  ASSERT_EQ(got->dates.size(), 1u);
  EXPECT_EQ(got->dates[0].name, "first_met");

  clock_.advance(std::chrono::hours(1));
  got->title = "副总裁";
  got->lunar_birthday.reset();
  ASSERT_TRUE(store_->update_contact(*got));
  auto again = store_->get_contact("li-wei");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->title, "副总裁");
  EXPECT_FALSE(again->lunar_birthday);
  EXPECT_EQ(again->created_at, added->created_at);
  EXPECT_EQ(again->updated_at, clock_.now());

  auto blocked = store_->remove_account("acme");
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code(), ErrorCode::kConflict);
  ASSERT_TRUE(store_->remove_contact("li-wei"));
  EXPECT_EQ(store_->get_contact("li-wei").error().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(store_->remove_account("acme"));
}

TEST_F(ContactsTest, RejectsDuplicatesUnknownAccountsAndBadFields) {
  ASSERT_TRUE(store_->add_contact(make_contact("a", "A")));
  EXPECT_EQ(store_->add_contact(make_contact("a", "B")).error().code(), ErrorCode::kConflict);
  Contact orphan = make_contact("b", "B");
  orphan.account = "nope";
  EXPECT_EQ(store_->add_contact(orphan).error().code(), ErrorCode::kNotFound);
  Contact bad = make_contact("c", "C");
  bad.birthday = GregorianBirthday{2023, 2, 29};
  EXPECT_EQ(store_->add_contact(bad).error().code(), ErrorCode::kInvalidInput);
  bad.birthday = GregorianBirthday{std::nullopt, 2, 30};
  EXPECT_EQ(store_->add_contact(bad).error().code(), ErrorCode::kInvalidInput);
  bad.birthday.reset();
  bad.lunar_birthday = LunarBirthday{std::nullopt, 13, 1, false};
  EXPECT_EQ(store_->add_contact(bad).error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->add_contact(make_contact("has space", "X")).error().code(),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->add_contact(make_contact("x", "")).error().code(), ErrorCode::kInvalidInput);
}

TEST_F(ContactsTest, ListSortsChineseNamesInPinyinOrderAndFilters) {
  // Pinyin: Chen, Li, Wang, Zhang. ICU's zh collation reorders Han before Latin.
  for (auto [id, name] : std::vector<std::pair<std::string, std::string>>{
           {"z", "张伟"}, {"w", "王芳"}, {"l", "李娜"}, {"c", "陈静"}, {"m", "Mary"}}) {
    Contact c = make_contact(id, name);
    c.tier = id == "z" || id == "c" ? "A" : "B";
    if (id == "w") c.tags = {"vip", "decision-maker"};
    ASSERT_TRUE(store_->add_contact(c));
  }
  auto all = store_->list_contacts({});
  ASSERT_TRUE(all);
  std::vector<std::string> names;
  for (const auto& c : *all) names.push_back(c.name);
  EXPECT_EQ(names, (std::vector<std::string>{"陈静", "李娜", "王芳", "张伟", "Mary"}));

  ContactFilter tier_a;
  tier_a.tier = "A";
  EXPECT_EQ(store_->list_contacts(tier_a)->size(), 2u);
  ContactFilter tag;
  tag.tag = "decision-maker";
  auto tagged = store_->list_contacts(tag);
  ASSERT_EQ(tagged->size(), 1u);
  EXPECT_EQ(tagged->front().id, "w");
  tag.tag = "decision";  // whole tags only
  EXPECT_TRUE(store_->list_contacts(tag)->empty());
}

TEST_F(ContactsTest, FindByIdExactNameOrUniquePrefixAndListsCandidatesWhenAmbiguous) {
  ASSERT_TRUE(store_->add_contact(make_contact("li-wei", "李伟")));
  ASSERT_TRUE(store_->add_contact(make_contact("li-wei-2", "李伟")));
  ASSERT_TRUE(store_->add_contact(make_contact("li-na", "李娜")));
  ASSERT_TRUE(store_->add_contact(make_contact("bob", "Bob Smith")));

  EXPECT_EQ(store_->find_contact("li-na")->id, "li-na");
  EXPECT_EQ(store_->find_contact("李娜")->id, "li-na");
  EXPECT_EQ(store_->find_contact("bob smith")->id, "bob");
  EXPECT_EQ(store_->find_contact("Bob")->id, "bob");
  auto ambiguous = store_->find_contact("李伟");
  ASSERT_FALSE(ambiguous);
  EXPECT_EQ(ambiguous.error().code(), ErrorCode::kConflict);
  EXPECT_NE(ambiguous.error().message().find("li-wei-2"), std::string::npos);
  EXPECT_NE(ambiguous.error().message().find("li-wei "), std::string::npos);
  auto prefix = store_->find_contact("李");
  ASSERT_FALSE(prefix);
  EXPECT_EQ(prefix.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(store_->find_contact("nobody").error().code(), ErrorCode::kNotFound);
}

TEST_F(ContactsTest, ChangeSequenceGrowsAndNamesChangedContacts) {
  const auto start = store_->change_sequence();
  ASSERT_TRUE(start);
  ASSERT_TRUE(store_->add_contact(make_contact("a", "A")));
  ASSERT_TRUE(store_->add_contact(make_contact("b", "B")));
  const auto mid = *store_->change_sequence();
  EXPECT_EQ(mid, *start + 2);
  Interaction touch;
  touch.contact = "a";
  touch.kind = "call";
  ASSERT_TRUE(store_->add_interaction(touch));
  ASSERT_TRUE(store_->remove_contact("b"));
  auto changed = store_->contacts_changed_since(mid);
  ASSERT_TRUE(changed);
  EXPECT_EQ(*changed, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(store_->contacts_changed_since(*store_->change_sequence())->empty());
  Account acct;
  acct.id = "acme";
  acct.name = "Acme";
  const auto before_account = *store_->change_sequence();
  ASSERT_TRUE(store_->add_account(acct));
  EXPECT_EQ(*store_->accounts_changed_since(before_account), std::vector<std::string>{"acme"});
}

}  // namespace
}  // namespace cadence
