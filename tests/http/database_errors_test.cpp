// DatabaseErrorLog: a database fault met by many requests logs the first
// error at once and then at most one line a minute, counting the rest.
#include "http/database_errors.hpp"

#include <gtest/gtest.h>

#include <string>

#include "captured_log.hpp"
#include "test_time.hpp"

namespace cadence::http {
namespace {

using cadence::testing::CapturedLog;

using cadence::testing::kTestStart;  // 2027-01-15T08:00:00Z

Error locked() {
  return Error::database(
      "x.db: database is locked by another process (waited 500 ms); nothing was written");
}

TEST(DatabaseErrorLog, AThousandRequestsInAFaultOfTenMinutesLogTenLines) {
  CapturedLog log;
  ManualClock clock(kTestStart);
  DatabaseErrorLog errors(clock);
  // One failing request every 0.6 s for 10 minutes: a line at 0, 1, ... 9
  // minutes.
  for (int i = 0; i < 1000; ++i) {
    clock.set(kTestStart + Duration{i * 6 / 10});
    errors.report("api", locked());
  }
  const auto lines = log.lines();
  ASSERT_EQ(lines.size(), 10u) << log.text();
  EXPECT_EQ(lines[0], "[error] http: api: " + locked().message());
  // Each next line a minute later, counting the requests left out meanwhile.
  EXPECT_NE(lines[1].find("(99 more database errors since 2027-01-15T08:00:00Z)"),
            std::string::npos)
      << lines[1];
  EXPECT_EQ(errors.left_out(), 99) << "the last minute's, not yet logged";
}

TEST(DatabaseErrorLog, AnErrorAfterAQuietSpellIsLoggedAtOnce) {
  CapturedLog log;
  ManualClock clock(kTestStart);
  DatabaseErrorLog errors(clock);
  errors.report("metrics", locked());
  clock.advance(Duration{3600});
  errors.report("action link", locked());
  const auto lines = log.lines();
  ASSERT_EQ(lines.size(), 2u) << log.text();
  EXPECT_EQ(lines[1], "[error] http: action link: " + locked().message());
}

TEST(DatabaseErrorLog, AClockSetBackDoesNotSilenceIt) {
  CapturedLog log;
  ManualClock clock(kTestStart);
  DatabaseErrorLog errors(clock);
  errors.report("api", locked());
  clock.set(kTestStart - Duration{3600});
  errors.report("api", locked());
  EXPECT_EQ(log.lines().size(), 2u) << log.text();
}

}  // namespace
}  // namespace cadence::http
