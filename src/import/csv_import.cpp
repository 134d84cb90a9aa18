#include "import/csv_import.hpp"

#include <map>
#include <optional>

#include "import/csv_reader.hpp"
#include "import/fields.hpp"

namespace cadence::import {
namespace {

enum class Column {
  kId,
  kName,
  kFirst,
  kMiddle,
  kLast,
  kCompany,
  kAccount,
  kDepartment,
  kTitle,
  kHonorific,
  kTags,
  kTier,
  kOwner,
  kTimezone,
  kBirthday,
  kLunarBirthday,
  kEmail,
  kPhone,
  kNotes,
  kDates,
  kFirstMet,
  kContractSigned,
  kAnniversary,
  kArchived
};

// Header spellings, normalised by normalize_header(): ASCII lower case, with
// spaces, '_', '-' and ':' removed.
const std::map<std::string, Column>& header_aliases() {
  static const std::map<std::string, Column> kAliases = {
      {"id", Column::kId},
      {"contactid", Column::kId},
      {"编号", Column::kId},
      {"联系人编号", Column::kId},
      {"name", Column::kName},
      {"fullname", Column::kName},
      {"displayname", Column::kName},
      {"姓名", Column::kName},
      {"名字", Column::kName},
      {"联系人", Column::kName},
      {"firstname", Column::kFirst},
      {"givenname", Column::kFirst},
      {"名", Column::kFirst},
      {"middlename", Column::kMiddle},
      {"lastname", Column::kLast},
      {"familyname", Column::kLast},
      {"surname", Column::kLast},
      {"姓", Column::kLast},
      {"company", Column::kCompany},
      {"organization", Column::kCompany},
      {"organisation", Column::kCompany},
      {"org", Column::kCompany},
      {"公司", Column::kCompany},
      {"单位", Column::kCompany},
      {"公司名称", Column::kCompany},
      {"客户", Column::kCompany},
      {"account", Column::kAccount},
      {"accountid", Column::kAccount},
      {"客户编号", Column::kAccount},
      {"department", Column::kDepartment},
      {"dept", Column::kDepartment},
      {"部门", Column::kDepartment},
      {"title", Column::kTitle},
      {"jobtitle", Column::kTitle},
      {"position", Column::kTitle},
      {"职位", Column::kTitle},
      {"职务", Column::kTitle},
      {"头衔", Column::kTitle},
      {"tags", Column::kTags},
      {"tag", Column::kTags},
      {"categories", Column::kTags},
      {"标签", Column::kTags},
      {"分类", Column::kTags},
      {"tier", Column::kTier},
      {"level", Column::kTier},
      {"级别", Column::kTier},
      {"等级", Column::kTier},
      {"owner", Column::kOwner},
      {"负责人", Column::kOwner},
      {"客户经理", Column::kOwner},
      {"timezone", Column::kTimezone},
      {"tz", Column::kTimezone},
      {"时区", Column::kTimezone},
      {"birthday", Column::kBirthday},
      {"birthdate", Column::kBirthday},
      {"dateofbirth", Column::kBirthday},
      {"dob", Column::kBirthday},
      {"bday", Column::kBirthday},
      {"生日", Column::kBirthday},
      {"出生日期", Column::kBirthday},
      {"公历生日", Column::kBirthday},
      {"阳历生日", Column::kBirthday},
      {"lunarbirthday", Column::kLunarBirthday},
      {"农历生日", Column::kLunarBirthday},
      {"阴历生日", Column::kLunarBirthday},
      {"email", Column::kEmail},
      {"emails", Column::kEmail},
      {"emailaddress", Column::kEmail},
      {"email2address", Column::kEmail},
      {"email3address", Column::kEmail},
      {"邮箱", Column::kEmail},
      {"电子邮件", Column::kEmail},
      {"邮件", Column::kEmail},
      {"phone", Column::kPhone},
      {"phones", Column::kPhone},
      {"mobile", Column::kPhone},
      {"mobilephone", Column::kPhone},
      {"businessphone", Column::kPhone},
      {"businessphone2", Column::kPhone},
      {"homephone", Column::kPhone},
      {"homephone2", Column::kPhone},
      {"otherphone", Column::kPhone},
      {"primaryphone", Column::kPhone},
      {"companymainphone", Column::kPhone},
      {"电话", Column::kPhone},
      {"手机", Column::kPhone},
      {"手机号", Column::kPhone},
      {"办公电话", Column::kPhone},
      {"座机", Column::kPhone},
      {"notes", Column::kNotes},
      {"note", Column::kNotes},
      {"备注", Column::kNotes},
      {"说明", Column::kNotes},
      {"dates", Column::kDates},
      {"纪念日", Column::kDates},
      {"firstmet", Column::kFirstMet},
      {"初次见面", Column::kFirstMet},
      {"相识日期", Column::kFirstMet},
      {"认识日期", Column::kFirstMet},
      {"contractsigned", Column::kContractSigned},
      {"签约日期", Column::kContractSigned},
      {"anniversary", Column::kAnniversary},
      {"周年纪念日", Column::kAnniversary},
      {"archived", Column::kArchived},
      {"归档", Column::kArchived},
  };
  return kAliases;
}

std::string normalize_header(std::string_view h) {
  std::string out;
  for (char c : trim(h)) {
    if (c == ' ' || c == '_' || c == '-' || c == ':') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

bool has_cjk(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0xE3 && c <= 0xE9) return true;  // lead bytes of U+3000..U+9FFF
  }
  return false;
}

// One row's cells by column; repeated columns (phones, emails) append.
struct Row {
  std::map<Column, std::vector<std::string>> cells;
  std::string get(Column c) const {
    auto it = cells.find(c);
    return it == cells.end() || it->second.empty() ? "" : it->second.front();
  }
};

struct RowBuilder {
  const std::string& file;
  ImportRecord rec;
  std::vector<ImportProblem> problems;

  void problem(const std::string& field, const std::string& message) {
    problems.push_back({file, rec.line, field, message});
  }
};

void fill_record(const Row& row, RowBuilder& b) {
  Contact& c = b.rec.contact;
  c.id = row.get(Column::kId);
  if (!c.id.empty()) b.rec.given.insert("id");
  c.name = row.get(Column::kName);
  if (c.name.empty()) {
    const std::string first = row.get(Column::kFirst), middle = row.get(Column::kMiddle),
                      last = row.get(Column::kLast);
    if (has_cjk(first) || has_cjk(last)) {
      c.name = last + first;  // 姓 then 名, no space
    } else {
      for (const auto* part : {&first, &middle, &last}) {
        if (part->empty()) continue;
        if (!c.name.empty()) c.name += ' ';
        c.name += *part;
      }
    }
  }
  if (c.name.empty()) {
    b.problem("name", "missing (give a name/姓名 column, or first/last name)");
  } else {
    b.rec.given.insert("name");
  }
  b.rec.company = row.get(Column::kCompany);
  b.rec.account_id = row.get(Column::kAccount);
  if (!b.rec.company.empty() || !b.rec.account_id.empty()) b.rec.given.insert("account");
  auto text_field = [&](Column col, std::string& out, const char* key) {
    out = row.get(col);
    if (!out.empty()) b.rec.given.insert(key);
  };
  text_field(Column::kDepartment, c.department, "department");
  text_field(Column::kTitle, c.title, "title");
  text_field(Column::kTier, c.tier, "tier");
  text_field(Column::kOwner, c.owner, "owner");
  text_field(Column::kTimezone, c.timezone, "timezone");
  text_field(Column::kNotes, c.notes, "notes");
  if (auto tags = row.get(Column::kTags); !tags.empty()) {
    c.tags = split_list(tags);
    b.rec.given.insert("tags");
  }
  auto list_field = [&](Column col, std::vector<std::string>& out, const char* key) {
    auto it = row.cells.find(col);
    if (it == row.cells.end()) return;
    for (const auto& cell : it->second) {
      for (auto& item : split_list(cell)) out.push_back(std::move(item));
    }
    if (!out.empty()) b.rec.given.insert(key);
  };
  list_field(Column::kEmail, c.emails, "emails");
  list_field(Column::kPhone, c.phones, "phones");
  if (auto text = row.get(Column::kBirthday); !text.empty() && text != "0/0/00") {
    if (auto bday = parse_birthday(text)) {
      c.birthday = *bday;
      b.rec.given.insert("birthday");
    } else {
      b.problem("birthday", bday.error().message());
    }
  }
  if (auto text = row.get(Column::kLunarBirthday); !text.empty()) {
    if (auto lunar = parse_lunar_birthday(text)) {
      c.lunar_birthday = *lunar;
      b.rec.given.insert("lunar_birthday");
    } else {
      b.problem("lunar_birthday", lunar.error().message());
    }
  }
  if (auto text = row.get(Column::kDates); !text.empty()) {
    if (auto dates = parse_dates(text)) {
      c.dates = *dates;
    } else {
      b.problem("dates", dates.error().message());
    }
  }
  for (auto [col, name] : {std::pair{Column::kFirstMet, "first_met"},
                           std::pair{Column::kContractSigned, "contract_signed"},
                           std::pair{Column::kAnniversary, "anniversary"}}) {
    const std::string text = row.get(col);
    if (text.empty()) continue;
    if (text == "0/0/00") continue;  // Outlook's "no date"
    auto d = parse_birthday(text);   // the same spellings as birthdays
    if (!d) {
      b.problem(name, d.error().message());
    } else if (!d->year) {
      b.problem(name, text + ": the date needs a year");
    } else {
      c.dates.push_back({name, Date{std::chrono::year{*d->year}, std::chrono::month{d->month},
                                    std::chrono::day{d->day}}});
    }
  }
  if (!c.dates.empty()) b.rec.given.insert("dates");
  if (auto text = row.get(Column::kArchived); !text.empty()) {
    if (text == "1" || text == "true" || text == "yes" || text == "是") {
      c.archived = true;
    } else if (text != "0" && text != "false" && text != "no" && text != "否") {
      b.problem("archived", text + ": expected 0/1, true/false or yes/no");
    }
    b.rec.given.insert("archived");
  }
}

}  // namespace

ParsedFile parse_contacts_csv(std::string_view text, const std::string& file_name) {
  ParsedFile out;
  auto records = read_csv(text);
  if (records.empty()) {
    out.problems.push_back({file_name, 1, "", "the file has no header row"});
    return out;
  }
  const CsvRecord& header = records.front();
  if (!header.error.empty()) {
    out.problems.push_back({file_name, header.line, "", "header: " + header.error});
    return out;
  }
  std::vector<std::optional<Column>> columns;
  const bool has_job_title = [&] {
    for (const auto& h : header.fields) {
      if (normalize_header(h) == "jobtitle") return true;
    }
    return false;
  }();
  bool has_name = false;
  for (const auto& h : header.fields) {
    const std::string key = normalize_header(h);
    auto it = header_aliases().find(key);
    // Outlook's "Title" is the honorific (Mr., Dr.) when "Job Title" is present.
    if (it == header_aliases().end() || (key == "title" && has_job_title)) {
      columns.push_back(std::nullopt);
      if (!key.empty()) out.warnings.push_back(file_name + ":1: column '" + trim(h) + "' ignored");
      continue;
    }
    columns.push_back(it->second);
    has_name = has_name || it->second == Column::kName || it->second == Column::kFirst ||
               it->second == Column::kLast;
  }
  if (!has_name) {
    out.problems.push_back({file_name, header.line, "header",
                            "no name column (expected one of name, 姓名, First Name/Last Name)"});
    return out;
  }
  for (std::size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& rec = records[r];
    if (!rec.error.empty()) {
      out.problems.push_back({file_name, rec.line, "", rec.error});
      continue;
    }
    if (rec.fields.size() != columns.size()) {
      out.problems.push_back({file_name, rec.line, "",
                              std::to_string(rec.fields.size()) + " fields, but the header has " +
                                  std::to_string(columns.size())});
      continue;
    }
    Row row;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (!columns[i]) continue;
      std::string value = trim(rec.fields[i]);
      if (value.empty()) continue;
      row.cells[*columns[i]].push_back(std::move(value));
    }
    RowBuilder b{file_name, {}, {}};
    b.rec.line = rec.line;
    fill_record(row, b);
    if (b.problems.empty()) {
      out.records.push_back(std::move(b.rec));
    } else {
      for (auto& p : b.problems) out.problems.push_back(std::move(p));
    }
  }
  return out;
}

}  // namespace cadence::import
