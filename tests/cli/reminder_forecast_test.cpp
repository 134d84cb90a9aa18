// Forecast golden files: `cadencectl forecast` over all of 2027 for a config
// and the sample data set (tests/data/forecast/sample.json), run as the real
// binary and compared byte for byte with the committed CSV. The files were
// reviewed by hand (docs/ENGINE.md, "Forecast golden file review").
//
// After an intended change, regenerate them and review the diff:
//   CADENCE_UPDATE_GOLDEN=1 BUILD/tests/cli/cadence_cli_tests --gtest_filter='ForecastGolden.*'
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "process.hpp"
#include "reminder_test_util.hpp"

namespace cadence::testing {
namespace {

// The store's clock when the sample is loaded: never-touched contacts count
// from this instant.
Instant sample_created() { return *parse_rfc3339("2026-12-01T00:00:00Z"); }

void check_golden(const std::string& config, const std::string& golden) {
  TempDir dir;
  const std::string db = dir.file("sample.db");
  load_sample(db, sample_created());
  if (::testing::Test::HasFatalFailure()) return;
  // The zone of the test process must not matter: forecast prints owner-local times.
  ProcessResult r = run_process(binary_path("src/cadencectl"),
                                {"--config", source_path(config), "--db", db, "forecast", "--from",
                                 "2027-01-01", "--to", "2027-12-31"},
                                {{"TZ", "Pacific/Auckland"}}, std::chrono::seconds(60));
  ASSERT_TRUE(r.status.is_exit(0)) << to_string(r.status) << "\n" << r.err;
  EXPECT_EQ(r.err, "");
  const std::string path = source_path(golden);
  if (const char* update = std::getenv("CADENCE_UPDATE_GOLDEN"); update && *update == '1') {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << r.out;
    GTEST_SKIP() << "rewrote " << path;
  }
  const std::string expected = read_file(path);
  EXPECT_EQ(r.out, expected) << "forecast differs from " << golden
                             << "; if the change is intended, regenerate with "
                                "CADENCE_UPDATE_GOLDEN=1 and review the diff";
}

TEST(ForecastGolden, ExampleConfigOverTheSampleFor2027) {
  check_golden("config/cadence.example.yaml", "tests/data/forecast/example-2027.csv");
}

TEST(ForecastGolden, OwnersAcrossDaylightSavingChangesIn2027) {
  check_golden("tests/data/forecast/dst.yaml", "tests/data/forecast/dst-2027.csv");
}

}  // namespace
}  // namespace cadence::testing
