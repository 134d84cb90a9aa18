// Solar-term dates against the independent reference tests/data/lunar/
// solar_terms.csv (lunar-javascript 1.7.7, Beijing time): all 24 terms of every
// year 1900-2100.
#include <gtest/gtest.h>

#include <string>

#include "cadence/lunar.hpp"
#include "calendar_test_util.hpp"

namespace cadence {
namespace {

TEST(SolarTerms, AllTermsOfEveryYearMatchTheReference) {
  const auto rows = testing::read_reference_csv("tests/data/lunar/solar_terms.csv");
  ASSERT_EQ(rows.size(), 201u * 24u);
  for (const auto& row : rows) {
    const int year = std::stoi(row[0]);
    const auto term = static_cast<SolarTerm>(std::stoul(row[1]));
    auto date = solar_term_date(year, term);
    ASSERT_TRUE(date) << date.error().message();
    EXPECT_EQ(format_date(*date), row[3])
        << year << " " << row[2] << " (reference time " << row[4] << " UTC+8)";
    EXPECT_EQ(std::string(solar_term_name_zh(term)), row[2]);
  }
}

TEST(SolarTerms, KnownDates) {
  // Published (Purple Mountain Observatory / HKO): 清明 2026-04-05, 冬至
  // 2026-12-22, 冬至 2021-12-21, 立春 2025-02-03.
  EXPECT_EQ(format_date(*solar_term_date(2026, SolarTerm::kQingming)), "2026-04-05");
  EXPECT_EQ(format_date(*solar_term_date(2026, SolarTerm::kWinterSolstice)), "2026-12-22");
  EXPECT_EQ(format_date(*solar_term_date(2021, SolarTerm::kWinterSolstice)), "2021-12-21");
  EXPECT_EQ(format_date(*solar_term_date(2025, SolarTerm::kStartOfSpring)), "2025-02-03");
}

TEST(SolarTerms, KeysNamesAndRange) {
  for (unsigned i = 0; i < kSolarTermCount; ++i) {
    const auto term = static_cast<SolarTerm>(i);
    EXPECT_EQ(solar_term_from_key(solar_term_key(term)), term) << solar_term_key(term);
  }
  EXPECT_EQ(solar_term_from_key("qingming"), SolarTerm::kQingming);
  EXPECT_EQ(solar_term_from_key("winter_solstice"), SolarTerm::kWinterSolstice);
  EXPECT_EQ(std::string(solar_term_name_zh(SolarTerm::kQingming)), "清明");
  EXPECT_FALSE(solar_term_from_key("tomb_sweeping"));
  auto out = solar_term_date(2101, SolarTerm::kQingming);
  ASSERT_FALSE(out);
  EXPECT_NE(out.error().message().find("2101"), std::string::npos);
  EXPECT_NE(out.error().message().find("1900..2100"), std::string::npos);
  EXPECT_FALSE(solar_term_date(1899, SolarTerm::kWinterSolstice));
}

}  // namespace
}  // namespace cadence
