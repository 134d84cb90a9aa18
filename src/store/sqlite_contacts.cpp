// Store methods for contacts: CRUD, lookup by id or name, filtered listings.
#include "store/codec.hpp"
#include "store/collation.hpp"
#include "store/rows.hpp"
#include "store/sqlite_store.hpp"

namespace cadence::store {

const char* const kContactColumns =
    "row_id, id, name, account, department, title, tags, tier, owner, timezone, bday_year, "
    "bday_month, bday_day, lunar_year, lunar_month, lunar_day, lunar_leap, dates, emails, phones, "
    "notes, archived, created_at, updated_at";

namespace {

std::optional<int> optional_int(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt();
}

}  // namespace

Contact read_contact(SQLite::Statement& q) {
  Contact c;
  c.row_id = q.getColumn(0).getInt64();
  c.id = q.getColumn(1).getString();
  c.name = q.getColumn(2).getString();
  c.account = q.getColumn(3).getString();  // NULL reads as ""
  c.department = q.getColumn(4).getString();
  c.title = q.getColumn(5).getString();
  c.tags = split_lines(q.getColumn(6).getString());
  c.tier = q.getColumn(7).getString();
  c.owner = q.getColumn(8).getString();
  c.timezone = q.getColumn(9).getString();
  if (!q.getColumn(11).isNull()) {
    c.birthday = GregorianBirthday{optional_int(q.getColumn(10)),
                                   static_cast<unsigned>(q.getColumn(11).getInt()),
                                   static_cast<unsigned>(q.getColumn(12).getInt())};
  }
  if (!q.getColumn(14).isNull()) {
    c.lunar_birthday = LunarBirthday{
        optional_int(q.getColumn(13)), static_cast<unsigned>(q.getColumn(14).getInt()),
        static_cast<unsigned>(q.getColumn(15).getInt()), q.getColumn(16).getInt() != 0};
  }
  c.dates = decode_dates(q.getColumn(17).getString());
  c.emails = split_lines(q.getColumn(18).getString());
  c.phones = split_lines(q.getColumn(19).getString());
  c.notes = q.getColumn(20).getString();
  c.archived = q.getColumn(21).getInt() != 0;
  c.created_at = from_seconds(q.getColumn(22).getInt64());
  c.updated_at = from_seconds(q.getColumn(23).getInt64());
  return c;
}

namespace {

void bind_optional(SQLite::Statement& q, const char* name, std::optional<int> v) {
  if (v) {
    q.bind(name, *v);
  } else {
    q.bind(name);  // NULL
  }
}

void bind_contact_fields(SQLite::Statement& q, const Contact& c) {
  q.bind(":id", c.id);
  q.bind(":name", c.name);
  if (c.account.empty()) {
    q.bind(":account");
  } else {
    q.bind(":account", c.account);
  }
  q.bind(":department", c.department);
  q.bind(":title", c.title);
  q.bind(":tags", join_lines(c.tags));
  q.bind(":tier", c.tier);
  q.bind(":owner", c.owner);
  q.bind(":timezone", c.timezone);
  bind_optional(q, ":bday_year", c.birthday ? c.birthday->year : std::nullopt);
  bind_optional(
      q, ":bday_month",
      c.birthday ? std::optional<int>(static_cast<int>(c.birthday->month)) : std::nullopt);
  bind_optional(q, ":bday_day",
                c.birthday ? std::optional<int>(static_cast<int>(c.birthday->day)) : std::nullopt);
  const auto& l = c.lunar_birthday;
  bind_optional(q, ":lunar_year", l ? l->year : std::nullopt);
  bind_optional(q, ":lunar_month",
                l ? std::optional<int>(static_cast<int>(l->month)) : std::nullopt);
  bind_optional(q, ":lunar_day", l ? std::optional<int>(static_cast<int>(l->day)) : std::nullopt);
  q.bind(":lunar_leap", l && l->leap ? 1 : 0);
  q.bind(":dates", encode_dates(c.dates));
  q.bind(":emails", join_lines(c.emails));
  q.bind(":phones", join_lines(c.phones));
  q.bind(":notes", c.notes);
  q.bind(":archived", c.archived ? 1 : 0);
  q.bind(":updated_at", to_seconds(c.updated_at));
}

std::vector<Contact> sorted_by_name(std::vector<Contact> contacts) {
  std::vector<std::string> names;
  names.reserve(contacts.size());
  for (const auto& c : contacts) names.push_back(c.name);
  std::vector<Contact> sorted;
  sorted.reserve(contacts.size());
  for (std::size_t i : collation_order(names)) sorted.push_back(std::move(contacts[i]));
  return sorted;
}

}  // namespace

std::optional<RowId> SqliteStore::contact_row(const std::string& id) {
  auto& q = stmt("SELECT row_id FROM contacts WHERE id = ?1");
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  RowId row = q.getColumn(0).getInt64();
  q.reset();
  return row;
}

std::optional<Contact> SqliteStore::load_contact(const std::string& where_sql,
                                                 const std::string& arg) {
  auto& q = stmt(std::string("SELECT ") + kContactColumns + " FROM contacts WHERE " + where_sql);
  q.bind(1, arg);
  if (!q.executeStep()) return std::nullopt;
  Contact c = read_contact(q);
  q.reset();
  return c;
}

std::vector<Contact> SqliteStore::query_contacts(const std::string& sql,
                                                 const std::vector<std::string>& args) {
  auto& q = stmt(std::string("SELECT ") + kContactColumns + " FROM contacts " + sql);
  for (std::size_t i = 0; i < args.size(); ++i) q.bind(static_cast<int>(i + 1), args[i]);
  std::vector<Contact> out;
  while (q.executeStep()) out.push_back(read_contact(q));
  return out;
}

namespace {

Status check_account_exists(SQLite::Statement& q, const Contact& c) {
  if (c.account.empty()) return ok_status();
  q.bind(1, c.account);
  const bool found = q.executeStep();
  q.reset();
  if (!found) {
    return Error::not_found("contact " + c.id + ": no account '" + c.account +
                            "' (add it first: cadencectl account add)");
  }
  return ok_status();
}

}  // namespace

Result<Contact> SqliteStore::add_contact(const Contact& input) {
  if (auto s = validate_contact(input); !s) return s.error();
  Contact c = input;
  c.created_at = c.updated_at = now();
  auto s = write([&]() -> Status {
    if (contact_row(c.id)) return Error::conflict("contact '" + c.id + "' already exists");
    if (auto st = check_account_exists(stmt("SELECT 1 FROM accounts WHERE id = ?1"), c); !st) {
      return st;
    }
    auto& q = stmt(
        "INSERT INTO contacts (id, name, account, department, title, tags, tier, owner, "
        "timezone, bday_year, bday_month, bday_day, lunar_year, lunar_month, lunar_day, "
        "lunar_leap, dates, emails, phones, notes, archived, created_at, updated_at) VALUES "
        "(:id, :name, :account, :department, :title, :tags, :tier, :owner, :timezone, "
        ":bday_year, :bday_month, :bday_day, :lunar_year, :lunar_month, :lunar_day, :lunar_leap, "
        ":dates, :emails, :phones, :notes, :archived, :created_at, :updated_at)");
    bind_contact_fields(q, c);
    q.bind(":created_at", to_seconds(c.created_at));
    q.exec();
    c.row_id = db_->getLastInsertRowid();
    record_change("contact", c.id);
    return ok_status();
  });
  if (!s) return s.error();
  return c;
}

Result<Contact> SqliteStore::update_contact(const Contact& input) {
  if (auto s = validate_contact(input); !s) return s.error();
  Contact c = input;
  c.updated_at = now();
  auto s = write([&]() -> Status {
    auto existing = load_contact("id = ?1", c.id);
    if (!existing) return Error::not_found("no contact '" + c.id + "'");
    if (auto st = check_account_exists(stmt("SELECT 1 FROM accounts WHERE id = ?1"), c); !st) {
      return st;
    }
    auto& q = stmt(
        "UPDATE contacts SET name = :name, account = :account, department = :department, "
        "title = :title, tags = :tags, tier = :tier, owner = :owner, timezone = :timezone, "
        "bday_year = :bday_year, bday_month = :bday_month, bday_day = :bday_day, "
        "lunar_year = :lunar_year, lunar_month = :lunar_month, lunar_day = :lunar_day, "
        "lunar_leap = :lunar_leap, dates = :dates, emails = :emails, phones = :phones, "
        "notes = :notes, archived = :archived, updated_at = :updated_at WHERE id = :id");
    bind_contact_fields(q, c);
    q.exec();
    c.row_id = existing->row_id;
    c.created_at = existing->created_at;
    record_change("contact", c.id);
    return ok_status();
  });
  if (!s) return s.error();
  return c;
}

Status SqliteStore::remove_contact(const std::string& id) {
  return write([&]() -> Status {
    auto& del = stmt("DELETE FROM contacts WHERE id = ?1");
    del.bind(1, id);
    if (del.exec() == 0) return Error::not_found("no contact '" + id + "'");
    record_change("contact", id);
    return ok_status();
  });
}

Result<Contact> SqliteStore::get_contact(const std::string& id) {
  std::optional<Contact> c;
  auto s = read([&]() -> Status {
    c = load_contact("id = ?1", id);
    return ok_status();
  });
  if (!s) return s.error();
  if (!c) return Error::not_found("no contact '" + id + "'");
  return *c;
}

Result<Contact> SqliteStore::find_contact(const std::string& id_or_name) {
  std::vector<Contact> matches;
  std::optional<Contact> by_id;
  auto s = read([&]() -> Status {
    by_id = load_contact("id = ?1", id_or_name);
    if (by_id) return ok_status();
    // Exact name first (byte-equal, then ASCII case-insensitive), then a prefix.
    // Every lookup below walks the contacts_name index (name COLLATE NOCASE) and
    // stops after 51 rows (50 candidates are listed): no scan, even with a million contacts.
    matches = query_contacts("WHERE name = ?1 COLLATE NOCASE ORDER BY name COLLATE NOCASE LIMIT 51",
                             {id_or_name});
    std::vector<Contact> exact;
    for (const auto& c : matches) {
      if (c.name == id_or_name) exact.push_back(c);
    }
    if (!exact.empty()) {
      matches = std::move(exact);
      return ok_status();
    }
    if (!matches.empty()) return ok_status();
    // Every UTF-8 byte is below 0xF5, so [prefix, prefix + 0xF5) is the prefix
    // range; the NOCASE index serves it.
    matches = query_contacts(
        "WHERE name >= ?1 COLLATE NOCASE AND name < ?2 COLLATE NOCASE "
        "ORDER BY name COLLATE NOCASE LIMIT 51",
        {id_or_name, id_or_name + "\xF5"});
    return ok_status();
  });
  if (!s) return s.error();
  if (by_id) return *by_id;
  if (id_or_name.empty()) return Error::invalid_input("empty contact name");
  if (matches.empty()) return Error::not_found("no contact with id or name '" + id_or_name + "'");
  if (matches.size() == 1) return matches.front();
  const bool more = matches.size() > 50;
  if (more) matches.resize(50);
  std::string list;
  for (const auto& c : sorted_by_name(std::move(matches))) {
    list += "\n  " + c.id + "  " + c.name;
    if (!c.account.empty()) list += " (" + c.account + ")";
  }
  if (more) list += "\n  ... and more (showing the first 50)";
  return Error::conflict("'" + id_or_name + "' matches several contacts; use an id:" + list);
}

Result<std::vector<Contact>> SqliteStore::list_contacts(const ContactFilter& f) {
  std::vector<Contact> found;
  auto s = read([&]() -> Status {
    // Only the filters given appear in the SQL, so that an account's contacts
    // come from contacts_account (the scheduler re-plans an account's
    // coverage after a touch) instead of a scan of every contact.
    std::string where = " WHERE (?1 OR archived = 0)";
    if (f.tier) where += " AND tier = ?2";
    if (f.account) where += " AND account = ?3";
    if (f.owner) where += " AND owner = ?4";
    if (f.tag) where += " AND instr(char(10) || tags || char(10), char(10) || ?5 || char(10)) > 0";
    auto& q = stmt(std::string("SELECT ") + kContactColumns + " FROM contacts" + where +
                   " ORDER BY row_id");
    q.bind(1, f.include_archived ? 1 : 0);
    if (f.tier) q.bind(2, *f.tier);
    if (f.account) q.bind(3, *f.account);
    if (f.owner) q.bind(4, *f.owner);
    if (f.tag) q.bind(5, *f.tag);
    while (q.executeStep()) found.push_back(read_contact(q));
    return ok_status();
  });
  if (!s) return s.error();
  return sorted_by_name(std::move(found));
}

}  // namespace cadence::store
