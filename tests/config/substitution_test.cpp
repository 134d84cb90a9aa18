// ${env:}, ${file:}, ${cred:} substitutions and their errors.
#include <gtest/gtest.h>

#include "config_test_support.hpp"
#include "temp_dir.hpp"

namespace cadence::testing {
namespace {

constexpr const char* kSecret = "s3cr3t-Value";

// A config whose one channel key holds `value`; returns the parse result.
ConfigLoadResult with_channel_key(const std::string& value, const SubstitutionSource& subst,
                                  const std::string& file_name = "t.yaml") {
  const std::string yaml =
      "owners:\n  - {id: zhang, channels: [hook]}\nchannels:\n  - id: hook\n"
      "    type: webhook\n    key: \"" +
      value + "\"\n";
  return parse_config(yaml, file_name, subst);
}

std::string key_of(const ConfigLoadResult& r) {
  if (!r.ok()) return "<error>";
  return r.config->find_channel("hook")->params.at("key");
}

TEST(Substitution, Environment) {
  auto r = with_channel_key("Bearer ${env:HOOK_KEY}!", fake_env({{"HOOK_KEY", kSecret}}));
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(all_diagnostics(r));
  EXPECT_EQ(key_of(r), std::string("Bearer ") + kSecret + "!");
}

TEST(Substitution, SeveralInOneValueAndEmptyVariable) {
  auto r = with_channel_key("${env:A}-${env:B}-${env:EMPTY}",
                            fake_env({{"A", "1"}, {"B", "2"}, {"EMPTY", ""}}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(key_of(r), "1-2-");
}

TEST(Substitution, MissingEnvironmentVariableIsLocated) {
  auto r = with_channel_key("${env:HOOK_KEY}", fake_env());
  EXPECT_EQ(error_lines(r), std::vector<std::string>{
                                "t.yaml:6:10: error: key: ${env:HOOK_KEY}: environment variable "
                                "HOOK_KEY is not set"});
}

TEST(Substitution, FileContentLosesOneTrailingNewline) {
  TempDir dir;
  const std::string path = dir.write("secret", std::string(kSecret) + "\n\n");
  auto r = with_channel_key("${file:" + path + "}", fake_env());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(key_of(r), std::string(kSecret) + "\n");
}

TEST(Substitution, RelativeFileIsTakenFromTheConfigDirectory) {
  TempDir dir;
  dir.write("secret.txt", kSecret);
  auto r = with_channel_key("${file:secret.txt}", fake_env(), dir.file("cadence.yaml"));
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(all_diagnostics(r));
  EXPECT_EQ(key_of(r), kSecret);
}

TEST(Substitution, MissingFileIsLocated) {
  TempDir dir;
  const std::string path = dir.file("absent");
  auto r = with_channel_key("${file:" + path + "}", fake_env());
  EXPECT_EQ(error_lines(r), std::vector<std::string>{"t.yaml:6:10: error: key: ${file:" + path +
                                                     "}: " + path + ": no such file"});
}

TEST(Substitution, DirectoryAsFileIsAnError) {
  TempDir dir;
  const std::string path = dir.path().string();
  auto r = with_channel_key("${file:" + path + "}", fake_env());
  EXPECT_EQ(error_lines(r),
            std::vector<std::string>{"t.yaml:6:10: error: key: ${file:" + path + "}: " + path +
                                     ": is a directory, not a file"});
}

TEST(Substitution, Credential) {
  TempDir creds;
  creds.write("hook_key", std::string(kSecret) + "\n");
  auto r = with_channel_key("${cred:hook_key}", fake_env({}, creds.path().string()));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(key_of(r), kSecret);
}

TEST(Substitution, CredentialWithoutCredentialsDirectory) {
  auto r = with_channel_key("${cred:hook_key}", fake_env());
  EXPECT_EQ(error_lines(r),
            std::vector<std::string>{"t.yaml:6:10: error: key: ${cred:hook_key}: "
                                     "$CREDENTIALS_DIRECTORY is not set (systemd sets it for "
                                     "LoadCredential=)"});
}

TEST(Substitution, MissingCredential) {
  TempDir creds;
  auto r = with_channel_key("${cred:hook_key}", fake_env({}, creds.path().string()));
  EXPECT_EQ(error_lines(r), std::vector<std::string>{"t.yaml:6:10: error: key: ${cred:hook_key}: " +
                                                     creds.file("hook_key") + ": no such file"});
}

TEST(Substitution, CredentialNameCannotEscapeTheDirectory) {
  TempDir creds;
  auto r = with_channel_key("${cred:../etc/passwd}", fake_env({}, creds.path().string()));
  EXPECT_EQ(error_lines(r),
            std::vector<std::string>{"t.yaml:6:10: error: key: ${cred:../etc/passwd}: a "
                                     "credential name is a single file name, without '/'"});
}

TEST(Substitution, DollarDollarBraceIsALiteral) {
  auto r = with_channel_key("cost $${env:HOME} and $5", fake_env({{"HOME", "/root"}}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(key_of(r), "cost ${env:HOME} and $5");
}

TEST(Substitution, UnknownSourceAndUnterminated) {
  EXPECT_EQ(error_lines(with_channel_key("${vault:x}", fake_env())),
            std::vector<std::string>{
                "t.yaml:6:10: error: key: unknown substitution '${vault:...}': use ${env:NAME}, "
                "${file:PATH} or ${cred:NAME} (write $${ for a literal ${)"});
  EXPECT_EQ(error_lines(with_channel_key("${env:X", fake_env())),
            std::vector<std::string>{
                "t.yaml:6:10: error: key: unterminated '${': write ${env:NAME}, ${file:PATH} or "
                "${cred:NAME} (or $${ for a literal ${)"});
}

TEST(Substitution, AppliesToEveryScalarIncludingDurations) {
  auto r = parse_config(
      "timezone: ${env:TZ_NAME}\nrules:\n  - id: a\n    cadence: {every: \"${env:EVERY}\"}\n",
      "t.yaml", fake_env({{"TZ_NAME", "Europe/Berlin"}, {"EVERY", "2w"}}));
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(all_diagnostics(r));
  EXPECT_EQ(r.config->timezone, "Europe/Berlin");
  EXPECT_EQ(std::get<CadenceTrigger>(r.config->rules[0].trigger).every, std::chrono::days{14});
}

TEST(Substitution, SecretValueNeverAppearsInMessages) {
  // The substituted URL has a bad scheme, and the substituted zone is unknown:
  // both errors must name the problem without echoing the secret.
  auto r = parse_config(
      "channels:\n  - id: mail\n    url: \"smtp://zhang:${env:PASS}@mail.example.com\"\n"
      "http:\n  token: ${env:PASS}\n  public_url: \"ftp://${env:PASS}\"\n",
      "t.yaml", fake_env({{"PASS", kSecret}}));
  ASSERT_FALSE(r.ok());
  ASSERT_FALSE(r.diagnostics.empty());
  for (const auto& d : r.diagnostics) {
    EXPECT_EQ(d.to_string().find(kSecret), std::string::npos) << d.to_string();
  }
}

TEST(Substitution, FromProcessReadsTheEnvironment) {
  ::setenv("CADENCE_TEST_SUBST", "from-process", 1);
  ::setenv("CREDENTIALS_DIRECTORY", "/run/credentials/cadence.service", 1);
  SubstitutionSource s = SubstitutionSource::from_process();
  EXPECT_EQ(s.getenv("CADENCE_TEST_SUBST"), std::optional<std::string>("from-process"));
  EXPECT_EQ(s.getenv("CADENCE_TEST_SUBST_ABSENT"), std::nullopt);
  EXPECT_EQ(s.credentials_directory,
            std::optional<std::string>("/run/credentials/cadence.service"));
  ::unsetenv("CREDENTIALS_DIRECTORY");
  EXPECT_EQ(SubstitutionSource::from_process().credentials_directory, std::nullopt);
}

}  // namespace
}  // namespace cadence::testing
