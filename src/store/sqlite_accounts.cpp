// Store methods for accounts.
#include "store/codec.hpp"
#include "store/collation.hpp"
#include "store/sqlite_store.hpp"

namespace cadence::store {
namespace {

constexpr const char* kAccountColumns =
    "row_id, id, name, tier, industry, owner, departments, notes, created_at, updated_at";

Account read_account(SQLite::Statement& q) {
  Account a;
  a.row_id = q.getColumn(0).getInt64();
  a.id = q.getColumn(1).getString();
  a.name = q.getColumn(2).getString();
  a.tier = q.getColumn(3).getString();
  a.industry = q.getColumn(4).getString();
  a.owner = q.getColumn(5).getString();
  a.departments = split_lines(q.getColumn(6).getString());
  a.notes = q.getColumn(7).getString();
  a.created_at = from_seconds(q.getColumn(8).getInt64());
  a.updated_at = from_seconds(q.getColumn(9).getInt64());
  return a;
}

void bind_account_fields(SQLite::Statement& q, const Account& a) {
  q.bind(":id", a.id);
  q.bind(":name", a.name);
  q.bind(":tier", a.tier);
  q.bind(":industry", a.industry);
  q.bind(":owner", a.owner);
  q.bind(":departments", join_lines(a.departments));
  q.bind(":notes", a.notes);
  q.bind(":updated_at", to_seconds(a.updated_at));
}

}  // namespace

std::optional<Account> SqliteStore::load_account(const std::string& id) {
  auto& q = stmt(std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE id = ?1");
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  Account a = read_account(q);
  q.reset();
  return a;
}

Result<Account> SqliteStore::add_account(const Account& input) {
  if (auto s = validate_account(input); !s) return s.error();
  Account a = input;
  a.created_at = a.updated_at = now();
  auto s = write([&]() -> Status {
    if (load_account(a.id)) return Error::conflict("account '" + a.id + "' already exists");
    auto& q = stmt(
        "INSERT INTO accounts (id, name, tier, industry, owner, departments, notes, created_at, "
        "updated_at) VALUES (:id, :name, :tier, :industry, :owner, :departments, :notes, "
        ":created_at, :updated_at)");
    bind_account_fields(q, a);
    q.bind(":created_at", to_seconds(a.created_at));
    q.exec();
    a.row_id = db_->getLastInsertRowid();
    record_change("account", a.id);
    return ok_status();
  });
  if (!s) return s.error();
  return a;
}

Result<Account> SqliteStore::update_account(const Account& input) {
  if (auto s = validate_account(input); !s) return s.error();
  Account a = input;
  a.updated_at = now();
  auto s = write([&]() -> Status {
    auto existing = load_account(a.id);
    if (!existing) return Error::not_found("no account '" + a.id + "'");
    auto& q = stmt(
        "UPDATE accounts SET name = :name, tier = :tier, industry = :industry, owner = :owner, "
        "departments = :departments, notes = :notes, updated_at = :updated_at WHERE id = :id");
    bind_account_fields(q, a);
    q.exec();
    a.row_id = existing->row_id;
    a.created_at = existing->created_at;
    record_change("account", a.id);
    return ok_status();
  });
  if (!s) return s.error();
  return a;
}

Status SqliteStore::remove_account(const std::string& id) {
  return write([&]() -> Status {
    if (!load_account(id)) return Error::not_found("no account '" + id + "'");
    auto& count = stmt("SELECT count(*) FROM contacts WHERE account = ?1");
    count.bind(1, id);
    count.executeStep();
    const auto n = count.getColumn(0).getInt64();
    count.reset();
    if (n > 0) {
      return Error::conflict("account '" + id + "' still has " + std::to_string(n) +
                             " contact(s); move or remove them first");
    }
    auto& del = stmt("DELETE FROM accounts WHERE id = ?1");
    del.bind(1, id);
    del.exec();
    record_change("account", id);
    return ok_status();
  });
}

Result<Account> SqliteStore::get_account(const std::string& id) {
  std::optional<Account> a;
  auto s = read([&]() -> Status {
    a = load_account(id);
    return ok_status();
  });
  if (!s) return s.error();
  if (!a) return Error::not_found("no account '" + id + "'");
  return *a;
}

Result<std::vector<Account>> SqliteStore::list_accounts(const AccountFilter& f) {
  std::vector<Account> found;
  auto s = read([&]() -> Status {
    auto& q = stmt(std::string("SELECT ") + kAccountColumns +
                   " FROM accounts WHERE (?1 IS NULL OR tier = ?1) AND (?2 IS NULL OR owner = ?2)"
                   " ORDER BY id");
    if (f.tier) q.bind(1, *f.tier);
    if (f.owner) q.bind(2, *f.owner);
    while (q.executeStep()) found.push_back(read_account(q));
    return ok_status();
  });
  if (!s) return s.error();
  std::vector<std::string> names;
  names.reserve(found.size());
  for (const auto& a : found) names.push_back(a.name);
  std::vector<Account> sorted;
  sorted.reserve(found.size());
  for (std::size_t i : collation_order(names)) sorted.push_back(std::move(found[i]));
  return sorted;
}

}  // namespace cadence::store
