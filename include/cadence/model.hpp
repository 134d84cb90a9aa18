// The domain records: accounts, contacts, interactions, their summaries,
// occurrences (reminders) and deliveries. Plain values; the store persists them,
// the engine computes with them, delivery sends them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cadence/calendar.hpp"
#include "cadence/config.hpp"
#include "cadence/time.hpp"

namespace cadence {

// Row ids are SQLite rowids; external ids are stable slugs ("li-wei", "acme")
// that users type and files carry.
using RowId = std::int64_t;

struct Account {
  RowId row_id = 0;
  std::string id;  // external id, unique
  std::string name;
  std::string tier;  // e.g. "strategic", "A"
  std::string industry;
  std::string owner;                     // owner id
  std::vector<std::string> departments;  // known departments
  std::string notes;
  Instant created_at{};
  Instant updated_at{};
};

// A named personal date other than the birthday: first met, contract signed.
struct ContactDate {
  std::string name;  // "first_met", "contract_signed", free-form key
  Date date;
};

struct Contact {
  RowId row_id = 0;
  std::string id;       // external id, unique
  std::string name;     // display name, any script
  std::string account;  // account id, may be empty
  std::string department;
  std::string title;
  std::vector<std::string> tags;
  std::string tier;
  std::string owner;     // owner id; empty = the config's first owner
  std::string timezone;  // IANA; empty = the owner's zone
  std::optional<GregorianBirthday> birthday;
  std::optional<LunarBirthday> lunar_birthday;
  std::vector<ContactDate> dates;
  std::vector<std::string> emails;
  std::vector<std::string> phones;
  std::string notes;
  bool archived = false;
  Instant created_at{};
  Instant updated_at{};
};

struct Interaction {
  RowId row_id = 0;
  std::string contact;  // contact id
  std::string kind;     // "visit", "call", ...
  Depth depth = Depth::kNormal;
  Instant at{};
  std::string note;
  std::string source;  // "cli", "import", "api", "link"
};

// Kept current by the store on every touch, so the scheduler never scans
// interactions: the last touch of each kind, and the last one per depth.
struct ContactSummary {
  std::string contact;  // contact id
  std::map<std::string, Instant> last_by_kind;
  std::optional<Instant> last_any;
  std::optional<Instant> last_normal_or_deeper;
  std::optional<Instant> last_deep;
  std::int64_t interaction_count = 0;
};

enum class OccurrenceState { kScheduled, kFired, kDone, kSnoozed, kResolved, kExpired };
const char* to_string(OccurrenceState s);
std::optional<OccurrenceState> occurrence_state_from_string(std::string_view s);

// What kind of reminder an occurrence is; drives templates.
enum class ReminderKind {
  kCadence,
  kBirthday,
  kAnniversary,
  kHoliday,
  kDepth,
  kCoverage,
  kSchedule,
  kReview,
  kDigest
};
const char* to_string(ReminderKind k);
std::optional<ReminderKind> reminder_kind_from_string(std::string_view s);

// One concrete due instance of a rule for a subject.
struct Occurrence {
  RowId row_id = 0;
  // Stable idempotency key: "<rule>|<subject>|<due date>[|<lead>]". The same
  // computation always yields the same key, so planning twice is harmless.
  std::string key;
  std::string rule;  // rule id
  ReminderKind kind = ReminderKind::kCadence;
  std::string subject;  // "contact:<id>", "account:<id>", "owner:<id>" (grouped)
  std::string owner;    // owner id who receives it
  Date due{};           // the date the reminder is about (birthday, deadline)
  Instant fire_at{};    // when it should be sent
  OccurrenceState state = OccurrenceState::kScheduled;
  std::optional<Instant> snoozed_until;
  std::optional<Instant> fired_at;
  int fire_count = 0;  // repeats sent so far
  bool escalated = false;
  bool late = false;         // fired by catch-up after downtime
  std::string title;         // one line: "Call 李伟 (Acme)"
  std::string details_json;  // template data: why now, context (JSON object)
};

enum class DeliveryState { kQueued, kSent, kDead };
const char* to_string(DeliveryState s);
std::optional<DeliveryState> delivery_state_from_string(std::string_view s);

// "shallow", "normal", "deep" (the config's spelling) and back.
const char* depth_name(Depth d);
std::optional<Depth> depth_from_name(std::string_view s);

// One occurrence to one channel: a durable outbox row.
struct Delivery {
  RowId row_id = 0;
  RowId occurrence = 0;         // Occurrence::row_id
  std::string channel;          // channel id
  std::string idempotency_key;  // persisted before the first attempt, reused on retries
  DeliveryState state = DeliveryState::kQueued;
  int attempts = 0;
  Instant next_attempt_at{};
  Instant created_at{};
  std::optional<Instant> sent_at;
  std::string last_error;
};

}  // namespace cadence
