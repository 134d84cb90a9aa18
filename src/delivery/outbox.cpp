// The outbox worker: due deliveries -> render -> send -> record the outcome.
#include <spdlog/spdlog.h>

#include <set>

#include "cadence/delivery.hpp"

namespace cadence {
namespace {

Instant after(Instant now, std::chrono::milliseconds delay) {
  // Whole seconds, at least one: a retry is never due again in the same pass.
  auto secs = std::chrono::ceil<std::chrono::seconds>(delay);
  if (secs < std::chrono::seconds{1}) secs = std::chrono::seconds{1};
  return now + secs;
}

const OwnerConfig* find_owner(const Config& config, const std::string& id) {
  for (const auto& o : config.owners) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

}  // namespace

Outbox::Outbox(Store& store, const Clock& clock, std::vector<ChannelSpec> channels,
               const Config& config, Transport& transport, OutboxOptions options)
    : store_(store), clock_(clock), config_(config), transport_(transport), options_(options) {
  for (auto& c : channels) channels_.emplace(c.id, std::move(c));
  if (options_.seed != 0) {
    rng_.seed(options_.seed);
  } else {
    std::random_device rd;
    rng_.seed((static_cast<std::uint64_t>(rd()) << 32) | rd());
  }
}

Result<OutboxReport> Outbox::process_due(Instant now) {
  OutboxReport report;
  std::set<RowId> seen;
  for (;;) {
    auto due = store_.due_deliveries(now, options_.batch);
    if (!due) return due.error();
    int fresh = 0;
    for (auto& d : *due) {
      if (!seen.insert(d.row_id).second) continue;
      ++fresh;
      if (auto st = process_one(std::move(d), now, report); !st) return st.error();
    }
    if (fresh == 0 || static_cast<int>(due->size()) < options_.batch) break;
  }
  return report;
}

Status Outbox::process_one(Delivery d, Instant now, OutboxReport& report) {
  auto give_up = [&](const std::string& why) {
    d.state = DeliveryState::kDead;
    d.last_error = why;
    ++report.dead;
    spdlog::warn("delivery {} to channel '{}' is dead: {}", d.row_id, d.channel, why);
    return store_.update_delivery(d);
  };
  auto channel = channels_.find(d.channel);
  if (channel == channels_.end()) {
    return give_up("channel '" + d.channel + "' is not configured");
  }
  const ChannelSpec& spec = channel->second;
  const bool aged = d.created_at != Instant{} && now - d.created_at >= options_.retry.max_age &&
                    d.attempts >= options_.retry.min_attempts;
  if (aged) {
    return give_up("gave up after " + std::to_string(d.attempts) + " attempts over " +
                   format_duration(options_.retry.max_age) +
                   (d.last_error.empty() ? "" : "; last error: " + d.last_error));
  }
  if (options_.pacing) {
    if (auto ready = pacer_.try_acquire(spec.id, spec.pace, now)) {
      d.next_attempt_at = *ready;
      ++report.deferred;
      return store_.update_delivery(d);
    }
  }
  auto occ = store_.get_occurrence(d.occurrence);
  if (!occ) {
    if (occ.error().code() == ErrorCode::kNotFound) {
      return give_up("occurrence " + std::to_string(d.occurrence) + " no longer exists");
    }
    return occ.error();
  }
  const OwnerConfig* owner = find_owner(config_, occ->owner);
  Locale locale = owner != nullptr && owner->locale ? *owner->locale : config_.locale;
  auto message = render_message(*occ, spec, locale);
  if (!message) return give_up(message.error().message());
  message->idempotency_key = d.idempotency_key;
  if (owner != nullptr) {
    message->to_address = owner->email;
    message->to_name = owner->name.empty() ? owner->id : owner->name;
  }

  SendResult result = transport_.send(spec, *message, now);
  ++d.attempts;
  switch (result.outcome) {
    case Outcome::kDelivered:
      d.state = DeliveryState::kSent;
      d.sent_at = now;
      d.last_error.clear();
      ++report.sent;
      spdlog::info("delivery {} to channel '{}' ({}) sent: {}", d.row_id, d.channel,
                   to_string(spec.kind), result.detail);
      break;
    case Outcome::kPermanent:
      return give_up(result.detail);
    case Outcome::kRetryable: {
      auto delay = retry_delay(options_.retry, d.attempts, result.retry_after, rng_);
      Instant next = after(now, delay);
      if (d.created_at != Instant{} && next - d.created_at >= options_.retry.max_age &&
          d.attempts >= options_.retry.min_attempts) {
        return give_up("gave up after " + std::to_string(d.attempts) +
                       " attempts: " + result.detail);
      }
      d.next_attempt_at = next;
      d.last_error = result.detail;
      ++report.retried;
      spdlog::info("delivery {} to channel '{}' failed (attempt {}), retry at {}: {}", d.row_id,
                   d.channel, d.attempts, format_rfc3339_utc(next), result.detail);
      break;
    }
  }
  return store_.update_delivery(d);
}

}  // namespace cadence
