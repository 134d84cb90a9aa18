// The trigger of a rule: cadence, birthday, anniversary, holiday, depth,
// coverage, schedule or review.
#include <fmt/format.h>

#include "config/sections.hpp"
#include "config/suggest.hpp"

namespace cadence::config_internal {
namespace {

std::optional<Duration> positive_duration(Reader& r, const Field& f) {
  auto d = r.duration(f);
  if (d && d->count() == 0) {
    r.error(f.value_mark(), fmt::format("{}: must be longer than 0", f.key));
    return std::nullopt;
  }
  return d;
}

bool require(Reader& r, const Fields& f, std::string_view trigger,
             std::initializer_list<const char*> keys) {
  bool ok = true;
  for (const char* key : keys) {
    if (f.get(key) == nullptr) {
      r.error(f.mark(), fmt::format("{}: is missing required key '{}'", trigger, key));
      ok = false;
    }
  }
  return ok;
}

std::optional<Trigger> cadence_trigger(ParseState& state, const Field& field) {
  Reader& r = state.reader;
  Fields f(r, field.value, field.key_node.Mark(), "cadence", {"every", "at_most", "kinds"});
  if (!f.ok() || !require(r, f, "cadence", {"every"})) return std::nullopt;
  CadenceTrigger t;
  bool ok = true;
  auto every = positive_duration(r, *f.get("every"));
  ok = ok && every.has_value();
  t.every = every.value_or(Duration{0});
  if (const Field* v = f.get("at_most")) {
    t.at_most = r.duration(*v);
    ok = ok && t.at_most.has_value();
    if (every && t.at_most && *t.at_most < *every) {
      r.error(v->value_mark(),
              fmt::format("at_most: {} is shorter than every: {}; the hard limit must come after "
                          "the target",
                          format_duration(*t.at_most), format_duration(*every)));
      ok = false;
    }
  }
  if (const Field* v = f.get("kinds")) {
    auto items = r.text_list(*v, /*allow_single=*/true);
    ok = ok && items.has_value();
    for (const Item& item : items.value_or(std::vector<Item>{})) {
      t.kinds.push_back(item.value);
      state.references.push_back({Reference::Target::kKind, item.value, "kinds", item.mark});
    }
  }
  if (!ok) return std::nullopt;
  return t;
}

std::optional<Trigger> holiday_trigger(ParseState& state, const Field& field) {
  Reader& r = state.reader;
  Fields f(r, field.value, field.key_node.Mark(), "holiday", {"keys"});
  if (!f.ok() || !require(r, f, "holiday", {"keys"})) return std::nullopt;
  const Field& keys = *f.get("keys");
  auto items = r.text_list(keys, /*allow_single=*/true);
  if (!items) return std::nullopt;
  if (items->empty()) {
    r.error(keys.value_mark(), "keys: list at least one holiday key");
    return std::nullopt;
  }
  HolidayTrigger t;
  for (const Item& item : *items) {
    // Whether the key exists is the rule compiler's question (it knows the sets).
    t.keys.push_back(item.value);
    t.key_where.push_back(r.location(item.mark));
  }
  return t;
}

std::optional<Trigger> depth_trigger(ParseState& state, const Field& field) {
  Reader& r = state.reader;
  Fields f(r, field.value, field.key_node.Mark(), "depth", {"min", "every"});
  if (!f.ok() || !require(r, f, "depth", {"every"})) return std::nullopt;
  DepthTrigger t;
  bool ok = true;
  if (const Field* v = f.get("min")) {
    auto s = r.text(*v);
    auto d = s ? parse_depth(*s) : std::nullopt;
    if (s && !d) {
      r.error(v->value_mark(),
              fmt::format("min: unknown depth '{}'{} (use shallow, normal or deep)", *s,
                          did_you_mean(*s, {"shallow", "normal", "deep"})));
    }
    ok = ok && d.has_value();
    t.min = d.value_or(Depth::kDeep);
  }
  auto every = positive_duration(r, *f.get("every"));
  ok = ok && every.has_value();
  t.every = every.value_or(Duration{0});
  if (!ok) return std::nullopt;
  return t;
}

std::optional<Trigger> coverage_trigger(ParseState& state, const Field& field) {
  Reader& r = state.reader;
  Fields f(r, field.value, field.key_node.Mark(), "coverage",
           {"departments", "contacts", "window"});
  if (!f.ok() || !require(r, f, "coverage", {"window"})) return std::nullopt;
  CoverageTrigger t;
  bool ok = true;
  if (const Field* v = f.get("departments")) {
    auto n = r.integer(*v, 0, 1000);
    ok = ok && n.has_value();
    t.departments = static_cast<int>(n.value_or(0));
  }
  if (const Field* v = f.get("contacts")) {
    auto n = r.integer(*v, 0, 100000);
    ok = ok && n.has_value();
    t.contacts = static_cast<int>(n.value_or(0));
  }
  auto window = positive_duration(r, *f.get("window"));
  ok = ok && window.has_value();
  t.window = window.value_or(Duration{0});
  if (ok && t.departments == 0 && t.contacts == 0) {
    r.error(f.mark(), "coverage: set departments: or contacts: (or both) to a number above 0");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return t;
}

std::optional<Trigger> schedule_trigger(ParseState& state, const Field& field) {
  Reader& r = state.reader;
  Fields f(r, field.value, field.key_node.Mark(), "schedule", {"rrule", "dtstart"});
  if (!f.ok() || !require(r, f, "schedule", {"rrule"})) return std::nullopt;
  ScheduleTrigger t;
  const Field& rrule = *f.get("rrule");
  auto text = r.text(rrule);
  if (!text) return std::nullopt;
  if (text->empty()) {
    r.error(rrule.value_mark(), "rrule: is empty; write an RFC 5545 rule such as FREQ=MONTHLY");
    return std::nullopt;
  }
  // Whether the RRULE parses is the rule compiler's question (libical); it reports here.
  t.rrule = *text;
  t.rrule_where = r.location(rrule.value_mark());
  if (const Field* v = f.get("dtstart")) {
    t.dtstart = r.date(*v);
    if (!t.dtstart) return std::nullopt;
  }
  return t;
}

}  // namespace

const std::vector<std::string>& trigger_keys() {
  static const std::vector<std::string> keys = {"cadence", "birthday", "anniversary", "holiday",
                                                "depth",   "coverage", "schedule",    "review"};
  return keys;
}

std::optional<Trigger> parse_trigger(ParseState& state, const Field& field) {
  Reader& r = state.reader;
  if (field.key == "cadence") return cadence_trigger(state, field);
  if (field.key == "holiday") return holiday_trigger(state, field);
  if (field.key == "depth") return depth_trigger(state, field);
  if (field.key == "coverage") return coverage_trigger(state, field);
  if (field.key == "schedule") return schedule_trigger(state, field);
  if (field.key == "anniversary") {
    Fields f(r, field.value, field.key_node.Mark(), "anniversary", {"dates"});
    if (!f.ok()) return std::nullopt;
    AnniversaryTrigger t;
    if (const Field* v = f.get("dates")) {
      auto items = r.text_list(*v, /*allow_single=*/true);
      if (!items) return std::nullopt;
      for (const Item& item : *items) t.dates.push_back(item.value);
    }
    return t;
  }
  // birthday and review take no settings.
  Fields f(r, field.value, field.key_node.Mark(), field.key, {});
  if (!f.ok()) return std::nullopt;
  if (field.key == "birthday") return BirthdayTrigger{};
  return ReviewTrigger{};
}

}  // namespace cadence::config_internal
