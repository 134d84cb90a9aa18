// The application layer: one function per use case, called by every front end
// (cadencectl, the REST API, the owner's web page, action links) and by the
// sources that bring data in by themselves. Front ends parse their input and
// render the result; the rules of what is accepted live here, once.
//
// Contract: every action validates its input, loads what it needs, applies the
// engine's transition and commits in one transaction; on any error nothing is
// written. The clock is a parameter: no action reads the system time.
// Errors: kInvalidInput with Error::field() naming the input that is wrong
// ("at", "kind", "note", "name", "emails", ...; front ends spell it their way:
// "--at", "field 'at'"), kNotFound / kConflict for the contact, kDatabase.
// Threading: as the Store given (one per thread).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cadence/clock.hpp"
#include "cadence/config.hpp"
#include "cadence/error.hpp"
#include "cadence/model.hpp"
#include "cadence/store.hpp"

namespace cadence {
class RuleSet;
}

namespace cadence::actions {

// ---- validation shared by every entry point (src/actions/validation.cpp)

// How far ahead of the clock a touch may lie: the clock skew between the
// machine that logs it and this one, never a planned meeting (a touch in the
// future would silence a contact's reminders until then).
inline constexpr Duration kTouchFutureTolerance{10 * 60};
// The earliest touch accepted: 1900-01-01T00:00:00Z (the lunar table's start;
// earlier dates are typing mistakes).
Instant earliest_touch_time();

// A touch at `at` is accepted when earliest_touch_time() <= at <= now + tolerance.
Status check_touch_time(Instant at, Instant now);

enum class TextKind {
  kOneLine,    // names, titles, list items: no control characters at all
  kMultiLine,  // notes: tab and line feed allowed, no other control character
};
// Valid UTF-8 without C0 control characters (except as `kind` allows) and DEL.
// The error names `field` and the offending character's position.
Status check_text(std::string_view field, std::string_view value, TextKind kind);

// local@domain: one '@', something on both sides, no spaces or angle
// brackets, a domain of non-empty dot-separated labels.
bool is_email_address(std::string_view text);

// A contact as every entry point must store it, so that an export re-imports
// as it is: fields trimmed, line ends in notes LF, then checked. Refused: a
// blank name; control characters (ESC, BEL, ... ; notes may hold tab and LF);
// an email that is not local@domain; a tag, email or phone holding a list
// separator (, ; ， ； 、) that an import would split at; empty list items.
Result<Contact> normalized_contact(Contact contact);

// ---- contacts (src/actions/contacts.cpp)

// Adds a contact after normalized_contact; the store's own checks (id form,
// dates) follow. kConflict when the id is taken.
Result<Contact> add_contact(Store& store, const Contact& contact);
// Replaces the stored contact with this id, after the same checks.
Result<Contact> update_contact(Store& store, const Contact& contact);

// ---- log a touch (src/actions/log_touch.cpp)

enum class ContactLookup {
  kIdOrExactName,   // the id, or a name that exactly one contact has (API, sources)
  kIdOrUniqueName,  // also a unique case-insensitive name prefix (cadencectl)
};

struct TouchRequest {
  std::string contact;  // id or name, as `lookup` allows
  ContactLookup lookup = ContactLookup::kIdOrExactName;
  std::string kind;            // a kind of the config
  std::optional<Instant> at;   // default: the clock's now
  std::optional<Depth> depth;  // default: the kind's depth
  std::string note;            // multi-line text, at most kMaxTouchNoteBytes
  std::string source;          // "cli", "api", "web", "link", a source id
};

inline constexpr std::size_t kMaxTouchNoteBytes = 4000;

struct TouchOutcome {
  Contact contact;
  Interaction interaction;           // as stored (row id set)
  std::vector<Occurrence> resolved;  // open reminders the touch resolved
};

// Logs a touch: checks kind, time, depth and note, finds the contact (not an
// archived one), adds the interaction and, when `rules` is given, resolves in
// the same transaction the open reminders it satisfies (the engine's
// apply_touch, as the daemon would a moment later). `rules` may be null
// (cadencectl): the running daemon resolves them when it sees the change.
Result<TouchOutcome> log_touch(Store& store, const Config& config, const RuleSet* rules,
                               const Clock& clock, const TouchRequest& request);

}  // namespace cadence::actions
