#include "import/importer.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "cadence/actions.hpp"
#include "import/csv_import.hpp"
#include "import/slug.hpp"
#include "import/vcard_import.hpp"

namespace cadence::import {

std::string ImportProblem::to_string() const {
  std::string out = file + ":" + std::to_string(line) + ": ";
  if (!field.empty()) out += field + ": ";
  return out + message;
}

namespace {

bool looks_like_vcard(std::string_view text, const std::string& file_name) {
  auto ends_with = [&](std::string_view suffix) {
    if (file_name.size() < suffix.size()) return false;
    std::string tail = file_name.substr(file_name.size() - suffix.size());
    for (auto& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return tail == suffix;
  };
  if (ends_with(".vcf") || ends_with(".vcard")) return true;
  if (ends_with(".csv")) return false;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const auto start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return false;
  std::string head(text.substr(start, 11));
  for (auto& c : head) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return head == "BEGIN:VCARD";
}

std::string hashed_id(const std::string& text) {
  // FNV-1a: a stable id for names with nothing to transliterate (emoji, symbols).
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  std::ostringstream s;
  s << "contact-" << std::hex << (h & 0xffffffffull);
  return s.str();
}

std::string account_id_of(const ImportRecord& r) {
  if (!r.account_id.empty()) return r.account_id;
  if (r.company.empty()) return "";
  std::string slug = make_slug(r.company);
  return slug.empty() ? hashed_id(r.company) : slug;
}

// The contact as stored after applying the fields the file gives.
Contact merged(const Contact& existing, const ImportRecord& r, const std::string& account) {
  Contact c = existing;
  const Contact& in = r.contact;
  auto given = [&](const char* key) { return r.given.count(key) > 0; };
  if (given("name")) c.name = in.name;
  if (given("account")) c.account = account;
  if (given("department")) c.department = in.department;
  if (given("title")) c.title = in.title;
  if (given("tags")) c.tags = in.tags;
  if (given("tier")) c.tier = in.tier;
  if (given("owner")) c.owner = in.owner;
  if (given("timezone")) c.timezone = in.timezone;
  if (given("birthday")) c.birthday = in.birthday;
  if (given("lunar_birthday")) c.lunar_birthday = in.lunar_birthday;
  if (given("dates")) c.dates = in.dates;
  if (given("emails")) c.emails = in.emails;
  if (given("phones")) c.phones = in.phones;
  if (given("notes")) c.notes = in.notes;
  if (given("archived")) c.archived = in.archived;
  return c;
}

bool same_fields(const Contact& a, const Contact& b) {
  auto bday = [](const std::optional<GregorianBirthday>& x,
                 const std::optional<GregorianBirthday>& y) {
    if (x.has_value() != y.has_value()) return false;
    return !x || (x->year == y->year && x->month == y->month && x->day == y->day);
  };
  auto lunar = [](const std::optional<LunarBirthday>& x, const std::optional<LunarBirthday>& y) {
    if (x.has_value() != y.has_value()) return false;
    return !x ||
           (x->year == y->year && x->month == y->month && x->day == y->day && x->leap == y->leap);
  };
  auto dates = [](const std::vector<ContactDate>& x, const std::vector<ContactDate>& y) {
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (x[i].name != y[i].name || x[i].date != y[i].date) return false;
    }
    return true;
  };
  return a.name == b.name && a.account == b.account && a.department == b.department &&
         a.title == b.title && a.tags == b.tags && a.tier == b.tier && a.owner == b.owner &&
         a.timezone == b.timezone && bday(a.birthday, b.birthday) &&
         lunar(a.lunar_birthday, b.lunar_birthday) && dates(a.dates, b.dates) &&
         a.emails == b.emails && a.phones == b.phones && a.notes == b.notes &&
         a.archived == b.archived;
}

// Assigns ids, checks tiers and duplicate ids; moves bad records to problems.
void resolve_ids(ParsedFile& parsed, const std::string& file, const ImportOptions& options) {
  std::map<std::string, int> explicit_ids;  // id -> line
  std::map<std::string, int> derived_count;
  std::vector<ImportRecord> good;
  for (auto& r : parsed.records) {
    std::vector<ImportProblem> problems;
    // The rules every way in shares (blank names, control characters, list
    // separators inside an item, malformed emails): what the CLI refuses, an
    // import refuses too, so an export always re-imports.
    if (auto checked = actions::normalized_contact(r.contact); !checked) {
      problems.push_back({file, r.line, checked.error().field(), checked.error().message()});
    } else {
      r.contact = std::move(*checked);
    }
    if (!r.contact.tier.empty() && !options.known_tiers.empty() &&
        std::find(options.known_tiers.begin(), options.known_tiers.end(), r.contact.tier) ==
            options.known_tiers.end()) {
      std::string known;
      for (const auto& t : options.known_tiers) known += (known.empty() ? "" : ", ") + t;
      problems.push_back(
          {file, r.line, "tier",
           "unknown tier '" + r.contact.tier + "' (the config's rules use: " + known + ")"});
    }
    if (r.given.count("id")) {
      auto [it, inserted] = explicit_ids.emplace(r.contact.id, r.line);
      if (!inserted) {
        problems.push_back({file, r.line, "id",
                            "duplicate id '" + r.contact.id + "' (first on line " +
                                std::to_string(it->second) + ")"});
      }
    } else {
      // Same name at the same company twice: the second is "<slug>-2", in file
      // order, so re-importing the same file yields the same ids.
      const std::string base = derived_contact_id(r);
      const int n = ++derived_count[base];
      r.contact.id = n == 1 ? base : base + "-" + std::to_string(n);
    }
    if (problems.empty()) {
      good.push_back(std::move(r));
    } else {
      for (auto& p : problems) parsed.problems.push_back(std::move(p));
    }
  }
  parsed.records = std::move(good);
  std::stable_sort(parsed.problems.begin(), parsed.problems.end(),
                   [](const ImportProblem& a, const ImportProblem& b) { return a.line < b.line; });
}

// A sentinel that makes Store::transaction roll back a dry run or a failed import.
const char* const kRollback = "import rolled back";

Status apply(Store& store, const std::vector<ImportRecord>& records, const std::string& file,
             const ImportOptions& options, ImportReport& report) {
  // Per import, not per row: slugging a company name through ICU's transliterator
  // costs tens of microseconds, and a file names the same few companies over and
  // over. Accounts seen (found or added) are not looked up again.
  std::unordered_map<std::string, std::string> account_ids;  // company -> id
  std::unordered_set<std::string> accounts_present;
  for (const auto& r : records) {
    std::string account = r.account_id;
    if (account.empty() && !r.company.empty()) {
      auto [it, inserted] = account_ids.try_emplace(r.company);
      if (inserted) it->second = account_id_of(r);
      account = it->second;
    }
    if (!account.empty() && accounts_present.insert(account).second) {
      auto existing = store.get_account(account);
      if (!existing) {
        if (existing.error().code() != ErrorCode::kNotFound) return existing.error();
        Account a;
        a.id = account;
        a.name = r.company.empty() ? account : r.company;
        auto added = store.add_account(a);
        if (!added) {
          accounts_present.erase(account);
          report.problems.push_back({file, r.line, "account", added.error().message()});
          continue;
        }
        report.accounts_added.push_back(account);
      }
    }
    auto existing = store.get_contact(r.contact.id);
    if (!existing && existing.error().code() != ErrorCode::kNotFound) return existing.error();
    if (!existing) {
      Contact fresh = merged(Contact{}, r, account);
      fresh.id = r.contact.id;
      auto added = store.add_contact(fresh);
      if (!added) {
        if (added.error().code() == ErrorCode::kDatabase) return added.error();
        report.problems.push_back({file, r.line, "", added.error().message()});
        continue;
      }
      ++report.added;
      continue;
    }
    Contact next = merged(*existing, r, account);
    if (same_fields(next, *existing)) {
      ++report.unchanged;
      continue;
    }
    switch (options.on_conflict) {
      case OnConflict::kSkip:
        ++report.skipped;
        break;
      case OnConflict::kFail:
        report.problems.push_back({file, r.line, "id",
                                   "contact '" + r.contact.id +
                                       "' already exists with other values (use --on-conflict "
                                       "update or skip)"});
        break;
      case OnConflict::kUpdate: {
        auto updated = store.update_contact(next);
        if (!updated) {
          if (updated.error().code() == ErrorCode::kDatabase) return updated.error();
          report.problems.push_back({file, r.line, "", updated.error().message()});
          continue;
        }
        ++report.updated;
        break;
      }
    }
  }
  return ok_status();
}

}  // namespace

std::string derived_contact_id(const ImportRecord& record) {
  if (!record.contact.id.empty() && record.given.count("id")) return record.contact.id;
  std::string text = record.contact.name;
  if (!record.company.empty()) text += " " + record.company;
  std::string slug = make_slug(text);
  return slug.empty() ? hashed_id(text) : slug;
}

Result<ImportReport> import_bytes(Store& store, std::string_view bytes,
                                  const std::string& file_name, const ImportOptions& options) {
  ImportReport report;
  report.file = file_name;
  // A vCard is decoded value by value (each by its own CHARSET=, else by the
  // file's encoding), a CSV file as a whole: decoding either twice would turn
  // GBK text into mojibake.
  const bool vcard = looks_like_vcard(bytes, file_name);
  report.format = vcard ? "vcard" : "csv";
  ParsedFile parsed;
  if (vcard) {
    auto raw = vcard_bytes(bytes, options.encoding, file_name);
    if (!raw) return raw.error();
    parsed = parse_contacts_vcard(raw->body, file_name, raw->charset);
    report.encoding = parsed.encoding;
  } else {
    auto decoded = decode_text(bytes, options.encoding, file_name);
    if (!decoded) return decoded.error();
    report.encoding = decoded->encoding;
    parsed = parse_contacts_csv(decoded->text, file_name);
  }
  resolve_ids(parsed, file_name, options);
  report.warnings = std::move(parsed.warnings);
  report.problems = std::move(parsed.problems);
  const bool all_or_nothing = !options.skip_invalid;
  {
    std::vector<int> bad_lines;
    for (const auto& p : report.problems) bad_lines.push_back(p.line);
    bad_lines.erase(std::unique(bad_lines.begin(), bad_lines.end()), bad_lines.end());
    report.rows = static_cast<int>(parsed.records.size() + bad_lines.size());
  }
  // Apply even when rows are bad, inside a transaction that is then rolled
  // back, so conflicts with stored contacts are reported in the same run.
  auto status = store.transaction([&]() -> Status {
    if (auto s = apply(store, parsed.records, file_name, options, report); !s) return s;
    const bool problems = !report.problems.empty();
    if (options.dry_run || (problems && all_or_nothing)) return Error::internal(kRollback);
    return ok_status();
  });
  std::stable_sort(report.problems.begin(), report.problems.end(),
                   [](const ImportProblem& a, const ImportProblem& b) { return a.line < b.line; });
  report.invalid = static_cast<int>(report.problems.size());
  if (!status) {
    if (status.error().message() != kRollback) return status.error();
    return report;
  }
  report.committed = true;
  return report;
}

Result<ImportReport> import_file(Store& store, const std::string& path,
                                 const ImportOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::invalid_input(path + ": cannot open the file");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return Error::io(path + ": read error");
  return import_bytes(store, bytes.str(), path, options);
}

}  // namespace cadence::import
