#include <array>
#include <string>
#include <string_view>

#include "cadence/lunar.hpp"
#include "calendar/lunar_table.hpp"

namespace cadence {
namespace {

struct TermNames {
  const char* key;
  const char* zh;
};

constexpr std::array<TermNames, kSolarTermCount> kTermNames = {{
    {"minor_cold", "小寒"},
    {"major_cold", "大寒"},
    {"start_of_spring", "立春"},
    {"rain_water", "雨水"},
    {"awakening_of_insects", "惊蛰"},
    {"spring_equinox", "春分"},
    {"qingming", "清明"},
    {"grain_rain", "谷雨"},
    {"start_of_summer", "立夏"},
    {"grain_buds", "小满"},
    {"grain_in_ear", "芒种"},
    {"summer_solstice", "夏至"},
    {"minor_heat", "小暑"},
    {"major_heat", "大暑"},
    {"start_of_autumn", "立秋"},
    {"end_of_heat", "处暑"},
    {"white_dew", "白露"},
    {"autumn_equinox", "秋分"},
    {"cold_dew", "寒露"},
    {"frosts_descent", "霜降"},
    {"start_of_winter", "立冬"},
    {"minor_snow", "小雪"},
    {"major_snow", "大雪"},
    {"winter_solstice", "冬至"},
}};

std::size_t term_index(SolarTerm term) { return static_cast<std::size_t>(term); }

}  // namespace

const char* solar_term_key(SolarTerm term) {
  return term_index(term) < kSolarTermCount ? kTermNames[term_index(term)].key : "";
}

const char* solar_term_name_zh(SolarTerm term) {
  return term_index(term) < kSolarTermCount ? kTermNames[term_index(term)].zh : "";
}

std::optional<SolarTerm> solar_term_from_key(std::string_view key) {
  for (unsigned i = 0; i < kSolarTermCount; ++i) {
    if (key == kTermNames[i].key) return static_cast<SolarTerm>(i);
  }
  return std::nullopt;
}

Result<Date> solar_term_date(int year, SolarTerm term) {
  if (year < lunar_table::kFirstYear || year > lunar_table::kLastYear) {
    return Error::invalid_input(
        "solar terms: year " + std::to_string(year) + " is outside the supported range " +
        std::to_string(lunar_table::kFirstYear) + ".." + std::to_string(lunar_table::kLastYear));
  }
  const std::size_t k = term_index(term);
  if (k >= kSolarTermCount) return Error::invalid_input("solar terms: no such term");
  const unsigned day =
      lunar_table::kSolarTermDays[static_cast<std::size_t>(year - lunar_table::kFirstYear)][k];
  return Date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(k / 2 + 1)},
              std::chrono::day{day}};
}

}  // namespace cadence
