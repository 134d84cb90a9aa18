// cadencectl check, run in-process.
#include <gtest/gtest.h>

#include <sstream>

#include "cli/cli.hpp"
#include "temp_dir.hpp"

namespace cadence::cli {
namespace {

using cadence::testing::TempDir;

struct CliRun {
  int exit_code;
  std::string out;
  std::string err;
};

CliRun run(std::vector<const char*> args) {
  args.insert(args.begin(), "cadencectl");
  std::stringstream in;
  std::stringstream out;
  std::stringstream err;
  const int code = run_cadencectl(static_cast<int>(args.size()), args.data(), in, out, err);
  return {code, out.str(), err.str()};
}

TEST(CheckCommand, GoodFile) {
  TempDir dir;
  const std::string path = dir.write(
      "good.yaml",
      "owners:\n  - {id: zhang, channels: [console]}\nchannels:\n  - {id: console, type: console}\n"
      "rules:\n  - {id: b, birthday: {}}\n");
  CliRun r = run({"check", path.c_str()});
  EXPECT_EQ(r.exit_code, 0);
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
  CliRun r = run({"check", path.c_str()});
  EXPECT_EQ(r.exit_code, 1);
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
  CliRun r = run({"check", path.c_str()});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err, path +
                       ":2:5: warning: owner 'zhang' has no channels, so its reminders are not "
                       "sent\n");
  EXPECT_EQ(r.out, path + ": ok (1 owners, 0 channels, 0 rules)\n");
}

TEST(CheckCommand, UsesConfigOptionWithoutPositionalFile) {
  TempDir dir;
  const std::string path = dir.write("empty.yaml", "");
  CliRun r = run({"--config", path.c_str(), "check"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, path + ": error: the file is empty\n");
}

TEST(CheckCommand, PositionalFileOverridesConfigOption) {
  TempDir dir;
  const std::string bad = dir.write("bad.yaml", "");
  const std::string good = dir.write("good.yaml", "locale: en\n");
  CliRun r = run({"--config", bad.c_str(), "check", good.c_str()});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, good + ": ok (0 owners, 0 channels, 0 rules)\n");
}

TEST(CheckCommand, MissingFile) {
  TempDir dir;
  const std::string path = dir.file("absent.yaml");
  CliRun r = run({"check", path.c_str()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, path + ": error: cannot load config: no such file\n");
}

TEST(CheckCommand, ShippedExample) {
  const std::string path = cadence::testing::source_path("config/cadence.example.yaml");
  CliRun r = run({"check", path.c_str()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find(": ok (1 owners, 1 channels, "), std::string::npos) << r.out;
}

}  // namespace
}  // namespace cadence::cli
