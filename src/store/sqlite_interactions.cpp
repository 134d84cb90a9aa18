// Store methods for interactions (touches) and the per-contact summaries that
// each touch keeps current in its own transaction.
#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/codec.hpp"
#include "store/rows.hpp"
#include "store/sqlite_store.hpp"

namespace cadence::store {
namespace {

// "Keep the later instant": the summary never moves back when a touch is
// logged late (--at in the past). ?2..?4 are a batch's latest instants (any,
// normal or deeper, deep; NULL when the batch has none) and ?5 its size.
constexpr const char* kUpsertSummary =
    "INSERT INTO contact_summary (contact_row, last_any, last_normal, last_deep, count) "
    "VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (contact_row) DO UPDATE SET "
    " last_any = max(coalesce(last_any, excluded.last_any), excluded.last_any),"
    " last_normal = CASE WHEN excluded.last_normal IS NULL THEN last_normal"
    "   WHEN last_normal IS NULL OR excluded.last_normal > last_normal THEN excluded.last_normal"
    "   ELSE last_normal END,"
    " last_deep = CASE WHEN excluded.last_deep IS NULL THEN last_deep"
    "   WHEN last_deep IS NULL OR excluded.last_deep > last_deep THEN excluded.last_deep"
    "   ELSE last_deep END,"
    " count = count + excluded.count";

constexpr const char* kUpsertLastKind =
    "INSERT INTO contact_last_kind (contact_row, kind, last_at) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (contact_row, kind) DO UPDATE SET last_at = max(last_at, excluded.last_at)";

// A batch's effect on one contact's summary.
struct SummaryDelta {
  RowId row = 0;
  const std::string* contact = nullptr;  // id, for the change log (owned by the batch)
  std::int64_t last_any = 0;
  std::optional<std::int64_t> last_normal, last_deep;
  std::int64_t count = 0;
  std::vector<std::pair<std::size_t, std::int64_t>> last_by_kind;  // kind index, instant
};

void keep_later(std::optional<std::int64_t>& slot, std::int64_t at) {
  if (!slot || at > *slot) slot = at;
}

void bind_optional(SQLite::Statement& q, int index, const std::optional<std::int64_t>& v) {
  if (v) {
    q.bind(index, *v);
  } else {
    q.bind(index);  // NULL
  }
}

}  // namespace

Status SqliteStore::insert_interactions(std::span<const Interaction> batch,
                                        std::vector<Interaction>* stored) {
  const Instant now_at = now();
  if (batch.size() >= kBulkRows) use_bulk_cache();
  // Contact rows resolved once per id; summaries and per-kind instants folded
  // in memory and written once per contact (a batch of a million touches over
  // ten thousand contacts writes ten thousand summaries, not a million).
  std::unordered_map<std::string_view, std::size_t> delta_of;  // contact id -> deltas index
  std::vector<SummaryDelta> deltas;
  std::vector<std::string_view> kinds;  // a batch has a handful
  auto& ins = stmt(
      "INSERT INTO interactions (contact_row, kind, depth, at, note, source) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (stored != nullptr) stored->reserve(batch.size());
  for (std::size_t n = 0; n < batch.size(); ++n) {
    const Interaction& i = batch[n];
    if (i.kind.empty()) {
      return Error::invalid_input("interaction " + std::to_string(n + 1) + " (contact '" +
                                  i.contact + "'): kind is empty");
    }
    auto it = delta_of.find(i.contact);
    if (it == delta_of.end()) {
      auto row = contact_row(i.contact);
      if (!row) {
        return Error::not_found(batch.size() == 1 ? "no contact '" + i.contact + "'"
                                                  : "interaction " + std::to_string(n + 1) +
                                                        ": no contact '" + i.contact + "'");
      }
      it = delta_of.emplace(i.contact, deltas.size()).first;
      SummaryDelta& fresh = deltas.emplace_back();
      fresh.row = *row;
      fresh.contact = &i.contact;
    }
    SummaryDelta& d = deltas[it->second];
    const std::int64_t at = to_seconds(i.at == Instant{} ? now_at : i.at);
    ins.tryReset();
    ins.bind(1, d.row);
    // The batch outlives exec(): no copies of the text.
    ins.bindNoCopy(2, i.kind);
    ins.bind(3, static_cast<int>(i.depth));
    ins.bind(4, at);
    ins.bindNoCopy(5, i.note);
    ins.bindNoCopy(6, i.source);
    ins.exec();
    if (stored != nullptr) {
      Interaction& out = stored->emplace_back(i);
      out.row_id = db_->getLastInsertRowid();
      out.at = from_seconds(at);
    }
    d.last_any = d.count == 0 ? at : std::max(d.last_any, at);
    if (i.depth >= Depth::kNormal) keep_later(d.last_normal, at);
    if (i.depth >= Depth::kDeep) keep_later(d.last_deep, at);
    ++d.count;
    const auto kind = static_cast<std::size_t>(
        std::find(kinds.begin(), kinds.end(), std::string_view(i.kind)) - kinds.begin());
    if (kind == kinds.size()) kinds.push_back(i.kind);
    auto k = std::find_if(d.last_by_kind.begin(), d.last_by_kind.end(),
                          [&](const auto& e) { return e.first == kind; });
    if (k == d.last_by_kind.end()) {
      d.last_by_kind.emplace_back(kind, at);
    } else {
      k->second = std::max(k->second, at);
    }
  }
  // In row order: neighbouring summaries share pages.
  std::sort(deltas.begin(), deltas.end(),
            [](const SummaryDelta& a, const SummaryDelta& b) { return a.row < b.row; });
  auto& summary = stmt(kUpsertSummary);
  auto& by_kind = stmt(kUpsertLastKind);
  for (const SummaryDelta& d : deltas) {
    summary.tryReset();
    summary.bind(1, d.row);
    summary.bind(2, d.last_any);
    bind_optional(summary, 3, d.last_normal);
    bind_optional(summary, 4, d.last_deep);
    summary.bind(5, d.count);
    summary.exec();
    for (const auto& [kind, at] : d.last_by_kind) {
      by_kind.tryReset();
      by_kind.bind(1, d.row);
      by_kind.bind(2, std::string(kinds[kind]));
      by_kind.bind(3, at);
      by_kind.exec();
    }
  }
  for (const SummaryDelta& d : deltas) record_change("contact", *d.contact);
  return ok_status();
}

Result<Interaction> SqliteStore::add_interaction(const Interaction& input) {
  if (input.kind.empty()) return Error::invalid_input("interaction kind is empty");
  std::vector<Interaction> stored;
  auto s = write([&]() -> Status {
    return insert_interactions(std::span<const Interaction>(&input, 1), &stored);
  });
  if (!s) return s.error();
  return stored.front();
}

Result<std::size_t> SqliteStore::add_interactions(std::span<const Interaction> batch) {
  auto s = write([&]() -> Status { return insert_interactions(batch, nullptr); });
  if (!s) return s.error();
  return batch.size();
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
    // Only the filters given appear in the SQL, so that SQLite can use
    // interactions_contact_at or interactions_at_contact_depth ("?1 IS NULL OR ..." hides
    // the constraint from the planner and scans every interaction).
    std::string where = "WHERE 1";
    if (row) where += " AND i.contact_row = ?1";
    if (since) where += " AND i.at >= ?2";
    auto& q = stmt(
        "SELECT i.row_id, c.id, i.kind, i.depth, i.at, i.note, i.source "
        "FROM interactions i JOIN contacts c ON c.row_id = i.contact_row " +
        where + " ORDER BY i.at DESC, i.row_id DESC LIMIT ?3");
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

Status SqliteStore::for_each_interaction_depth(
    Instant from, Instant to, const std::function<void(RowId contact_row, Depth depth)>& fn) {
  return read([&]() -> Status {
    // Served by interactions_at_contact_depth alone (a covering index): no
    // table row is read, which is what makes ten million touches affordable.
    auto& q = stmt(
        "SELECT contact_row, depth FROM interactions INDEXED BY interactions_at_contact_depth "
        "WHERE at >= ?1 AND at <= ?2");
    q.bind(1, to_seconds(from));
    q.bind(2, to_seconds(to));
    while (q.executeStep()) {
      fn(q.getColumn(0).getInt64(), static_cast<Depth>(q.getColumn(1).getInt()));
    }
    return ok_status();
  });
}

}  // namespace cadence::store
