// Removing a channel's secrets from text that came from outside — a service's
// answer, a transport or SMTP error — before it is logged, stored as a
// delivery's last_error or printed by `cadencectl send-test`. Services and the
// proxies in front of them echo request paths ("Cannot POST /bot<token>/…"),
// and for webhook services the path is the credential.
#pragma once

#include <string>

#include "cadence/channel.hpp"

namespace cadence::delivery {

// `text` with every occurrence of one of the channel's secrets replaced by
// "***": the signing secret, token and passwords (SMTP and ntfy) of 4 bytes or
// more, the URL's userinfo, and the URL's path segments, query values and
// fragment of 12 bytes or more (a Telegram "bot<token>" segment also without
// its "bot"), each as written in the URL and percent-decoded. Longer secrets
// are replaced first, so a secret that contains another goes whole.
std::string scrub_secrets(std::string text, const ChannelSpec& channel);

}  // namespace cadence::delivery
