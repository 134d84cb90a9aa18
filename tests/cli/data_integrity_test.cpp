// What cadencectl accepts it keeps right: a touch in the future or before 1900
// is refused (with a manual clock), contact fields an import would read back
// differently are refused, and an export of whatever the CLI accepted
// re-imports to the same contacts (a randomized round trip through every way
// in: contact add, contact edit, CSV and vCard import).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "cadence/clock.hpp"
#include "cli_run.hpp"
#include "temp_dir.hpp"
#include "test_time.hpp"

namespace cadence::cli {
namespace {

using cadence::testing::CliRun;
using cadence::testing::kTestStart;
using cadence::testing::run_cli;
using cadence::testing::TempDir;

class DataIntegrityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ =
        dir_.write("cadence.yaml",
                   "timezone: Asia/Shanghai\nlocale: en\ndatabase: " + dir_.file("cadence.db") +
                       "\nowners:\n  - id: zhang\n    channels: [console]\n"
                       "channels:\n  - id: console\n    type: console\n"
                       "kinds:\n  visit: deep\n  call: normal\n"
                       "rules:\n  - id: keep\n    match: {}\n    cadence: {every: 14d}\n");
  }
  CliRun run(std::vector<std::string> args, const std::string& db = "") {
    std::vector<std::string> all = {"--config", config_};
    if (!db.empty()) all.insert(all.end(), {"--db", db});
    all.insert(all.end(), args.begin(), args.end());
    return run_cli(all, "", &clock_);
  }
  int touches(const std::string& who) {
    auto r = run({"interactions", who, "--format", "csv"});
    int lines = 0;
    for (char c : r.out) lines += c == '\n';
    return lines - 1;  // the header
  }

  TempDir dir_;
  std::string config_;
  ManualClock clock_{kTestStart};
};

TEST_F(DataIntegrityTest, ATouchInTheFutureOrBefore1900IsRefusedAndNothingLogged) {
  ASSERT_EQ(run({"contact", "add", "李伟"}).code, 0);
  for (const char* at : {"2999-01-01T00:00:00Z", "2027-01-15T08:10:01Z", "1850-01-01T00:00:00Z",
                         "0001-01-01T00:00:00Z"}) {
    auto r = run({"touch", "li-wei", "--kind", "visit", "--at", at});
    EXPECT_EQ(r.code, 1) << at;
    EXPECT_NE(r.err.find("--at: "), std::string::npos) << r.err;
  }
  EXPECT_EQ(touches("li-wei"), 0);
  // The manual clock is now: ten minutes ahead is still clock skew.
  auto ok = run({"touch", "li-wei", "--kind", "visit", "--at", "2027-01-15T08:10:00Z"});
  EXPECT_EQ(ok.code, 0) << ok.err;
  auto now = run({"touch", "li-wei", "--kind", "call"});
  EXPECT_EQ(now.code, 0) << now.err;
  EXPECT_NE(now.out.find("2027-01-15T16:00:00+08:00"), std::string::npos) << now.out;
  EXPECT_EQ(touches("li-wei"), 2);
}

TEST_F(DataIntegrityTest, ContactFieldsAnImportWouldReadBackDifferentlyAreRefused) {
  const std::vector<std::vector<std::string>> refused = {
      {"contact", "add", "\x1b[31mred"},
      {"contact", "add", "   "},
      {"contact", "add", "Mary", "--email", "not an email"},
      {"contact", "add", "Mary", "--tag", "a,b"},
      {"contact", "add", "Mary", "--phone", "1;2"},
      {"contact", "add", "Mary", "--notes", "bell\x07"},
      {"contact", "add", "Mary", "--title", "line\nbreak"},
  };
  for (const auto& args : refused) {
    auto r = run(args);
    EXPECT_EQ(r.code, 1) << args.back() << ": " << r.out;
    EXPECT_NE(r.err.find("cadencectl: "), std::string::npos);
  }
  auto list = run({"contact", "list", "--format", "csv"});
  EXPECT_EQ(list.out, "id,name,account,department,title,tier,owner,tags\n");
  auto tag = run({"contact", "add", "Mary", "--tag", "a,b"});
  EXPECT_NE(tag.err.find("--tag: 'a,b' holds ','"), std::string::npos) << tag.err;
  ASSERT_EQ(run({"contact", "add", "Mary"}).code, 0);
  auto edit = run({"contact", "edit", "mary", "--name", "\x07"});
  EXPECT_EQ(edit.code, 1);
  EXPECT_NE(edit.err.find("--name: control character U+0007"), std::string::npos) << edit.err;
}

TEST_F(DataIntegrityTest, StoredControlCharactersAreEscapedOnATerminal) {
  // An older database may hold them: written past the checks, straight to SQLite.
  ASSERT_EQ(run({"contact", "add", "Mary", "--notes", "first"}).code, 0);
  auto store = open_sqlite_store(StoreOptions{dir_.file("cadence.db")});
  ASSERT_TRUE(store);
  auto mary = (*store)->get_contact("mary");
  ASSERT_TRUE(mary);
  mary->name = "Mary\x1b[2J";
  mary->notes = "one\ntwo\x07";
  ASSERT_TRUE((*store)->update_contact(*mary));
  store->reset();
  auto show = run({"contact", "show", "mary"});
  EXPECT_EQ(show.out.find('\x1b'), std::string::npos);
  EXPECT_NE(show.out.find("name: Mary\\x1b[2J"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("notes: one\ntwo\\x07"), std::string::npos) << show.out;
  auto list = run({"contact", "list"});
  EXPECT_EQ(list.out.find('\x1b'), std::string::npos) << list.out;
}

// ---- the round trip

// Text drawn from what people type and phones export: CJK, Latin with
// accents, quotes, commas and semicolons in one-line fields (not in list
// items), spaces at the ends, emoji, and (in notes) line breaks and tabs.
class TextSource {
 public:
  explicit TextSource(unsigned seed) : rng_(seed) {}
  std::string one_line(bool allow_separators) {
    static const std::vector<std::string> pieces = {"李", "伟",     "王",    "芳", "Anna", "Bö",
                                                    "é",  "O'Neil", "\"Q\"", " ",  "-",    "😀",
                                                    "𠀀", "Co.",    "(CN)",  "x",  "42",   "·"};
    static const std::vector<std::string> separators = {",", ";", "，", "、"};
    std::string s;
    const int n = 1 + pick(5);
    for (int i = 0; i < n; ++i) {
      s += allow_separators && pick(6) == 0 ? separators[static_cast<std::size_t>(pick(4))]
                                            : pieces[static_cast<std::size_t>(pick(18))];
    }
    if (pick(4) == 0) s = " " + s + " ";
    return s;
  }
  std::string note() {
    std::string s = one_line(true);
    if (pick(2) == 0) s += "\n" + one_line(true);
    if (pick(3) == 0) s += "\t" + one_line(true);
    if (pick(4) == 0) s += "\r\n" + one_line(false);
    return s;
  }
  std::string email() {
    return "u" + std::to_string(pick(1000)) + "@acme" + std::to_string(pick(9)) + ".cn";
  }
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

 private:
  std::mt19937 rng_;
};

TEST_F(DataIntegrityTest, AnExportOfWhatEveryWayInAcceptedReimportsToTheSameContacts) {
  TextSource text(20271215);
  int accepted = 0, refused = 0;
  for (int i = 0; i < 60; ++i) {
    // Values may begin with '-': "--option=value" keeps them values, as a user
    // would have to write them. A name beginning with '-' would need "--", which
    // CLI11 does not honour after a repeatable option: such names are not drawn.
    std::string name = text.one_line(true);
    if (name.front() == '-') name.insert(0, "N");
    std::vector<std::string> args = {"contact", "add"};
    if (text.pick(2)) args.push_back("--title=" + text.one_line(true));
    if (text.pick(2)) args.push_back("--department=" + text.one_line(true));
    if (text.pick(2)) args.push_back("--tag=" + text.one_line(text.pick(3) == 0));
    if (text.pick(2)) args.push_back("--email=" + text.email());
    if (text.pick(3) == 0) args.push_back("--email=" + text.one_line(false));
    if (text.pick(2)) args.push_back("--phone=+86 138 " + std::to_string(i));
    if (text.pick(2)) args.push_back("--notes=" + text.note());
    if (text.pick(3) == 0) args.push_back("--birthday=--05-0" + std::to_string(1 + i % 9));
    args.insert(args.begin() + 2, name);
    auto r = run(args);
    ASSERT_TRUE(r.code == 0 || r.code == 1) << ::testing::PrintToString(args) << ": " << r.err;
    (r.code == 0 ? accepted : refused)++;
    if (r.code == 0 && text.pick(3) == 0) {
      const std::string id =
          r.out.substr(14, r.out.find(' ', 14) - 14);  // "added contact ID (...)"
      auto e = run(
          {"contact", "edit", id, "--notes=" + text.note(), "--add-tag=" + text.one_line(false)});
      ASSERT_TRUE(e.code == 0 || e.code == 1) << e.err;
    }
  }
  // The other ways in: a CSV file and a vCard with the same kind of text.
  const auto quoted = [](const std::string& field) {  // RFC 4180: quotes doubled
    std::string q = "\"";
    for (char ch : field) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return q + "\"";
  };
  std::string csv = "name,title,tags,notes\n";
  for (int i = 0; i < 10; ++i) {
    csv += quoted("csv " + std::to_string(i) + text.one_line(false)) + "," +
           quoted(text.one_line(true)) + "," + quoted(text.one_line(false)) + "," +
           quoted(text.note()) + "\n";
  }
  auto from_csv = run({"import", dir_.write("more.csv", csv)});
  EXPECT_EQ(from_csv.code, 0) << from_csv.out << from_csv.err;
  std::string vcf;
  for (int i = 0; i < 10; ++i) {
    vcf += "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:vcard " + std::to_string(i) + text.one_line(false) +
           "\r\nTITLE:" + text.one_line(false) + "\r\nNOTE:" + text.one_line(false) +
           "\r\nEND:VCARD\r\n";
  }
  auto from_vcf = run({"import", dir_.write("more.vcf", vcf)});
  EXPECT_EQ(from_vcf.code, 0) << from_vcf.out << from_vcf.err;
  EXPECT_GT(accepted, 20);
  EXPECT_GT(refused, 0);  // the draw does reach the refusals

  auto exported = run({"export", "--format", "csv"});
  ASSERT_EQ(exported.code, 0) << exported.err;
  const std::string file = dir_.write("export.csv", exported.out);
  const std::string fresh = dir_.file("fresh.db");
  auto again = run({"import", file}, fresh);
  ASSERT_EQ(again.code, 0) << again.out << again.err;
  auto after = run({"export", "--format", "csv"}, fresh);
  EXPECT_EQ(after.out, exported.out);
}

}  // namespace
}  // namespace cadence::cli
