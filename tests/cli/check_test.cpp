// cadencectl check, run in-process.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "cadence/store.hpp"

#include "cli/cli.hpp"
#include "cli_run.hpp"
#include "temp_dir.hpp"

namespace cadence::cli {
namespace {

using cadence::testing::CliRun;
using cadence::testing::run_cli;

using cadence::testing::TempDir;

TEST(CheckCommand, GoodFile) {
  TempDir dir;
  const std::string path = dir.write(
      "good.yaml",
      "owners:\n  - {id: zhang, channels: [console]}\nchannels:\n  - {id: console, type: console}\n"
      "rules:\n  - {id: b, birthday: {}}\n");
  CliRun r = run_cli({"check", path.c_str()});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, path + ": ok (1 owners, 1 channels, 1 rules)\n");
  EXPECT_EQ(r.err, "");
}

TEST(CheckCommand, BadFilePrintsEveryErrorAndFails) {
  TempDir dir;
  const std::string path = dir.write("bad.yaml",
                                     "timezone: Asia/Shangai\n"
                                     "owners:\n"
                                     "  - id: zhang\n"
                                     "    fallback_after: 14x\n");
  CliRun r = run_cli({"check", path.c_str()});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, path +
                       ":1:11: error: timezone: unknown time zone 'Asia/Shangai' (did you "
                       "mean 'Asia/Shanghai'?)\n" +
                       path +
                       ":3:5: warning: owner 'zhang' has no channels, so its reminders are "
                       "not sent\n" +
                       path +
                       ":4:21: error: fallback_after: invalid duration '14x': unknown unit "
                       "'x' (use s, m, h, d or w, e.g. 14d)\n");
}

TEST(CheckCommand, WarningsDoNotFail) {
  TempDir dir;
  const std::string path = dir.write("warn.yaml", "owners:\n  - id: zhang\n");
  CliRun r = run_cli({"check", path.c_str()});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.err, path +
                       ":2:5: warning: owner 'zhang' has no channels, so its reminders are not "
                       "sent\n");
  EXPECT_EQ(r.out, path + ": ok (1 owners, 0 channels, 0 rules)\n");
}

TEST(CheckCommand, UsesConfigOptionWithoutPositionalFile) {
  TempDir dir;
  const std::string path = dir.write("empty.yaml", "");
  CliRun r = run_cli({"--config", path.c_str(), "check"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, path + ": error: the file is empty\n");
}

TEST(CheckCommand, PositionalFileOverridesConfigOption) {
  TempDir dir;
  const std::string bad = dir.write("bad.yaml", "");
  const std::string good = dir.write("good.yaml", "locale: en\n");
  CliRun r = run_cli({"--config", bad.c_str(), "check", good.c_str()});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, good + ": ok (0 owners, 0 channels, 0 rules)\n");
}

TEST(CheckCommand, MissingFile) {
  TempDir dir;
  const std::string path = dir.file("absent.yaml");
  CliRun r = run_cli({"check", path.c_str()});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, path +
                       ": error: cannot load config: no such file"
                       " (name another with --config FILE or $CADENCE_CONFIG; an annotated example "
                       "is config/cadence.example.yaml in the source tree, installed as "
                       "/usr/share/doc/cadence/cadence.example.yaml)\n");
}

TEST(CheckCommand, ShippedExample) {
  const std::string path = cadence::testing::source_path("config/cadence.example.yaml");
  CliRun r = run_cli({"check", path.c_str()});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find(": ok (1 owners, 1 channels, "), std::string::npos) << r.out;
}

// The engine's semantic checks, exactly as the daemon runs them before a start
// or a reload: each one an error at the rule's location, exit 1, nothing on
// stdout. (Contradictory timing — at_most shorter than every, a lead longer
// than the period — is caught earlier, by the loader; see the next test.)
TEST(CheckCommand, EngineSemanticErrorsFailTheCheck) {
  TempDir dir;
  const std::string path =
      dir.write("rules.yaml",
                "owners:\n"
                "  - {id: zhang, channels: [console]}\n"
                "channels:\n"
                "  - {id: console, type: console}\n"
                "holidays: {sets: [cn]}\n"
                "rules:\n"
                "  - id: typo\n"
                "    holiday: {keys: [mid_autum]}\n"
                "  - id: never\n"
                "    schedule: {rrule: \"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\"}\n");
  CliRun r = run_cli({"check", path.c_str()});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, path +
                       ":8:22: error: rule 'typo': unknown holiday key 'mid_autum'; did you mean "
                       "'mid_autumn'?\n" +
                       path +
                       ":10:23: error: rule 'never': RRULE 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' "
                       "never fires (from 2000-01-01)\n");
}

TEST(CheckCommand, ContradictoryTimingIsAnErrorAtItsValue) {
  TempDir dir;
  const std::string path = dir.write("timing.yaml",
                                     "owners:\n"
                                     "  - {id: zhang, channels: [console]}\n"
                                     "channels:\n"
                                     "  - {id: console, type: console}\n"
                                     "rules:\n"
                                     "  - id: contradictory\n"
                                     "    cadence: {every: 30d, at_most: 14d}\n"
                                     "  - id: long-lead\n"
                                     "    cadence: {every: 7d}\n"
                                     "    lead: [10d]\n");
  CliRun r = run_cli({"check", path.c_str()});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, path +
                       ":7:36: error: at_most: 2w is shorter than every: 30d; the hard limit "
                       "must come after the target\n" +
                       path +
                       ":10:12: error: lead: 10d is not shorter than the period every: 1w\n");
}

TEST(CheckCommand, BadChannelSettingsFailAsInTheDaemon) {
  TempDir dir;
  const std::string path = dir.write("channel.yaml",
                                     "owners:\n"
                                     "  - {id: zhang, channels: [chat]}\n"
                                     "channels:\n"
                                     "  - {id: chat, url: \"slack://\"}\n");
  CliRun r = run_cli({"check", path.c_str()});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(path + ":4:"), std::string::npos) << r.err;
}

// A value substituted from ${env:}/${file:} appeared in a channel's error
// ("invalid email address 'ENVSECRET2TO'"), although cadence.yaml(5) says such
// values are never printed. The reference is printed instead.
TEST(CheckCommand, SubstitutedValuesNeverAppearInChannelErrors) {
  TempDir dir;
  const std::string secret_file = dir.write("to.txt", "FILESECRET9TO\n");
  ::setenv("CADENCE_TEST_ENV_TO", "ENVSECRET2TO", 1);
  ::setenv("CADENCE_TEST_ENV_PORT", "SECRETPORT77", 1);
  const std::string path = dir.write(
      "secret.yaml",
      "owners:\n  - {id: zhang, channels: [mail, mail2, hook]}\n"
      "channels:\n"
      "  - {id: mail, url: \"mailtos://u:p@127.0.0.1:465\", to: \"${env:CADENCE_TEST_ENV_TO}\"}\n"
      "  - {id: mail2, url: \"mailtos://u:p@127.0.0.1:465\", to: \"${file:" +
          secret_file +
          "}\"}\n"
          "  - {id: hook, url: \"json://127.0.0.1:${env:CADENCE_TEST_ENV_PORT}/x\"}\n");
  CliRun r = run_cli({"check", path.c_str()});
  ::unsetenv("CADENCE_TEST_ENV_TO");
  ::unsetenv("CADENCE_TEST_ENV_PORT");
  EXPECT_EQ(r.code, 1) << r.err;
  for (const char* secret : {"ENVSECRET2TO", "FILESECRET9TO", "SECRETPORT77"}) {
    EXPECT_EQ(r.err.find(secret), std::string::npos) << r.err;
  }
  EXPECT_NE(r.err.find("${env:CADENCE_TEST_ENV_TO}"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("${file:" + secret_file + "}"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(path + ":6:"), std::string::npos) << r.err;  // the port, at its channel
}

// A rule that selects nothing is only known with data: with a database it is
// a warning, never an error.
TEST(CheckCommand, RuleSelectingNothingInTheDatabaseIsAWarning) {
  TempDir dir;
  const std::string db = dir.file("cadence.db");
  {
    auto store = open_sqlite_store(StoreOptions{db});
    ASSERT_TRUE(store);
    Contact li;
    li.id = "li";
    li.name = "Li";
    li.tier = "A";
    ASSERT_TRUE((*store)->add_contact(li));
  }
  const std::string path = dir.write("select.yaml",
                                     "owners:\n"
                                     "  - {id: zhang, channels: [console]}\n"
                                     "channels:\n"
                                     "  - {id: console, type: console}\n"
                                     "rules:\n"
                                     "  - id: tier-a\n"
                                     "    match: {tier: A}\n"
                                     "    cadence: {every: 14d}\n"
                                     "  - id: tier-z\n"
                                     "    match: {tier: Z}\n"
                                     "    cadence: {every: 14d}\n"
                                     "  - id: strategic\n"
                                     "    match_account: {tier: strategic}\n"
                                     "    coverage: {departments: 2, window: 30d}\n");
  CliRun r = run_cli({"--db", db.c_str(), "check", path.c_str()});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, path + ": ok (1 owners, 1 channels, 3 rules)\n");
  EXPECT_EQ(r.err, path + ":9:5: warning: rule 'tier-z' selects no contact in the database\n" +
                       path +
                       ":12:5: warning: rule 'strategic' selects no account in the database\n");

  // Without the database nothing is known, and check creates no file.
  const std::string absent = dir.file("absent.db");
  CliRun no_db = run_cli({"--db", absent.c_str(), "check", path.c_str()});
  EXPECT_EQ(no_db.code, 0) << no_db.err;
  EXPECT_EQ(no_db.err, "");
  EXPECT_FALSE(std::filesystem::exists(absent));
}

}  // namespace
}  // namespace cadence::cli
