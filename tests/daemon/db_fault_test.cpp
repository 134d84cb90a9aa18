// FaultTracker: a database fault is logged once, reminded at a low rate,
// its recovery logged once; retries back off; the kinds are told apart from
// the store's messages.
#include "daemon/db_fault.hpp"

#include <gtest/gtest.h>
#include <string>

#include "captured_log.hpp"
#include "test_time.hpp"

namespace cadence::daemon {
namespace {

using cadence::testing::CapturedLog;
using std::chrono::milliseconds;

using cadence::testing::kTestStart;  // 2027-01-15T08:00:00Z

Error read_only() {
  return Error::database("/var/lib/cadence/cadence.db: database is read-only: attempt to write");
}

TEST(DbFault, ClassifiesTheStoresMessages) {
  EXPECT_EQ(
      classify_database_error(Error::database(
          "x.db: database is locked by another process (waited 5000 ms); nothing was written")),
      DatabaseFault::kLocked);
  EXPECT_EQ(classify_database_error(read_only()), DatabaseFault::kReadOnly);
  EXPECT_EQ(classify_database_error(Error::database(
                "x.db: database is read-only: disk I/O error (Operation not permitted)")),
            DatabaseFault::kReadOnly);
  EXPECT_EQ(classify_database_error(Error::database("x.db: database or disk is full")),
            DatabaseFault::kDiskFull);
  EXPECT_EQ(classify_database_error(
                Error::database("x.db: database or disk is full: disk I/O error (File too large)")),
            DatabaseFault::kDiskFull);
  EXPECT_EQ(classify_database_error(Error::database("x.db: disk I/O error (Input/output error)")),
            DatabaseFault::kIo);
  EXPECT_EQ(classify_database_error(Error::database("x.db: database disk image is malformed")),
            DatabaseFault::kDatabase);
  EXPECT_EQ(classify_database_error(Error::internal("a bug")), DatabaseFault::kOther);
  EXPECT_STREQ(describe(DatabaseFault::kReadOnly), "database read-only");
}

TEST(DbFault, ALongFaultIsLoggedOnceThenRarelyThenItsRecovery) {
  CapturedLog log;
  FaultTracker tracker;
  Instant now = kTestStart;
  EXPECT_EQ(tracker.summary(), "");
  // One day of retries every 30 s: 2880 failed attempts.
  int attempts = 0;
  for (; now < kTestStart + Duration{86400}; now += Duration{30}) {
    (void)tracker.failed(read_only(), now);
    ++attempts;
  }
  EXPECT_TRUE(tracker.failing());
  EXPECT_EQ(tracker.attempts(), attempts);
  EXPECT_EQ(tracker.summary(), "database read-only since 2027-01-15T08:00:00Z");
  const std::string text = log.text();
  // The first failure at error level, then one reminder per 10 minutes.
  EXPECT_EQ(text.find("[error] database read-only since 2027-01-15T08:00:00Z: "), 0u) << text;
  EXPECT_EQ(static_cast<int>(log.lines().size()), 1 + 86400 / 600 - 1) << text;
  EXPECT_NE(text.find("[warning] database read-only still failing since 2027-01-15T08:00:00Z (21 "
                      "attempts)"),
            std::string::npos)
      << text;

  EXPECT_TRUE(tracker.succeeded(now));
  EXPECT_FALSE(tracker.failing());
  EXPECT_EQ(tracker.summary(), "");
  EXPECT_NE(log.text().find("[info] recovered from database read-only after 24 h 0 min (2880 "
                            "failed attempts)"),
            std::string::npos)
      << log.text();
  // Healthy successes say nothing.
  const int lines = static_cast<int>(log.lines().size());
  EXPECT_FALSE(tracker.succeeded(now + Duration{60}));
  EXPECT_EQ(static_cast<int>(log.lines().size()), lines);
}

TEST(DbFault, RetriesBackOffToTheCapAndStartOverAfterARecovery) {
  CapturedLog log;
  FaultTrackerOptions options;
  options.first_retry = milliseconds{1000};
  options.max_retry = milliseconds{30000};
  FaultTracker tracker(options);
  const Error locked = Error::database("x.db: database is locked by another process");
  std::vector<long long> delays;
  for (int i = 0; i < 8; ++i) delays.push_back(tracker.failed(locked, kTestStart).count());
  EXPECT_EQ(delays, (std::vector<long long>{1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000}));
  EXPECT_TRUE(tracker.succeeded(kTestStart + Duration{125}));
  EXPECT_NE(log.text().find("recovered from database locked after 2 min 5 s (8 failed attempts)"),
            std::string::npos)
      << log.text();
  EXPECT_EQ(tracker.failed(locked, kTestStart + Duration{200}).count(), 1000);
}

TEST(DbFault, ANewKindOfFaultGetsItsOwnLineButKeepsItsStartAndBackoff) {
  CapturedLog log;
  FaultTracker tracker;
  (void)tracker.failed(Error::database("x.db: database is locked by another process"), kTestStart);
  (void)tracker.failed(Error::database("x.db: database is locked by another process"),
                       kTestStart + Duration{1});
  const auto delay =
      tracker.failed(Error::database("x.db: database or disk is full"), kTestStart + Duration{3});
  EXPECT_EQ(delay.count(), 4000);
  EXPECT_EQ(tracker.summary(), "database disk full since 2027-01-15T08:00:00Z");
  EXPECT_EQ(static_cast<int>(log.lines().size()), 2) << log.text();
  EXPECT_NE(log.text().find("[error] database disk full since"), std::string::npos) << log.text();
}

TEST(DbFault, AClockGoingBackDoesNotSilenceTheReminders) {
  CapturedLog log;
  FaultTracker tracker;
  (void)tracker.failed(read_only(), kTestStart);
  (void)tracker.failed(read_only(), kTestStart - Duration{3600});  // NTP stepped back an hour
  (void)tracker.failed(read_only(), kTestStart - Duration{3590});
  EXPECT_EQ(static_cast<int>(log.lines().size()), 2) << log.text();
}

TEST(DbFault, DescribesDurations) {
  EXPECT_EQ(describe_duration(Duration{45}), "45 s");
  EXPECT_EQ(describe_duration(Duration{125}), "2 min 5 s");
  EXPECT_EQ(describe_duration(Duration{3 * 3600 + 61}), "3 h 1 min");
  EXPECT_EQ(describe_duration(Duration{-5}), "0 s");
}

}  // namespace
}  // namespace cadence::daemon
