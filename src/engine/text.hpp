// Words of a reminder: titles' common phrases and the details_json object
// that templates and `explain` read. The only engine file that knows JSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cadence/config.hpp"
#include "cadence/model.hpp"

namespace cadence::engine_detail {

// One contact as named in details and titles.
struct ContactRef {
  std::string id;
  std::string name;
  std::string account;  // id
  std::string account_name;
  std::string department;
  std::string title;
};
ContactRef contact_ref(const Contact& contact, const Account* account);

// Fields of details_json; unset ones are left out.
struct DetailFields {
  std::string why;  // one sentence: why this reminder, now
  std::string rule;
  std::string kind;                   // to_string(ReminderKind)
  std::optional<ContactRef> contact;  // flattened: contact, contact_name, account, ...
  std::string account;                // account-level subjects
  std::string account_name;
  std::optional<std::string> last_touch;         // RFC 3339 UTC
  std::optional<long long> last_touch_days_ago;  // at the fire date
  std::optional<long long> target_days;
  std::optional<long long> limit_days;
  std::optional<long long> overdue_days;
  std::optional<long long> lead_days;
  std::optional<long long> years;  // age, or years known
  std::string date_name;           // anniversary: "first_met"
  bool lunar = false;              // lunar birthday
  std::string holiday;             // key
  std::string holiday_name;
  std::vector<ContactRef> contacts;  // holiday: everyone to greet
  std::vector<std::string> quiet_departments;
  std::vector<std::string> covered_departments;
  std::optional<long long> covered;   // coverage: how many departments/contacts touched
  std::optional<long long> required;  // coverage: K
};
std::string details_json(const DetailFields& fields);

// The account id and name recorded in a details_json ("" when none or unparsable).
void account_of_details(const std::string& details_json, std::string* account,
                        std::string* account_name);

// "Name (Account)" / "Name（Account）".
std::string contact_label(Locale locale, const ContactRef& c);
// "today" / "in 3 days (2026-09-25)" / "今天" / "3 天后（2026-09-25）".
std::string relative_day(Locale locale, long long days_ahead, Date due);
// "14d" style in English, "14 天" in Chinese, for whole days; else format_duration.
std::string duration_words(Locale locale, Duration d);

// "cadence", "birthday", ... (the trigger names).
const char* kind_word(ReminderKind k);

inline bool is_en(Locale l) { return l == Locale::kEn; }

}  // namespace cadence::engine_detail
