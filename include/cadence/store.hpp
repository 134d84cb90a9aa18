// The durable store: accounts, contacts, interactions (with per-contact
// summaries kept current), occurrences and deliveries.
//
// An interface so that a PostgreSQL backend can be added without touching its
// users; the SQLite implementation (src/store/) is the embedded default and the
// only place that includes SQLiteCpp.
//
// Contract: every method returns a Result; nothing throws. Each mutating call
// is atomic (its own transaction) unless made inside `transaction()`. Errors:
// kNotFound (no such id), kConflict (duplicate id, ambiguous name),
// kInvalidInput (bad field), kDatabase (I/O, busy past the timeout, corrupt).
// Threading: one Store per thread; several processes may open the same file
// (WAL; writers wait up to busy_timeout).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cadence/clock.hpp"
#include "cadence/error.hpp"
#include "cadence/model.hpp"

namespace cadence {

struct ContactFilter {
  std::optional<std::string> tag;
  std::optional<std::string> tier;
  std::optional<std::string> account;
  std::optional<std::string> owner;
  bool include_archived = false;
};

struct AccountFilter {
  std::optional<std::string> tier;
  std::optional<std::string> owner;
};

struct StoreOptions {
  std::string path;  // database file; created 0600 if absent
  // How long a call waits for another writer's lock. Default: 5 s. Opening
  // (the schema check, the WAL switch, migrations) waits at least 5 s: a
  // one-time step is better late than failed.
  int busy_timeout_ms = 5000;
  bool create_if_missing = true;  // Default: true
  bool read_only = false;         // Default: false
  // Source of created_at/updated_at stamps. Default (nullptr): the system clock.
  // Not owned; must outlive the store.
  const Clock* clock = nullptr;
};

class Store {
 public:
  virtual ~Store() = default;

  // --- accounts
  virtual Result<Account> add_account(const Account& a) = 0;
  virtual Result<Account> update_account(const Account& a) = 0;  // by id
  virtual Status remove_account(const std::string& id) = 0;
  virtual Result<Account> get_account(const std::string& id) = 0;
  virtual Result<std::vector<Account>> list_accounts(const AccountFilter& f) = 0;

  // --- contacts
  virtual Result<Contact> add_contact(const Contact& c) = 0;
  virtual Result<Contact> update_contact(const Contact& c) = 0;  // by id
  virtual Status remove_contact(const std::string& id) = 0;
  virtual Result<Contact> get_contact(const std::string& id) = 0;
  // By id, else by a unique name match (exact, then case-insensitive prefix).
  // kConflict lists the candidates when several match.
  virtual Result<Contact> find_contact(const std::string& id_or_name) = 0;
  // Sorted by name with ICU collation (Chinese names in pinyin order).
  virtual Result<std::vector<Contact>> list_contacts(const ContactFilter& f) = 0;
  // Contacts changed (added, edited, touched, removed) after `since`, for
  // incremental rescheduling. Removed contacts are returned with archived=true.
  virtual Result<std::vector<std::string>> contacts_changed_since(std::int64_t change_seq) = 0;
  virtual Result<std::int64_t> change_sequence() = 0;  // grows on every change
  // Accounts added, edited or removed after `change_seq` (same sequence as above).
  virtual Result<std::vector<std::string>> accounts_changed_since(std::int64_t change_seq) {
    (void)change_seq;
    return std::vector<std::string>{};
  }
  // A number that differs from the previous call's when another connection (another
  // process: cadencectl, the HTTP API) has committed anything since. Cheap (no I/O
  // beyond the shared-memory header); see docs/IMPORT.md "How the daemon learns of
  // changes". Default: change_sequence().
  virtual Result<std::int64_t> data_version() { return change_sequence(); }
  // Whether the file this store opened is still the one at its path. A
  // database deleted (or its directory removed, or the file replaced) under
  // an open connection takes writes into an unlinked file that vanishes at
  // close: kDatabase "PATH: the database file was deleted ..." then, and every
  // write is refused with it. Cheap (one stat). Default: ok.
  virtual Status check_database_file() { return ok_status(); }

  // --- interactions (a touch updates the contact's summary in the same transaction)
  virtual Result<Interaction> add_interaction(const Interaction& i) = 0;
  // Logs many interactions at once (an import of history, a bulk log): one
  // transaction (or part of the caller's), all or none. Summaries end as if each
  // had been added with add_interaction; the change sequence moves once. An
  // unset `at` means now. kNotFound names the first unknown contact,
  // kInvalidInput an empty kind. Returns how many were added.
  virtual Result<std::size_t> add_interactions(std::span<const Interaction> batch) {
    std::size_t added = 0;
    auto s = transaction([&]() -> Status {
      for (const Interaction& i : batch) {
        if (auto r = add_interaction(i); !r) return r.error();
        ++added;
      }
      return ok_status();
    });
    if (!s) return s.error();
    return added;
  }
  virtual Result<std::vector<Interaction>> list_interactions(
      const std::optional<std::string>& contact, std::optional<Instant> since, int limit) = 0;
  virtual Result<ContactSummary> get_summary(const std::string& contact) = 0;
  // Streams every contact with its summary (for planning at start-up).
  virtual Status for_each_contact(
      const std::function<void(const Contact&, const ContactSummary&)>& fn) = 0;
  // Streams the contact row and depth of every interaction with
  // from <= at <= to, in no stated order, from one read snapshot. For counts
  // over a window (the review's depth window) that may hold millions of
  // touches: it reads a covering index and materialises nothing.
  virtual Status for_each_interaction_depth(
      Instant from, Instant to, const std::function<void(RowId contact_row, Depth depth)>& fn) = 0;

  // --- occurrences
  // Inserts occurrences whose key is new; existing keys are left as they are.
  // Returns how many were inserted.
  virtual Result<int> upsert_occurrences(const std::vector<Occurrence>& occurrences) = 0;
  virtual Result<Occurrence> get_occurrence(RowId row_id) = 0;
  virtual Result<Occurrence> get_occurrence_by_key(const std::string& key) = 0;
  virtual Status update_occurrence(const Occurrence& o) = 0;
  // Scheduled (or snoozed past their time) occurrences with fire_at <= t, oldest first.
  virtual Result<std::vector<Occurrence>> due_occurrences(Instant t, int limit) = 0;
  // The earliest fire_at (or snoozed_until) of a scheduled/snoozed occurrence.
  virtual Result<std::optional<Instant>> next_fire_time() = 0;
  // Open (scheduled, fired, snoozed) occurrences of a subject, for resolution
  // when a touch arrives and for rescheduling.
  virtual Result<std::vector<Occurrence>> open_occurrences_for_subject(
      const std::string& subject) = 0;
  virtual Result<std::vector<Occurrence>> list_occurrences(std::optional<OccurrenceState> state,
                                                           std::optional<Instant> from,
                                                           std::optional<Instant> to,
                                                           int limit) = 0;
  // Deletes scheduled occurrences of a rule (config reload removed/changed it).
  virtual Result<int> delete_scheduled_for_rule(const std::string& rule) = 0;
  // Occurrences of `rule` whose fire_at lies in [from, to), in any state but
  // resolved and expired: what a per-day cap (max_per_day) counts as already
  // used. The default filters list_occurrences; stores override it with an
  // indexed query.
  virtual Result<std::vector<Occurrence>> occurrences_of_rule_between(const std::string& rule,
                                                                      Instant from, Instant to) {
    auto all = list_occurrences(std::nullopt, from, to, 0);
    if (!all) return all.error();
    std::vector<Occurrence> out;
    for (Occurrence& o : *all) {
      if (o.rule != rule || o.fire_at >= to || o.state == OccurrenceState::kResolved ||
          o.state == OccurrenceState::kExpired) {
        continue;
      }
      out.push_back(std::move(o));
    }
    return out;
  }

  // --- deliveries (outbox)
  // Marks the occurrence fired and queues its deliveries in one transaction.
  virtual Status fire_occurrence(const Occurrence& fired,
                                 const std::vector<Delivery>& deliveries) = 0;
  virtual Result<std::vector<Delivery>> due_deliveries(Instant t, int limit) = 0;
  virtual Result<std::optional<Instant>> next_delivery_time() = 0;
  virtual Status update_delivery(const Delivery& d) = 0;
  virtual Result<std::vector<Delivery>> list_deliveries(std::optional<DeliveryState> state,
                                                        int limit) = 0;

  // --- transactions: runs fn inside one write transaction; commits if fn
  // returns ok, rolls back otherwise (and on any database error).
  virtual Status transaction(const std::function<Status()>& fn) = 0;
};

// Opens (creating and migrating if needed) a SQLite store. A database made by a
// newer cadence is refused with a message naming both schema versions.
Result<std::unique_ptr<Store>> open_sqlite_store(const StoreOptions& options);

// The schema version this binary writes.
int sqlite_schema_version();

}  // namespace cadence
