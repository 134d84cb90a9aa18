// The review's HTML in a real browser: Debian's headless Chromium, driven by
// playwright-core (tests/browser/render_check.mjs), renders the hand-built
// data set's review at phone width (390 px) and at desktop width. Asserted:
// nothing is loaded from anywhere (the mail must stand alone), the page does
// not overflow sideways, and every cell bar is drawn with the widths it
// declares (so the bar charts mean what the numbers say).
//
// CADENCE_UPDATE_SCREENSHOTS=1 copies the phone-width screenshot to
// docs/review-phone.png (then look at it before committing it).
#include <gtest/gtest.h>

#include <unistd.h>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "process.hpp"
#include "review_fixture.hpp"

namespace cadence::testing {
namespace {

// `name` on $PATH, as execvp would find it.
std::string find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const std::filesystem::path candidate = std::filesystem::path(dir) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return {};
}

class ReviewBrowser : public ReviewData {
 protected:
  // Renders `html_file` at `width` px; the measurements as JSON.
  nlohmann::json render(const std::string& html_file, int width, const std::string& screenshot) {
    const std::string node = find_program("node");
    EXPECT_FALSE(node.empty()) << "node is not installed (scripts/install-deps.sh installs it)";
    if (node.empty()) return {};
    const ProcessResult r = run_process(node,
                                        {source_path("tests/browser/render_check.mjs"),
                                         "file://" + html_file, std::to_string(width), screenshot},
                                        {}, std::chrono::seconds(120));
    EXPECT_TRUE(r.status.is_exit(0)) << to_string(r.status) << "\n" << r.err;
    if (!r.status.is_exit(0)) return {};
    return nlohmann::json::parse(r.out);
  }

  std::string write_html(const std::string& name, Locale locale) {
    const std::string path = dir_.file(name);
    std::ofstream(path, std::ios::binary) << render_review_html(review(), locale);
    return path;
  }

  static void expect_bars_drawn_as_declared(const nlohmann::json& m) {
    ASSERT_TRUE(m.contains("bars"));
    ASSERT_GE(m["bars"].size(), 5u);  // rhythm, depth per tier, coverage
    for (const auto& bar : m["bars"]) {
      const auto& declared = bar["declared"];
      const auto& rendered = bar["rendered"];
      ASSERT_EQ(declared.size(), rendered.size());
      double sum = 0;
      for (std::size_t i = 0; i < declared.size(); ++i) {
        sum += declared[i].get<double>();
        EXPECT_NEAR(rendered[i].get<double>(), declared[i].get<double>(), 1.0) << bar.dump();
      }
      EXPECT_LE(sum, 100.0) << bar.dump();
    }
  }
};

TEST_F(ReviewBrowser, ChineseReviewFitsAPhoneAndDrawsItsBarsAsDeclared) {
  const std::string html = write_html("review.zh-CN.html", Locale::kZhCN);
  const std::string shot = dir_.file("review-phone.png");
  const nlohmann::json m = render(html, 390, shot);
  ASSERT_FALSE(m.is_null());
  EXPECT_EQ(m["lang"], "zh-CN");
  EXPECT_LE(m["scrollWidth"].get<int>(), m["viewportWidth"].get<int>()) << m.dump();
  EXPECT_TRUE(m["externalRequests"].empty()) << m.dump();
  EXPECT_TRUE(m["failedRequests"].empty()) << m.dump();
  EXPECT_GT(m["textLength"].get<int>(), 500);
  expect_bars_drawn_as_declared(m);
  ASSERT_GT(std::filesystem::file_size(shot), 10'000u);
  const char* update = std::getenv("CADENCE_UPDATE_SCREENSHOTS");
  if (update != nullptr && std::string(update) == "1") {
    std::filesystem::copy_file(shot, source_path("docs/review-phone.png"),
                               std::filesystem::copy_options::overwrite_existing);
  }
}

TEST_F(ReviewBrowser, EnglishReviewAtDesktopWidth) {
  const std::string html = write_html("review.en.html", Locale::kEn);
  const nlohmann::json m = render(html, 1024, dir_.file("review-desktop.png"));
  ASSERT_FALSE(m.is_null());
  EXPECT_EQ(m["lang"], "en");
  EXPECT_LE(m["scrollWidth"].get<int>(), m["viewportWidth"].get<int>()) << m.dump();
  EXPECT_TRUE(m["externalRequests"].empty()) << m.dump();
  expect_bars_drawn_as_declared(m);
}

}  // namespace
}  // namespace cadence::testing
