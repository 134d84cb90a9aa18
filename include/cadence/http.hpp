// The daemon's HTTP face as seen from the rest of cadence: the action links a
// reminder message carries (Done, Snooze 1 day / 3 days / 1 week), each a URL
// "<public_url>/a/<token>" whose GET shows a confirmation page and whose POST
// acts (docs/HTTP.md). The server itself is the daemon's HTTP job
// (src/http/http_job.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cadence/action_token.hpp"
#include "cadence/config.hpp"
#include "cadence/model.hpp"

namespace cadence {

// How long a link in a reminder stays valid. Default for make_action_links.
inline constexpr Duration kActionLinkValidity{14 * 24 * 3600};

struct ActionLink {
  std::string action;  // "done", "snooze1d", "snooze3d", "snooze1w"
  std::string label;   // "Mark done" / "标记为已完成", in the requested locale
  std::string url;     // public_url + "/a/" + token
};

// The link set for `reminder`, signed with `key` (load_or_create_action_key
// with default_action_key_path(config.database)), each with its own nonce and
// expiring at now + validity. Empty when public_url is empty (no links
// configured). kInvalidInput for an empty key or a reminder without a row id.
Result<std::vector<ActionLink>> make_action_links(std::string_view public_url, std::string_view key,
                                                  const Occurrence& reminder, Locale locale,
                                                  Instant now,
                                                  Duration validity = kActionLinkValidity);

}  // namespace cadence
