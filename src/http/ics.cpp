#include "http/ics.hpp"

#include <openssl/crypto.h>

#include <algorithm>
#include <array>
#include <tuple>

#include "cadence/action_token.hpp"
#include "cadence/calendar.hpp"
#include "cadence/crypto.hpp"
#include "http/owner_contacts.hpp"

namespace cadence::http {
namespace {

std::string feed_mac(std::string_view key, std::string_view owner) {
  return crypto::base64url_encode(crypto::hmac_sha256(key, "ics|v1|" + std::string(owner)));
}

bool is_owner_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

std::string escape_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        // Other control characters are not allowed in TEXT.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') out.push_back(c);
    }
  }
  return out;
}

// One content line, folded: at most 75 octets a line, continuation lines
// start with a space (which counts), never splitting a UTF-8 sequence.
void add_line(std::string& out, std::string_view line) {
  std::size_t limit = 75;
  while (line.size() > limit) {
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0u) == 0x80u) --cut;
    if (cut == 0) cut = limit;  // not UTF-8 (stored data): cut anyway, never loop
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = 74;
  }
  out.append(line);
  out += "\r\n";
}

std::string ics_date(Date d) {
  std::string s = format_date(d);  // YYYY-MM-DD
  s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
  return s;
}

std::string ics_utc(Instant t) {
  std::string s = format_rfc3339_utc(t);  // YYYY-MM-DDTHH:MM:SSZ
  s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == '-' || c == ':'; }), s.end());
  return s;
}

Date next_day(Date d) { return Date{to_sys_days(d) + std::chrono::days{1}}; }

}  // namespace

std::string owner_feed_token(std::string_view key, std::string_view owner) {
  return std::string(owner) + "." + feed_mac(key, owner);
}

std::optional<std::string> verify_owner_feed_token(std::string_view key, std::string_view token) {
  const auto dot = token.find('.');
  if (key.empty() || dot == std::string_view::npos || dot == 0 || token.size() > 256) {
    return std::nullopt;
  }
  const std::string_view owner = token.substr(0, dot);
  if (!std::all_of(owner.begin(), owner.end(), is_owner_char)) return std::nullopt;
  const std::string expected = feed_mac(key, owner);
  const std::string_view given = token.substr(dot + 1);
  if (given.size() != expected.size() ||
      CRYPTO_memcmp(given.data(), expected.data(), expected.size()) != 0) {
    return std::nullopt;
  }
  return std::string(owner);
}

std::string render_ics(const std::vector<IcsEvent>& events, Instant stamp,
                       std::string_view calendar_name) {
  std::string out;
  add_line(out, "BEGIN:VCALENDAR");
  add_line(out, "VERSION:2.0");
  add_line(out, "PRODID:-//cadence//cadence reminders//EN");
  add_line(out, "CALSCALE:GREGORIAN");
  add_line(out, "METHOD:PUBLISH");
  add_line(out, "X-WR-CALNAME:" + escape_text(calendar_name));
  const std::string dtstamp = "DTSTAMP:" + ics_utc(stamp);
  for (const IcsEvent& e : events) {
    add_line(out, "BEGIN:VEVENT");
    add_line(out, "UID:" + e.uid);
    add_line(out, dtstamp);
    if (e.all_day) {
      add_line(out, "DTSTART;VALUE=DATE:" + ics_date(e.date));
      add_line(out, "DTEND;VALUE=DATE:" + ics_date(next_day(e.date)));
      add_line(out, "TRANSP:TRANSPARENT");
    } else {
      add_line(out, "DTSTART:" + ics_utc(e.start));
      add_line(out, "DTEND:" + ics_utc(e.start + e.length));
    }
    add_line(out, "SUMMARY:" + escape_text(e.summary));
    if (!e.description.empty()) add_line(out, "DESCRIPTION:" + escape_text(e.description));
    add_line(out, "END:VEVENT");
  }
  add_line(out, "END:VCALENDAR");
  return out;
}

Result<std::vector<IcsEvent>> owner_day_events(Store& store, const RuleSet& rules,
                                               const std::string& owner, Date first, Date last) {
  const CompiledOwner* who = rules.find_owner(owner);
  if (who == nullptr) return Error::not_found("no owner '" + owner + "'");
  const bool zh = who->locale == Locale::kZhCN;
  std::vector<IcsEvent> events;
  // Birthdays of the owner's active contacts, on their local dates.
  const BirthdayPolicy policy{rules.feb29(), false};
  auto contacts = list_owner_contacts(store, rules, owner);
  if (!contacts) return contacts.error();
  for (const Contact& c : *contacts) {
    std::vector<std::pair<Date, bool>> dates;  // (date, lunar)
    for (Date from = first;;) {
      std::optional<Date> d = c.birthday ? next_birthday(*c.birthday, from, policy) : std::nullopt;
      if (!d || *d > last) break;
      dates.emplace_back(*d, false);
      from = next_day(*d);
    }
    for (Date from = first;;) {
      std::optional<Date> d =
          c.lunar_birthday ? next_birthday(*c.lunar_birthday, from, policy) : std::nullopt;
      if (!d || *d > last) break;
      dates.emplace_back(*d, true);
      from = next_day(*d);
    }
    for (const auto& [d, lunar] : dates) {
      IcsEvent e;
      e.uid = "bday-" + c.id + (lunar ? "-lunar-" : "-") + format_date(d) + "@cadence";
      e.all_day = true;
      e.date = d;
      e.summary = zh ? (lunar ? "农历生日：" : "生日：") + c.name
                     : (lunar ? "Lunar birthday: " : "Birthday: ") + c.name;
      events.push_back(std::move(e));
    }
  }

  // Festivals of the configured holiday sets.
  for (const Holiday& h : rules.holidays().between(first, last)) {
    IcsEvent e;
    e.uid = "hol-" + h.key + "-" + format_date(h.date) + "@cadence";
    e.all_day = true;
    e.date = h.date;
    e.summary = h.name;
    events.push_back(std::move(e));
  }

  return events;
}

Result<std::vector<IcsEvent>> owner_events(Store& store, const RuleSet& rules,
                                           const std::string& owner, Instant now, int days) {
  const CompiledOwner* who = rules.find_owner(owner);
  if (who == nullptr) return Error::not_found("no owner '" + owner + "'");
  const bool zh = who->locale == Locale::kZhCN;
  const Instant to = now + Duration{std::int64_t{days} * 24 * 3600};
  std::vector<IcsEvent> events;

  // Open reminders: scheduled in the window; fired and snoozed ones (few) all.
  std::vector<Occurrence> open;
  for (auto state :
       {OccurrenceState::kScheduled, OccurrenceState::kFired, OccurrenceState::kSnoozed}) {
    const bool windowed = state == OccurrenceState::kScheduled;
    auto list = store.list_occurrences(state, windowed ? std::optional(now) : std::nullopt,
                                       windowed ? std::optional(to) : std::nullopt, 0);
    if (!list) return list.error();
    for (Occurrence& o : *list) {
      if (o.owner == owner) open.push_back(std::move(o));
    }
  }
  for (const Occurrence& o : open) {
    const Instant at =
        o.state == OccurrenceState::kSnoozed && o.snoozed_until ? *o.snoozed_until : o.fire_at;
    if (at >= to) continue;
    IcsEvent e;
    e.uid = "occ-" + std::to_string(o.row_id) + "@cadence";
    e.start = at;
    e.length = Duration{15 * 60};
    e.summary = o.title;
    e.description = (zh ? "提醒 #" : "Reminder #") + std::to_string(o.row_id) + " (" +
                    to_string(o.kind) + ", " + to_string(o.state) + ")";
    events.push_back(std::move(e));
  }

  // Birthdays and festivals, on the owner's local dates.
  const Date first = who->zone.local_date(now);
  const Date last = who->zone.local_date(to - Duration{1});
  auto days_events = owner_day_events(store, rules, owner, first, last);
  if (!days_events) return days_events.error();
  for (IcsEvent& e : *days_events) events.push_back(std::move(e));

  const auto when = [&](const IcsEvent& e) {
    return e.all_day ? who->zone.to_instant(e.date, TimeOfDay{0}) : e.start;
  };
  std::sort(events.begin(), events.end(), [&](const IcsEvent& a, const IcsEvent& b) {
    return std::make_tuple(when(a), a.uid) < std::make_tuple(when(b), b.uid);
  });
  return events;
}

}  // namespace cadence::http
