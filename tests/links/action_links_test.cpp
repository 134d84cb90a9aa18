// make_action_links: the link set the delivery renderers put in a reminder.
#include <gtest/gtest.h>

#include <set>

#include "cadence/links.hpp"
#include "test_time.hpp"

namespace cadence {
namespace {

using cadence::testing::kTestStart;  // 2027-01-15T08:00:00Z
const std::string kLinkKey(32, 'k');

Occurrence reminder() {
  Occurrence o;
  o.row_id = 7;
  return o;
}

TEST(ActionLinks, OneSignedLinkPerActionUnderThePublicUrl) {
  auto links =
      make_action_links("https://cadence.example/", kLinkKey, reminder(), Locale::kEn, kTestStart);
  ASSERT_TRUE(links) << links.error().message();
  ASSERT_EQ(links->size(), 4u);
  std::set<std::string> nonces;
  const char* expected[] = {"done", "snooze1d", "snooze3d", "snooze1w"};
  for (std::size_t i = 0; i < links->size(); ++i) {
    const ActionLink& link = (*links)[i];
    EXPECT_EQ(link.action, expected[i]);
    const std::string prefix = "https://cadence.example/a/";
    ASSERT_EQ(link.url.rfind(prefix, 0), 0u) << link.url;
    const TokenCheck check =
        verify_action_token(kLinkKey, link.url.substr(prefix.size()), kTestStart);
    ASSERT_TRUE(check.ok()) << to_string(check.problem);
    EXPECT_EQ(check.claim->reminder, 7);
    EXPECT_EQ(check.claim->action, link.action);
    EXPECT_EQ(check.claim->expires_at, kTestStart + kActionLinkValidity);
    nonces.insert(check.claim->nonce);
  }
  EXPECT_EQ(nonces.size(), 4u);
  EXPECT_EQ((*links)[0].label, "Mark done");
}

TEST(ActionLinks, ChineseLabelsAndNoLinksWithoutAPublicUrl) {
  auto zh = make_action_links("https://c.example", kLinkKey, reminder(), Locale::kZhCN, kTestStart);
  ASSERT_TRUE(zh);
  EXPECT_EQ((*zh)[1].label, "推迟 1 天");
  auto none = make_action_links("", kLinkKey, reminder(), Locale::kEn, kTestStart);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  EXPECT_FALSE(make_action_links("https://c.example", "", reminder(), Locale::kEn, kTestStart));
  EXPECT_FALSE(
      make_action_links("https://c.example", kLinkKey, Occurrence{}, Locale::kEn, kTestStart));
}

TEST(MessageLinks, SameDeliverySameLinksAnotherDeliveryOtherNonces) {
  Occurrence o = reminder();
  o.subject = "contact:li-wei";
  auto a =
      make_message_links("https://c.example", kLinkKey, o, Locale::kEn, "call", "cd-1", kTestStart);
  auto again =
      make_message_links("https://c.example", kLinkKey, o, Locale::kEn, "call", "cd-1", kTestStart);
  auto other =
      make_message_links("https://c.example", kLinkKey, o, Locale::kEn, "call", "cd-2", kTestStart);
  ASSERT_TRUE(a && again && other);
  ASSERT_EQ(a->size(), 5u);
  EXPECT_EQ((*a)[4].action, "touch:call");
  EXPECT_EQ((*a)[4].label, "Log a touch (call)");
  std::set<std::string> nonces;
  for (std::size_t i = 0; i < a->size(); ++i) {
    EXPECT_EQ((*a)[i].url, (*again)[i].url);
    EXPECT_NE((*a)[i].url, (*other)[i].url);
    for (const auto* links : {&*a, &*other}) {
      const std::string url = (*links)[i].url;
      const TokenCheck check =
          verify_action_token(kLinkKey, url.substr(url.find("/a/") + 3), kTestStart);
      ASSERT_TRUE(check.ok()) << to_string(check.problem);
      EXPECT_EQ(check.claim->action, (*links)[i].action);
      EXPECT_EQ(check.claim->expires_at, kTestStart + kActionLinkValidity);
      nonces.insert(check.claim->nonce);
    }
  }
  EXPECT_EQ(nonces.size(), 10u);  // every link of both messages has its own nonce
}

TEST(MessageLinks, NoTouchLinkOffAContactNoLinksForADigest) {
  Occurrence group = reminder();
  group.subject = "owner:zhang";
  auto links = make_message_links("https://c.example", kLinkKey, group, Locale::kZhCN, "call", "s",
                                  kTestStart);
  ASSERT_TRUE(links);
  EXPECT_EQ(links->size(), 4u);
  Occurrence digest = reminder();
  digest.kind = ReminderKind::kDigest;
  auto none = make_message_links("https://c.example", kLinkKey, digest, Locale::kEn, "call", "s",
                                 kTestStart);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  EXPECT_FALSE(make_message_links("https://c.example", kLinkKey, reminder(), Locale::kEn, "", "",
                                  kTestStart));
  EXPECT_FALSE(derive_action_claim(kLinkKey, "seed", 7, "explode", kTestStart));
}

}  // namespace
}  // namespace cadence
