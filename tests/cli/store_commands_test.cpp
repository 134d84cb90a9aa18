// cadencectl contact/account/touch/interactions/export/import, run in-process
// against real database files, plus the locked-database behaviour.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <sstream>

#include "cli/cli.hpp"
#include "cli_run.hpp"
#include "temp_dir.hpp"

namespace cadence::cli {
namespace {

using cadence::testing::CliRun;
using cadence::testing::run_cli;

using cadence::testing::read_file;
using cadence::testing::source_path;
using cadence::testing::TempDir;

class StoreCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = dir_.write("cadence.yaml",
                         "timezone: Asia/Shanghai\n"
                         "database: " +
                             dir_.file("cadence.db") +
                             "\n"
                             "kinds:\n  visit: deep\n  call: normal\n  like: shallow\n"
                             "rules:\n"
                             "  - id: keep-a\n    match: {tier: A}\n    cadence: {every: 14d}\n"
                             "  - id: keep-b\n    match: {tier: B}\n    cadence: {every: 30d}\n");
  }
  CliRun run(std::vector<std::string> args, const std::string& input = "") {
    args.insert(args.begin(), {"--config", config_});
    return run_cli(args, input);
  }
  TempDir dir_;
  std::string config_;
};

TEST_F(StoreCommandsTest, ContactLifecycleWithChineseNames) {
  auto acct = run({"account", "add", "Acme 科技", "--id", "acme", "--tier", "A"});
  ASSERT_EQ(acct.code, 0) << acct.err;
  auto add = run({"contact", "add", "李伟", "--account", "acme", "--tier", "A", "--tag",
                  "decision-maker", "--lunar-birthday", "八月十五", "--birthday=--02-29"});
  ASSERT_EQ(add.code, 0) << add.err;
  EXPECT_EQ(add.out, "added contact li-wei (李伟)\n");
  ASSERT_EQ(run({"contact", "add", "王芳", "--tier", "B"}).code, 0);
  ASSERT_EQ(run({"contact", "add", "陈静"}).code, 0);

  auto list = run({"contact", "list", "--format", "csv"});
  ASSERT_EQ(list.code, 0) << list.err;
  EXPECT_EQ(list.out.substr(0, list.out.find('\n')),
            "id,name,account,department,title,tier,owner,tags");
  // Pinyin order: Chen, Li, Wang.
  EXPECT_LT(list.out.find("陈静"), list.out.find("李伟"));
  EXPECT_LT(list.out.find("李伟"), list.out.find("王芳"));

  auto tier_a = run({"contact", "list", "--tier", "A", "--format", "json"});
  ASSERT_EQ(tier_a.code, 0);
  EXPECT_NE(tier_a.out.find("\"lunar_birthday\": \"08-15\""), std::string::npos) << tier_a.out;
  EXPECT_EQ(tier_a.out.find("王芳"), std::string::npos);

  auto edit = run({"contact", "edit", "李伟", "--title", "总监", "--add-tag", "golf"});
  ASSERT_EQ(edit.code, 0) << edit.err;
  auto show = run({"contact", "show", "li-wei"});
  EXPECT_NE(show.out.find("title: 总监"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("tags: decision-maker, golf"), std::string::npos) << show.out;

  auto bad_tier = run({"contact", "add", "赵敏", "--tier", "Z"});
  EXPECT_EQ(bad_tier.code, 1);
  EXPECT_NE(bad_tier.err.find("unknown tier"), std::string::npos);
  auto bad_date = run({"contact", "add", "赵敏", "--birthday", "2023-02-30"});
  EXPECT_EQ(bad_date.code, 1);
  auto blocked = run({"account", "rm", "acme"});
  EXPECT_EQ(blocked.code, 1);
  EXPECT_NE(blocked.err.find("still has 1 contact"), std::string::npos) << blocked.err;
  EXPECT_EQ(run({"contact", "rm", "李伟"}).code, 0);
  EXPECT_EQ(run({"account", "rm", "acme"}).code, 0);
  EXPECT_EQ(run({"contact", "show", "li-wei"}).code, 1);
}

TEST_F(StoreCommandsTest, TouchTakesDepthFromTheKindAndLocalTimeFromTheConfigZone) {
  ASSERT_EQ(run({"contact", "add", "李伟"}).code, 0);
  auto touch =
      run({"touch", "李伟", "--kind", "visit", "--at", "2026-11-27 10:00", "--note", "谈了新工厂"});
  ASSERT_EQ(touch.code, 0) << touch.err;
  EXPECT_EQ(touch.out, "touched 李伟 (li-wei): visit (deep) at 2026-11-27T10:00:00+08:00\n");
  ASSERT_EQ(run({"touch", "li-wei", "--kind", "like", "--at", "2026-11-28T01:00:00Z"}).code, 0);

  auto show = run({"contact", "show", "li-wei", "--format", "json"});
  EXPECT_NE(show.out.find("\"last_deep\": \"2026-11-27T02:00:00Z\""), std::string::npos)
      << show.out;
  EXPECT_NE(show.out.find("\"last_any\": \"2026-11-28T01:00:00Z\""), std::string::npos);
  EXPECT_NE(show.out.find("\"interaction_count\": 2"), std::string::npos);

  auto list = run({"interactions", "李伟", "--format", "csv"});
  ASSERT_EQ(list.code, 0) << list.err;
  EXPECT_EQ(list.out,
            "at,contact,kind,depth,note\n"
            "2026-11-28T01:00:00Z,li-wei,like,shallow,\n"
            "2026-11-27T02:00:00Z,li-wei,visit,deep,谈了新工厂\n");

  auto unknown = run({"touch", "李伟", "--kind", "dinner"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("unknown kind"), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.err.find("visit"), std::string::npos);
  EXPECT_EQ(run({"touch", "李伟", "--kind", "call", "--at", "yesterday"}).code, 1);
  EXPECT_EQ(run({"touch", "李伟"}).code, 2);  // --kind is required: usage
}

TEST_F(StoreCommandsTest, AmbiguousNamesListTheCandidates) {
  ASSERT_EQ(run({"contact", "add", "王伟", "--id", "wang-wei-acme"}).code, 0);
  ASSERT_EQ(run({"contact", "add", "王伟", "--id", "wang-wei-globex"}).code, 0);
  auto r = run({"touch", "王伟", "--kind", "call"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("wang-wei-acme"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("wang-wei-globex"), std::string::npos) << r.err;
  EXPECT_EQ(run({"touch", "wang-wei-acme", "--kind", "call"}).code, 0);
}

TEST_F(StoreCommandsTest, ExportThenImportReproducesTheSameContacts) {
  auto imported = run({"import", source_path("tests/data/import/iphone_contacts.vcf")});
  ASSERT_EQ(imported.code, 0) << imported.err;
  ASSERT_EQ(run({"import", source_path("tests/data/import/gb18030_contacts.csv")}).code, 0);
  ASSERT_EQ(run({"contact", "add", "Mary", "--date", "first_met=2020-01-02", "--email", "m@x.io",
                 "--email", "mary@y.io", "--notes", "line1\nline2, \"quoted\""})
                .code,
            0);
  ASSERT_EQ(run({"contact", "edit", "Mary", "--archive"}).code, 0);
  auto exported = run({"export", "--format", "csv"});
  ASSERT_EQ(exported.code, 0) << exported.err;
  const auto csv = dir_.write("export.csv", exported.out);
  auto before = run({"export", "--format", "json"});

  // Into a fresh database: the same contacts come back, field for field.
  const std::string fresh = dir_.file("fresh.db");
  auto again = run({"--db", fresh, "import", csv});
  ASSERT_EQ(again.code, 0) << again.err;
  auto after = run({"--db", fresh, "export", "--format", "csv"});
  EXPECT_EQ(after.out, exported.out);
  auto reimport = run({"--db", fresh, "import", csv});
  EXPECT_NE(reimport.out.find("0 new, 0 updated, 8 unchanged"), std::string::npos) << reimport.out;
}

TEST_F(StoreCommandsTest, ImportWithBadRowsExitsOneAndWritesNothing) {
  auto r = run({"import", source_path("tests/data/import/bad_rows.csv")});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("bad_rows.csv:3: birthday: invalid date '2023-02-30'"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("bad_rows.csv:8: tier: unknown tier 'Z'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing was imported"), std::string::npos);
  auto list = run({"contact", "list", "--format", "json"});
  EXPECT_EQ(list.out, "[]\n");
  auto dry = run({"import", source_path("tests/data/import/outlook_contacts.csv"), "--dry-run"});
  EXPECT_EQ(dry.code, 0) << dry.err;
  EXPECT_NE(dry.out.find("would import 3 new"), std::string::npos) << dry.out;
  EXPECT_EQ(run({"contact", "list", "--format", "json"}).out, "[]\n");
  EXPECT_EQ(run({"import", dir_.write("empty.csv", "")}).code, 1);
}

// Everything a failed command could have touched, read behind the CLI's back.
std::string database_snapshot(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  std::string out;
  for (const char* sql :
       {"SELECT seq FROM change_counter", "SELECT count(*) FROM contacts",
        "SELECT count(*) FROM accounts", "SELECT count(*) FROM interactions",
        "SELECT count(*) FROM contact_summary", "SELECT count(*) FROM changes",
        "SELECT group_concat(id || '|' || name || '|' || updated_at, ';') FROM contacts"}) {
    out += db.execAndGet(sql).getString() + "\n";
  }
  return out;
}

// The "Bad input" list, through cadencectl: every problem reported as
// file:line: field: problem (file-level ones once), exit 1, database unchanged.
TEST_F(StoreCommandsTest, BadInputExitsOneWithPreciseErrorsAndLeavesTheDatabaseUnchanged) {
  ASSERT_EQ(run({"import", source_path("tests/data/import/outlook_contacts.csv")}).code, 0);
  ASSERT_EQ(run({"touch", "Anna Schmidt", "--kind", "call", "--at", "2026-11-01 09:00"}).code, 0);
  const std::string db = dir_.file("cadence.db");
  const std::string before = database_snapshot(db);

  struct Case {
    std::string file;
    std::vector<std::string> expected;  // lines of stderr, in order
  };
  const std::string bad_rows = source_path("tests/data/import/bad_rows.csv");
  const std::string fold = source_path("tests/data/import/broken_fold.vcf");
  const std::string open_card = source_path("tests/data/import/unterminated.vcf");
  std::string binary = "BEGIN:VCARD\r\nPHOTO:\x89PNG";
  binary.push_back('\0');
  const std::vector<Case> cases = {
      {bad_rows,
       {bad_rows + ":3: birthday: invalid date '2023-02-30': February 2023 has 28 days",
        bad_rows + ":4: lunar_birthday: 农历十三月初一: there is no lunar month 13",
        bad_rows + ":5: 4 fields, but the header has 6",
        bad_rows + ":6: id: duplicate id 'c1' (first on line 2)",
        bad_rows + ":7: malformed quoting: text after the closing quote of field 2",
        bad_rows + ":8: tier: unknown tier 'Z' (the config's rules use: A, B)",
        bad_rows + ":9: malformed quoting: the quoted field opened on line 9 is never closed",
        "cadencectl: 7 problem(s) in " + bad_rows + "; nothing was imported"}},
      {fold,
       {fold + ":5: broken fold: a continuation line", fold + ":10: not a vCard property",
        "cadencectl: 2 problem(s) in " + fold}},
      {open_card,
       {open_card + ":5: card has no END:VCARD (unterminated card)",
        "cadencectl: 1 problem(s) in " + open_card}},
      {dir_.write("photo.vcf", binary),
       {"cadencectl: " + dir_.file("photo.vcf") +
        ": not a text file (binary byte 0x00 at offset 23)"}},
      {dir_.write("empty.csv", ""),
       {"cadencectl: " + dir_.file("empty.csv") + ": the file is empty"}},
      {dir_.write("blank.vcf", "\r\n \n"),
       {"cadencectl: " + dir_.file("blank.vcf") + ": the file is empty"}},
  };
  for (const auto& c : cases) {
    for (bool dry_run : {false, true}) {
      std::vector<std::string> args = {"import", c.file};
      if (dry_run) args.push_back("--dry-run");
      auto r = run(args);
      EXPECT_EQ(r.code, 1) << c.file << "\n" << r.err;
      std::istringstream lines(r.err);
      std::vector<std::string> got;
      for (std::string line; std::getline(lines, line);) {
        if (line.rfind("warning: ", 0) != 0) got.push_back(line);
      }
      ASSERT_EQ(got.size(), c.expected.size()) << r.err;
      for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].rfind(c.expected[i], 0), 0u)
            << "got:      " << got[i] << "\nexpected: " << c.expected[i];
      }
      EXPECT_EQ(r.out, "");
      EXPECT_EQ(database_snapshot(db), before) << c.file;
    }
  }

  // The same checks on the other ways in: an unknown kind or tier, an impossible
  // date, a lunar month 13.
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"touch", "Anna Schmidt", "--kind", "dinner"},
        {"contact", "add", "赵敏", "--tier", "Z"},
        {"contact", "add", "赵敏", "--birthday", "2023-02-30"},
        {"contact", "add", "赵敏", "--lunar-birthday", "农历十三月初一"},
        {"contact", "edit", "Anna Schmidt", "--birthday", "2023-02-30"}}) {
    auto r = run(args);
    EXPECT_EQ(r.code, 1) << args[0] << " " << args[1] << ": " << r.err;
    EXPECT_EQ(database_snapshot(db), before) << args[0] << " " << args[1];
  }
}

TEST_F(StoreCommandsTest, WritesProceedWhileAReaderHoldsATransaction) {
  ASSERT_EQ(run({"contact", "add", "李伟"}).code, 0);
  SQLite::Database reader(dir_.file("cadence.db"), SQLite::OPEN_READONLY);
  reader.exec("BEGIN");
  EXPECT_EQ(reader.execAndGet("SELECT count(*) FROM interactions").getInt(), 0);
  auto touch = run({"touch", "李伟", "--kind", "call"});
  EXPECT_EQ(touch.code, 0) << touch.err;
  EXPECT_EQ(reader.execAndGet("SELECT count(*) FROM interactions").getInt(), 0);
  reader.exec("COMMIT");
  EXPECT_EQ(reader.execAndGet("SELECT count(*) FROM interactions").getInt(), 1);
}

TEST_F(StoreCommandsTest, DatabaseLockedPastTheTimeoutExitsThreeAndWritesNothing) {
  ASSERT_EQ(run({"contact", "add", "李伟"}).code, 0);
  SQLite::Database locker(dir_.file("cadence.db"), SQLite::OPEN_READWRITE);
  locker.exec("BEGIN IMMEDIATE");  // held longer than the CLI's 5 s busy timeout
  auto touch = run({"touch", "李伟", "--kind", "call"});
  EXPECT_EQ(touch.code, 3);
  EXPECT_NE(touch.err.find("database is locked"), std::string::npos) << touch.err;
  auto imported = run({"import", source_path("tests/data/import/outlook_contacts.csv")});
  EXPECT_EQ(imported.code, 3) << imported.err;
  locker.exec("ROLLBACK");
  SQLite::Database check(dir_.file("cadence.db"), SQLite::OPEN_READONLY);
  EXPECT_EQ(check.execAndGet("SELECT count(*) FROM interactions").getInt(), 0);
  EXPECT_EQ(check.execAndGet("SELECT count(*) FROM contacts").getInt(), 1);
  EXPECT_EQ(check.execAndGet("SELECT count(*) FROM contact_summary").getInt(), 0);
}

}  // namespace
}  // namespace cadence::cli
