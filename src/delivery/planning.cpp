// Outbox rows for a fired occurrence, with stable idempotency keys.
#include "cadence/delivery.hpp"
#include "delivery/signing.hpp"

namespace cadence {

std::string idempotency_key_for(const std::string& occurrence_key, const std::string& channel_id) {
  // Length-prefixed so ("a|b", "c") and ("a", "b|c") cannot collide.
  std::string input =
      std::to_string(occurrence_key.size()) + ":" + occurrence_key + "|" + channel_id;
  return "cd-" + delivery::hex_lower(delivery::sha256(input)).substr(0, 32);
}

std::vector<Delivery> plan_deliveries(const Occurrence& occurrence, const OwnerConfig& owner,
                                      Instant now) {
  std::vector<Delivery> out;
  for (const auto& channel : owner.channels) {
    // With fallback, the next channel is queued by the Outbox only if needed.
    if (owner.fallback_after && !out.empty()) break;
    Delivery d;
    d.occurrence = occurrence.row_id;
    d.channel = channel;
    d.idempotency_key = idempotency_key_for(occurrence.key, channel);
    d.state = DeliveryState::kQueued;
    d.next_attempt_at = now;
    d.created_at = now;
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace cadence
