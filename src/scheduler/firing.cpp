// process_due: fire what is due (occurrences, repeats, digests), extend the
// horizon. A fire and its outbox rows are written in one transaction.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "cadence/delivery.hpp"
#include "cadence/scheduler.hpp"
#include "scheduler/review_content.hpp"

namespace cadence {
namespace {

// The longest a repeat may have been missed and still be looked at (beyond
// catch_up it is skipped by fire(), which needs to see it to re-arm it).
constexpr Duration kRepeatLookback{7 * 86400};
// A safety stop for one process_due call: many batches mean a backlog that the
// next wake continues.
constexpr int kMaxRounds = 200;

bool owner_digest_only(const RuleSet& rules, const std::string& owner) {
  const CompiledOwner* o = rules.find_owner(owner);
  return o != nullptr && o->digest && o->digest_only;
}

// Outbox rows for one send. The first send of an occurrence keys its rows by
// (occurrence key, channel); a repeat or an escalation is another message and
// needs keys of its own (the outbox key is unique and reused on retries).
std::vector<Delivery> deliveries_for(const Occurrence& fired, const OwnerConfig& recipient,
                                     bool escalation, Instant now) {
  std::vector<Delivery> rows = plan_deliveries(fired, recipient, now);
  if (escalation || fired.fire_count > 1) {
    const std::string suffix =
        escalation ? "|escalation" : "|repeat" + std::to_string(fired.fire_count);
    for (Delivery& d : rows) d.idempotency_key = idempotency_key_for(fired.key + suffix, d.channel);
  }
  return rows;
}

nlohmann::json parse_details(const std::string& text) {
  auto j = nlohmann::json::parse(text.empty() ? std::string("{}") : text, nullptr, false);
  return j.is_object() ? j : nlohmann::json::object();
}

}  // namespace

Status Scheduler::fire_one(const Occurrence& o, Instant now, ProcessReport& report) {
  // A touch logged meanwhile (even while the daemon was down) makes it moot.
  auto moot = resolve_if_touched(o);
  if (!moot) return moot.error();
  if (*moot) {
    ++report.resolved;
    return ok_status();
  }
  const FireDecision d = fire(*rules_, o, now);
  switch (d.action) {
    case FireDecision::Action::kSend: {
      Occurrence fired = d.next;
      if (fired.kind == ReminderKind::kReview) {
        scheduler_detail::attach_review(store_, *rules_, fired, now);
      }
      std::vector<Delivery> rows;
      // The review is a report of its own: never folded into the daily digest.
      const bool immediate = d.escalation || fired.kind == ReminderKind::kReview ||
                             !owner_digest_only(*rules_, fired.owner);
      if (const OwnerConfig* owner = config_->find_owner(d.recipient); owner && immediate) {
        rows = deliveries_for(fired, *owner, d.escalation, now);
      }
      if (auto s = store_.fire_occurrence(fired, rows); !s) return s;
      ++report.sent;
      ++stats_.sent;
      if (d.next.late && !o.late) ++report.late;
      return ok_status();
    }
    case FireDecision::Action::kExpire:
      ++report.expired;
      ++stats_.expired;
      return store_.update_occurrence(d.next);
    case FireDecision::Action::kSkip:
      ++report.skipped;
      return store_.update_occurrence(d.next);
    case FireDecision::Action::kNone:
      return ok_status();
  }
  return ok_status();
}

Result<std::vector<Occurrence>> Scheduler::due_repeats(Instant now) {
  // Fired rows whose fire_at lies after their fired_at have a repeat or an
  // escalation pending; only recent ones can be due. Firing sets fire_at to
  // the next repeat, which lies ahead, so a row becomes due only when time
  // passes its fire_at: after the first scan, only rows whose fire_at lies
  // since the last complete scan are read (a wake a minute must not read a
  // week of fired reminders). After the clock went back, the whole look-back.
  Instant from = now - std::max(lookback(), kRepeatLookback);
  if (repeats_scanned_until_ && *repeats_scanned_until_ <= now) {
    from = std::max(from, *repeats_scanned_until_);
  }
  auto fired = store_.list_occurrences(OccurrenceState::kFired, from, now, 0);
  if (!fired) return fired.error();
  std::vector<Occurrence> due;
  for (Occurrence& o : *fired) {
    if (auto t = next_fire_time(o); t && *t <= now) due.push_back(std::move(o));
  }
  return due;
}

Result<ProcessReport> Scheduler::process_due(Instant now) {
  ProcessReport report;
  // The horizon moves with time (and with a clock jump: what the jump passed
  // over is already in the store and fires late, through catch_up).
  if (now + options_.horizon - horizon_end_ >= options_.extend_step) {
    const Instant to = now + options_.horizon;
    auto n = full_pass(horizon_end_, to, nullptr, false);
    if (!n) return n.error();
    horizon_end_ = to;
    stats_.horizon_end = to;
    report.extended = true;
  }
  for (int round = 0; round < kMaxRounds; ++round) {
    auto due = store_.due_occurrences(now, options_.batch);
    if (!due) return due.error();
    for (const Occurrence& o : *due) {
      if (auto s = fire_one(o, now, report); !s) return s.error();
    }
    if (static_cast<int>(due->size()) < options_.batch) break;
  }
  auto repeats = due_repeats(now);
  if (!repeats) return repeats.error();
  for (const Occurrence& o : *repeats) {
    if (auto s = fire_one(o, now, report); !s) return s.error();
  }
  repeats_scanned_until_ = now;  // only once every due repeat was handled
  if (auto s = send_digests(now, report); !s) return s.error();
  return report;
}

std::optional<Instant> Scheduler::next_digest(Instant now) const {
  std::optional<Instant> next;
  for (const CompiledOwner& owner : rules_->owners()) {
    if (!owner.digest) continue;
    const Date today = owner.zone.local_date(now);
    for (Date day : {today, to_date(to_sys_days(today) + Days{1})}) {
      auto t = digest_time(*rules_, owner.id, day);
      if (!t || *t <= now) continue;
      if (!next || *t < *next) next = t;
      break;
    }
  }
  return next;
}

Status Scheduler::send_digests(Instant now, ProcessReport& report) {
  for (const CompiledOwner& owner : rules_->owners()) {
    if (!owner.digest) continue;
    const Date day = owner.zone.local_date(now);
    const std::optional<Instant> at = digest_time(*rules_, owner.id, day);
    // Due today and not older than a day (a digest is not worth catching up later).
    if (!at || *at > now || now - *at > kOneDay) continue;
    const std::string key = "digest|owner:" + owner.id + "|" + format_date(day);
    if (store_.get_occurrence_by_key(key)) continue;  // sent already (exactly once)
    auto day_rows =
        store_.list_occurrences(std::nullopt, *at - kOneDay - kOneDay, *at + kOneDay + kOneDay, 0);
    if (!day_rows) return day_rows.error();
    std::vector<Occurrence> candidates;
    for (Occurrence& o : *day_rows) {
      if (o.owner == owner.id && o.kind != ReminderKind::kDigest &&
          o.kind != ReminderKind::kReview && o.state != OccurrenceState::kExpired &&
          o.state != OccurrenceState::kResolved) {
        candidates.push_back(std::move(o));
      }
    }
    const std::vector<DigestGroup> groups = group_digest(*rules_, owner.id, day, candidates);
    nlohmann::json items = nlohmann::json::array();
    for (const DigestGroup& g : groups) {
      for (const Occurrence& o : g.occurrences) {
        const nlohmann::json details = parse_details(o.details_json);
        nlohmann::json item = {{"title", o.title},
                               {"account", g.account_name},
                               {"reminder", o.row_id},
                               {"kind", to_string(o.kind)}};
        if (auto it = details.find("reason"); it != details.end()) item["reason"] = *it;
        items.push_back(std::move(item));
      }
    }
    if (items.empty()) continue;
    Occurrence digest;
    digest.key = key;
    digest.rule = "digest";
    digest.kind = ReminderKind::kDigest;
    digest.subject = "owner:" + owner.id;
    digest.owner = owner.id;
    digest.due = day;
    digest.fire_at = *at;
    const bool en = owner.locale == Locale::kEn;
    digest.title = en ? "Today's reminders (" + std::to_string(items.size()) + ")"
                      : "今日提醒（" + std::to_string(items.size()) + " 条）";
    digest.details_json = nlohmann::json{{"items", items}, {"day", format_date(day)}}.dump();
    // Recorded and queued in one transaction: a crash leaves no half-sent digest.
    auto s = store_.transaction([&]() -> Status {
      if (auto n = store_.upsert_occurrences({digest}); !n) return n.error();
      auto stored = store_.get_occurrence_by_key(key);
      if (!stored) return stored.error();
      Occurrence fired = *stored;
      fired.state = OccurrenceState::kFired;
      fired.fired_at = now;
      fired.fire_count = 1;
      fired.late = now - *at > kOnTimeSlack;
      std::vector<Delivery> rows;
      if (const OwnerConfig* cfg = config_->find_owner(owner.id)) {
        rows = plan_deliveries(fired, *cfg, now);
      }
      return store_.fire_occurrence(fired, rows);
    });
    if (!s) return s;
    ++report.digests;
  }
  return ok_status();
}

}  // namespace cadence
