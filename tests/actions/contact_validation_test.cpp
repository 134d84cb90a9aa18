// actions::normalized_contact: what every way in (cadencectl, import, sources)
// stores, so that an export re-imports as it is.
#include <gtest/gtest.h>

#include "cadence/actions.hpp"

namespace cadence::actions {
namespace {

Contact named(std::string name) {
  Contact c;
  c.id = "c1";
  c.name = std::move(name);
  return c;
}

TEST(NormalizedContact, TrimsFieldsAndListItemsAndNotes) {
  Contact c = named("  李伟 ");
  c.title = " 采购总监\t";
  c.tags = {" vip "};
  c.emails = {" li@acme.cn"};
  c.notes = "\r\n first\r\nsecond\r\n\r\n";
  auto n = normalized_contact(c);
  ASSERT_TRUE(n) << n.error().message();
  EXPECT_EQ(n->name, "李伟");
  EXPECT_EQ(n->title, "采购总监");
  EXPECT_EQ(n->tags, std::vector<std::string>{"vip"});
  EXPECT_EQ(n->emails, std::vector<std::string>{"li@acme.cn"});
  EXPECT_EQ(n->notes, "first\nsecond");
}

TEST(NormalizedContact, BlankNameIsRefused) {
  for (const char* name : {"", "   ", "\t"}) {
    auto n = normalized_contact(named(name));
    ASSERT_FALSE(n) << "'" << name << "'";
    EXPECT_EQ(n.error().field(), "name");
  }
}

TEST(NormalizedContact, ControlCharactersAreRefusedInEveryTextField) {
  for (const char* bad : {"\x1b[2J", "a\x07", "a\x7f", "a\rb", "x\ny"}) {
    EXPECT_EQ(normalized_contact(named(bad)).error().field(), "name") << bad;
    Contact c = named("ok");
    c.department = bad;
    EXPECT_EQ(normalized_contact(c).error().field(), "department") << bad;
    c = named("ok");
    c.tags = {std::string("t") + bad};
    EXPECT_EQ(normalized_contact(c).error().field(), "tags") << bad;
  }
  Contact notes = named("ok");
  notes.notes = "line\x1b[31m";
  EXPECT_EQ(normalized_contact(notes).error().field(), "notes");
  notes.notes = "one\n\ttwo";
  EXPECT_TRUE(normalized_contact(notes));
}

TEST(NormalizedContact, ListItemsHoldingAnImportSeparatorAreRefused) {
  for (const char* item : {"a,b", "1;2", "甲，乙", "甲、乙", "甲；乙"}) {
    Contact c = named("ok");
    c.tags = {item};
    auto n = normalized_contact(c);
    ASSERT_FALSE(n) << item;
    EXPECT_EQ(n.error().field(), "tags");
    c = named("ok");
    c.phones = {item};
    EXPECT_EQ(normalized_contact(c).error().field(), "phones") << item;
  }
  Contact empty = named("ok");
  empty.tags = {"  "};
  EXPECT_EQ(normalized_contact(empty).error().field(), "tags");
}

TEST(NormalizedContact, EmailsMustBeLocalAtDomain) {
  for (const char* bad : {"not an email", "a@", "@b.cn", "a@b@c", "a@.cn", "a@b..cn", "<a@b.cn>"}) {
    Contact c = named("ok");
    c.emails = {bad};
    auto n = normalized_contact(c);
    ASSERT_FALSE(n) << bad;
    EXPECT_EQ(n.error().field(), "emails") << bad;
  }
  for (const char* good : {"li.wei+crm@acme.com.cn", "a@localhost", "李@例子.中国"}) {
    EXPECT_TRUE(is_email_address(good)) << good;
  }
}

TEST(NormalizedContact, DateNamesMayNotHoldSeparators) {
  Contact c = named("ok");
  c.dates = {{"first=met", Date{std::chrono::year{2020}, std::chrono::May, std::chrono::day{1}}}};
  EXPECT_EQ(normalized_contact(c).error().field(), "dates");
  c.dates[0].name = "met; again";
  EXPECT_EQ(normalized_contact(c).error().field(), "dates");
  c.dates[0].name = " first met ";
  auto n = normalized_contact(c);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->dates[0].name, "first met");
}

}  // namespace
}  // namespace cadence::actions
