// The weekly review on a large generated data set (issue 9 target: under 5 s
// for 1,000,000 contacts and 10,000,000 interactions).
//
//   build/bench/review_bench [--benchmark_filter=Review]
//   REVIEW_BENCH_CONTACTS=100000 REVIEW_BENCH_INTERACTIONS=1000000 build/bench/review_bench
//
// The data set is generated once into $REVIEW_BENCH_DIR (default
// /tmp/cadence-review-bench) and reused: the store creates the schema, then
// the sqlite3 tool fills it with INSERT ... SELECT (the store's API writes one
// transaction per touch, far too slow for ten million). Contacts: 1 in 100
// accounts (1 in 10 of those strategic, three departments), tiers A/B/C
// 10/30/60 %, half with a birthday, one in 7 with a lunar one, one in 3 with a
// first_met date. Touches spread over the three years before the review's
// "now" (2027-06-07 09:00 Asia/Shanghai), so about 8 % of them fall in the
// 90-day depth window; summaries are derived as the store keeps them.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "cadence/engine.hpp"
#include "cadence/review.hpp"
#include "cadence/store.hpp"

namespace {

using namespace cadence;

constexpr long long kNow = 1812330000;  // 2027-06-07T01:00:00Z

long long env_number(const char* name, long long fallback) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::atoll(v) : fallback;
}

const char* kConfig = R"yaml(
timezone: Asia/Shanghai
locale: zh-CN
owners:
  - id: zhang
holidays:
  sets: [cn]
rules:
  - id: birthdays
    match: {}
    birthday: {}
    lead: [3d, 0]
  - id: festivals
    match: {tier: [A, B]}
    holiday: {keys: [spring_festival, dragon_boat, mid_autumn]}
    lead: [10d, 1d]
  - id: keep-in-touch-a
    match: {tier: A}
    cadence: {every: 14d, kinds: [visit, meal, call, message]}
  - id: keep-in-touch-b
    match: {tier: B}
    cadence: {every: 30d}
  - id: keep-in-touch-c
    match: {tier: C}
    cadence: {every: 90d}
  - id: coverage
    match_account: {tier: strategic}
    coverage: {departments: 3, window: 30d}
)yaml";

bool generate(const std::string& db, long long contacts, long long interactions) {
  {
    StoreOptions options;
    options.path = db;
    auto store = open_sqlite_store(options);  // creates and migrates the schema
    if (!store) {
      std::cerr << store.error().message() << "\n";
      return false;
    }
  }
  const long long accounts = std::max(1LL, contacts / 100);
  const long long created = kNow - 4 * 365 * 86400LL;
  const std::string sql =
      std::string("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=OFF;\nBEGIN;\n") +
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
      std::to_string(accounts) +
      ")\nINSERT INTO accounts (id, name, tier, owner, departments, created_at, updated_at)\n"
      "SELECT 'acc' || i, 'Account ' || i, CASE WHEN i % 10 = 0 THEN 'strategic' ELSE 'key' "
      "END, 'zhang', '采购' || char(10) || '技术' || char(10) || '财务', " +
      std::to_string(created) + ", " + std::to_string(created) +
      " FROM n;\n"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
      std::to_string(contacts) +
      ")\nINSERT INTO contacts (id, name, account, department, tier, owner, bday_month, "
      "bday_day, lunar_month, lunar_day, dates, created_at, updated_at)\n"
      "SELECT 'c' || i, '联系人' || i, 'acc' || (1 + i % " +
      std::to_string(accounts) +
      "), CASE i % 3 WHEN 0 THEN '采购' WHEN 1 THEN '技术' ELSE '财务' END,\n"
      " CASE WHEN i % 10 = 0 THEN 'A' WHEN i % 10 < 4 THEN 'B' ELSE 'C' END, 'zhang',\n"
      " CASE WHEN i % 2 = 0 THEN 1 + i % 12 END, CASE WHEN i % 2 = 0 THEN 1 + i % 28 END,\n"
      " CASE WHEN i % 7 = 0 THEN 1 + i % 12 END, CASE WHEN i % 7 = 0 THEN 1 + i % 29 END,\n"
      " CASE WHEN i % 3 = 0 THEN printf('first_met=%04d-%02d-%02d', 2000 + i % 27, 1 + i % 12, "
      "1 + i % 28) ELSE '' END, " +
      std::to_string(created) + ", " + std::to_string(created) +
      " FROM n;\n"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
      std::to_string(interactions) +
      ")\nINSERT INTO interactions (contact_row, kind, depth, at, note, source)\n"
      "SELECT 1 + (i * 7919) % " +
      std::to_string(contacts) +
      ", CASE i % 5 WHEN 0 THEN 'visit' WHEN 1 THEN 'call' WHEN 2 THEN 'message' WHEN 3 THEN "
      "'meal' ELSE 'like' END, CASE i % 5 WHEN 0 THEN 2 WHEN 3 THEN 2 WHEN 1 THEN 1 ELSE 0 END, " +
      std::to_string(kNow) +
      " - 3600 - (i * 104729) % (3 * 365 * 86400), '', 'import' FROM n;\n"
      "INSERT INTO contact_summary (contact_row, last_any, last_normal, last_deep, count)\n"
      "SELECT contact_row, max(at), max(CASE WHEN depth >= 1 THEN at END), max(CASE WHEN "
      "depth >= 2 THEN at END), count(*) FROM interactions GROUP BY contact_row;\n"
      "INSERT INTO contact_last_kind (contact_row, kind, last_at)\n"
      "SELECT contact_row, kind, max(at) FROM interactions GROUP BY contact_row, kind;\n"
      "COMMIT;\n";
  FILE* pipe = ::popen(("sqlite3 '" + db + "' > /dev/null").c_str(), "w");
  if (pipe == nullptr) return false;
  std::fputs(sql.c_str(), pipe);
  return ::pclose(pipe) == 0;
}

void BM_Review(benchmark::State& state) {
  const long long contacts = env_number("REVIEW_BENCH_CONTACTS", 1'000'000);
  const long long interactions = env_number("REVIEW_BENCH_INTERACTIONS", 10'000'000);
  const char* dir_env = std::getenv("REVIEW_BENCH_DIR");
  const std::string dir = dir_env != nullptr ? dir_env : "/tmp/cadence-review-bench";
  std::filesystem::create_directories(dir);
  const std::string db =
      dir + "/review-" + std::to_string(contacts) + "-" + std::to_string(interactions) + ".db";
  if (!std::filesystem::exists(db) && !generate(db, contacts, interactions)) {
    std::filesystem::remove(db);
    state.SkipWithError("could not generate the data set (is sqlite3 installed?)");
    return;
  }
  auto config = parse_config(kConfig, "review_bench.yaml", SubstitutionSource::from_process());
  if (!config.ok()) return state.SkipWithError("bad bench config");
  auto rules = RuleSet::compile(*config.config);
  if (!rules.ok()) return state.SkipWithError("bench rules do not compile");
  StoreOptions options;
  options.path = db;
  {
    // A data set generated by an older cadence is migrated first (read-write),
    // as cadenced would at start; the review itself reads only.
    auto migrated = open_sqlite_store(options);
    if (!migrated) return state.SkipWithError(migrated.error().message().c_str());
  }
  options.read_only = true;
  auto store = open_sqlite_store(options);
  if (!store) return state.SkipWithError(store.error().message().c_str());

  ReviewOptions review_options;
  review_options.at = Instant{std::chrono::seconds{kNow}};
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto review = compute_review(**store, *rules.rules, review_options);
    if (!review) return state.SkipWithError(review.error().message().c_str());
    bytes = render_review_text(*review, Locale::kZhCN).size();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["contacts"] = static_cast<double>(contacts);
  state.counters["interactions"] = static_cast<double>(interactions);
  state.counters["text_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_Review)->Unit(benchmark::kSecond)->Iterations(3)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
