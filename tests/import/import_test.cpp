#include <gtest/gtest.h>

#include <algorithm>

#include "cadence/store.hpp"
#include "import/importer.hpp"
#include "temp_dir.hpp"

namespace cadence::import {
namespace {

using cadence::testing::read_file;
using cadence::testing::source_path;
using cadence::testing::TempDir;

std::string data(const std::string& name) { return source_path("tests/data/import/" + name); }

class ImportTest : public ::testing::Test {
 protected:
  std::unique_ptr<Store> open() {
    StoreOptions o;
    o.path = dir_.file("import.db");
    auto s = open_sqlite_store(o);
    EXPECT_TRUE(s) << s.error().message();
    return std::move(s.value());
  }
  ImportReport run(const std::string& file, ImportOptions options = {}) {
    auto r = import_file(*store_, file, options);
    EXPECT_TRUE(r) << r.error().message();
    return r ? *r : ImportReport{};
  }
  std::vector<std::string> problem_lines(const ImportReport& r) {
    std::vector<std::string> out;
    for (const auto& p : r.problems) out.push_back(p.to_string());
    return out;
  }
  TempDir dir_;
  std::unique_ptr<Store> store_ = open();
};

TEST_F(ImportTest, IphoneVcardWithLunarBirthdaysChineseNamesAndAppleQuirks) {
  auto r = run(data("iphone_contacts.vcf"));
  ASSERT_TRUE(r.problems.empty()) << ::testing::PrintToString(problem_lines(r));
  EXPECT_TRUE(r.committed);
  EXPECT_EQ(r.added, 3);
  EXPECT_EQ(r.format, "vcard");

  auto li = store_->get_contact("li-wei-acme-ke-ji-you-xian-gong-si");
  ASSERT_TRUE(li) << li.error().message();
  EXPECT_EQ(li->name, "李伟");
  EXPECT_EQ(li->department, "采购部");
  EXPECT_EQ(li->title, "采购总监");
  EXPECT_EQ(li->account, "acme-ke-ji-you-xian-gong-si");
  EXPECT_EQ(store_->get_account(li->account)->name, "Acme 科技有限公司");
  ASSERT_TRUE(li->birthday);
  EXPECT_EQ(li->birthday->year, 1978);
  ASSERT_TRUE(li->lunar_birthday);
  EXPECT_EQ(li->lunar_birthday->year, 1978);
  EXPECT_EQ(li->lunar_birthday->month, 3u);
  EXPECT_EQ(li->lunar_birthday->day, 28u);
  EXPECT_EQ(li->tags, (std::vector<std::string>{"decision-maker", "golf"}));
  EXPECT_EQ(li->emails, std::vector<std::string>{"li.wei@acme.cn"});
  EXPECT_EQ(li->phones.size(), 2u);
  ASSERT_EQ(li->dates.size(), 1u);
  EXPECT_EQ(li->dates[0].name, "anniversary");
  EXPECT_EQ(format_date(li->dates[0].date), "2019-06-18");
  // The folded NOTE comes back whole.
  EXPECT_NE(li->notes.find("孩子明年高考"), std::string::npos);
  EXPECT_NE(li->notes.find("自动化改造计划。"), std::string::npos);

  auto wang = store_->find_contact("王芳");
  ASSERT_TRUE(wang);
  ASSERT_TRUE(wang->birthday);
  EXPECT_FALSE(wang->birthday->year);  // X-APPLE-OMIT-YEAR=1604
  EXPECT_EQ(wang->birthday->month, 11u);
  EXPECT_EQ(wang->lunar_birthday->year, 1985);

  auto chen = store_->find_contact("陈静");
  ASSERT_TRUE(chen);
  EXPECT_EQ(chen->notes, "Met at the Shanghai expo, introduced by 李伟.\nPrefers WeChat.");
  EXPECT_EQ(chen->lunar_birthday->year, 2020);
}

TEST_F(ImportTest, AndroidVcard21WithQuotedPrintableAndSoftBreaks) {
  auto r = run(data("android_contacts.vcf"));
  ASSERT_TRUE(r.problems.empty()) << ::testing::PrintToString(problem_lines(r));
  EXPECT_EQ(r.added, 2);
  auto zhang = store_->find_contact("张建国");
  ASSERT_TRUE(zhang);
  EXPECT_EQ(zhang->title, "副总经理");
  EXPECT_EQ(zhang->department, "研发中心");
  EXPECT_EQ(zhang->notes, "第一次见面在2018年车展。\n喜欢钓鱼，不喝酒。");
  EXPECT_EQ(zhang->phones, (std::vector<std::string>{"13900001111", "021-5555 0000"}));
  auto john = store_->find_contact("John Smith");
  ASSERT_TRUE(john);
  ASSERT_TRUE(john->birthday);
  EXPECT_FALSE(john->birthday->year);
  EXPECT_EQ(john->birthday->day, 29u);
  EXPECT_EQ(john->department, "Procurement");
}

TEST_F(ImportTest, OutlookCsvExport) {
  auto r = run(data("outlook_contacts.csv"));
  ASSERT_TRUE(r.problems.empty()) << ::testing::PrintToString(problem_lines(r));
  EXPECT_EQ(r.added, 3);
  auto rob = store_->find_contact("Robert J. Miller");
  ASSERT_TRUE(rob);
  EXPECT_EQ(rob->title, "CIO");  // Job Title, not the honorific
  EXPECT_EQ(rob->account, "initech-inc");
  EXPECT_EQ(rob->birthday->year, 1968);
  EXPECT_EQ(rob->birthday->month, 3u);
  EXPECT_EQ(rob->emails.size(), 2u);
  EXPECT_EQ(rob->tags, (std::vector<std::string>{"decision-maker", "golf"}));
  EXPECT_NE(rob->notes.find("\"Star Wars\""), std::string::npos);
  ASSERT_EQ(rob->dates.size(), 1u);
  EXPECT_EQ(format_date(rob->dates[0].date), "2015-06-01");
  auto anna = store_->find_contact("Anna Schmidt");
  ASSERT_TRUE(anna);
  EXPECT_FALSE(anna->birthday);  // Outlook's 0/0/00 means none
  auto liu = store_->find_contact("刘伟");
  ASSERT_TRUE(liu);
  EXPECT_EQ(liu->phones.size(), 2u);
}

TEST_F(ImportTest, Gb18030CsvIsDetectedAndConverted) {
  auto r = run(data("gb18030_contacts.csv"));
  ASSERT_TRUE(r.problems.empty()) << ::testing::PrintToString(problem_lines(r));
  EXPECT_EQ(r.encoding, "gb18030");
  EXPECT_EQ(r.added, 4);
  auto zhao = store_->find_contact("赵敏");
  ASSERT_TRUE(zhao);
  EXPECT_EQ(zhao->account, "zhong-guo-shi-hua");
  EXPECT_EQ(zhao->tags, (std::vector<std::string>{"决策人", "高尔夫"}));
  EXPECT_EQ(zhao->lunar_birthday->month, 8u);
  auto qian = store_->find_contact("钱进");
  ASSERT_TRUE(qian);
  EXPECT_TRUE(qian->lunar_birthday->leap);
  auto sun = store_->find_contact("孙丽");
  EXPECT_EQ(sun->notes, "备注里有逗号, 也有引号\"");
  EXPECT_EQ(sun->lunar_birthday->month, 12u);
  EXPECT_TRUE(store_->find_contact("𠀀先生"));

  ImportOptions forced;
  forced.encoding = Encoding::kUtf8;
  auto wrong = import_file(*store_, data("gb18030_contacts.csv"), forced);
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message().find("invalid UTF-8"), std::string::npos);
}

TEST_F(ImportTest, ReimportingIsIdempotent) {
  for (const char* file : {"iphone_contacts.vcf", "outlook_contacts.csv", "gb18030_contacts.csv",
                           "android_contacts.vcf"}) {
    auto first = run(data(file));
    const auto seq = *store_->change_sequence();
    auto second = run(data(file));
    EXPECT_EQ(second.added, 0) << file;
    EXPECT_EQ(second.updated, 0) << file;
    EXPECT_EQ(second.unchanged, first.added) << file;
    EXPECT_EQ(*store_->change_sequence(), seq) << file << ": nothing was written";
  }
  EXPECT_EQ(store_->list_contacts({})->size(), 12u);
}

TEST_F(ImportTest, BadRowsAreAllReportedAndNothingIsWritten) {
  ImportOptions options;
  options.known_tiers = {"A", "B"};
  const auto seq = *store_->change_sequence();
  auto r = run(data("bad_rows.csv"), options);
  EXPECT_FALSE(r.committed);
  const auto lines = problem_lines(r);
  const std::string file = data("bad_rows.csv");
  const std::vector<std::string> expected_prefixes = {
      file + ":3: birthday: invalid date '2023-02-30': February 2023 has 28 days",
      file + ":4: lunar_birthday: 农历十三月初一: there is no lunar month 13",
      file + ":5: 4 fields, but the header has 6",
      file + ":6: id: duplicate id 'c1' (first on line 2)",
      file + ":7: malformed quoting",
      file + ":8: tier: unknown tier 'Z'",
      file + ":9: malformed quoting: the quoted field opened on line 9 is never closed",
  };
  ASSERT_EQ(lines.size(), expected_prefixes.size()) << ::testing::PrintToString(lines);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i].rfind(expected_prefixes[i], 0), 0u) << lines[i];
  }
  EXPECT_EQ(*store_->change_sequence(), seq);
  EXPECT_TRUE(store_->list_contacts({})->empty());
  EXPECT_TRUE(store_->list_accounts({})->empty());

  options.skip_invalid = true;
  auto partial = run(data("bad_rows.csv"), options);
  EXPECT_TRUE(partial.committed);
  EXPECT_EQ(partial.added, 1);  // c1 only
  EXPECT_EQ(partial.problems.size(), expected_prefixes.size());
  EXPECT_TRUE(store_->get_contact("c1"));
}

TEST_F(ImportTest, BrokenVcardsEmptyAndBinaryFilesAreRejected) {
  auto fold = run(data("broken_fold.vcf"));
  const auto fold_lines = problem_lines(fold);
  ASSERT_EQ(fold_lines.size(), 2u) << ::testing::PrintToString(fold_lines);
  EXPECT_NE(fold_lines[0].find(":5: broken fold"), std::string::npos) << fold_lines[0];
  EXPECT_NE(fold_lines[1].find(":10: not a vCard property"), std::string::npos) << fold_lines[1];

  auto open_card = run(data("unterminated.vcf"));
  const auto open_lines = problem_lines(open_card);
  ASSERT_EQ(open_lines.size(), 1u);
  EXPECT_NE(open_lines[0].find(":5: card has no END:VCARD"), std::string::npos) << open_lines[0];

  auto empty = import_file(*store_, dir_.write("empty.csv", ""), {});
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message().find("empty"), std::string::npos);
  std::string bytes = "\x89PNG\r\n\x1a\n";
  bytes.push_back('\0');
  bytes += "binary";
  auto binary = import_file(*store_, dir_.write("photo.csv", bytes), {});
  ASSERT_FALSE(binary);
  EXPECT_NE(binary.error().message().find("not a text file"), std::string::npos);
  EXPECT_TRUE(store_->list_contacts({})->empty());
}

TEST_F(ImportTest, ConflictPolicies) {
  const auto file = dir_.write("a.csv", "id,name,title\nx1,Alice,CEO\n");
  ASSERT_EQ(run(file).added, 1);
  const auto changed = dir_.write("b.csv", "id,name,title\nx1,Alice,CTO\n");
  ImportOptions skip;
  EXPECT_EQ(run(changed, skip).skipped, 1);
  EXPECT_EQ(store_->get_contact("x1")->title, "CEO");
  ImportOptions fail;
  fail.on_conflict = OnConflict::kFail;
  auto failed = run(changed, fail);
  ASSERT_EQ(failed.problems.size(), 1u);
  EXPECT_FALSE(failed.committed);
  ImportOptions update;
  update.on_conflict = OnConflict::kUpdate;
  update.dry_run = true;
  EXPECT_EQ(run(changed, update).updated, 1);
  EXPECT_EQ(store_->get_contact("x1")->title, "CEO");  // dry run
  update.dry_run = false;
  EXPECT_EQ(run(changed, update).updated, 1);
  EXPECT_EQ(store_->get_contact("x1")->title, "CTO");
}

TEST_F(ImportTest, SameNameAtSameCompanyGetsNumberedIdsInFileOrder) {
  const auto file = dir_.write("dup.csv", "姓名,公司\n王伟,Acme\n王伟,Acme\n王伟,Other\n");
  auto r = run(file);
  EXPECT_EQ(r.added, 3);
  EXPECT_TRUE(store_->get_contact("wang-wei-acme"));
  EXPECT_TRUE(store_->get_contact("wang-wei-acme-2"));
  EXPECT_TRUE(store_->get_contact("wang-wei-other"));
  EXPECT_EQ(run(file).unchanged, 3);
}

}  // namespace
}  // namespace cadence::import
