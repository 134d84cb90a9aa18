// The built-in wording. Data fields (all optional; see docs/CHANNELS.md):
// contact, account, department, job_title, days_since_touch, target_days,
// years_known, last_deep, occasion, lunar, age, reason, draft, accounts (digest),
// contact_list/contact_count (a grouped holiday greeting: no single contact, so
// greeting_name is empty and the draft leaves the name to the salesperson).
// The draft greetings are starting points for the salesperson to make their
// own: cadence never messages the customer.
#include "delivery/templates.hpp"

namespace cadence::delivery {
namespace {

// Shared tail: the relationship context, when known.
constexpr const char* kContextZh =
    "{{#has_context}}\n关系：{{#account}}{{account}}{{/account}}{{#department}} · {{department}}"
    "{{/department}}{{#job_title}} · {{job_title}}{{/job_title}}{{#years_known}}；相识 "
    "{{years_known}} 年{{/years_known}}{{#last_deep}}；上次深入交流：{{last_deep}}{{/last_deep}}"
    "{{/has_context}}";
constexpr const char* kContextEn =
    "{{#has_context}}\nContext: {{#account}}{{account}}{{/account}}{{#department}} · "
    "{{department}}{{/department}}{{#job_title}} · {{job_title}}{{/job_title}}{{#years_known}}; "
    "known {{years_known}} years{{/years_known}}{{#last_deep}}; last deep conversation "
    "{{last_deep}}{{/last_deep}}{{/has_context}}";

std::string zh(const std::string& body) { return body + kContextZh; }
std::string en(const std::string& body) { return body + kContextEn; }

}  // namespace

TemplatePair builtin_template(ReminderKind kind, Locale locale) {
  const bool cn = locale == Locale::kZhCN;
  switch (kind) {
    case ReminderKind::kCadence:
      if (cn) {
        return {
            "联系提醒：{{who}}",
            zh("为什么是现在：{{#days_since_touch}}距上次联系已 {{days_since_touch}} 天"
               "{{#target_days}}（目标 {{target_days}} 天）{{/target_days}}{{/days_since_touch}}"
               "{{^days_since_touch}}还没有联系记录{{/days_since_touch}}。"
               "{{#reason}}\n{{reason}}{{/reason}}")};
      }
      return {"Keep in touch: {{who}}",
              en("Why now: {{#days_since_touch}}last touch {{days_since_touch}} days ago"
                 "{{#target_days}}, target {{target_days}} d{{/target_days}}{{/days_since_touch}}"
                 "{{^days_since_touch}}no touch recorded yet{{/days_since_touch}}."
                 "{{#reason}}\n{{reason}}{{/reason}}")};
    case ReminderKind::kDepth:
      if (cn) {
        return {
            "深入交流提醒：{{who}}",
            zh("为什么是现在：{{#last_deep_days}}上次深入交流（拜访、用餐、咨询）已是 "
               "{{last_deep_days}} 天前{{/last_deep_days}}{{^last_deep_days}}还没有深入交流记录"
               "{{/last_deep_days}}{{#target_days}}（目标 {{target_days}} 天）{{/target_days}}。"
               "消息和点赞不算在内。")};
      }
      return {"Time for a real conversation: {{who}}",
              en("Why now: {{#last_deep_days}}last deep conversation (visit, meal, consult) "
                 "{{last_deep_days}} days ago{{/last_deep_days}}{{^last_deep_days}}no deep "
                 "conversation recorded yet{{/last_deep_days}}{{#target_days}}, target "
                 "{{target_days}} d{{/target_days}}. Messages and likes do not count.")};
    case ReminderKind::kBirthday:
      if (cn) {
        return {
            "{{who}} {{#is_today}}今天{{/is_today}}{{^is_today}}{{due}}{{/is_today}}"
            "{{#lunar}}农历{{/lunar}}生日",
            zh("{{who}} 的{{#lunar}}农历{{/lunar}}生日{{#is_today}}就是今天{{/is_today}}"
               "{{^is_today}}在 {{due}}{{/is_today}}{{#age}}，{{age}} 岁{{/age}}。\n"
               "祝福草稿（请按你们的关系改写后亲自发送）：\n"
               "「{{#greeting_name}}{{greeting_name}}，{{/"
               "greeting_name}}生日快乐！{{#draft}}{{draft}}{{/draft}}"
               "{{^draft}}祝新的一岁身体健康、工作顺利，期待很快再见面聊聊。{{/draft}}」")};
      }
      return {
          "{{who}}'s birthday {{#is_today}}today{{/is_today}}{{^is_today}}on "
          "{{due}}{{/is_today}}",
          en("{{who}}'s {{#lunar}}lunar {{/lunar}}birthday is {{#is_today}}today{{/is_today}}"
             "{{^is_today}}on {{due}}{{/is_today}}{{#age}} ({{age}}){{/age}}.\n"
             "Draft greeting (make it yours and send it yourself):\n"
             "\"Happy birthday{{#greeting_name}}, {{greeting_name}}{{/greeting_name}}! "
             "{{#draft}}{{draft}}{{/draft}}{{^draft}}"
             "Wishing you a great year ahead; let's catch up soon.{{/draft}}\"")};
    case ReminderKind::kHoliday:
      if (cn) {
        return {
            "{{occasion}}问候：{{who}}",
            zh("{{occasion}}在 {{due}}。{{#contact_count}}\n要问候的 {{contact_count}} 位联系人："
               "{{#contact_list}}\n- {{label}}{{/contact_list}}{{/contact_count}}\n"
               "祝福草稿（请改写成你自己的话{{#contact_count}}，逐一发送时加上对方的称呼"
               "{{/contact_count}}）：\n"
               "「{{#greeting_name}}{{greeting_name}}，{{/greeting_name}}{{#draft}}{{draft}}{{/"
               "draft}}{{^draft}}{{occasion}}快乐！"
               "感谢一直以来的支持，祝您和家人节日愉快。{{/draft}}」")};
      }
      return {"{{occasion}} greeting: {{who}}",
              en("{{occasion}} is on {{due}}.{{#contact_count}}\nThe {{contact_count}} contact(s) "
                 "to greet:{{#contact_list}}\n- {{label}}{{/contact_list}}{{/contact_count}}\n"
                 "Draft greeting (make it yours{{#contact_count}}, and add each person's name"
                 "{{/contact_count}}):\n"
                 "\"{{#greeting_name}}Dear {{greeting_name}}, {{/greeting_name}}{{#draft}}{{draft}}"
                 "{{/draft}}{{^draft}}Happy "
                 "{{occasion}}! Thank you for your support this year; best wishes to you and "
                 "your family.{{/draft}}\"")};
    case ReminderKind::kAnniversary:
      if (cn) {
        return {"纪念日：{{who}} {{occasion}}",
                zh("{{due}} 是与 {{who}} 的「{{occasion}}」纪念日{{#years}}（{{years}} 周年）"
                   "{{/years}}。{{#draft}}\n草稿：「{{draft}}」{{/draft}}")};
      }
      return {"Anniversary: {{who}} {{occasion}}",
              en("{{due}} marks \"{{occasion}}\" with {{who}}{{#years}} ({{years}} years)"
                 "{{/years}}.{{#draft}}\nDraft: \"{{draft}}\"{{/draft}}")};
    case ReminderKind::kCoverage:
      if (cn) {
        return {"客户覆盖提醒：{{account}}",
                zh("为什么是现在：{{#reason}}{{reason}}{{/reason}}{{^reason}}近期接触的部门或联系人"
                   "不足{{/reason}}。")};
      }
      return {"Account coverage: {{account}}",
              en("Why now: {{#reason}}{{reason}}{{/reason}}{{^reason}}too few departments or "
                 "contacts touched recently{{/reason}}.")};
    case ReminderKind::kReview:
      if (cn)
        return {"每周关系回顾",
                "{{#reason}}{{reason}}{{/reason}}{{^reason}}本周值得回顾的客户关系。{{/reason}}"};
      return {"Weekly relationship review",
              "{{#reason}}{{reason}}{{/reason}}{{^reason}}Relationships worth a look this "
              "week.{{/reason}}"};
    case ReminderKind::kDigest:
      if (cn) {
        return {"今日提醒（{{count}} 条）",
                "{{#accounts}}【{{name}}】\n{{#items}}- {{title}}{{#reason}}：{{reason}}"
                "{{/reason}}\n{{/items}}{{/accounts}}"};
      }
      return {"Today's reminders ({{count}})",
              "{{#accounts}}[{{name}}]\n{{#items}}- {{title}}{{#reason}}: {{reason}}{{/reason}}"
              "\n{{/items}}{{/accounts}}"};
    case ReminderKind::kSchedule:
      break;
  }
  if (cn)
    return {"提醒：{{who}}", zh("{{#reason}}{{reason}}{{/reason}}{{^reason}}{{title}}{{/reason}}")};
  return {"Reminder: {{who}}",
          en("{{#reason}}{{reason}}{{/reason}}{{^reason}}{{title}}{{/reason}}")};
}

std::string truncate_with_note(const std::string& text, std::size_t max_bytes,
                               std::size_t max_chars, const std::string& note) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
  }
  bool over_bytes = max_bytes != 0 && text.size() > max_bytes;
  bool over_chars = max_chars != 0 && chars > max_chars;
  if (!over_bytes && !over_chars) return text;
  std::size_t note_chars = 0;
  for (char c : note) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++note_chars;
  }
  std::size_t byte_budget =
      max_bytes == 0 ? text.size() : max_bytes - std::min(max_bytes, note.size());
  std::size_t char_budget = max_chars == 0 ? chars : max_chars - std::min(max_chars, note_chars);
  std::size_t end = 0;
  std::size_t used_chars = 0;
  while (end < text.size()) {
    std::size_t next = end + 1;
    while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
    if (next > byte_budget || used_chars + 1 > char_budget) break;
    end = next;
    ++used_chars;
  }
  return text.substr(0, end) + note;
}

}  // namespace cadence::delivery
