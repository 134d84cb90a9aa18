// The built-in holiday sets and their stable keys (DESIGN.md, "Built-in
// holiday keys"). Keys never change once released: rules and scripts use them.
//
// Which holidays are days off (`day_off`, used by BusinessCalendar):
//  - cn: the statutory public holidays of the State Council's 《全国年节及纪念日
//    放假办法》 (as amended 2024, in force 2025): 元旦, 除夕 (added 2025), 春节,
//    清明, 劳动节, 端午, 中秋, 国庆. Only the named day itself is marked; the
//    extra days of a holiday week and the make-up working days (调休) are
//    announced yearly and come from the config (holidays.days_off / workdays).
//    元宵, 七夕, 重阳, 腊八 and 冬至 are greeting occasions, not days off.
//  - us: the US federal holidays in the set (New Year's Day, MLK Day, Memorial
//    Day, Independence Day, Labor Day, Thanksgiving, Christmas). The actual
//    date is marked, not the Friday/Monday "observed" date. Easter, Mother's
//    and Father's Day fall on Sundays and are not days off.
//  - intl: only new_year (Jan 1 is a public holiday almost everywhere);
//    Valentine's Day and Christmas are greeting occasions here (a cn user does
//    not get Christmas off; the us set marks it).
#include <algorithm>
#include <array>

#include "calendar/holiday_definition.hpp"

namespace cadence {
namespace {

using Def = HolidayCalendar::Definition;
using Gregorian = CustomHoliday::Gregorian;
using Lunar = CustomHoliday::Lunar;
using NthWeekday = CustomHoliday::NthWeekday;
using EasterOffset = CustomHoliday::EasterOffset;
using Term = CustomHoliday::SolarTerm;

constexpr unsigned kSunday = 0, kMonday = 1, kThursday = 4;

Def def(const char* key, const char* zh, const char* en, HolidayRule rule, bool day_off) {
  return Def{key, zh, en, rule, day_off};
}

std::vector<Def> make_cn() {
  return {
      def("new_year", "元旦", "New Year's Day", Gregorian{1, 1}, true),
      def("laba", "腊八节", "Laba Festival", Lunar{12, 8, false}, false),
      // 除夕: the last day of lunar month 12, the 29th or the 30th.
      def("new_years_eve", "除夕", "Chinese New Year's Eve", Lunar{12, 30, false}, true),
      def("spring_festival", "春节", "Spring Festival", Lunar{1, 1, false}, true),
      def("lantern", "元宵节", "Lantern Festival", Lunar{1, 15, false}, false),
      def("qingming", "清明节", "Qingming Festival",
          Term{static_cast<unsigned>(SolarTerm::kQingming)}, true),
      def("labour_day", "劳动节", "Labour Day", Gregorian{5, 1}, true),
      def("dragon_boat", "端午节", "Dragon Boat Festival", Lunar{5, 5, false}, true),
      def("qixi", "七夕节", "Qixi Festival", Lunar{7, 7, false}, false),
      def("mid_autumn", "中秋节", "Mid-Autumn Festival", Lunar{8, 15, false}, true),
      def("double_ninth", "重阳节", "Double Ninth Festival", Lunar{9, 9, false}, false),
      def("national_day", "国庆节", "National Day", Gregorian{10, 1}, true),
      def("winter_solstice", "冬至", "Winter Solstice",
          Term{static_cast<unsigned>(SolarTerm::kWinterSolstice)}, false),
  };
}

std::vector<Def> make_us() {
  return {
      def("new_years_day", "元旦", "New Year's Day", Gregorian{1, 1}, true),
      def("mlk_day", "马丁·路德·金纪念日", "Martin Luther King Jr. Day", NthWeekday{1, kMonday, 3},
          true),
      def("easter_sunday", "复活节", "Easter Sunday", EasterOffset{0}, false),
      def("mothers_day", "母亲节", "Mother's Day", NthWeekday{5, kSunday, 2}, false),
      def("memorial_day", "阵亡将士纪念日", "Memorial Day", NthWeekday{5, kMonday, -1}, true),
      def("fathers_day", "父亲节", "Father's Day", NthWeekday{6, kSunday, 3}, false),
      def("independence_day", "美国独立日", "Independence Day", Gregorian{7, 4}, true),
      def("labor_day", "美国劳工节", "Labor Day", NthWeekday{9, kMonday, 1}, true),
      def("thanksgiving", "感恩节", "Thanksgiving Day", NthWeekday{11, kThursday, 4}, true),
      def("christmas", "圣诞节", "Christmas Day", Gregorian{12, 25}, true),
  };
}

std::vector<Def> make_intl() {
  return {
      def("new_year", "元旦", "New Year's Day", Gregorian{1, 1}, true),
      def("valentines_day", "情人节", "Valentine's Day", Gregorian{2, 14}, false),
      def("christmas", "圣诞节", "Christmas Day", Gregorian{12, 25}, false),
  };
}

}  // namespace

const std::vector<std::string>& builtin_holiday_sets() {
  static const std::vector<std::string> sets = {"cn", "us", "intl"};
  return sets;
}

const std::vector<HolidayCalendar::Definition>* builtin_definitions(std::string_view set) {
  static const std::vector<Def> cn = make_cn();
  static const std::vector<Def> us = make_us();
  static const std::vector<Def> intl = make_intl();
  if (set == "cn") return &cn;
  if (set == "us") return &us;
  if (set == "intl") return &intl;
  return nullptr;
}

Result<std::vector<std::string>> builtin_holiday_keys(std::string_view set) {
  const auto* defs = builtin_definitions(set);
  if (defs == nullptr) {
    return Error::invalid_input("unknown holiday set '" + std::string(set) +
                                "' (known sets: cn, us, intl)");
  }
  std::vector<std::string> keys;
  keys.reserve(defs->size());
  for (const auto& d : *defs) keys.push_back(d.key);
  return keys;
}

}  // namespace cadence
