#include "cadence/model.hpp"

#include <array>
#include <utility>

namespace cadence {
namespace {

constexpr std::array<std::pair<OccurrenceState, const char*>, 6> kOccurrenceStates = {{
    {OccurrenceState::kScheduled, "scheduled"},
    {OccurrenceState::kFired, "fired"},
    {OccurrenceState::kDone, "done"},
    {OccurrenceState::kSnoozed, "snoozed"},
    {OccurrenceState::kResolved, "resolved"},
    {OccurrenceState::kExpired, "expired"},
}};

constexpr std::array<std::pair<ReminderKind, const char*>, 9> kReminderKinds = {{
    {ReminderKind::kCadence, "cadence"},
    {ReminderKind::kBirthday, "birthday"},
    {ReminderKind::kAnniversary, "anniversary"},
    {ReminderKind::kHoliday, "holiday"},
    {ReminderKind::kDepth, "depth"},
    {ReminderKind::kCoverage, "coverage"},
    {ReminderKind::kSchedule, "schedule"},
    {ReminderKind::kReview, "review"},
    {ReminderKind::kDigest, "digest"},
}};

constexpr std::array<std::pair<DeliveryState, const char*>, 3> kDeliveryStates = {{
    {DeliveryState::kQueued, "queued"},
    {DeliveryState::kSent, "sent"},
    {DeliveryState::kDead, "dead"},
}};

template <typename Enum, std::size_t N>
const char* name_of(const std::array<std::pair<Enum, const char*>, N>& table, Enum value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "unknown";
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, const char*>, N>& table,
                             std::string_view name) {
  for (const auto& [v, n] : table) {
    if (name == n) return v;
  }
  return std::nullopt;
}

}  // namespace

const char* to_string(OccurrenceState s) { return name_of(kOccurrenceStates, s); }
std::optional<OccurrenceState> occurrence_state_from_string(std::string_view s) {
  return value_of(kOccurrenceStates, s);
}

const char* to_string(ReminderKind k) { return name_of(kReminderKinds, k); }
std::optional<ReminderKind> reminder_kind_from_string(std::string_view s) {
  return value_of(kReminderKinds, s);
}

const char* to_string(DeliveryState s) { return name_of(kDeliveryStates, s); }
std::optional<DeliveryState> delivery_state_from_string(std::string_view s) {
  return value_of(kDeliveryStates, s);
}

const char* depth_name(Depth d) {
  switch (d) {
    case Depth::kShallow:
      return "shallow";
    case Depth::kNormal:
      return "normal";
    case Depth::kDeep:
      return "deep";
  }
  return "unknown";
}
std::optional<Depth> depth_from_name(std::string_view s) {
  if (s == "shallow") return Depth::kShallow;
  if (s == "normal") return Depth::kNormal;
  if (s == "deep") return Depth::kDeep;
  return std::nullopt;
}

}  // namespace cadence
