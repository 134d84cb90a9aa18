// http.key: the action links' HMAC key, resolved like the channels' secrets.
#include <gtest/gtest.h>

#include "config_test_support.hpp"
#include "temp_dir.hpp"

namespace cadence::testing {
namespace {

constexpr const char* kLinkKey = "0123456789abcdef0123456789abcdef-link-key";

ConfigLoadResult with_http_key(const std::string& value, const SubstitutionSource& subst) {
  return parse_config("http:\n  token: t\n  key: \"" + value + "\"\n", "t.yaml", subst);
}

TEST(HttpKey, AbsentByDefault) {
  auto r = parse_config("http:\n  token: t\n", "t.yaml", fake_env());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.config->http.key.empty());
}

TEST(HttpKey, FromAFile) {
  TempDir dir;
  const std::string path = dir.write("http.key", std::string(kLinkKey) + "\n");
  auto r = with_http_key("${file:" + path + "}", fake_env());
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(all_diagnostics(r));
  EXPECT_EQ(r.config->http.key, kLinkKey);
}

TEST(HttpKey, FromASystemdCredential) {
  TempDir creds;
  creds.write("cadence_http_key", kLinkKey);
  auto r = with_http_key("${cred:cadence_http_key}", fake_env({}, creds.path().string()));
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(all_diagnostics(r));
  EXPECT_EQ(r.config->http.key, kLinkKey);
}

TEST(HttpKey, MissingFileIsAnErrorWithoutTheSecret) {
  TempDir dir;
  auto r = with_http_key("${file:" + dir.file("absent") + "}", fake_env({{"X", kLinkKey}}));
  ASSERT_FALSE(r.ok());
  for (const auto& d : r.diagnostics) {
    EXPECT_NE(d.to_string().find("key:"), std::string::npos) << d.to_string();
    EXPECT_EQ(d.to_string().find(kLinkKey), std::string::npos);
  }
}

}  // namespace
}  // namespace cadence::testing
