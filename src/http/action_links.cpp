#include "cadence/http.hpp"

#include "http/pages.hpp"

namespace cadence {

Result<std::vector<ActionLink>> make_action_links(std::string_view public_url, std::string_view key,
                                                  const Occurrence& reminder, Locale locale,
                                                  Instant now, Duration validity) {
  std::vector<ActionLink> links;
  if (public_url.empty()) return links;
  if (key.empty()) return Error::invalid_input("no action key");
  if (reminder.row_id <= 0) return Error::invalid_input("the reminder has no row id yet");
  std::string base(public_url);
  while (!base.empty() && base.back() == '/') base.pop_back();
  for (const char* action : {"done", "snooze1d", "snooze3d", "snooze1w"}) {
    auto claim = make_action_claim(reminder.row_id, action, now + validity);
    if (!claim) return claim.error();
    auto token = sign_action_token(key, *claim);
    if (!token) return token.error();
    links.push_back({action, http::action_label(locale, action), base + "/a/" + *token});
  }
  return links;
}

}  // namespace cadence
