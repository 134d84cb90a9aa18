// cadencectl send-test and outbox, in-process, with a real config file and a
// real SQLite database.
#include <gtest/gtest.h>

#include "cadence/delivery.hpp"
#include "cadence/store.hpp"
#include "reminder_test_util.hpp"
#include "temp_dir.hpp"

namespace cadence {
namespace {

using testing::cadencectl;
using testing::TempDir;

std::string write_config(const TempDir& dir) {
  return dir.write("cadence.yaml", R"(timezone: Asia/Shanghai
locale: en
database: )" + dir.file("cadence.db") + R"(
owners:
  - id: zhang
    name: Zhang Wei
    channels: [console, closed]
channels:
  - id: console
    type: console
  - id: closed
    url: "http://127.0.0.1:9/nobody-listens"
  - id: broken
    url: "slack://only-one-token"
)");
}

TEST(SendTest, ConsoleChannelPrintsTheSampleAndItsAnswer) {
  TempDir dir;
  auto r = cadencectl({"--config", write_config(dir), "send-test", "console"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Keep in touch: 李伟 Li Wei (Acme 阿克米)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("last touch 23 days ago, target 14 d"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("result: delivered"), std::string::npos) << r.out;
  auto zh =
      cadencectl({"--config", write_config(dir), "send-test", "console", "--locale", "zh-CN"});
  EXPECT_NE(zh.out.find("距上次联系已 23 天（目标 14 天）"), std::string::npos) << zh.out;
}

TEST(SendTest, FailuresExitThreeWithTheReason) {
  TempDir dir;
  auto r = cadencectl({"--config", write_config(dir), "send-test", "closed"});
  EXPECT_EQ(r.code, kExitRuntime);
  EXPECT_NE(r.out.find("result: retryable"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("answer: "), std::string::npos);
  auto unknown = cadencectl({"--config", write_config(dir), "send-test", "nope"});
  EXPECT_EQ(unknown.code, kExitUserError);
  EXPECT_NE(unknown.err.find("no channel 'nope'"), std::string::npos) << unknown.err;
  auto broken = cadencectl({"--config", write_config(dir), "send-test", "broken"});
  EXPECT_EQ(broken.code, kExitUserError);
  EXPECT_NE(broken.err.find("channel 'broken'"), std::string::npos) << broken.err;
  EXPECT_EQ(broken.err.find("only-one-token"), std::string::npos);
}

TEST(OutboxCommand, ListsAndRequeuesDeadDeliveries) {
  TempDir dir;
  std::string config = write_config(dir);
  std::string db = dir.file("cadence.db");
  const Instant now{std::chrono::seconds{1'800'000'000}};
  {
    auto store = open_sqlite_store(StoreOptions{db});
    ASSERT_TRUE(store) << store.error().message();
    Occurrence o;
    o.key = "r|contact:li|2027-01-15";
    o.rule = "r";
    o.subject = "contact:li";
    o.owner = "zhang";
    o.due = to_date(std::chrono::floor<std::chrono::days>(now));
    o.fire_at = now;
    o.title = "Call Li";
    ASSERT_TRUE((*store)->upsert_occurrences({o}));
    auto stored = (*store)->get_occurrence_by_key(o.key);
    ASSERT_TRUE(stored);
    Occurrence fired = *stored;
    fired.state = OccurrenceState::kFired;
    fired.fired_at = now;
    OwnerConfig owner;
    owner.id = "zhang";
    owner.channels = {"console", "closed"};
    ASSERT_TRUE((*store)->fire_occurrence(fired, plan_deliveries(fired, owner, now)));
    auto rows = (*store)->list_deliveries(std::nullopt, 10);
    ASSERT_TRUE(rows);
    ASSERT_EQ(rows->size(), 2u);
    Delivery dead = (*rows)[0].channel == "closed" ? (*rows)[0] : (*rows)[1];
    ASSERT_EQ(dead.channel, "closed");
    dead.state = DeliveryState::kDead;
    dead.attempts = 5;
    dead.last_error = "HTTP 404: no_service";
    ASSERT_TRUE((*store)->update_delivery(dead));
  }
  auto list = cadencectl({"--config", config, "outbox"});
  EXPECT_EQ(list.code, 0) << list.err;
  EXPECT_NE(list.out.find("id,state,channel,attempts,next_attempt_at,last_error"),
            std::string::npos);
  EXPECT_NE(list.out.find(",dead,closed,5,"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("HTTP 404: no_service"), std::string::npos);
  auto dead_only =
      cadencectl({"--config", config, "outbox", "list", "--state", "dead", "--format", "json"});
  EXPECT_EQ(dead_only.code, 0) << dead_only.err;
  auto j = nlohmann::json::parse(dead_only.out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["channel"], "closed");
  const std::string id = std::to_string(j[0]["id"].get<long long>());

  // The second-resolution clock the CLI stamps with, bracketing the retry.
  const std::string before =
      format_rfc3339_utc(std::chrono::floor<std::chrono::seconds>(SystemClock().now()));
  auto retry = cadencectl({"--config", config, "outbox", "retry", id});
  const std::string after_retry = format_rfc3339_utc(SystemClock().now() + std::chrono::seconds{1});
  EXPECT_EQ(retry.code, 0) << retry.err;
  EXPECT_NE(retry.out.find("re-queued 1 delivery"), std::string::npos);
  {
    // A re-queued row starts afresh: no attempts and a new age window (it was
    // created at `now`, in 2027; the retry happens today), so the outbox
    // retries it for max_age again instead of giving up after a few attempts.
    auto rows = cadencectl({"--config", config, "outbox", "--format", "json"});
    bool seen = false;
    for (const auto& row : nlohmann::json::parse(rows.out)) {
      if (std::to_string(row["id"].get<long long>()) != id) continue;
      seen = true;
      EXPECT_EQ(row["attempts"], 0);
      EXPECT_EQ(row["state"], "queued");
      const std::string created = row["created_at"];
      EXPECT_GE(created, before) << created;
      EXPECT_LE(created, after_retry) << created;
    }
    EXPECT_TRUE(seen);
  }
  auto after = cadencectl({"--config", config, "outbox", "--state", "dead", "--format", "json"});
  EXPECT_EQ(nlohmann::json::parse(after.out).size(), 0u);
  auto queued = cadencectl({"--config", config, "outbox", "--state", "queued", "--format", "json"});
  auto q = nlohmann::json::parse(queued.out);
  ASSERT_EQ(q.size(), 2u);
  for (const auto& row : q)
    EXPECT_EQ(row["idempotency_key"].get<std::string>().rfind("cd-", 0), 0u);

  auto none = cadencectl({"--config", config, "outbox", "retry", "--all-dead"});
  EXPECT_EQ(none.code, 0);
  EXPECT_NE(none.out.find("re-queued 0 deliveries"), std::string::npos);
  auto missing = cadencectl({"--config", config, "outbox", "retry", "99999"});
  EXPECT_EQ(missing.code, kExitUserError);
  auto usage = cadencectl({"--config", config, "outbox", "retry"});
  EXPECT_EQ(usage.code, kExitUsage);
}

}  // namespace
}  // namespace cadence
