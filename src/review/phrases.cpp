#include "review/phrases.hpp"

#include <fmt/format.h>

#include <array>

namespace cadence::review_detail {
namespace {

constexpr std::array<const char*, 7> kEnWeekday = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 7> kZhWeekday = {"周日", "周一", "周二", "周三",
                                                   "周四", "周五", "周六"};
constexpr std::array<const char*, 12> kEnMonth = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

unsigned weekday_of(Date d) { return std::chrono::weekday{to_sys_days(d)}.c_encoding(); }
unsigned month_of(Date d) { return unsigned(d.month()); }
unsigned day_of(Date d) { return unsigned(d.day()); }
int year_of(Date d) { return static_cast<int>(d.year()); }

std::string plural(long long n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

// ------------------------------------------------------------ dates, names

std::string Phrases::date(Date d) const {
  if (en()) {
    return fmt::format("{} {} {} {}", kEnWeekday[weekday_of(d)], day_of(d),
                       kEnMonth[month_of(d) - 1], year_of(d));
  }
  return fmt::format("{}年{}月{}日（{}）", year_of(d), month_of(d), day_of(d),
                     kZhWeekday[weekday_of(d)]);
}

std::string Phrases::short_date(Date d) const {
  if (en())
    return fmt::format("{} {} {}", kEnWeekday[weekday_of(d)], day_of(d), kEnMonth[month_of(d) - 1]);
  return fmt::format("{}月{}日（{}）", month_of(d), day_of(d), kZhWeekday[weekday_of(d)]);
}

std::string Phrases::plain_date(Date d) const {
  if (en()) return fmt::format("{} {} {}", day_of(d), kEnMonth[month_of(d) - 1], year_of(d));
  return fmt::format("{}年{}月{}日", year_of(d), month_of(d), day_of(d));
}

std::string Phrases::date_ahead(Date d, long long days) const {
  if (en()) return fmt::format("{} ({})", short_date(d), days_ahead(days));
  return fmt::format("{}月{}日（{}，{}）", month_of(d), day_of(d), kZhWeekday[weekday_of(d)],
                     days_ahead(days));
}

// "8 天前" with a space before the number, "今天", "昨天": what precedes "联系过".
std::string Phrases::touched_zh(long long days) const {
  if (days == 0) return "今天";
  if (days == 1) return "昨天";
  return fmt::format("{} 天前", days);
}

std::string Phrases::when(const std::string& zone, Instant t) const {
  auto tz = TimeZone::locate(zone);
  if (!tz) return format_rfc3339_utc(t);
  const Date d = tz->local_date(t);
  const std::string hm = format_time_of_day(tz->local_time_of_day(t));
  if (en())
    return fmt::format("{} {} {} {}", kEnWeekday[weekday_of(d)], day_of(d),
                       kEnMonth[month_of(d) - 1], hm);
  return fmt::format("{}月{}日 {}", month_of(d), day_of(d), hm);
}

std::string Phrases::days_ahead(long long n) const {
  if (en()) return n == 0 ? "today" : n == 1 ? "tomorrow" : fmt::format("in {} days", n);
  return n == 0 ? "今天" : n == 1 ? "明天" : n == 2 ? "后天" : fmt::format("{} 天后", n);
}

std::string Phrases::days_ago(long long n) const {
  if (en()) return n == 0 ? "today" : n == 1 ? "yesterday" : fmt::format("{} days ago", n);
  return n == 0 ? "今天" : n == 1 ? "昨天" : fmt::format("{} 天前", n);
}

std::string Phrases::contact(const ReviewContact& c) const {
  const std::string& name = c.name.empty() ? c.id : c.name;
  if (c.account_name.empty()) return name;
  return en() ? fmt::format("{} ({})", name, c.account_name)
              : fmt::format("{}（{}）", name, c.account_name);
}

std::string Phrases::owner(const OwnerReview& o) const {
  if (o.owner_name.empty() || o.owner_name == o.owner) return o.owner;
  return en() ? fmt::format("{} ({})", o.owner_name, o.owner)
              : fmt::format("{}（{}）", o.owner_name, o.owner);
}

std::string Phrases::tier(const std::string& t) const {
  if (t.empty()) return en() ? "No tier" : "未分级";
  return en() ? "Tier " + t : "等级 " + t;
}

std::string Phrases::occasion(const std::string& name) const {
  if (name == "first_met") return en() ? "first met" : "相识";
  if (name == "contract_signed") return en() ? "contract signed" : "签约";
  std::string words = name;
  for (char& ch : words) {
    if (ch == '_') ch = ' ';
  }
  return words;
}

std::string Phrases::depth_word(Depth d) const {
  switch (d) {
    case Depth::kDeep:
      return en() ? "deep" : "深度";
    case Depth::kNormal:
      return en() ? "normal" : "一般";
    case Depth::kShallow:
      break;
  }
  return en() ? "shallow" : "浅层";
}

std::string Phrases::state_word(OccurrenceState s) const {
  switch (s) {
    case OccurrenceState::kScheduled:
      return en() ? "scheduled" : "待发送";
    case OccurrenceState::kFired:
      return en() ? "sent" : "已发送";
    case OccurrenceState::kDone:
      return en() ? "done" : "已完成";
    case OccurrenceState::kSnoozed:
      return en() ? "snoozed" : "已推迟";
    case OccurrenceState::kResolved:
      return en() ? "resolved" : "已解除";
    case OccurrenceState::kExpired:
      break;
  }
  return en() ? "expired" : "已过期";
}

// ---------------------------------------------------------------- headings

std::string Phrases::title(const Review& r) const {
  const std::string who = r.owners.size() == 1 ? r.owners.front().owner_name
                                               : (en() ? std::string("team") : std::string("团队"));
  const Date day = r.owners.empty() ? Date{} : r.owners.front().today;
  if (en()) {
    return fmt::format("Weekly relationship review — {} — {} {} {}", who, day_of(day),
                       kEnMonth[month_of(day) - 1], year_of(day));
  }
  return fmt::format("客户关系周报 · {} · {}年{}月{}日", who, year_of(day), month_of(day),
                     day_of(day));
}

std::string Phrases::heading_owner(const OwnerReview& o) const {
  return en() ? "Relationship review: " + owner(o) : "客户关系周报：" + owner(o);
}

std::string Phrases::as_of(const OwnerReview& o, Instant at) const {
  auto tz = TimeZone::locate(o.zone);
  const std::string hm = tz ? format_time_of_day(tz->local_time_of_day(at)) : std::string();
  return en() ? fmt::format("As of {}, {} ({})", date(o.today), hm, o.zone)
              : fmt::format("统计时间：{} {}（{}）", date(o.today), hm, o.zone);
}

std::string Phrases::heading_team(std::size_t owners) const {
  return en() ? fmt::format("Team view — {} owners", owners)
              : fmt::format("团队总览（{} 位负责人）", owners);
}

std::string Phrases::heading_glance() const { return en() ? "At a glance" : "概况"; }

std::string Phrases::heading_cooling() const {
  return en() ? "Cooling — furthest past their cadence target" : "一、正在变冷的关系（按超期天数）";
}

std::string Phrases::heading_depth(int window_days) const {
  return en() ? fmt::format("Depth — interactions in the last {} days", window_days)
              : fmt::format("二、联系深度（近 {} 天的互动）", window_days);
}

std::string Phrases::heading_coverage() const {
  return en() ? "Coverage — accounts against their coverage rule" : "三、客户覆盖";
}

std::string Phrases::heading_length() const {
  return en() ? "Length — years of the relationship" : "四、关系长度";
}

std::string Phrases::heading_coming_up(int days) const {
  return en() ? fmt::format("Coming up — the next {} days", days)
              : fmt::format("五、近期安排（未来 {} 天）", days);
}

// ------------------------------------------------------------------- lines

std::string Phrases::glance(const OwnerReview& o) const {
  if (en()) {
    std::string s = plural(o.contacts, "active contact", "active contacts");
    if (o.with_cadence == 0) return s + "; none has a cadence target.";
    return s + fmt::format("; {} of {} with a cadence target {} on rhythm ({}%), {} overdue.",
                           o.on_rhythm, o.with_cadence, o.on_rhythm == 1 ? "is" : "are",
                           *o.on_rhythm_percent(), o.overdue);
  }
  std::string s = fmt::format("共 {} 位联系人", o.contacts);
  if (o.with_cadence == 0) return s + "，都没有设定联系节奏。";
  return s + fmt::format("，其中 {} 位设定了联系节奏：{} 位按节奏保持联系（{}%），{} 位已超期。",
                         o.with_cadence, o.on_rhythm, *o.on_rhythm_percent(), o.overdue);
}

std::string Phrases::team_line(const OwnerReview& o, int depth_window_days,
                               int coming_up_days) const {
  long long deep = 0;
  long long total = 0;
  for (const DepthRow& r : o.depth) {
    deep += r.deep;
    total += r.total();
  }
  const std::string rhythm =
      o.with_cadence == 0 ? (en() ? std::string("no cadence targets") : std::string("未设联系节奏"))
                          : (en() ? fmt::format("{} of {} on rhythm ({}%), {} overdue", o.on_rhythm,
                                                o.with_cadence, *o.on_rhythm_percent(), o.overdue)
                                  : fmt::format("{}/{} 按节奏（{}%），{} 位超期", o.on_rhythm,
                                                o.with_cadence, *o.on_rhythm_percent(), o.overdue));
  if (en()) {
    return fmt::format(
        "{}; {} deep of {} interactions in {} days ({}%); {} shallow-only; {} coverage {}; {} "
        "single-threaded; {} coming up in {} days",
        rhythm, deep, total, depth_window_days, percent_of(deep, total), o.shallow_only_total,
        o.coverage_gaps, o.coverage_gaps == 1 ? "gap" : "gaps", o.single_threaded_total,
        o.coming_up_total, coming_up_days);
  }
  return fmt::format(
      "{}；近 {} 天 {} 次互动中深度 {} 次（{}%）；{} 位只有浅层互动；{} 个客户覆盖不足；{} "
      "个客户单线联系；未来 {} 天有 {} 个日子要留意",
      rhythm, depth_window_days, total, deep, percent_of(deep, total), o.shallow_only_total,
      o.coverage_gaps, o.single_threaded_total, coming_up_days, o.coming_up_total);
}

std::string Phrases::team_total_label() const { return en() ? "Whole team" : "全队合计"; }

std::string Phrases::cooling_line(const CoolingItem& c) const {
  if (en()) {
    const std::string last =
        c.days_since ? "Last touch " + days_ago(*c.days_since) : std::string("Never touched");
    return fmt::format("{}: {} overdue. {}; target every {} days ({})", contact(c.contact),
                       plural(c.overdue_days, "day", "days"), last, c.target_days, c.rule);
  }
  const std::string last = c.days_since
                               ? (*c.days_since == 0 ? std::string("今天刚联系过")
                                                     : fmt::format("已 {} 天没联系", *c.days_since))
                               : std::string("从未联系过");
  return fmt::format("{}：超期 {} 天。{}，目标是每 {} 天联系一次（{}）", contact(c.contact),
                     c.overdue_days, last, c.target_days, c.rule);
}

std::string Phrases::trend(const std::vector<bool>& t) const {
  std::string marks;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (i > 0) marks += ' ';
    marks += t[i] ? "●" : "○";
  }
  if (en()) return fmt::format("Previous {} periods, oldest first: {}", t.size(), marks);
  return fmt::format("之前 {} 个周期（由远及近）：{}", t.size(), marks);
}

std::string Phrases::none_cooling() const {
  return en() ? "Nobody is past their cadence target." : "没有超期的联系人。";
}

std::string Phrases::more(long long n) const {
  return en() ? fmt::format("… and {} more", n) : fmt::format("……另有 {} 项未列出", n);
}

std::string Phrases::depth_line(const DepthRow& r) const {
  const long long t = r.total();
  if (en()) {
    return fmt::format("{}: {} — {} deep ({}%), {} normal ({}%), {} shallow ({}%)", tier(r.tier),
                       plural(t, "interaction", "interactions"), r.deep, percent_of(r.deep, t),
                       r.normal, percent_of(r.normal, t), r.shallow, percent_of(r.shallow, t));
  }
  return fmt::format("{}：共 {} 次，深度 {} 次（{}%），一般 {} 次（{}%），浅层 {} 次（{}%）",
                     tier(r.tier), t, r.deep, percent_of(r.deep, t), r.normal,
                     percent_of(r.normal, t), r.shallow, percent_of(r.shallow, t));
}

std::string Phrases::none_depth() const {
  return en() ? "No interactions in this window." : "这段时间没有互动记录。";
}

std::string Phrases::shallow_heading(long long total, int window_days) const {
  if (en()) {
    return fmt::format("Only shallow touches (likes, greetings) in the last {} days: {}",
                       window_days, plural(total, "contact", "contacts"));
  }
  return fmt::format("近 {} 天只有浅层互动（点赞、问候）的联系人：{} 位", window_days, total);
}

std::string Phrases::shallow_line(const ShallowOnlyItem& s) const {
  return en() ? fmt::format("{}, last touched {}", contact(s.contact), days_ago(s.days_since))
              : fmt::format("{}：{}联系过", contact(s.contact), touched_zh(s.days_since));
}

std::string Phrases::coverage_line(const CoverageRow& r) const {
  std::vector<std::string> parts;
  if (r.departments_required > 0) {
    parts.push_back(
        en() ? fmt::format("{} of {} departments", r.departments_touched, r.departments_required)
             : fmt::format("{} 个部门（要求 {} 个）", r.departments_touched,
                           r.departments_required));
  }
  if (r.contacts_required > 0) {
    parts.push_back(
        en() ? fmt::format("{} of {} contacts", r.contacts_touched, r.contacts_required)
             : fmt::format("{} 位联系人（要求 {} 位）", r.contacts_touched, r.contacts_required));
  }
  std::string what = parts.empty() ? std::string() : parts.front();
  if (parts.size() > 1) what += (en() ? " and " : "、") + parts[1];
  std::string quiet;
  for (std::size_t i = 0; i < r.quiet_departments.size(); ++i) {
    quiet += (i == 0 ? "" : en() ? ", " : "、") + r.quiet_departments[i];
  }
  if (en()) {
    std::string s = fmt::format("{}: {} touched in the last {} days — {}", r.account_name, what,
                                r.window_days, r.meets ? "on target" : "below target");
    if (!quiet.empty()) s += "; quiet: " + quiet;
    return s;
  }
  std::string s = fmt::format("{}：近 {} 天联系了 {}，{}", r.account_name, r.window_days, what,
                              r.meets ? "已达标" : "未达标");
  if (!quiet.empty()) s += "；没有联系的部门：" + quiet;
  return s;
}

std::string Phrases::none_coverage() const {
  return en() ? "No account is under a coverage rule." : "没有客户设定覆盖要求。";
}

std::string Phrases::single_heading(long long total, int window_days) const {
  if (en()) {
    return fmt::format("Single-threaded (every touch in the last {} days went to one person): {}",
                       window_days, plural(total, "account", "accounts"));
  }
  return fmt::format("单线联系（近 {} 天的互动全在一个人身上）的客户：{} 个", window_days, total);
}

std::string Phrases::single_line(const SingleThreadedItem& s) const {
  const std::string name = s.contact.name.empty() ? s.contact.id : s.contact.name;
  const long long others = s.contacts_total - 1;
  if (en()) {
    const std::string touches = s.touches == 1
                                    ? fmt::format("the only touch was with {}", name)
                                    : fmt::format("all {} touches were with {}", s.touches, name);
    return fmt::format("{}: {}; {} not touched", s.account_name, touches,
                       others == 1 ? std::string("the other contact was")
                                   : fmt::format("the other {} contacts were", others));
  }
  const std::string touches = s.touches == 1 ? fmt::format("唯一的一次互动是和{}", name)
                                             : fmt::format("{} 次互动都是和{}", s.touches, name);
  return fmt::format("{}：{}，另外 {} 位联系人没有联系", s.account_name, touches, others);
}

std::string Phrases::milestone_heading(long long total, int days) const {
  return en() ? fmt::format("Round anniversaries in the next {} days: {}", days, total)
              : fmt::format("未来 {} 天迎来整数周年的关系：{} 段", days, total);
}

std::string Phrases::milestone_line(const MilestoneItem& m) const {
  if (en()) {
    return fmt::format("{}: {} years on {}, first met {}", contact(m.contact), m.years,
                       date_ahead(m.date, m.days_until), plain_date(m.first_met));
  }
  return fmt::format("{}：{}相识满 {} 年（{}初识）", contact(m.contact),
                     date_ahead(m.date, m.days_until), m.years, plain_date(m.first_met));
}

std::string Phrases::long_standing_heading(long long total, Date quarter_start) const {
  if (en()) {
    return fmt::format("Longest-standing relationships not touched this quarter (since {} {}): {}",
                       day_of(quarter_start), kEnMonth[month_of(quarter_start) - 1], total);
  }
  return fmt::format("相识最久、本季度（{}月{}日起）还没联系过的：{} 位", month_of(quarter_start),
                     day_of(quarter_start), total);
}

std::string Phrases::long_standing_line(const LongStandingItem& l) const {
  if (en()) {
    const std::string last =
        l.days_since ? "last touched " + days_ago(*l.days_since) : std::string("never touched");
    return fmt::format("{}: known for {}, since {}; {}", contact(l.contact),
                       plural(l.years, "year", "years"), plain_date(l.first_met), last);
  }
  const std::string last =
      l.days_since ? touched_zh(*l.days_since) + "联系过" : std::string("从未联系过");
  return fmt::format("{}：相识 {} 年（{}起），{}", contact(l.contact), l.years,
                     plain_date(l.first_met), last);
}

std::string Phrases::coming_up_line(const ComingUpItem& i) const {
  const std::string when_words = date_ahead(i.date, i.days_until);
  if (i.kind == ReminderKind::kHoliday) {
    return en() ? fmt::format("{}: {} — {} to greet", when_words, i.holiday_name,
                              plural(i.contacts_to_greet, "contact", "contacts"))
                : fmt::format("{}：{}，需问候 {} 位联系人", when_words, i.holiday_name,
                              i.contacts_to_greet);
  }
  const std::string who = i.contact ? contact(*i.contact) : std::string();
  if (i.kind == ReminderKind::kAnniversary) {
    return en() ? fmt::format("{}: {} — {} since {}", when_words, who,
                              plural(i.years.value_or(0), "year", "years"), occasion(i.occasion))
                : fmt::format("{}：{}{} {} 周年", when_words, who, occasion(i.occasion),
                              i.years.value_or(0));
  }
  if (en()) {
    std::string s = fmt::format("{}: {}'s {}birthday", when_words, who, i.lunar ? "lunar " : "");
    if (i.years) s += fmt::format(" (turns {})", *i.years);
    return s;
  }
  if (i.years) return fmt::format("{}：{}{} 岁生日", when_words, who, *i.years);
  return fmt::format("{}：{}的{}生日", when_words, who, i.lunar ? "农历" : "");
}

std::string Phrases::reminders(const std::string& zone, const ComingUpItem& i) const {
  if (i.reminders.empty()) return en() ? "No reminder scheduled." : "尚未安排提醒。";
  std::string list;
  for (std::size_t k = 0; k < i.reminders.size(); ++k) {
    const ScheduledReminder& r = i.reminders[k];
    const std::string lead = r.lead_days == 0
                                 ? (en() ? std::string("on the day") : std::string("当天"))
                                 : (en() ? plural(r.lead_days, "day", "days") + " ahead"
                                         : fmt::format("提前 {} 天", r.lead_days));
    if (k > 0) list += en() ? "; " : "；";
    list += en() ? fmt::format("{} ({}, {})", when(zone, r.fire_at), lead, state_word(r.state))
                 : fmt::format("{}（{}，{}）", when(zone, r.fire_at), lead, state_word(r.state));
  }
  return en() ? "Reminders: " + list : "提醒：" + list;
}

std::string Phrases::none_coming_up() const {
  return en() ? "Nothing in the next days." : "近期没有需要准备的日子。";
}

}  // namespace cadence::review_detail
