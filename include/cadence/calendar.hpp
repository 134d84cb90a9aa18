// The date layer every rule stands on: holiday sets, birthdays and
// anniversaries, business days, time zones and RFC 5545 recurrences.
// The Chinese lunar calendar and solar terms are in lunar.hpp.
// Everything here is pure and thread-safe unless stated.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cadence/config.hpp"
#include "cadence/error.hpp"
#include "cadence/lunar.hpp"
#include "cadence/time.hpp"

namespace cadence {

// ---------------------------------------------------------------- holidays

struct Holiday {
  Date date;
  std::string key;  // stable key, e.g. "mid_autumn"
  std::string name;  // display name in the requested locale, e.g. "中秋节" / "Mid-Autumn Festival"

  friend bool operator==(const Holiday&, const Holiday&) = default;
};

// The built-in set names: "cn", "us", "intl".
const std::vector<std::string>& builtin_holiday_sets();
// The stable keys of one built-in set (DESIGN.md); error for an unknown set,
// naming the known ones.
Result<std::vector<std::string>> builtin_holiday_keys(std::string_view set);

// A resolved collection of holiday definitions: built-in sets plus custom ones.
// Build once (per config), query many times; immutable after construction.
class HolidayCalendar {
 public:
  // Error for an unknown set, or a custom key that collides with another.
  // Sets sharing a key with the same dates (cn and intl: `new_year`; us and
  // intl: `christmas`) give one holiday, listed once, named as in the first
  // set listed, a day off if either set says so. Repeated set names are ignored.
  // Custom holidays are validated (month 1-12, day in range, ...); a
  // Gregorian 02-29 falls only in leap years; a lunar holiday with `leap`
  // falls only in years that have that leap month; lunar day 30 falls on the
  // last day of a 29-day month.
  static Result<HolidayCalendar> create(const std::vector<std::string>& sets,
                                        const std::vector<CustomHoliday>& custom,
                                        Locale locale = Locale::kZhCN);

  // Every holiday in [from, to], in date order (ties: by key). Dates outside
  // 1900..2100 for lunar/solar-term holidays are skipped silently.
  std::vector<Holiday> between(Date from, Date to) const;
  // The dates of one key in Gregorian year `year` (usually one; 除夕 can fall
  // twice or never in one Gregorian year only for lunar keys in Jan/Feb).
  std::vector<Date> dates_of(std::string_view key, int year) const;
  // The first date of `key` on or after `from`; nullopt past 2100.
  std::optional<Date> next_on_or_after(std::string_view key, Date from) const;

  bool has_key(std::string_view key) const;
  std::vector<std::string> keys() const;
  std::string name_of(std::string_view key) const;

  // Days off (used by BusinessCalendar): the statutory holidays of the built-in
  // sets (cn: 元旦, 除夕, 春节, 清明, 劳动节, 端午, 中秋, 国庆; us: the federal
  // holidays; intl: new_year), on the holiday's own date. Greeting occasions
  // (七夕, Mother's Day, ...) and custom holidays are not days off; list extra
  // non-working days in holidays.days_off. See src/calendar/holiday_sets.cpp.
  bool is_day_off_key(std::string_view key) const;
  // True when a day-off holiday falls on `date`.
  bool is_day_off(Date date) const;

  struct Definition;  // implementation detail
  HolidayCalendar();
  ~HolidayCalendar();
  HolidayCalendar(HolidayCalendar&&) noexcept;
  HolidayCalendar& operator=(HolidayCalendar&&) noexcept;
  HolidayCalendar(const HolidayCalendar&);
  HolidayCalendar& operator=(const HolidayCalendar&);

 private:
  std::vector<Definition> definitions_;
  Locale locale_ = Locale::kZhCN;
};

// Western Easter Sunday (Gregorian computus) of `year`.
Date easter_sunday(int year);

// ------------------------------------------------- birthdays, anniversaries

// A recurring personal date. Gregorian with or without a year, or lunar.
struct GregorianBirthday {
  std::optional<int> year;  // birth year if known
  unsigned month = 1;
  unsigned day = 1;
};
struct LunarBirthday {
  std::optional<int> year;  // lunar birth year if known
  unsigned month = 1;
  unsigned day = 1;
  bool leap = false;
};

struct BirthdayPolicy {
  Feb29Policy feb29 = Feb29Policy::kFeb28;
  bool lunar_exact_leap = false;  // `leap: exact`
};

// The first observed date of the birthday on or after `from` (policies above).
// For lunar dates this steps through lunar years, so a date in lunar month 11
// or 12 that falls twice (or not at all) in a Gregorian year is handled.
// nullopt beyond 2100 (lunar) or for an impossible month/day (e.g. 02-30, or
// lunar month 13). With a known birth year, nothing before the birth date.
std::optional<Date> next_birthday(const GregorianBirthday& b, Date from, const BirthdayPolicy& p);
std::optional<Date> next_birthday(const LunarBirthday& b, Date from, const BirthdayPolicy& p);

// ------------------------------------------------------------ business days

class BusinessCalendar {
 public:
  // `holidays` gives the days off (their dates); `config` adds make-up
  // working days (调休), extra days off and the weekend days.
  BusinessCalendar(std::shared_ptr<const HolidayCalendar> holidays, const HolidayConfig& config);

  // Precedence, first match wins: a make-up working day (config.workdays) is a
  // business day even on a weekend; config.days_off are not; weekend days are
  // not; day-off holidays (HolidayCalendar::is_day_off) are not; else it is.
  bool is_business_day(Date d) const;
  // `d` itself if it is a business day, else the next one. If there is none
  // within three years (every weekday configured as weekend), `d` unchanged.
  Date next_business_day_on_or_after(Date d) const;

 private:
  std::shared_ptr<const HolidayCalendar> holidays_;
  std::vector<Date> workdays_;  // sorted
  std::vector<Date> days_off_;  // sorted
  std::vector<unsigned> weekend_;
};

// --------------------------------------------------------------- time zones

// An IANA zone from the system tzdata (Howard Hinnant's date/tz).
class TimeZone {
 public:
  // Error (kInvalidInput) naming the zone when it is unknown.
  static Result<TimeZone> locate(std::string_view name);

  const std::string& name() const;

  // Local wall time -> instant. A skipped local time (DST gap) moves forward
  // by the gap (02:30 in a 02:00->03:00 gap -> 03:30); a repeated local time
  // (overlap) resolves to its first occurrence.
  Instant to_instant(Date local_date, TimeOfDay local_time) const;
  // Instant -> local date and time, and the UTC offset in force.
  Date local_date(Instant t) const;
  TimeOfDay local_time_of_day(Instant t) const;
  std::chrono::seconds utc_offset(Instant t) const;

 private:
  explicit TimeZone(const void* zone) : zone_(zone) {}
  const void* zone_;  // const date::time_zone*, owned by the tz database
};

// ----------------------------------------------------------- recurrences

// An RFC 5545 RRULE over all-day dates (libical). FREQ DAILY/WEEKLY/MONTHLY/
// YEARLY, INTERVAL, COUNT, UNTIL, BYDAY (with ordinals), BYMONTHDAY (negative
// too), BYMONTH, BYSETPOS, WKST.
class Recurrence {
 public:
  // Error naming the rule and the problem when it does not parse.
  static Result<Recurrence> parse(std::string_view rrule, Date dtstart);

  // Occurrences in order, starting at dtstart (if it matches), stopping at the
  // rule's COUNT/UNTIL, at `until` (inclusive) or after `max_count` dates.
  std::vector<Date> expand(std::optional<Date> until, std::size_t max_count) const;
  // The first occurrence on or after `from`; nullopt when the rule has ended.
  std::optional<Date> next_on_or_after(Date from) const;

  const std::string& rule_text() const { return rule_; }
  Date dtstart() const { return dtstart_; }

 private:
  Recurrence(std::string rule, Date dtstart) : rule_(std::move(rule)), dtstart_(dtstart) {}
  std::string rule_;
  Date dtstart_;
};

}  // namespace cadence
