// Parsing of field values shared by the CSV and vCard importers, and their
// canonical spelling (used by export, so export -> import round-trips).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cadence/model.hpp"

namespace cadence::import {

// Gregorian birthday: "1984-08-15", "19840815", "1984/8/15", "1984年8月15日",
// "--08-15", "--0815", "08-15", "8月15日", "8/15/1984" (US, as Outlook writes),
// an ISO date-time (the date part counts). Errors say why ("2023-02-30:
// February 2023 has 28 days").
Result<GregorianBirthday> parse_birthday(std::string_view text);
std::string format_birthday(const GregorianBirthday& b);  // "1984-08-15" | "--08-15"

// Lunar birthday: "[YYYY-][L]MM-DD" ("1984-08-15", "L04-15", "2020-L04-15") or
// Chinese ("八月十五", "闰四月初八", "农历1984年腊月廿三", "正月初一"). Month 1-12,
// day 1-30; with a year, the date must exist in that lunar year (a leap month
// only in a year that has it) — checked with cadence::from_lunar.
Result<LunarBirthday> parse_lunar_birthday(std::string_view text);
std::string format_lunar_birthday(const LunarBirthday& b);  // "[YYYY-][L]MM-DD"

// Apple's X-ALTBDAY;CALSCALE=chinese value: CCCCYYYYMMDD (sexagenary cycle,
// year in cycle, month, day; cycle 78 year 1 = 1984). A leap month is accepted
// with an 'L' before or after the month digits.
Result<LunarBirthday> parse_apple_lunar(std::string_view text);

// "first_met=2019-05-01; contract_signed=2020-01-01".
Result<std::vector<ContactDate>> parse_dates(std::string_view text);
std::string format_dates(const std::vector<ContactDate>& dates);

// Splits a list cell on ; , ， 、 ； and trims each item; empty items dropped.
std::vector<std::string> split_list(std::string_view text);

std::string trim(std::string_view text);

}  // namespace cadence::import
