// make_action_links: the link set the delivery renderers put in a reminder.
#include <gtest/gtest.h>

#include <set>

#include "cadence/http.hpp"

namespace cadence {
namespace {

const Instant kNow = Instant{Duration{1'800'000'000}};
const std::string kKey(32, 'k');

Occurrence reminder() {
  Occurrence o;
  o.row_id = 7;
  return o;
}

TEST(ActionLinks, OneSignedLinkPerActionUnderThePublicUrl) {
  auto links = make_action_links("https://cadence.example/", kKey, reminder(), Locale::kEn, kNow);
  ASSERT_TRUE(links) << links.error().message();
  ASSERT_EQ(links->size(), 4u);
  std::set<std::string> nonces;
  const char* expected[] = {"done", "snooze1d", "snooze3d", "snooze1w"};
  for (std::size_t i = 0; i < links->size(); ++i) {
    const ActionLink& link = (*links)[i];
    EXPECT_EQ(link.action, expected[i]);
    const std::string prefix = "https://cadence.example/a/";
    ASSERT_EQ(link.url.rfind(prefix, 0), 0u) << link.url;
    const TokenCheck check = verify_action_token(kKey, link.url.substr(prefix.size()), kNow);
    ASSERT_TRUE(check.ok()) << to_string(check.problem);
    EXPECT_EQ(check.claim->reminder, 7);
    EXPECT_EQ(check.claim->action, link.action);
    EXPECT_EQ(check.claim->expires_at, kNow + kActionLinkValidity);
    nonces.insert(check.claim->nonce);
  }
  EXPECT_EQ(nonces.size(), 4u);
  EXPECT_EQ((*links)[0].label, "Mark done");
}

TEST(ActionLinks, ChineseLabelsAndNoLinksWithoutAPublicUrl) {
  auto zh = make_action_links("https://c.example", kKey, reminder(), Locale::kZhCN, kNow);
  ASSERT_TRUE(zh);
  EXPECT_EQ((*zh)[1].label, "推迟 1 天");
  auto none = make_action_links("", kKey, reminder(), Locale::kEn, kNow);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  EXPECT_FALSE(make_action_links("https://c.example", "", reminder(), Locale::kEn, kNow));
  EXPECT_FALSE(make_action_links("https://c.example", kKey, Occurrence{}, Locale::kEn, kNow));
}

}  // namespace
}  // namespace cadence
