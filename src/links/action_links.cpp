#include "cadence/links.hpp"

namespace cadence {
namespace {

constexpr const char* kStandardActions[] = {"done", "snooze1d", "snooze3d", "snooze1w"};

std::string trimmed_base(std::string_view public_url) {
  std::string base(public_url);
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

}  // namespace

std::string action_label(Locale locale, std::string_view action) {
  const bool z = locale == Locale::kZhCN;
  if (action == "done") return z ? "标记为已完成" : "Mark done";
  if (action == "snooze1d") return z ? "推迟 1 天" : "Snooze 1 day";
  if (action == "snooze3d") return z ? "推迟 3 天" : "Snooze 3 days";
  if (action == "snooze1w") return z ? "推迟 1 周" : "Snooze 1 week";
  constexpr std::string_view kTouch = "touch:";
  if (action.substr(0, kTouch.size()) == kTouch) {
    const std::string kind(action.substr(kTouch.size()));
    return z ? "记录一次联系（" + kind + "）" : "Log a touch (" + kind + ")";
  }
  return std::string(action);
}

Result<std::vector<ActionLink>> make_action_links(std::string_view public_url, std::string_view key,
                                                  const Occurrence& reminder, Locale locale,
                                                  Instant now, Duration validity) {
  std::vector<ActionLink> links;
  if (public_url.empty()) return links;
  if (key.empty()) return Error::invalid_input("no action key");
  if (reminder.row_id <= 0) return Error::invalid_input("the reminder has no row id yet");
  const std::string base = trimmed_base(public_url);
  for (const char* action : kStandardActions) {
    auto claim = make_action_claim(reminder.row_id, action, now + validity);
    if (!claim) return claim.error();
    auto token = sign_action_token(key, *claim);
    if (!token) return token.error();
    links.push_back({action, action_label(locale, action), base + "/a/" + *token});
  }
  return links;
}

Result<std::vector<ActionLink>> make_message_links(std::string_view public_url,
                                                   std::string_view key, const Occurrence& reminder,
                                                   Locale locale, std::string_view touch_kind,
                                                   std::string_view seed, Instant issued,
                                                   Duration validity) {
  std::vector<ActionLink> links;
  if (public_url.empty() || reminder.kind == ReminderKind::kDigest) return links;
  if (key.empty()) return Error::invalid_input("no action key");
  if (reminder.row_id <= 0) return Error::invalid_input("the reminder has no row id yet");
  if (seed.empty()) return Error::invalid_input("no seed for the message links");
  std::vector<std::string> actions(std::begin(kStandardActions), std::end(kStandardActions));
  if (!touch_kind.empty() && reminder.subject.rfind("contact:", 0) == 0) {
    actions.push_back("touch:" + std::string(touch_kind));
  }
  const std::string base = trimmed_base(public_url);
  for (const std::string& action : actions) {
    auto claim = derive_action_claim(key, seed, reminder.row_id, action, issued + validity);
    if (!claim) return claim.error();
    auto token = sign_action_token(key, *claim);
    if (!token) return token.error();
    links.push_back({action, action_label(locale, action), base + "/a/" + *token});
  }
  return links;
}

std::string message_touch_kind(const Config& config) {
  if (config.find_kind("call") != nullptr) return "call";
  return config.kinds.empty() ? std::string() : config.kinds.front().name;
}

}  // namespace cadence
