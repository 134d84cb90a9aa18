// Store methods for interactions (touches) and the per-contact summaries that
// each touch keeps current in its own transaction.
#include "store/codec.hpp"
#include "store/rows.hpp"
#include "store/sqlite_store.hpp"

namespace cadence::store {
namespace {

// "Keep the later instant": the summary never moves back when a touch is
// logged late (--at in the past).
constexpr const char* kUpsertSummary =
    "INSERT INTO contact_summary (contact_row, last_any, last_normal, last_deep, count) "
    "VALUES (?1, ?2, CASE WHEN ?3 >= 1 THEN ?2 END, CASE WHEN ?3 >= 2 THEN ?2 END, 1) "
    "ON CONFLICT (contact_row) DO UPDATE SET "
    " last_any = max(coalesce(last_any, excluded.last_any), excluded.last_any),"
    " last_normal = CASE WHEN excluded.last_normal IS NULL THEN last_normal"
    "   WHEN last_normal IS NULL OR excluded.last_normal > last_normal THEN excluded.last_normal"
    "   ELSE last_normal END,"
    " last_deep = CASE WHEN excluded.last_deep IS NULL THEN last_deep"
    "   WHEN last_deep IS NULL OR excluded.last_deep > last_deep THEN excluded.last_deep"
    "   ELSE last_deep END,"
    " count = count + 1";

constexpr const char* kUpsertLastKind =
    "INSERT INTO contact_last_kind (contact_row, kind, last_at) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (contact_row, kind) DO UPDATE SET last_at = max(last_at, excluded.last_at)";

std::optional<Instant> optional_instant(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return from_seconds(c.getInt64());
}

}  // namespace

Result<Interaction> SqliteStore::add_interaction(const Interaction& input) {
  Interaction i = input;
  if (i.kind.empty()) return Error::invalid_input("interaction kind is empty");
  if (i.at == Instant{}) i.at = now();
  auto s = write([&]() -> Status {
    auto row = contact_row(i.contact);
    if (!row) return Error::not_found("no contact '" + i.contact + "'");
    auto& ins = stmt(
        "INSERT INTO interactions (contact_row, kind, depth, at, note, source) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    ins.bind(1, *row);
    ins.bind(2, i.kind);
    ins.bind(3, static_cast<int>(i.depth));
    ins.bind(4, to_seconds(i.at));
    ins.bind(5, i.note);
    ins.bind(6, i.source);
    ins.exec();
    i.row_id = db_->getLastInsertRowid();
    auto& summary = stmt(kUpsertSummary);
    summary.bind(1, *row);
    summary.bind(2, to_seconds(i.at));
    summary.bind(3, static_cast<int>(i.depth));
    summary.exec();
    auto& by_kind = stmt(kUpsertLastKind);
    by_kind.bind(1, *row);
    by_kind.bind(2, i.kind);
    by_kind.bind(3, to_seconds(i.at));
    by_kind.exec();
    record_change("contact", i.contact);
    return ok_status();
  });
  if (!s) return s.error();
  return i;
}

Result<std::vector<Interaction>> SqliteStore::list_interactions(
    const std::optional<std::string>& contact, std::optional<Instant> since, int limit) {
  std::vector<Interaction> out;
  auto s = read([&]() -> Status {
    std::optional<RowId> row;
    if (contact) {
      row = contact_row(*contact);
      if (!row) return Error::not_found("no contact '" + *contact + "'");
    }
    auto& q = stmt(
        "SELECT i.row_id, c.id, i.kind, i.depth, i.at, i.note, i.source "
        "FROM interactions i JOIN contacts c ON c.row_id = i.contact_row "
        "WHERE (?1 IS NULL OR i.contact_row = ?1) AND (?2 IS NULL OR i.at >= ?2) "
        "ORDER BY i.at DESC, i.row_id DESC LIMIT ?3");
    if (row) q.bind(1, *row);
    if (since) q.bind(2, to_seconds(*since));
    q.bind(3, limit > 0 ? limit : -1);
    while (q.executeStep()) {
      Interaction i;
      i.row_id = q.getColumn(0).getInt64();
      i.contact = q.getColumn(1).getString();
      i.kind = q.getColumn(2).getString();
      i.depth = static_cast<Depth>(q.getColumn(3).getInt());
      i.at = from_seconds(q.getColumn(4).getInt64());
      i.note = q.getColumn(5).getString();
      i.source = q.getColumn(6).getString();
      out.push_back(std::move(i));
    }
    return ok_status();
  });
  if (!s) return s.error();
  return out;
}

ContactSummary SqliteStore::load_summary(RowId row, const std::string& id) {
  ContactSummary summary;
  summary.contact = id;
  auto& q = stmt(
      "SELECT last_any, last_normal, last_deep, count FROM contact_summary "
      "WHERE contact_row = ?1");
  q.bind(1, row);
  if (q.executeStep()) {
    summary.last_any = optional_instant(q.getColumn(0));
    summary.last_normal_or_deeper = optional_instant(q.getColumn(1));
    summary.last_deep = optional_instant(q.getColumn(2));
    summary.interaction_count = q.getColumn(3).getInt64();
  }
  q.reset();
  auto& kinds = stmt("SELECT kind, last_at FROM contact_last_kind WHERE contact_row = ?1");
  kinds.bind(1, row);
  while (kinds.executeStep()) {
    summary.last_by_kind[kinds.getColumn(0).getString()] =
        from_seconds(kinds.getColumn(1).getInt64());
  }
  return summary;
}

Result<ContactSummary> SqliteStore::get_summary(const std::string& contact) {
  ContactSummary summary;
  auto s = read([&]() -> Status {
    auto row = contact_row(contact);
    if (!row) return Error::not_found("no contact '" + contact + "'");
    summary = load_summary(*row, contact);
    return ok_status();
  });
  if (!s) return s.error();
  return summary;
}

Status SqliteStore::for_each_contact(
    const std::function<void(const Contact&, const ContactSummary&)>& fn) {
  return read([&]() -> Status {
    // Three cursors walked in row order and merged: no query per contact. While
    // they are open the connection holds one read snapshot, so they agree.
    SQLite::Statement contacts(
        *db_, std::string("SELECT ") + kContactColumns + " FROM contacts ORDER BY row_id");
    SQLite::Statement sums(*db_,
                           "SELECT contact_row, last_any, last_normal, last_deep, count "
                           "FROM contact_summary ORDER BY contact_row");
    SQLite::Statement kinds(*db_,
                            "SELECT contact_row, kind, last_at FROM contact_last_kind "
                            "ORDER BY contact_row");
    bool more_sums = sums.executeStep();
    bool more_kinds = kinds.executeStep();
    while (contacts.executeStep()) {
      const Contact contact = read_contact(contacts);
      const RowId row = contact.row_id;
      ContactSummary summary;
      summary.contact = contact.id;
      while (more_sums && sums.getColumn(0).getInt64() < row) more_sums = sums.executeStep();
      if (more_sums && sums.getColumn(0).getInt64() == row) {
        summary.last_any = optional_instant(sums.getColumn(1));
        summary.last_normal_or_deeper = optional_instant(sums.getColumn(2));
        summary.last_deep = optional_instant(sums.getColumn(3));
        summary.interaction_count = sums.getColumn(4).getInt64();
      }
      while (more_kinds && kinds.getColumn(0).getInt64() < row) more_kinds = kinds.executeStep();
      while (more_kinds && kinds.getColumn(0).getInt64() == row) {
        summary.last_by_kind[kinds.getColumn(1).getString()] =
            from_seconds(kinds.getColumn(2).getInt64());
        more_kinds = kinds.executeStep();
      }
      fn(contact, summary);
    }
    return ok_status();
  });
}

}  // namespace cadence::store
