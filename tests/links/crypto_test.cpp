// cadence/crypto.hpp against published test vectors: HMAC-SHA256 (RFC 4231),
// SHA-256 (FIPS 180-2), base64 and base64url (RFC 4648 §10).
#include "cadence/crypto.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace cadence::crypto {
namespace {

TEST(Crypto, HmacSha256MatchesRfc4231) {
  // Test case 1 and 2.
  EXPECT_EQ(to_hex(hmac_sha256(std::string(20, '\x0b'), "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(to_hex(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Crypto, Sha256MatchesFips180) {
  EXPECT_EQ(to_hex(sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(key_id("abc"), "ba7816bf");
}

TEST(Crypto, Base64MatchesRfc4648) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base64_encode(plain), encoded);
    EXPECT_EQ(base64_decode(encoded), std::string(plain));
    std::string url = encoded;
    while (!url.empty() && url.back() == '=') url.pop_back();
    EXPECT_EQ(base64url_encode(plain), url);
    EXPECT_EQ(base64url_decode(url), std::string(plain));
  }
  EXPECT_EQ(base64_encode("\xfb\xff"), "+/8=");
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
  EXPECT_FALSE(base64_decode("a$b"));
  EXPECT_FALSE(base64url_decode("Zg="));    // padding is not base64url
  EXPECT_FALSE(base64url_decode("Zh"));     // non-canonical trailing bits
  EXPECT_FALSE(base64url_decode("Zm9vY"));  // an impossible length
}

TEST(Crypto, RandomBytesRoundTrip) {
  std::mt19937 rng(20261208);
  for (int n = 0; n < 200; ++n) {
    std::string bytes;
    for (int i = 0; i < n; ++i) bytes.push_back(static_cast<char>(rng() & 0xFF));
    EXPECT_EQ(base64_decode(base64_encode(bytes)), bytes);
    EXPECT_EQ(base64url_decode(base64url_encode(bytes)), bytes);
  }
}

TEST(Crypto, HexDigits) {
  EXPECT_EQ(to_hex(std::string("\x00\x7f\xff", 3)), "007fff");
  EXPECT_EQ(hex_digit_value('0'), 0);
  EXPECT_EQ(hex_digit_value('a'), 10);
  EXPECT_EQ(hex_digit_value('F'), 15);
  EXPECT_EQ(hex_digit_value('g'), -1);
  EXPECT_EQ(hex_digit_value('%'), -1);
}

}  // namespace
}  // namespace cadence::crypto
