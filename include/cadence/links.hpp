// The action links a reminder message carries (Done, Snooze 1 day / 3 days /
// 1 week, Log a touch), each a URL "<public_url>/a/<token>" whose GET shows a
// confirmation page and whose POST acts (docs/HTTP.md). Made here, in
// src/links/ below both delivery (which puts them into messages) and http
// (whose HTTP job, src/http/http_job.hpp, serves them).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cadence/action_token.hpp"
#include "cadence/config.hpp"
#include "cadence/model.hpp"

namespace cadence {

// "Mark done", "Snooze 1 day", "Log a touch (call)" in the locale: the label
// of a link in a message and of the button on its confirmation page.
std::string action_label(Locale locale, std::string_view action);

// How long a link in a reminder stays valid. Default for make_action_links.
inline constexpr Duration kActionLinkValidity{14 * 24 * 3600};

struct ActionLink {
  std::string action;  // "done", "snooze1d", "snooze3d", "snooze1w", "touch:<kind>"
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

// The links a delivered message carries: Done, Snooze 1 day / 3 days /
// 1 week and, when `touch_kind` is not empty and the reminder is about one
// contact ("contact:<id>"), "Log a touch (<kind>)". Deterministic, so a
// delivery retried later sends the very same bytes: each nonce is derived
// (derive_action_claim) from the key and `seed` (the delivery's idempotency
// key) and every link expires at `issued` (the delivery's created_at) +
// validity. No links (empty) when public_url is empty or for a digest (its
// items are other reminders). kInvalidInput as make_action_links, or an
// empty seed.
Result<std::vector<ActionLink>> make_message_links(std::string_view public_url,
                                                   std::string_view key, const Occurrence& reminder,
                                                   Locale locale, std::string_view touch_kind,
                                                   std::string_view seed, Instant issued,
                                                   Duration validity = kActionLinkValidity);

// The interaction kind a message's "Log a touch" link logs: "call" when the
// config has it, else the first configured kind; empty without kinds.
std::string message_touch_kind(const Config& config);

}  // namespace cadence
