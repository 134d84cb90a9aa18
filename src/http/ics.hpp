// The ICS feed (GET /calendar.ics?token=<T>): one owner's upcoming reminders,
// their contacts' birthdays and the configured festivals, as an RFC 5545
// calendar a phone's calendar app subscribes to.
//
// The token identifies the owner: "<owner id>.<base64url(HMAC-SHA256(action
// key, "ics|v1|<owner id>"))>". Stateless, never expires; rotating the action
// key (http.key / <db dir>/http.key) revokes every feed URL together with the
// action links. The REST API hands it out (GET /api/v1/calendar?owner=…), so
// only a holder of the API token can mint one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cadence/engine.hpp"
#include "cadence/store.hpp"

namespace cadence::http {

// How far ahead the feed looks.
inline constexpr int kFeedDays = 90;

std::string owner_feed_token(std::string_view key, std::string_view owner);
// The owner a token names when its MAC is right (constant-time compare);
// nullopt otherwise.
std::optional<std::string> verify_owner_feed_token(std::string_view key, std::string_view token);

struct IcsEvent {
  std::string uid;  // "occ-12@cadence", "bday-li-wei-2027-03-01@cadence"
  bool all_day = false;
  Date date{};         // all-day events: VALUE=DATE
  Instant start{};     // timed events (UTC)
  Duration length{0};  // timed events
  std::string summary;
  std::string description;
};

// RFC 5545: CRLF line ends, content lines folded at 75 octets (never inside
// a UTF-8 sequence), TEXT escaped (\\ \; \, \n), DTSTAMP = `stamp`.
std::string render_ics(const std::vector<IcsEvent>& events, Instant stamp,
                       std::string_view calendar_name);

// The owner's events in [now, now + days): open reminders (scheduled, fired,
// snoozed; a snoozed one at its snooze time) as 15-minute events; birthdays
// (Gregorian and lunar) of the owner's active contacts and the holidays of the
// config's sets as all-day events. Sorted by time, then uid.
// The all-day events of owner_events on the local dates [first, last]:
// birthdays (Gregorian, and lunar on the Gregorian date they fall on) of the
// owner's active contacts (list_owner_contacts) and the configured festivals,
// in no stated order. Also the owner's web page's "next 30 days".
Result<std::vector<IcsEvent>> owner_day_events(Store& store, const RuleSet& rules,
                                               const std::string& owner, Date first, Date last);

Result<std::vector<IcsEvent>> owner_events(Store& store, const RuleSet& rules,
                                           const std::string& owner, Instant now, int days);

}  // namespace cadence::http
