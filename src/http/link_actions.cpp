#include "http/link_actions.hpp"

#include "cadence/action_token.hpp"
#include "cadence/actions.hpp"

namespace cadence::http {

Result<PreparedAction> prepare_link_action(const RuleSet& rules, const Config& config,
                                           const Occurrence& reminder, const std::string& action,
                                           Instant now) {
  if (action == "done") {
    auto done = mark_done(reminder, now);
    if (!done) return done.error();
    return PreparedAction{std::move(*done)};
  }
  if (auto d = snooze_duration(action)) {
    auto snoozed = snooze(rules, reminder, now + *d, now);
    if (!snoozed) return snoozed.error();
    return PreparedAction{std::move(*snoozed)};
  }
  constexpr std::string_view kTouch = "touch:";
  constexpr std::string_view kContact = "contact:";
  if (action.rfind(kTouch, 0) == 0) {
    const std::string kind = action.substr(kTouch.size());
    const InteractionKind* k = config.find_kind(kind);
    if (k == nullptr) return Error::invalid_input("unknown interaction kind '" + kind + "'");
    if (reminder.subject.rfind(kContact, 0) != 0) {
      return Error::conflict("this reminder is not about one contact");
    }
    Interaction touch;
    touch.contact = reminder.subject.substr(kContact.size());
    touch.kind = kind;
    touch.depth = k->depth;
    touch.at = now;
    touch.source = "link";
    return PreparedAction{std::move(touch)};
  }
  return Error::invalid_input("unknown action '" + action + "'");
}

Status commit_link_action(Store& store, const Config& config, const RuleSet& rules,
                          const Clock& clock, const PreparedAction& change) {
  if (const auto* o = std::get_if<Occurrence>(&change)) return store.update_occurrence(*o);
  const Interaction& touch = std::get<Interaction>(change);
  actions::TouchRequest request;
  request.contact = touch.contact;
  request.kind = touch.kind;
  request.at = touch.at;
  request.source = touch.source;
  auto done = actions::log_touch(store, config, &rules, clock, request);
  if (!done) return done.error();
  return ok_status();
}

std::string action_detail(const RuleSet& rules, Locale locale, const PreparedAction& change) {
  const auto* o = std::get_if<Occurrence>(&change);
  if (o == nullptr || !o->snoozed_until) return {};
  const CompiledOwner* owner = rules.find_owner(o->owner);
  const TimeZone& zone = (owner != nullptr ? *owner : rules.default_owner()).zone;
  const Instant t = *o->snoozed_until;
  const std::string when =
      format_date(zone.local_date(t)) + " " + format_time_of_day(zone.local_time_of_day(t));
  return (locale == Locale::kZhCN ? "下次提醒：" : "Next reminder: ") + when;
}

}  // namespace cadence::http
