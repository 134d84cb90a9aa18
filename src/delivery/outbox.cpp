// The outbox worker: due deliveries -> render -> send -> record the outcome.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <set>

#include "cadence/delivery.hpp"
#include "cadence/links.hpp"
#include "delivery/send_pool.hpp"

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

// The owner's channel after `channel`, if fallback applies to it.
std::optional<std::string> next_channel(const OwnerConfig* owner, const std::string& channel) {
  if (owner == nullptr || !owner->fallback_after) return std::nullopt;
  auto at = std::find(owner->channels.begin(), owner->channels.end(), channel);
  if (at == owner->channels.end() || std::next(at) == owner->channels.end()) return std::nullopt;
  return *std::next(at);
}

// The fallback of a delivery, on the owner's next channel. Its key derives from
// the first delivery's: a fallback for failure and one for silence are the
// same row, queued once.
Delivery fallback_for(const Delivery& first, const std::string& channel) {
  Delivery next;
  next.occurrence = first.occurrence;
  next.channel = channel;
  next.idempotency_key = idempotency_key_for(first.idempotency_key + "|fallback", channel);
  next.state = DeliveryState::kQueued;
  return next;
}

// Marks a fallback queued after a successful send: it goes out only if the
// reminder is still unacknowledged when it comes due (Outbox::prepare).
constexpr const char* kAwaitingAcknowledgement =
    "waiting: sent only if the reminder is not acknowledged by then";

// After a send on one channel succeeded, queues the owner's next channel for
// fallback_after later, to go out only if nobody acknowledged the reminder
// (done, ack, snooze) by then. Queued at most once (the unique key).
Status queue_unacknowledged_fallback(Store& store, const OwnerConfig* owner, const Delivery& sent,
                                     Instant now) {
  const auto channel = next_channel(owner, sent.channel);
  if (!channel) return ok_status();
  Delivery next = fallback_for(sent, *channel);
  const Instant deadline = now + *owner->fallback_after;
  next.next_attempt_at = deadline;
  next.created_at = deadline;  // its retry age starts when it is due
  next.last_error = kAwaitingAcknowledgement;
  auto st = store.transaction([&]() -> Status {
    auto current = store.get_occurrence(sent.occurrence);
    if (!current) return current.error();
    if (current->state != OccurrenceState::kFired) return ok_status();
    return store.fire_occurrence(*current, {next});
  });
  if (!st && st.error().code() == ErrorCode::kConflict) return ok_status();  // queued already
  return st;
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

Outbox::~Outbox() = default;

Status Outbox::give_up(Delivery& d, const Occurrence* occurrence, const std::string& why,
                       Instant now, OutboxReport& report) {
  d.state = DeliveryState::kDead;
  d.last_error = why;
  ++report.dead;
  spdlog::warn("delivery {} to channel '{}' is dead: {}", d.row_id, d.channel, why);
  if (auto st = store_.update_delivery(d); !st) return st;
  return occurrence != nullptr ? fall_back(d, *occurrence, now, report) : ok_status();
}

Result<std::optional<Outbox::Job>> Outbox::prepare(Delivery d, Instant now, OutboxReport& report) {
  using Prepared = std::optional<Job>;
  // The occurrence is read first: a dead delivery may need it to fall back.
  auto occ = store_.get_occurrence(d.occurrence);
  if (!occ) {
    if (occ.error().code() != ErrorCode::kNotFound) return occ.error();
    auto st =
        give_up(d, nullptr, "occurrence " + std::to_string(d.occurrence) + " no longer exists", now,
                report);
    if (!st) return st.error();
    return Prepared{};
  }
  if (d.attempts == 0 && d.last_error == kAwaitingAcknowledgement &&
      occ->state != OccurrenceState::kFired) {
    // The reminder was acknowledged in time: this fallback is not needed. It
    // ends as `sent` without a send time (the state an `outbox retry` leaves
    // alone), its reason in last_error.
    d.state = DeliveryState::kSent;
    d.last_error = std::string("not sent: the reminder was ") + to_string(occ->state) +
                   " before fallback_after";
    spdlog::info("delivery {} to channel '{}' not needed: the reminder is {}", d.row_id, d.channel,
                 to_string(occ->state));
    if (auto st = store_.update_delivery(d); !st) return st.error();
    return Prepared{};
  }
  auto dead = [&](const std::string& why) -> Result<Prepared> {
    if (auto st = give_up(d, &*occ, why, now, report); !st) return st.error();
    return Prepared{};
  };
  auto defer = [&](Instant until) -> Result<Prepared> {
    d.next_attempt_at = until;
    ++report.deferred;
    if (auto st = store_.update_delivery(d); !st) return st.error();
    return Prepared{};
  };
  auto channel = channels_.find(d.channel);
  if (channel == channels_.end()) return dead("channel '" + d.channel + "' is not configured");
  const ChannelSpec& spec = channel->second;
  if (auto gone = dead_channels_.find(spec.id); gone != dead_channels_.end()) {
    return dead("channel '" + spec.id + "' is dead (" + gone->second + "); fix its URL and reload");
  }
  // An aged row is not given up here, unsent: it gets its attempt, and
  // record() gives it up if that fails too. A daemon that was down past
  // max_age thus tries once more before declaring a reminder undeliverable.
  if (auto paused = paused_until_.find(spec.id);
      paused != paused_until_.end() && paused->second > now) {
    return defer(paused->second);
  }
  if (options_.pacing) {
    if (auto ready = pacer_.try_acquire(spec.id, spec.pace, now)) return defer(*ready);
  }
  const OwnerConfig* owner = find_owner(config_, occ->owner);
  Locale locale = owner != nullptr && owner->locale ? *owner->locale : config_.locale;
  auto message = render_message(*occ, spec, locale, action_links(*occ, d, locale));
  if (!message) return dead(message.error().message());
  message->idempotency_key = d.idempotency_key;
  if (owner != nullptr) {
    message->to_address = owner->email;
    message->to_name = owner->name.empty() ? owner->id : owner->name;
  }
  return Prepared{Job{std::move(d), std::move(*occ), owner, &spec, std::move(*message)}};
}

std::vector<MessageLink> Outbox::action_links(const Occurrence& occurrence,
                                              const Delivery& delivery, Locale locale) {
  std::vector<MessageLink> out;
  if (config_.http.public_url.empty() || action_key_failed_) return out;
  if (!action_key_) {
    auto key =
        load_or_create_action_key(config_.http.key, default_action_key_path(config_.database));
    if (!key) {
      // Reminders still go out, without links: better than not at all.
      spdlog::error("messages go out without action links: {}", key.error().message());
      action_key_failed_ = true;
      return out;
    }
    action_key_ = std::move(*key);
  }
  // Issued when the delivery was queued (stored, so the same on every retry).
  const Instant issued = delivery.created_at != Instant{}
                             ? delivery.created_at
                             : occurrence.fired_at.value_or(occurrence.fire_at);
  auto links = make_message_links(config_.http.public_url, *action_key_, occurrence, locale,
                                  message_touch_kind(config_), delivery.idempotency_key, issued);
  if (!links) {
    spdlog::warn("delivery {}: no action links: {}", delivery.row_id, links.error().message());
    return out;
  }
  for (ActionLink& link : *links) out.push_back({std::move(link.label), std::move(link.url)});
  return out;
}

Status Outbox::record(Job job, const SendResult& result, Instant now, OutboxReport& report) {
  Delivery& d = job.delivery;
  const ChannelSpec& spec = *job.channel;
  ++d.attempts;
  // Pauses apply to the whole destination: a 429 or an exhausted rate-limit
  // bucket holds back every delivery of the channel, not just this one.
  std::optional<Instant> pause = result.pause_until;
  if (result.status == 429 && result.retry_after) {
    Instant hinted = after(now, *result.retry_after);
    if (!pause || *pause < hinted) pause = hinted;
  }
  if (pause && *pause > now) {
    Instant& until = paused_until_[spec.id];
    until = std::max(until, *pause);
  }
  if (result.channel_gone && dead_channels_.emplace(spec.id, result.detail).second) {
    spdlog::error("channel '{}' ({}) is dead: {}; its deliveries go to the owner's next channel",
                  spec.id, to_string(spec.kind), result.detail);
  }
  switch (result.outcome) {
    case Outcome::kDelivered:
      d.state = DeliveryState::kSent;
      d.sent_at = now;
      d.last_error.clear();
      ++report.sent;
      spdlog::info("delivery {} to channel '{}' ({}) sent: {}", d.row_id, d.channel,
                   to_string(spec.kind), result.detail);
      if (auto st = store_.update_delivery(d); !st) return st;
      return queue_unacknowledged_fallback(store_, job.owner, d, now);
    case Outcome::kPermanent:
      return give_up(d, &job.occurrence, result.detail, now, report);
    case Outcome::kRetryable:
      break;
  }
  // Dead only once max_age has passed since the row fell due (and after
  // min_attempts): never earlier because the next backoff step would land
  // past the age. That step is cut to the age instead: the last attempt is
  // made at max_age.
  const bool has_age = d.created_at != Instant{};
  const Instant give_up_at = d.created_at + options_.retry.max_age;
  if (has_age && now >= give_up_at && d.attempts >= options_.retry.min_attempts) {
    return give_up(d, &job.occurrence,
                   "gave up after " + std::to_string(d.attempts) + " attempts over " +
                       format_duration(options_.retry.max_age) + ": " + result.detail,
                   now, report);
  }
  auto delay = retry_delay(options_.retry, d.attempts, result.retry_after, rng_);
  Instant next = after(now, delay);
  if (has_age && now < give_up_at && next > give_up_at) next = give_up_at;
  bool fallback_due = false;
  if (job.owner != nullptr && job.owner->fallback_after && d.created_at != Instant{}) {
    // Failing for fallback_after: the next channel takes over (once); before
    // that, the next attempt is no later than the deadline.
    const Instant deadline = d.created_at + *job.owner->fallback_after;
    if (now >= deadline) {
      fallback_due = true;
    } else if (next > deadline) {
      next = deadline;
    }
  }
  d.next_attempt_at = next;
  d.last_error = result.detail;
  ++report.retried;
  // Attempts 1, 2, 4, 8, ...: a channel failing all day (one attempt every
  // few minutes until max_age) is not a log line per retry; the row's
  // last_error and `cadencectl outbox` have every attempt's detail.
  if ((d.attempts & (d.attempts - 1)) == 0) {
    spdlog::info("delivery {} to channel '{}' failed (attempt {}), retry at {}: {}", d.row_id,
                 d.channel, d.attempts, format_rfc3339_utc(next), result.detail);
  }
  if (auto st = store_.update_delivery(d); !st) return st;
  return fallback_due ? fall_back(d, job.occurrence, now, report) : ok_status();
}

Status Outbox::process_one(Delivery d, Instant now, OutboxReport& report) {
  auto job = prepare(std::move(d), now, report);
  if (!job) return job.error();
  if (!*job) return ok_status();
  SendResult result = transport_.send(*(*job)->channel, (*job)->message, now);
  return record(std::move(**job), result, now, report);
}

void Outbox::start_workers(OutboxWorkers workers) {
  workers_ = std::move(workers);
  if (!workers_.make_transport) {
    workers_.make_transport = [] { return make_transport(); };
  }
  pool_ = std::make_unique<delivery::SendPool>(workers_.threads, workers_.per_channel,
                                               workers_.make_transport, workers_.notify);
}

void Outbox::stop_workers() {
  if (!pool_) return;
  pool_->stop();
  workers_stopped_ = true;
}

Result<OutboxReport> Outbox::dispatch_due(Instant now) {
  if (!pool_) return process_due(now);
  OutboxReport report;
  if (workers_stopped_) return report;
  const Instant lease_end = now + std::max(workers_.lease, std::chrono::seconds{1});
  std::vector<delivery::SendJob> jobs;
  std::vector<RowId> added;
  // In-flight rows come first in the due order (their lease ran out): ask for
  // enough rows to see past them.
  const int room = std::max(0, workers_.max_in_flight - static_cast<int>(in_flight_.size()));
  if (room == 0) return report;
  auto due = store_.due_deliveries(now, room + static_cast<int>(in_flight_.size()));
  if (!due) return due.error();
  // One transaction: the leases and every decision of this pass in one commit.
  auto st = store_.transaction([&]() -> Status {
    for (Delivery& d : *due) {
      if (auto busy = in_flight_.find(d.row_id); busy != in_flight_.end()) {
        // Still being sent: renew the lease so the timer does not spin on it.
        d.next_attempt_at = lease_end;
        if (auto s = store_.update_delivery(d); !s) return s;
        continue;
      }
      if (static_cast<int>(jobs.size()) >= room) break;
      auto job = prepare(d, now, report);
      if (!job) return job.error();
      if (!*job) continue;
      Delivery leased = (*job)->delivery;
      leased.next_attempt_at = lease_end;
      if (auto s = store_.update_delivery(leased); !s) return s;
      jobs.push_back({leased.row_id, *(*job)->channel, (*job)->message, now});
      added.push_back(leased.row_id);
      in_flight_.emplace(leased.row_id, std::move(**job));
    }
    return ok_status();
  });
  if (!st) {
    for (RowId id : added) in_flight_.erase(id);
    return st.error();
  }
  pool_->submit(std::move(jobs));
  return report;
}

Result<OutboxReport> Outbox::collect(Instant now) {
  OutboxReport report;
  if (!pool_) return report;
  std::vector<delivery::SendDone> done = pool_->take_results();
  if (done.empty()) return report;
  auto st = store_.transaction([&]() -> Status {
    for (auto& r : done) {
      auto it = in_flight_.find(r.row_id);
      if (it == in_flight_.end()) continue;
      if (auto s = record(it->second, r.result, now, report); !s) return s;
    }
    return ok_status();
  });
  // Recorded or not, these sends are over: a failed commit leaves the rows
  // queued under their lease, so they are sent again (at least once).
  for (auto& r : done) in_flight_.erase(r.row_id);
  if (!st) return st.error();
  return report;
}

Status Outbox::fall_back(const Delivery& failed, const Occurrence& occurrence, Instant now,
                         OutboxReport& report) {
  const OwnerConfig* owner = find_owner(config_, occurrence.owner);
  const auto channel = next_channel(owner, failed.channel);
  if (!channel) return ok_status();
  // The key derives from the failed row's: stable across passes and restarts,
  // and distinct for a repeat or an escalation (whose keys differ).
  Delivery next = fallback_for(failed, *channel);
  next.next_attempt_at = now;
  next.created_at = now;
  bool queued = false;
  auto st = store_.transaction([&]() -> Status {
    // Re-read inside the write transaction: a `done` meanwhile wins.
    auto current = store_.get_occurrence(failed.occurrence);
    if (!current) return current.error();
    if (current->state != OccurrenceState::kFired) return ok_status();
    queued = true;
    return store_.fire_occurrence(*current, {next});
  });
  if (!st) {
    // The unique key: an earlier pass (or run) queued it already.
    if (st.error().code() == ErrorCode::kConflict) return ok_status();
    return st;
  }
  if (queued) {
    ++report.fallbacks;
    spdlog::warn("delivery {} on channel '{}' failed ({}); falling back to channel '{}'",
                 failed.row_id, failed.channel, failed.last_error, next.channel);
  }
  return ok_status();
}

}  // namespace cadence
