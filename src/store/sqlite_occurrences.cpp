// Store methods for occurrences (the durable timer queue) and deliveries (the
// outbox). wake_at, a generated column, is fire_at for scheduled rows and
// snoozed_until for snoozed ones, so "what is due" is one index range.
#include "store/codec.hpp"
#include "store/rows.hpp"
#include "store/sqlite_store.hpp"

namespace cadence::store {
namespace {

constexpr const char* kOccurrenceColumns =
    "row_id, key, rule, kind, subject, owner, due, fire_at, state, snoozed_until, fired_at, "
    "fire_count, escalated, late, title, details_json";

constexpr const char* kDeliveryColumns =
    "row_id, occurrence, channel, idempotency_key, state, attempts, next_attempt_at, created_at, "
    "sent_at, last_error";

void bind_optional_instant(SQLite::Statement& q, const char* name, std::optional<Instant> t) {
  if (t) {
    q.bind(name, to_seconds(*t));
  } else {
    q.bind(name);
  }
}

Occurrence read_occurrence(SQLite::Statement& q) {
  Occurrence o;
  o.row_id = q.getColumn(0).getInt64();
  o.key = q.getColumn(1).getString();
  o.rule = q.getColumn(2).getString();
  o.kind = reminder_kind_from_string(q.getColumn(3).getString()).value_or(ReminderKind::kCadence);
  o.subject = q.getColumn(4).getString();
  o.owner = q.getColumn(5).getString();
  if (auto due = parse_date(q.getColumn(6).getString())) o.due = *due;
  o.fire_at = from_seconds(q.getColumn(7).getInt64());
  o.state = occurrence_state_from_string(q.getColumn(8).getString())
                .value_or(OccurrenceState::kScheduled);
  o.snoozed_until = optional_instant(q.getColumn(9));
  o.fired_at = optional_instant(q.getColumn(10));
  o.fire_count = q.getColumn(11).getInt();
  o.escalated = q.getColumn(12).getInt() != 0;
  o.late = q.getColumn(13).getInt() != 0;
  o.title = q.getColumn(14).getString();
  o.details_json = q.getColumn(15).getString();
  return o;
}

void bind_occurrence(SQLite::Statement& q, const Occurrence& o) {
  q.bind(":key", o.key);
  q.bind(":rule", o.rule);
  q.bind(":kind", to_string(o.kind));
  q.bind(":subject", o.subject);
  q.bind(":owner", o.owner);
  q.bind(":due", format_date(o.due));
  q.bind(":fire_at", to_seconds(o.fire_at));
  q.bind(":state", to_string(o.state));
  bind_optional_instant(q, ":snoozed_until", o.snoozed_until);
  bind_optional_instant(q, ":fired_at", o.fired_at);
  q.bind(":fire_count", o.fire_count);
  q.bind(":escalated", o.escalated ? 1 : 0);
  q.bind(":late", o.late ? 1 : 0);
  q.bind(":title", o.title);
  q.bind(":details_json", o.details_json.empty() ? std::string("{}") : o.details_json);
}

Delivery read_delivery(SQLite::Statement& q) {
  Delivery d;
  d.row_id = q.getColumn(0).getInt64();
  d.occurrence = q.getColumn(1).getInt64();
  d.channel = q.getColumn(2).getString();
  d.idempotency_key = q.getColumn(3).getString();
  d.state = delivery_state_from_string(q.getColumn(4).getString()).value_or(DeliveryState::kQueued);
  d.attempts = q.getColumn(5).getInt();
  d.next_attempt_at = from_seconds(q.getColumn(6).getInt64());
  d.created_at = from_seconds(q.getColumn(7).getInt64());
  d.sent_at = optional_instant(q.getColumn(8));
  d.last_error = q.getColumn(9).getString();
  return d;
}

Status validate_occurrence(const Occurrence& o) {
  if (o.key.empty()) return Error::invalid_input("occurrence key is empty");
  if (o.rule.empty()) return Error::invalid_input("occurrence " + o.key + ": rule is empty");
  if (o.subject.empty()) return Error::invalid_input("occurrence " + o.key + ": subject is empty");
  if (!o.due.ok()) return Error::invalid_input("occurrence " + o.key + ": due date is invalid");
  return ok_status();
}

}  // namespace

std::vector<Occurrence> SqliteStore::query_occurrences(
    const std::string& sql, const std::function<void(SQLite::Statement&)>& bind) {
  auto& q = stmt(std::string("SELECT ") + kOccurrenceColumns + " FROM occurrences " + sql);
  bind(q);
  std::vector<Occurrence> out;
  while (q.executeStep()) out.push_back(read_occurrence(q));
  return out;
}

Result<int> SqliteStore::upsert_occurrences(const std::vector<Occurrence>& occurrences) {
  for (const auto& o : occurrences) {
    if (auto s = validate_occurrence(o); !s) return s.error();
  }
  int inserted = 0;
  auto s = write([&]() -> Status {
    auto& q = stmt(std::string(
        "INSERT INTO occurrences (key, rule, kind, subject, owner, due, fire_at, state, "
        "snoozed_until, fired_at, fire_count, escalated, late, title, details_json) VALUES "
        "(:key, :rule, :kind, :subject, :owner, :due, :fire_at, :state, :snoozed_until, "
        ":fired_at, :fire_count, :escalated, :late, :title, :details_json) "
        "ON CONFLICT (key) DO NOTHING"));
    for (const auto& o : occurrences) {
      q.reset();
      q.clearBindings();
      bind_occurrence(q, o);
      inserted += q.exec();
    }
    return ok_status();
  });
  if (!s) return s.error();
  return inserted;
}

Result<Occurrence> SqliteStore::get_occurrence(RowId row_id) {
  std::vector<Occurrence> found;
  auto s = read([&]() -> Status {
    found =
        query_occurrences("WHERE row_id = ?1", [&](SQLite::Statement& q) { q.bind(1, row_id); });
    return ok_status();
  });
  if (!s) return s.error();
  if (found.empty()) return Error::not_found("no occurrence #" + std::to_string(row_id));
  return found.front();
}

Result<Occurrence> SqliteStore::get_occurrence_by_key(const std::string& key) {
  std::vector<Occurrence> found;
  auto s = read([&]() -> Status {
    found = query_occurrences("WHERE key = ?1", [&](SQLite::Statement& q) { q.bind(1, key); });
    return ok_status();
  });
  if (!s) return s.error();
  if (found.empty()) return Error::not_found("no occurrence with key '" + key + "'");
  return found.front();
}

Status SqliteStore::write_occurrence(const Occurrence& o) {
  if (auto s = validate_occurrence(o); !s) return s;
  // By row id when known, else by key; the key itself is immutable.
  auto& q = stmt(
      "UPDATE occurrences SET rule = :rule, kind = :kind, subject = :subject, owner = :owner, "
      "due = :due, fire_at = :fire_at, state = :state, snoozed_until = :snoozed_until, "
      "fired_at = :fired_at, fire_count = :fire_count, escalated = :escalated, late = :late, "
      "title = :title, details_json = :details_json "
      "WHERE (:row_id != 0 AND row_id = :row_id) OR (:row_id = 0 AND key = :key)");
  bind_occurrence(q, o);
  q.bind(":row_id", o.row_id);
  if (q.exec() == 0) {
    return Error::not_found("no occurrence " +
                            (o.row_id != 0 ? "#" + std::to_string(o.row_id) : "'" + o.key + "'"));
  }
  return ok_status();
}

Status SqliteStore::update_occurrence(const Occurrence& o) {
  return write([&] { return write_occurrence(o); });
}

Result<std::vector<Occurrence>> SqliteStore::due_occurrences(Instant t, int limit) {
  std::vector<Occurrence> found;
  auto s = read([&]() -> Status {
    found = query_occurrences(
        "WHERE wake_at IS NOT NULL AND wake_at <= ?1 ORDER BY wake_at, row_id LIMIT ?2",
        [&](SQLite::Statement& q) {
          q.bind(1, to_seconds(t));
          q.bind(2, limit > 0 ? limit : -1);
        });
    return ok_status();
  });
  if (!s) return s.error();
  return found;
}

namespace {

Result<std::optional<Instant>> min_instant(SQLite::Statement& q) {
  std::optional<Instant> t;
  if (q.executeStep() && !q.getColumn(0).isNull()) t = from_seconds(q.getColumn(0).getInt64());
  q.reset();
  return t;
}

}  // namespace

Result<std::optional<Instant>> SqliteStore::next_fire_time() {
  Result<std::optional<Instant>> t = std::optional<Instant>{};
  auto s = read([&]() -> Status {
    t = min_instant(stmt("SELECT min(wake_at) FROM occurrences WHERE wake_at IS NOT NULL"));
    return ok_status();
  });
  if (!s) return s.error();
  return t;
}

Result<std::vector<Occurrence>> SqliteStore::open_occurrences_for_subject(
    const std::string& subject) {
  std::vector<Occurrence> found;
  auto s = read([&]() -> Status {
    found = query_occurrences(
        "WHERE subject = ?1 AND state IN ('scheduled', 'fired', 'snoozed') "
        "ORDER BY fire_at, row_id",
        [&](SQLite::Statement& q) { q.bind(1, subject); });
    return ok_status();
  });
  if (!s) return s.error();
  return found;
}

Result<std::vector<Occurrence>> SqliteStore::list_occurrences(std::optional<OccurrenceState> state,
                                                              std::optional<Instant> from,
                                                              std::optional<Instant> to,
                                                              int limit) {
  std::vector<Occurrence> found;
  auto s = read([&]() -> Status {
    // Only the filters given appear in the SQL: "?1 IS NULL OR state = ?1"
    // keeps SQLite from using occurrences_fire, and the daemon asks for the
    // fired rows of the last week at every wake (a full scan at 1M contacts).
    std::string where = "WHERE 1";
    if (state) where += " AND state = ?1";
    if (from) where += " AND fire_at >= ?2";
    if (to) where += " AND fire_at <= ?3";
    found =
        query_occurrences(where + " ORDER BY fire_at, row_id LIMIT ?4", [&](SQLite::Statement& q) {
          if (state) q.bind(1, to_string(*state));
          if (from) q.bind(2, to_seconds(*from));
          if (to) q.bind(3, to_seconds(*to));
          q.bind(4, limit > 0 ? limit : -1);
        });
    return ok_status();
  });
  if (!s) return s.error();
  return found;
}

Result<int> SqliteStore::delete_scheduled_for_rule(const std::string& rule) {
  int deleted = 0;
  auto s = write([&]() -> Status {
    auto& q = stmt("DELETE FROM occurrences WHERE rule = ?1 AND state = 'scheduled'");
    q.bind(1, rule);
    deleted = q.exec();
    return ok_status();
  });
  if (!s) return s.error();
  return deleted;
}

void SqliteStore::insert_deliveries(const Occurrence& o, const std::vector<Delivery>& deliveries) {
  auto& q = stmt(
      "INSERT INTO deliveries (occurrence, channel, idempotency_key, state, attempts, "
      "next_attempt_at, created_at, sent_at, last_error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
      "?9)");
  const Instant stamp = now();
  for (const auto& d : deliveries) {
    q.reset();
    q.clearBindings();
    const Instant created = d.created_at == Instant{} ? stamp : d.created_at;
    q.bind(1, o.row_id);
    q.bind(2, d.channel);
    // A key the channel can send with every attempt, so a retry after a crash
    // is recognisable as the same message.
    q.bind(3, d.idempotency_key.empty()
                  ? o.key + "|" + d.channel + "|" + std::to_string(o.fire_count)
                  : d.idempotency_key);
    q.bind(4, to_string(d.state));
    q.bind(5, d.attempts);
    q.bind(6, to_seconds(d.next_attempt_at == Instant{} ? created : d.next_attempt_at));
    q.bind(7, to_seconds(created));
    if (d.sent_at) q.bind(8, to_seconds(*d.sent_at));
    q.bind(9, d.last_error);
    q.exec();
  }
}

Status SqliteStore::fire_occurrence(const Occurrence& fired,
                                    const std::vector<Delivery>& deliveries) {
  return write([&]() -> Status {
    Occurrence o = fired;
    if (auto s = write_occurrence(o); !s) return s;
    if (o.row_id == 0) {
      auto& q = stmt("SELECT row_id FROM occurrences WHERE key = ?1");
      q.bind(1, o.key);
      q.executeStep();
      o.row_id = q.getColumn(0).getInt64();
      q.reset();
    }
    for (const auto& d : deliveries) {
      if (d.channel.empty()) return Error::invalid_input("delivery for " + o.key + ": no channel");
    }
    insert_deliveries(o, deliveries);
    return ok_status();
  });
}

Result<std::vector<Delivery>> SqliteStore::due_deliveries(Instant t, int limit) {
  std::vector<Delivery> out;
  auto s = read([&]() -> Status {
    auto& q = stmt(std::string("SELECT ") + kDeliveryColumns +
                   " FROM deliveries WHERE state = 'queued' AND next_attempt_at <= ?1"
                   " ORDER BY next_attempt_at, row_id LIMIT ?2");
    q.bind(1, to_seconds(t));
    q.bind(2, limit > 0 ? limit : -1);
    while (q.executeStep()) out.push_back(read_delivery(q));
    return ok_status();
  });
  if (!s) return s.error();
  return out;
}

Result<std::optional<Instant>> SqliteStore::next_delivery_time() {
  Result<std::optional<Instant>> t = std::optional<Instant>{};
  auto s = read([&]() -> Status {
    t = min_instant(stmt("SELECT min(next_attempt_at) FROM deliveries WHERE state = 'queued'"));
    return ok_status();
  });
  if (!s) return s.error();
  return t;
}

Status SqliteStore::update_delivery(const Delivery& d) {
  return write([&]() -> Status {
    auto& q = stmt(
        "UPDATE deliveries SET state = ?2, attempts = ?3, next_attempt_at = ?4, sent_at = ?5, "
        "last_error = ?6, created_at = coalesce(?7, created_at) WHERE row_id = ?1");
    q.bind(1, d.row_id);
    q.bind(2, to_string(d.state));
    q.bind(3, d.attempts);
    q.bind(4, to_seconds(d.next_attempt_at));
    if (d.sent_at) q.bind(5, to_seconds(*d.sent_at));
    q.bind(6, d.last_error);
    // A re-queued row starts a new age window (`cadencectl outbox retry`).
    if (d.created_at != Instant{}) q.bind(7, to_seconds(d.created_at));
    if (q.exec() == 0) return Error::not_found("no delivery #" + std::to_string(d.row_id));
    return ok_status();
  });
}

Result<std::vector<Delivery>> SqliteStore::list_deliveries(std::optional<DeliveryState> state,
                                                           int limit) {
  std::vector<Delivery> out;
  auto s = read([&]() -> Status {
    // Only the filter given appears in the SQL, so deliveries_due serves it.
    auto& q = stmt(std::string("SELECT ") + kDeliveryColumns + " FROM deliveries WHERE " +
                   (state ? "state = ?1" : "1") + " ORDER BY row_id LIMIT ?2");
    if (state) q.bind(1, to_string(*state));
    q.bind(2, limit > 0 ? limit : -1);
    while (q.executeStep()) out.push_back(read_delivery(q));
    return ok_status();
  });
  if (!s) return s.error();
  return out;
}

}  // namespace cadence::store
