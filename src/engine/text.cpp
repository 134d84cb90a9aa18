#include "engine/text.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace cadence::engine_detail {

ContactRef contact_ref(const Contact& contact, const Account* account) {
  ContactRef r;
  r.id = contact.id;
  r.name = contact.name.empty() ? contact.id : contact.name;
  r.account = contact.account;
  if (account != nullptr)
    r.account_name = account->name.empty() ? account->id : account->name;
  else
    r.account_name = contact.account;
  r.department = contact.department;
  r.title = contact.title;
  return r;
}

namespace {

void put_contact(nlohmann::json& j, const ContactRef& c, bool prefix) {
  j[prefix ? "contact" : "id"] = c.id;
  j[prefix ? "contact_name" : "name"] = c.name;
  if (!c.account.empty()) {
    j["account"] = c.account;
    j["account_name"] = c.account_name;
  }
  if (!c.department.empty()) j["department"] = c.department;
  if (!c.title.empty()) j["title"] = c.title;
}

template <typename T>
void put_opt(nlohmann::json& j, const char* name, const std::optional<T>& v) {
  if (v) j[name] = *v;
}

}  // namespace

std::string details_json(const DetailFields& f) {
  nlohmann::json j = nlohmann::json::object();
  j["why"] = f.why;
  j["rule"] = f.rule;
  j["kind"] = f.kind;
  if (f.contact) put_contact(j, *f.contact, true);
  if (!f.account.empty()) {
    j["account"] = f.account;
    j["account_name"] = f.account_name;
  }
  put_opt(j, "last_touch", f.last_touch);
  put_opt(j, "last_touch_days_ago", f.last_touch_days_ago);
  put_opt(j, "target_days", f.target_days);
  put_opt(j, "limit_days", f.limit_days);
  put_opt(j, "overdue_days", f.overdue_days);
  put_opt(j, "lead_days", f.lead_days);
  put_opt(j, "years", f.years);
  if (!f.date_name.empty()) j["date_name"] = f.date_name;
  if (f.lunar) j["lunar"] = true;
  if (!f.holiday.empty()) {
    j["holiday"] = f.holiday;
    j["holiday_name"] = f.holiday_name;
  }
  if (!f.contacts.empty()) {
    nlohmann::json list = nlohmann::json::array();
    for (const ContactRef& c : f.contacts) {
      nlohmann::json item = nlohmann::json::object();
      put_contact(item, c, false);
      list.push_back(std::move(item));
    }
    j["contacts"] = std::move(list);
  }
  if (f.covered) {
    j["covered"] = *f.covered;
    j["required"] = f.required.value_or(0);
    j["quiet_departments"] = f.quiet_departments;
    j["covered_departments"] = f.covered_departments;
  }
  return j.dump();
}

void account_of_details(const std::string& details, std::string* account,
                        std::string* account_name) {
  account->clear();
  account_name->clear();
  const nlohmann::json j = nlohmann::json::parse(details, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return;
  if (auto it = j.find("account"); it != j.end() && it->is_string()) *account = *it;
  if (auto it = j.find("account_name"); it != j.end() && it->is_string()) *account_name = *it;
}

std::string contact_label(Locale locale, const ContactRef& c) {
  if (c.account_name.empty()) return c.name;
  return is_en(locale) ? fmt::format("{} ({})", c.name, c.account_name)
                       : fmt::format("{}（{}）", c.name, c.account_name);
}

std::string relative_day(Locale locale, long long days_ahead, Date due) {
  if (days_ahead == 0) return is_en(locale) ? "today" : "今天";
  if (days_ahead == 1) {
    return is_en(locale) ? fmt::format("tomorrow ({})", format_date(due))
                         : fmt::format("明天（{}）", format_date(due));
  }
  if (days_ahead < 0) {
    return is_en(locale) ? fmt::format("{} days ago ({})", -days_ahead, format_date(due))
                         : fmt::format("{} 天前（{}）", -days_ahead, format_date(due));
  }
  return is_en(locale) ? fmt::format("in {} days ({})", days_ahead, format_date(due))
                       : fmt::format("{} 天后（{}）", days_ahead, format_date(due));
}

const char* kind_word(ReminderKind k) {
  switch (k) {
    case ReminderKind::kCadence:
      return "cadence";
    case ReminderKind::kBirthday:
      return "birthday";
    case ReminderKind::kAnniversary:
      return "anniversary";
    case ReminderKind::kHoliday:
      return "holiday";
    case ReminderKind::kDepth:
      return "depth";
    case ReminderKind::kCoverage:
      return "coverage";
    case ReminderKind::kSchedule:
      return "schedule";
    case ReminderKind::kReview:
      return "review";
    case ReminderKind::kDigest:
      return "digest";
  }
  return "unknown";
}

std::string duration_words(Locale locale, Duration d) {
  if (d.count() % 86400 == 0) {
    const long long days = d.count() / 86400;
    return is_en(locale) ? fmt::format("{}d", days) : fmt::format("{} 天", days);
  }
  return format_duration(d);
}

}  // namespace cadence::engine_detail
