// Action tokens: signing, every refusal, base64url, and the key file.
#include "cadence/action_token.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <vector>

#include "temp_dir.hpp"
#include "test_time.hpp"

namespace cadence {
namespace {

using cadence::testing::TempDir;

const std::string kKey(32, 'k');
using cadence::testing::kTestStart;  // 2027-01-15T08:00:00Z
const Instant kExpiry = kTestStart + Duration{3600};

std::string signed_token(std::string_view action, const std::string& key = kKey,
                         Instant expiry = kExpiry) {
  auto claim = make_action_claim(42, action, expiry);
  EXPECT_TRUE(claim);
  auto token = sign_action_token(key, *claim);
  EXPECT_TRUE(token);
  return *token;
}

TEST(ActionToken, RoundTripCarriesTheClaim) {
  auto claim = make_action_claim(42, "snooze3d", kExpiry);
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->nonce.size(), 32u);
  auto token = sign_action_token(kKey, *claim);
  ASSERT_TRUE(token);
  EXPECT_EQ(token->find('='), std::string::npos);  // no padding
  EXPECT_EQ(
      token->find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."),
      std::string::npos);
  TokenCheck check = verify_action_token(kKey, *token, kTestStart);
  ASSERT_TRUE(check.ok()) << to_string(check.problem);
  EXPECT_EQ(check.claim->reminder, 42);
  EXPECT_EQ(check.claim->action, "snooze3d");
  EXPECT_EQ(check.claim->expires_at, kExpiry);
  EXPECT_EQ(check.claim->nonce, claim->nonce);
}

TEST(ActionToken, EveryTokenHasItsOwnNonce) {
  auto a = make_action_claim(1, "done", kExpiry);
  auto b = make_action_claim(1, "done", kExpiry);
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->nonce, b->nonce);
  EXPECT_NE(*sign_action_token(kKey, *a), *sign_action_token(kKey, *b));
}

TEST(ActionToken, TamperedPayloadOrSignatureIsRefused) {
  const std::string token = signed_token("done");
  const std::size_t dot = token.find('.');
  // A payload claiming another reminder, signed with nothing.
  std::string payload = *base64url_decode(token.substr(0, dot));
  const auto at = payload.find("|42|");
  ASSERT_NE(at, std::string::npos);
  payload.replace(at, 4, "|43|");
  const std::string forged = base64url_encode(payload) + token.substr(dot);
  EXPECT_EQ(verify_action_token(kKey, forged, kTestStart).problem, TokenProblem::kBadSignature);
  // Another action under the original signature.
  std::string other_action = *base64url_decode(token.substr(0, dot));
  other_action.replace(other_action.find("|done|"), 6, "|snooze1w|");
  EXPECT_EQ(
      verify_action_token(kKey, base64url_encode(other_action) + token.substr(dot), kTestStart)
          .problem,
      TokenProblem::kBadSignature);
  // One character of the signature changed.
  std::string flipped = token;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  const TokenCheck check = verify_action_token(kKey, flipped, kTestStart);
  EXPECT_FALSE(check.ok());
  EXPECT_TRUE(check.problem == TokenProblem::kBadSignature ||
              check.problem == TokenProblem::kMalformed);
  // The signature cut short.
  EXPECT_FALSE(verify_action_token(kKey, token.substr(0, token.size() - 4), kTestStart).ok());
}

TEST(ActionToken, MalformedTokensAreRefused) {
  const std::vector<std::string> bad_tokens = {
      "", ".", "abc", "abc.def", "%2e%2e.x", "../../etc/passwd", std::string(600, 'A') + ".AAAA"};
  for (const std::string& bad : bad_tokens) {
    const TokenCheck check = verify_action_token(kKey, bad, kTestStart);
    EXPECT_FALSE(check.ok()) << bad;
    EXPECT_EQ(check.problem, TokenProblem::kMalformed) << bad;
  }
}

TEST(ActionToken, ExpiredAtAndAfterItsExpiry) {
  const std::string token = signed_token("done");
  EXPECT_TRUE(verify_action_token(kKey, token, kExpiry - Duration{1}).ok());
  EXPECT_EQ(verify_action_token(kKey, token, kExpiry).problem, TokenProblem::kExpired);
  EXPECT_EQ(verify_action_token(kKey, token, kExpiry + Duration{86400}).problem,
            TokenProblem::kExpired);
}

TEST(ActionToken, WrongActionForTheEndpoint) {
  const std::string token = signed_token("snooze1d");
  const auto only_done = [](std::string_view a) { return a == "done"; };
  EXPECT_EQ(verify_action_token(kKey, token, kTestStart, only_done).problem,
            TokenProblem::kWrongAction);
  EXPECT_TRUE(verify_action_token(kKey, signed_token("done"), kTestStart, only_done).ok());
}

TEST(ActionToken, AnotherKeyIsAnUnknownKey) {
  const std::string token = signed_token("done", std::string(32, 'x'));
  EXPECT_EQ(verify_action_token(kKey, token, kTestStart).problem, TokenProblem::kUnknownKey);
  EXPECT_EQ(verify_action_token("", token, kTestStart).problem, TokenProblem::kMalformed);
}

TEST(ActionToken, OnlyKnownActionsAreSigned) {
  EXPECT_TRUE(is_valid_action("done"));
  EXPECT_TRUE(is_valid_action("touch:visit"));
  EXPECT_FALSE(is_valid_action("touch:"));
  EXPECT_FALSE(is_valid_action("touch:Visit"));
  EXPECT_FALSE(is_valid_action("touch:a|b"));
  EXPECT_FALSE(is_valid_action("delete"));
  EXPECT_FALSE(make_action_claim(1, "snooze2d", kExpiry));
  ActionClaim bad;
  bad.reminder = 1;
  bad.action = "done";
  bad.nonce = "short";
  EXPECT_FALSE(sign_action_token(kKey, bad));
  EXPECT_EQ(snooze_duration("snooze1w"), Duration{7 * 86400});
  EXPECT_EQ(snooze_duration("done"), std::nullopt);
}

TEST(Base64Url, RoundTripsEveryLengthAndRejectsOthers) {
  std::string bytes;
  for (int i = 0; i < 40; ++i) {
    EXPECT_EQ(base64url_decode(base64url_encode(bytes)), bytes) << i;
    bytes.push_back(static_cast<char>(i * 37 + 200));
  }
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
  EXPECT_FALSE(base64url_decode("ab+c"));
  EXPECT_FALSE(base64url_decode("abc="));
  EXPECT_FALSE(base64url_decode("a"));
  EXPECT_FALSE(base64url_decode("-_9"));  // non-zero trailing bits: not canonical
}

TEST(ActionKey, GeneratedOnceAsAPrivateFileAndReused) {
  TempDir dir;
  const std::string path = dir.file("http.key");
  auto first = load_or_create_action_key("", path);
  ASSERT_TRUE(first) << first.error().message();
  EXPECT_EQ(first->size(), 32u);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto second = load_or_create_action_key("", path);
  ASSERT_TRUE(second);
  EXPECT_EQ(*first, *second);
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
}

TEST(ActionKey, ConfiguredKeyWinsAndShortFileIsRefused) {
  TempDir dir;
  auto configured = load_or_create_action_key("from-config", dir.file("http.key"));
  ASSERT_TRUE(configured);
  EXPECT_EQ(*configured, "from-config");
  EXPECT_FALSE(std::filesystem::exists(dir.file("http.key")));
  const std::string shorty = dir.write("short.key", "tooshort");
  auto refused = load_or_create_action_key("", shorty);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(refused.error().message().find("tooshort"), std::string::npos);  // no secret echoed
}

}  // namespace
}  // namespace cadence
