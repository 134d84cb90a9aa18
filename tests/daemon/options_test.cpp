#include "daemon/options.hpp"

#include <gtest/gtest.h>

namespace cadence::daemon {
namespace {

TEST(DaemonOptions, DefaultsToTheGivenConfigPath) {
  auto options = parse_daemon_options({}, "/etc/cadence/cadence.yaml");
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options->config_path, "/etc/cadence/cadence.yaml");
  EXPECT_FALSE(options->check_config);
  EXPECT_FALSE(options->show_version);
  EXPECT_FALSE(options->show_help);
}

TEST(DaemonOptions, ParsesEveryForm) {
  auto spaced = parse_daemon_options({"--config", "/tmp/a.yaml", "--check-config"}, "/d");
  ASSERT_TRUE(spaced.ok());
  EXPECT_EQ(spaced->config_path, "/tmp/a.yaml");
  EXPECT_TRUE(spaced->check_config);

  auto joined = parse_daemon_options({"--config=/tmp/b.yaml"}, "/d");
  ASSERT_TRUE(joined.ok());
  EXPECT_EQ(joined->config_path, "/tmp/b.yaml");

  auto short_form = parse_daemon_options({"-c", "/tmp/c.yaml", "-h", "--version"}, "/d");
  ASSERT_TRUE(short_form.ok());
  EXPECT_EQ(short_form->config_path, "/tmp/c.yaml");
  EXPECT_TRUE(short_form->show_help);
  EXPECT_TRUE(short_form->show_version);
}

TEST(DaemonOptions, RejectsUnknownOptionNamingIt) {
  auto options = parse_daemon_options({"--frobnicate"}, "/d");
  ASSERT_FALSE(options.ok());
  EXPECT_EQ(options.error().code(), ErrorCode::kUsage);
  EXPECT_EQ(options.error().message(), "unknown option '--frobnicate'");
}

TEST(DaemonOptions, RejectsMissingValueAndStrayArgument) {
  auto missing = parse_daemon_options({"--config"}, "/d");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message(), "option --config needs a FILE");

  auto empty = parse_daemon_options({"--config="}, "/d");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code(), ErrorCode::kUsage);

  auto stray = parse_daemon_options({"cadence.yaml"}, "/d");
  ASSERT_FALSE(stray.ok());
  EXPECT_EQ(stray.error().message(), "unexpected argument 'cadence.yaml'");
}

TEST(DaemonOptions, UsageNamesEveryOption) {
  const std::string usage = daemon_usage();
  for (const char* option : {"--config FILE", "--check-config", "--version", "--help"}) {
    EXPECT_NE(usage.find(option), std::string::npos) << option;
  }
}

}  // namespace
}  // namespace cadence::daemon
