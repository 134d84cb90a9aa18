// Log a touch: the one path for cadencectl touch, POST /api/v1/interactions,
// the web page's form, a reminder's "visited" link and the sources.
#include "cadence/actions.hpp"
#include "cadence/engine.hpp"

namespace cadence::actions {
namespace {

Result<Contact> find_contact(Store& store, const std::string& who, ContactLookup lookup) {
  if (who.empty()) return Error::invalid_field("contact", "no contact given");
  auto c = store.find_contact(who);
  if (!c) {
    if (c.error().code() == ErrorCode::kNotFound) {
      return Error(ErrorCode::kNotFound, "no contact with id or name '" + who + "'");
    }
    return c.error();
  }
  // A webhook or a mail must not log a touch on a prefix match.
  if (lookup == ContactLookup::kIdOrExactName && c->id != who && c->name != who) {
    return Error(ErrorCode::kNotFound, "no contact with id or name '" + who + "'");
  }
  if (c->archived) {
    return Error(ErrorCode::kNotFound,
                 "contact '" + c->id + "' is archived (cadencectl contact edit --unarchive)");
  }
  return c;
}

}  // namespace

Result<TouchOutcome> log_touch(Store& store, const Config& config, const RuleSet* rules,
                               const Clock& clock, const TouchRequest& request) {
  const InteractionKind* kind = config.find_kind(request.kind);
  if (kind == nullptr) {
    std::string known;
    for (const auto& k : config.kinds) known += (known.empty() ? "" : ", ") + k.name;
    return Error::invalid_field(
        "kind", "'" + request.kind + "': unknown kind (the config has: " + known + ")");
  }
  const Instant now = clock.now();
  Interaction touch;
  touch.kind = kind->name;
  touch.depth = request.depth.value_or(kind->depth);
  touch.at = request.at.value_or(now);
  touch.note = request.note;
  touch.source = request.source;
  if (auto s = check_touch_time(touch.at, now); !s) return s.error();
  if (touch.note.size() > kMaxTouchNoteBytes) {
    return Error::invalid_field("note",
                                "longer than " + std::to_string(kMaxTouchNoteBytes) + " bytes");
  }
  if (auto s = check_text("note", touch.note, TextKind::kMultiLine); !s) return s.error();

  TouchOutcome out;
  auto status = store.transaction([&]() -> Status {
    auto contact = find_contact(store, request.contact, request.lookup);
    if (!contact) return contact.error();
    out.contact = std::move(*contact);
    touch.contact = out.contact.id;
    auto added = store.add_interaction(touch);
    if (!added) return added.error();
    out.interaction = std::move(*added);
    if (rules == nullptr) return ok_status();
    auto open = store.open_occurrences_for_subject("contact:" + out.contact.id);
    if (!open) return open.error();
    for (Occurrence& o : apply_touch(*rules, *open, out.interaction)) {
      if (auto u = store.update_occurrence(o); !u) return u;
      out.resolved.push_back(std::move(o));
    }
    return ok_status();
  });
  if (!status) return status.error();
  return out;
}

}  // namespace cadence::actions
