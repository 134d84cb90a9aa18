// `forecast` streams (src/cli/forecast_cmd.cpp, forecast_rows.cpp): its rows
// must be exactly what plan_all gives over the whole data set, rendered as the
// CSV/JSON contract says — including the daily cap, whose backlog the command
// only partly keeps — and SortedRows must give (fire_at, key) order across
// spilled runs.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <tuple>

#include "cadence/engine.hpp"
#include "cli/forecast_rows.hpp"
#include "cli/output.hpp"
#include "cli/reminder_support.hpp"
#include "reminder_test_util.hpp"

namespace cadence::testing {
namespace {

struct Row {
  Instant fire;
  std::string key;
  std::string text;
};

std::vector<Row> random_rows(std::size_t n) {
  std::mt19937 gen(42);
  std::vector<Row> rows;
  for (std::size_t i = 0; i < n; ++i) {
    // Few distinct times (many ties), negative ones, keys that prefix others.
    const long long t = static_cast<long long>(gen() % 7) * 86400 - 3 * 86400;
    std::string key = "r|contact:c" + std::to_string(gen() % 50);
    if (gen() % 3 == 0) key += "|2027-0" + std::to_string(1 + gen() % 9) + "-01";
    rows.push_back({Instant{std::chrono::seconds{t}}, key, key + "@" + std::to_string(i) + "\n"});
  }
  return rows;
}

std::vector<std::string> drained(cli::SortedRows& sorted) {
  std::vector<std::string> out;
  EXPECT_TRUE(sorted.drain([&](std::string_view text) { out.emplace_back(text); }));
  return out;
}

std::vector<std::string> expected_order(std::vector<Row> rows) {
  // Equal (fire, key) pairs keep no particular order; the texts break ties here
  // and in the comparison below, so only (fire, key) order is checked.
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return std::tie(a.fire, a.key, a.text) < std::tie(b.fire, b.key, b.text);
  });
  std::vector<std::string> out;
  for (const Row& r : rows) out.push_back(r.text);
  return out;
}

// Sorts texts within runs of equal (fire, key), which both sides share.
std::vector<std::string> canonical(const std::vector<Row>& rows, std::vector<std::string> texts) {
  std::map<std::string, std::pair<Instant, std::string>> order;
  for (const Row& r : rows) order[r.text] = {r.fire, r.key};
  std::stable_sort(texts.begin(), texts.end(), [&](const std::string& a, const std::string& b) {
    return std::tie(order[a], a) < std::tie(order[b], b);
  });
  return texts;
}

TEST(ForecastRows, SpilledRunsMergeInFireThenKeyOrder) {
  const std::vector<Row> rows = random_rows(2000);
  cli::SortedRows sorted(512);  // a run every few rows
  for (const Row& r : rows) ASSERT_TRUE(sorted.add(r.fire, r.key, r.text));
  EXPECT_GT(sorted.runs(), 50u);
  const std::vector<std::string> got = drained(sorted);
  ASSERT_EQ(got.size(), rows.size());
  // Order by (fire, key) exactly; within equal pairs, the same rows.
  EXPECT_EQ(canonical(rows, got), expected_order(rows));
  for (std::size_t i = 1; i < got.size(); ++i) {
    const auto key_of = [&](const std::string& text) {
      const Row& r =
          *std::find_if(rows.begin(), rows.end(), [&](const Row& x) { return x.text == text; });
      return std::tie(r.fire, r.key);
    };
    ASSERT_FALSE(key_of(got[i]) < key_of(got[i - 1])) << i;
  }
}

TEST(ForecastRows, WithinTheBudgetNothingIsSpilled) {
  const std::vector<Row> rows = random_rows(300);
  cli::SortedRows sorted;
  for (const Row& r : rows) ASSERT_TRUE(sorted.add(r.fire, r.key, r.text));
  EXPECT_EQ(sorted.runs(), 0u);
  EXPECT_EQ(canonical(rows, drained(sorted)), expected_order(rows));
  EXPECT_TRUE(drained(sorted).empty());  // drain forgets
}

constexpr const char* kCappedConfig = R"(timezone: Asia/Shanghai
holidays:
  sets: [cn]
owners:
  - id: zhang
    quiet_hours: "22:00-07:30"
  - id: li
    timezone: Europe/Berlin
rules:
  - id: capped
    match: {}
    cadence: {every: 10d, at_most: 12d}
    max_per_day: 2
  - id: capped-b
    match: {tier: B}
    cadence: {every: 7d}
    business_days: true
    max_per_day: 3
  - id: birthdays
    match: {}
    birthday: {}
    lead: [3d, 0d]
  - id: festivals
    match: {tier: [A, B]}
    holiday: {keys: [spring_festival, new_year]}
    lead: [1d]
)";

// 80 never-touched contacts added over 20 days (due dates spread over days,
// some overdue before the range starts), two owners in two zones.
void load_contacts(const std::string& db) {
  ManualClock clock(*parse_rfc3339("2026-11-20T01:00:00Z"));
  StoreOptions options;
  options.path = db;
  options.clock = &clock;
  auto opened = open_sqlite_store(options);
  ASSERT_TRUE(opened) << opened.error().message();
  for (int i = 0; i < 80; ++i) {
    Contact c;
    c.id = "c" + std::to_string(i);
    c.name = "联系人" + std::to_string(i);
    c.tier = i % 3 == 0 ? "A" : (i % 3 == 1 ? "B" : "C");
    c.owner = i % 4 == 0 ? "li" : "zhang";
    if (i % 5 == 0)
      c.birthday = GregorianBirthday{std::nullopt, 12, static_cast<unsigned>(1 + i % 20)};
    ASSERT_TRUE((*opened)->add_contact(c));
    clock.advance(Duration{6 * 3600});
  }
}

// What the command printed before it streamed: plan_all over the whole data
// set, rendered row by row.
std::string plan_all_output(const std::string& config_path, const std::string& db, bool json) {
  auto loaded = load_config_file(config_path, SubstitutionSource::from_process());
  EXPECT_TRUE(loaded.ok());
  auto rules = RuleSet::compile(*loaded.config).rules;
  EXPECT_TRUE(rules);
  StoreOptions options;
  options.path = db;
  auto opened = open_sqlite_store(options);
  EXPECT_TRUE(opened);
  Dataset data;
  data.accounts = *(*opened)->list_accounts({});
  EXPECT_TRUE((*opened)->for_each_contact([&](const Contact& c, const ContactSummary& s) {
    data.contacts.push_back(c);
    if (s.interaction_count > 0 || s.last_any) data.summaries.push_back(s);
  }));
  const TimeZone zone = *TimeZone::locate("Asia/Shanghai");
  const Instant from = zone.to_instant(
      Date{std::chrono::year{2026}, std::chrono::December, std::chrono::day{20}}, TimeOfDay{0});
  const Instant to = zone.to_instant(
      Date{std::chrono::year{2027}, std::chrono::January, std::chrono::day{11}}, TimeOfDay{0});
  const std::vector<Occurrence> planned = plan_all(*rules, data, from, to);
  std::ostringstream out;
  if (json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const Occurrence& o : planned) {
      arr.push_back({{"fire_at", cli::local_rfc3339(*rules, o, o.fire_at)},
                     {"rule", o.rule},
                     {"kind", to_string(o.kind)},
                     {"subject", o.subject},
                     {"due", format_date(o.due)},
                     {"title", o.title},
                     {"owner", o.owner},
                     {"key", o.key}});
    }
    out << arr.dump(2) << "\n";
    return out.str();
  }
  cli::write_csv_row(out, {"fire_at", "rule", "kind", "subject", "due", "title"});
  for (const Occurrence& o : planned) {
    cli::write_csv_row(out, {cli::local_rfc3339(*rules, o, o.fire_at), o.rule, to_string(o.kind),
                             o.subject, format_date(o.due), o.title});
  }
  return out.str();
}

TEST(ForecastStream, SameRowsAsPlanAllWithTheDailyCapInCsvAndJson) {
  TempDir dir;
  const std::string db = dir.file("capped.db");
  const std::string config = dir.file("capped.yaml");
  std::ofstream(config) << kCappedConfig;
  load_contacts(db);
  if (HasFatalFailure()) return;
  for (const bool json : {false, true}) {
    std::vector<std::string> args = {"--config", config,       "--db", db,          "forecast",
                                     "--from",   "2026-12-20", "--to", "2027-01-10"};
    if (json) {
      args.push_back("--format");
      args.push_back("json");
    }
    const CtlResult r = cadencectl(args);
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string expected = plan_all_output(config, db, json);
    if (!json) {
      // The cap really spread a backlog (more than one day's worth) and
      // dropped some: 80 contacts are overdue (a reminder and its limit),
      // 2 a day per owner (two owners) for about 22 days fit.
      std::size_t capped = 0;
      for (auto at = expected.find(",capped,cadence,"); at != std::string::npos;
           at = expected.find(",capped,cadence,", at + 1)) {
        ++capped;
      }
      EXPECT_GT(capped, 4u);
      EXPECT_LE(capped, 92u);
      EXPECT_NE(expected.find(",festivals,holiday,"), std::string::npos);
    }
    EXPECT_EQ(r.out, expected) << (json ? "json" : "csv");
  }
}

TEST(ForecastStream, EmptyRangeResultInJsonIsAnEmptyArray) {
  TempDir dir;
  const std::string db = dir.file("empty.db");
  const std::string config = dir.file("capped.yaml");
  std::ofstream(config) << kCappedConfig;
  {
    StoreOptions options;
    options.path = db;
    ASSERT_TRUE(open_sqlite_store(options));
  }
  const CtlResult r = cadencectl({"--config", config, "--db", db, "forecast", "--from",
                                  "2027-03-01", "--to", "2027-03-02", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "[]\n");
}

}  // namespace
}  // namespace cadence::testing
