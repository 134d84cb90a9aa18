#include "cadence/action_token.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <vector>

#include "cadence/crypto.hpp"

namespace cadence {
namespace {

constexpr std::string_view kVersion = "v1";
constexpr std::size_t kNonceBytes = 16;
constexpr std::size_t kKeyBytes = 32;
using crypto::key_id;

std::string mac(std::string_view key, std::string_view payload) {
  return crypto::hmac_sha256(key, payload);
}

std::string to_hex(const unsigned char* data, std::size_t n) {
  return crypto::to_hex(std::string_view(reinterpret_cast<const char*>(data), n));
}

bool is_kind_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool is_hex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

template <typename Int>
std::optional<Int> parse_int(std::string_view s) {
  Int v{};
  if (s.empty()) return std::nullopt;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = s.find(sep, start);
    if (at == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, at - start));
    start = at + 1;
  }
}

bool valid_claim(const ActionClaim& c) {
  return c.reminder > 0 && is_valid_action(c.action) && c.nonce.size() == kNonceBytes * 2 &&
         is_hex(c.nonce);
}

TokenCheck refuse(TokenProblem p) {
  TokenCheck check;
  check.problem = p;
  return check;
}

}  // namespace

const char* to_string(TokenProblem p) {
  switch (p) {
    case TokenProblem::kMalformed:
      return "malformed";
    case TokenProblem::kUnknownKey:
      return "unknown key";
    case TokenProblem::kBadSignature:
      return "bad signature";
    case TokenProblem::kExpired:
      return "expired";
    case TokenProblem::kWrongAction:
      return "wrong action";
    case TokenProblem::kReplayed:
      return "already used";
  }
  return "?";
}

bool is_valid_action(std::string_view action) {
  if (action == "done" || action == "snooze1d" || action == "snooze3d" || action == "snooze1w") {
    return true;
  }
  constexpr std::string_view kTouch = "touch:";
  if (action.substr(0, kTouch.size()) != kTouch) return false;
  const std::string_view kind = action.substr(kTouch.size());
  if (kind.empty() || kind.size() > 64) return false;
  for (char c : kind) {
    if (!is_kind_char(c)) return false;
  }
  return true;
}

std::optional<Duration> snooze_duration(std::string_view action) {
  if (action == "snooze1d") return kOneDay;
  if (action == "snooze3d") return 3 * kOneDay;
  if (action == "snooze1w") return 7 * kOneDay;
  return std::nullopt;
}

Result<ActionClaim> make_action_claim(RowId reminder, std::string_view action, Instant expires_at) {
  if (!is_valid_action(action)) {
    return Error::invalid_input("unknown action '" + std::string(action) + "'");
  }
  std::array<unsigned char, kNonceBytes> nonce{};
  if (RAND_bytes(nonce.data(), static_cast<int>(nonce.size())) != 1) {
    return Error::internal("RAND_bytes failed");
  }
  ActionClaim claim;
  claim.reminder = reminder;
  claim.action = std::string(action);
  claim.expires_at = expires_at;
  claim.nonce = to_hex(nonce.data(), nonce.size());
  return claim;
}

Result<ActionClaim> derive_action_claim(std::string_view key, std::string_view seed, RowId reminder,
                                        std::string_view action, Instant expires_at) {
  if (!is_valid_action(action)) {
    return Error::invalid_input("unknown action '" + std::string(action) + "'");
  }
  if (key.empty() || seed.empty()) return Error::invalid_input("empty key or seed");
  ActionClaim claim;
  claim.reminder = reminder;
  claim.action = std::string(action);
  claim.expires_at = expires_at;
  // Domain-separated from the token MAC ("nonce|..." is never a payload).
  const std::string input = "nonce|" + std::string(seed) + "|" + std::to_string(reminder) + "|" +
                            claim.action + "|" +
                            std::to_string(expires_at.time_since_epoch().count());
  const std::string digest = mac(key, input);
  claim.nonce = to_hex(reinterpret_cast<const unsigned char*>(digest.data()), kNonceBytes);
  return claim;
}

Result<std::string> sign_action_token(std::string_view key, const ActionClaim& claim) {
  if (key.empty()) return Error::invalid_input("empty action key");
  if (!valid_claim(claim)) return Error::invalid_input("invalid action claim");
  std::string payload(kVersion);
  payload += '|' + key_id(key) + '|' + std::to_string(claim.reminder) + '|' + claim.action + '|' +
             std::to_string(claim.expires_at.time_since_epoch().count()) + '|' + claim.nonce;
  return base64url_encode(payload) + "." + base64url_encode(mac(key, payload));
}

TokenCheck verify_action_token(std::string_view key, std::string_view token, Instant now,
                               const std::function<bool(std::string_view)>& accepts) {
  // Far longer than any real token: refuse before decoding anything big.
  if (key.empty() || token.size() > 512) return refuse(TokenProblem::kMalformed);
  const std::size_t dot = token.find('.');
  if (dot == std::string_view::npos) return refuse(TokenProblem::kMalformed);
  auto payload = base64url_decode(token.substr(0, dot));
  auto signature = base64url_decode(token.substr(dot + 1));
  if (!payload || !signature) return refuse(TokenProblem::kMalformed);
  const std::vector<std::string_view> f = split(*payload, '|');
  if (f.size() != 6 || f[0] != kVersion) return refuse(TokenProblem::kMalformed);
  if (f[1] != key_id(key)) return refuse(TokenProblem::kUnknownKey);
  const std::string expected = mac(key, *payload);
  if (signature->size() != expected.size() ||
      CRYPTO_memcmp(signature->data(), expected.data(), expected.size()) != 0) {
    return refuse(TokenProblem::kBadSignature);
  }
  // Signed by us: the fields are ours, but parse them strictly anyway.
  auto reminder = parse_int<RowId>(f[2]);
  auto expires = parse_int<Duration::rep>(f[4]);
  ActionClaim claim;
  claim.action = std::string(f[3]);
  claim.nonce = std::string(f[5]);
  if (!reminder || !expires) return refuse(TokenProblem::kMalformed);
  claim.reminder = *reminder;
  claim.expires_at = Instant{Duration{*expires}};
  if (!valid_claim(claim)) return refuse(TokenProblem::kMalformed);
  if (now >= claim.expires_at) return refuse(TokenProblem::kExpired);
  if (accepts && !accepts(claim.action)) return refuse(TokenProblem::kWrongAction);
  TokenCheck check;
  check.claim = std::move(claim);
  return check;
}

Result<std::string> load_or_create_action_key(const std::string& configured,
                                              const std::string& key_path) {
  if (!configured.empty()) return configured;
  const int fd = ::open(key_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    std::array<char, 256> buf{};
    ssize_t n = 0;
    std::string key;
    while ((n = ::read(fd, buf.data(), buf.size())) > 0) key.append(buf.data(), std::size_t(n));
    ::close(fd);
    if (n < 0) return Error::io(key_path + ": cannot read the action key: " + std::strerror(errno));
    if (key.size() < kKeyBytes) {
      return Error::invalid_input(key_path + ": the action key is shorter than 32 bytes");
    }
    return key;
  }
  if (errno != ENOENT) {
    return Error::io(key_path + ": cannot open the action key: " + std::strerror(errno));
  }
  std::array<unsigned char, kKeyBytes> key{};
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1) {
    return Error::internal("RAND_bytes failed");
  }
  // Written to a private temporary name and linked into place: a crash never
  // leaves a short key that a later start would refuse, and of two processes
  // creating it at once (the daemon's HTTP job and its outbox rendering links)
  // the first one wins and the other reads its key (link() never replaces).
  const std::string tmp = key_path + ".tmp." + std::to_string(::getpid());
  const int out = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (out < 0) return Error::io(tmp + ": cannot create the action key: " + std::strerror(errno));
  const bool written =
      ::write(out, key.data(), key.size()) == ssize_t(key.size()) && ::fsync(out) == 0;
  ::close(out);
  if (!written) {
    ::unlink(tmp.c_str());
    return Error::io(key_path + ": cannot write the action key: " + std::strerror(errno));
  }
  const int linked = ::link(tmp.c_str(), key_path.c_str());
  const int link_errno = errno;
  ::unlink(tmp.c_str());
  if (linked != 0 && link_errno == EEXIST) return load_or_create_action_key(configured, key_path);
  if (linked != 0) {
    return Error::io(key_path + ": cannot write the action key: " + std::strerror(link_errno));
  }
  return std::string(reinterpret_cast<const char*>(key.data()), key.size());
}

std::string default_action_key_path(const std::string& database) {
  const std::filesystem::path dir = std::filesystem::path(database).parent_path();
  return ((dir.empty() ? std::filesystem::path(".") : dir) / "http.key").string();
}

}  // namespace cadence
