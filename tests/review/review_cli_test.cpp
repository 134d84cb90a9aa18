// `cadencectl review` through the real binary on the hand-built data set:
// the text output is compared byte for byte with the reviewed golden files
// tests/data/review/review.zh-CN.txt and review.en.txt.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>

#include "process.hpp"
#include "review_fixture.hpp"

namespace cadence::testing {
namespace {

using ::testing::HasSubstr;

// CADENCE_UPDATE_GOLDEN=1 rewrites the golden files from the current output
// (then review the diff before committing it).
void maybe_update_golden(const std::string& relative, const std::string& text) {
  const char* update = std::getenv("CADENCE_UPDATE_GOLDEN");
  if (update == nullptr || std::string(update) != "1") return;
  std::ofstream(source_path(relative), std::ios::binary) << text;
}

class ReviewCli : public ReviewData {
 protected:
  ProcessResult ctl(std::vector<std::string> args) {
    std::vector<std::string> all = {"--config", config_path_, "--db", db_path_, "review"};
    all.insert(all.end(), args.begin(), args.end());
    return run_process(binary_path("src/cadencectl"), all);
  }
};

TEST_F(ReviewCli, TextMatchesTheGoldenFileInChinese) {
  const ProcessResult r = ctl({"--at", kAt});
  ASSERT_TRUE(r.status.is_exit(0)) << to_string(r.status) << "\n" << r.err;
  maybe_update_golden("tests/data/review/review.zh-CN.txt", r.out);
  EXPECT_EQ(r.out, read_file(source_path("tests/data/review/review.zh-CN.txt")));
}

TEST_F(ReviewCli, TextMatchesTheGoldenFileInEnglish) {
  const ProcessResult r = ctl({"--at", "2027-06-07 09:00", "--lang", "en"});
  ASSERT_TRUE(r.status.is_exit(0)) << to_string(r.status) << "\n" << r.err;
  maybe_update_golden("tests/data/review/review.en.txt", r.out);
  EXPECT_EQ(r.out, read_file(source_path("tests/data/review/review.en.txt")));
}

TEST_F(ReviewCli, OwnerLocaleJsonAndHtml) {
  const ProcessResult en = ctl({"--at", kAt, "--owner", "amy"});  // amy's locale: en
  ASSERT_TRUE(en.status.is_exit(0)) << en.err;
  EXPECT_THAT(en.out, HasSubstr("Relationship review: Amy Lin (amy)"));
  EXPECT_THAT(en.out, ::testing::Not(HasSubstr("Team view")));

  const ProcessResult json = ctl({"--at", kAt, "--format", "json"});
  ASSERT_TRUE(json.status.is_exit(0)) << json.err;
  const auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["owners"].size(), 2u);
  EXPECT_EQ(j["team"]["counts"]["on_rhythm_percent"], 50);

  const ProcessResult html = ctl({"--at", kAt, "--format", "html", "--owner", "zhang"});
  ASSERT_TRUE(html.status.is_exit(0)) << html.err;
  EXPECT_THAT(html.out, HasSubstr("<html lang=\"zh-CN\">"));
  EXPECT_THAT(html.out, HasSubstr("客户关系周报：张伟（zhang）"));
}

TEST_F(ReviewCli, BadInputExitCodes) {
  EXPECT_TRUE(ctl({"--format", "pdf"}).status.is_exit(2));
  EXPECT_TRUE(ctl({"--lang", "fr"}).status.is_exit(2));
  const ProcessResult owner = ctl({"--at", kAt, "--owner", "nobody"});
  EXPECT_TRUE(owner.status.is_exit(1)) << to_string(owner.status);
  EXPECT_THAT(owner.err, HasSubstr("nobody"));
  EXPECT_TRUE(ctl({"--at", "yesterday"}).status.is_exit(1));
}

}  // namespace
}  // namespace cadence::testing
