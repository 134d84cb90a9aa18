// The SQLite implementation of cadence::Store (see include/cadence/store.hpp).
// Private to src/store/: users reach it through open_sqlite_store().
#pragma once

#include <sys/stat.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "cadence/store.hpp"

namespace cadence::store {

// A connection to options.path with cadence's settings (foreign keys; with
// `writable`, WAL, synchronous NORMAL, temp_store MEMORY), the -wal/-shm
// files prepared first so that their modes never keep a writer out
// (open_store.cpp). Throws SQLite::Exception.
std::unique_ptr<SQLite::Database> open_connection(const StoreOptions& options, bool writable);

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<SQLite::Database> db, StoreOptions options);
  ~SqliteStore() override;

  Result<Account> add_account(const Account& a) override;
  Result<Account> update_account(const Account& a) override;
  Status remove_account(const std::string& id) override;
  Result<Account> get_account(const std::string& id) override;
  Result<std::vector<Account>> list_accounts(const AccountFilter& f) override;

  Result<Contact> add_contact(const Contact& c) override;
  Result<Contact> update_contact(const Contact& c) override;
  Status remove_contact(const std::string& id) override;
  Result<Contact> get_contact(const std::string& id) override;
  Result<Contact> find_contact(const std::string& id_or_name) override;
  Result<std::vector<Contact>> list_contacts(const ContactFilter& f) override;
  Result<std::vector<std::string>> contacts_changed_since(std::int64_t change_seq) override;
  Result<std::vector<std::string>> accounts_changed_since(std::int64_t change_seq) override;
  Result<std::int64_t> change_sequence() override;
  Result<std::int64_t> data_version() override;

  Result<Interaction> add_interaction(const Interaction& i) override;
  Result<std::size_t> add_interactions(std::span<const Interaction> batch) override;
  Result<std::vector<Interaction>> list_interactions(const std::optional<std::string>& contact,
                                                     std::optional<Instant> since,
                                                     int limit) override;
  Result<ContactSummary> get_summary(const std::string& contact) override;
  Status for_each_contact(
      const std::function<void(const Contact&, const ContactSummary&)>& fn) override;
  Status for_each_interaction_depth(
      Instant from, Instant to,
      const std::function<void(RowId contact_row, Depth depth)>& fn) override;

  Result<int> upsert_occurrences(const std::vector<Occurrence>& occurrences) override;
  Result<Occurrence> get_occurrence(RowId row_id) override;
  Result<Occurrence> get_occurrence_by_key(const std::string& key) override;
  Status update_occurrence(const Occurrence& o) override;
  Result<std::vector<Occurrence>> due_occurrences(Instant t, int limit) override;
  Result<std::optional<Instant>> next_fire_time() override;
  Result<std::vector<Occurrence>> open_occurrences_for_subject(const std::string& subject) override;
  Result<std::vector<Occurrence>> list_occurrences(std::optional<OccurrenceState> state,
                                                   std::optional<Instant> from,
                                                   std::optional<Instant> to, int limit) override;
  Result<int> delete_scheduled_for_rule(const std::string& rule) override;
  Result<std::vector<Occurrence>> occurrences_of_rule_between(const std::string& rule, Instant from,
                                                              Instant to) override;

  Status fire_occurrence(const Occurrence& fired, const std::vector<Delivery>& deliveries) override;
  Result<std::vector<Delivery>> due_deliveries(Instant t, int limit) override;
  Result<std::optional<Instant>> next_delivery_time() override;
  Status update_delivery(const Delivery& d) override;
  Result<std::vector<Delivery>> list_deliveries(std::optional<DeliveryState> state,
                                                int limit) override;

  Status transaction(const std::function<Status()>& fn) override;

 private:
  // A cached prepared statement, reset and with bindings cleared.
  SQLite::Statement& stmt(const std::string& sql);
  // Runs fn in a write transaction (BEGIN IMMEDIATE), or in a savepoint when a
  // transaction is already open; commits on ok, rolls back otherwise. Converts
  // SQLite exceptions into errors.
  Status write(const std::function<Status()>& fn);
  // Converts exceptions thrown by fn into errors (for reads).
  Status read(const std::function<Status()>& fn);
  Error convert(const std::exception& e) const;

  Instant now() const;
  // Records that entity/id changed, under the write transaction's change
  // sequence (the counter is bumped once per transaction, at its first change).
  void record_change(const char* entity, const std::string& id);

  std::optional<RowId> contact_row(const std::string& id);
  // Inserts `batch` (inside a write) and folds it into the summaries; fills
  // `stored` (same order) with row ids and defaulted instants when non-null.
  Status insert_interactions(std::span<const Interaction> batch, std::vector<Interaction>* stored);
  std::optional<Contact> load_contact(const std::string& where_sql, const std::string& arg);
  std::vector<Contact> query_contacts(const std::string& sql, const std::vector<std::string>& args);
  std::optional<Account> load_account(const std::string& id);
  ContactSummary load_summary(RowId row, const std::string& id);
  void insert_deliveries(const Occurrence& o, const std::vector<Delivery>& deliveries);
  Status write_occurrence(const Occurrence& o);
  std::vector<Occurrence> query_occurrences(const std::string& sql,
                                            const std::function<void(SQLite::Statement&)>& bind);

  // Bulk writes (a batch of touches, an import) touch more pages than SQLite's
  // default cache (2 MiB) holds; spilling dirty pages mid-transaction rewrites
  // them. From kBulkRows rows (or changes) in one transaction, the cache is raised
  // to kBulkCacheKiB until that top-level transaction ends.
  static constexpr std::size_t kBulkRows = 1000;
  static constexpr int kBulkCacheKiB = 64 * 1024;
  void use_bulk_cache();
  // After a top-level commit or rollback: forget the change sequence, restore the cache.
  void end_transaction() noexcept;

  // A database that was read-only when this connection opened it stays
  // read-only to the connection even after the file becomes writable (chmod,
  // chattr -i, a remount): before a top-level write, such a connection is
  // replaced by a new one once the file is writable again, so the daemon
  // recovers without a restart (docs/RELIABILITY.md).
  void reconnect_if_writable_again();

 public:
  Status check_database_file() override;

 private:
  // The database file's identity when the connection opened it.
  dev_t file_device_ = 0;
  ino_t file_inode_ = 0;
  void remember_file_identity();

  std::unique_ptr<SQLite::Database> db_;
  StoreOptions options_;
  std::map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
  int tx_depth_ = 0;
  // The change sequence of the open write transaction, once it has a change;
  // taken at depth tx_change_depth_ (a rolled-back savepoint drops it).
  std::optional<std::int64_t> tx_change_seq_;
  int tx_change_depth_ = 0;
  std::size_t tx_changes_ = 0;            // record_change calls in this transaction
  std::optional<int> normal_cache_size_;  // set while the bulk cache is in use
};

}  // namespace cadence::store
