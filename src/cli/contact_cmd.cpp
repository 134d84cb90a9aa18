// cadencectl contact add|edit|rm|list|show
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <ostream>

#include "cadence/actions.hpp"
#include "cli/output.hpp"
#include "cli/store_cli.hpp"
#include "import/fields.hpp"
#include "import/slug.hpp"

namespace cadence::cli {
namespace {

// Options of `contact add` and `contact edit`; unset options leave a field alone.
struct ContactFields {
  std::optional<std::string> id, name, account, department, title, tier, owner, timezone, birthday,
      lunar_birthday, notes;
  std::optional<std::vector<std::string>> tags, emails, phones, dates;
  std::vector<std::string> add_tags, remove_tags;
  bool archive = false, unarchive = false;
  bool clear_birthday = false, clear_lunar_birthday = false;
};

void add_field_options(CLI::App& cmd, ContactFields& f, bool edit) {
  cmd.add_option("--account", f.account, "Account id (\"\" = none)");
  cmd.add_option("--department", f.department, "Department");
  cmd.add_option("--title", f.title, "Job title");
  cmd.add_option("--tag", f.tags, "Tags (repeatable; replaces the list)");
  cmd.add_option("--tier", f.tier, "Tier, e.g. A");
  cmd.add_option("--owner", f.owner, "Owner id");
  cmd.add_option("--timezone", f.timezone, "IANA time zone");
  cmd.add_option("--birthday", f.birthday, "Gregorian birthday: YYYY-MM-DD or --MM-DD");
  cmd.add_option("--lunar-birthday", f.lunar_birthday,
                 "Lunar birthday: [YYYY-][L]MM-DD or 八月十五 / 闰四月初八");
  cmd.add_option("--date", f.dates, "Other date NAME=YYYY-MM-DD (repeatable; replaces the list)");
  cmd.add_option("--email", f.emails, "Email (repeatable; replaces the list)");
  cmd.add_option("--phone", f.phones, "Phone (repeatable; replaces the list)");
  cmd.add_option("--notes", f.notes, "Notes");
  if (edit) {
    cmd.add_option("--name", f.name, "Display name");
    cmd.add_option("--add-tag", f.add_tags, "Add a tag (repeatable)");
    cmd.add_option("--remove-tag", f.remove_tags, "Remove a tag (repeatable)");
    cmd.add_flag("--archive", f.archive, "Archive the contact (no reminders)");
    cmd.add_flag("--unarchive", f.unarchive, "Bring an archived contact back");
    cmd.add_flag("--clear-birthday", f.clear_birthday, "Remove the Gregorian birthday");
    cmd.add_flag("--clear-lunar-birthday", f.clear_lunar_birthday, "Remove the lunar birthday");
  }
}

Status apply_fields(const ContactFields& f, Contact& c, const Config* config) {
  if (f.name) c.name = *f.name;
  if (f.account) c.account = *f.account;
  if (f.department) c.department = *f.department;
  if (f.title) c.title = *f.title;
  if (f.tier) {
    const auto tiers = known_tiers(config);
    if (!f.tier->empty() && !tiers.empty() &&
        std::find(tiers.begin(), tiers.end(), *f.tier) == tiers.end()) {
      std::string list;
      for (const auto& t : tiers) list += (list.empty() ? "" : ", ") + t;
      return Error::invalid_input("--tier " + *f.tier +
                                  ": unknown tier (the config's rules use: " + list + ")");
    }
    c.tier = *f.tier;
  }
  if (f.owner) {
    if (config != nullptr && !f.owner->empty() && config->find_owner(*f.owner) == nullptr) {
      return Error::invalid_input("--owner " + *f.owner + ": no such owner in the config");
    }
    c.owner = *f.owner;
  }
  if (f.timezone) {
    if (!f.timezone->empty()) {
      if (auto tz = TimeZone::locate(*f.timezone); !tz) return tz.error();
    }
    c.timezone = *f.timezone;
  }
  if (f.birthday) {
    auto b = import::parse_birthday(*f.birthday);
    if (!b) return b.error().with_context("--birthday");
    c.birthday = *b;
  }
  if (f.clear_birthday) c.birthday.reset();
  if (f.lunar_birthday) {
    auto b = import::parse_lunar_birthday(*f.lunar_birthday);
    if (!b) return b.error().with_context("--lunar-birthday");
    c.lunar_birthday = *b;
  }
  if (f.clear_lunar_birthday) c.lunar_birthday.reset();
  if (f.dates) {
    std::vector<ContactDate> dates;
    for (const auto& d : *f.dates) {
      auto parsed = import::parse_dates(d);
      if (!parsed) return parsed.error().with_context("--date");
      dates.insert(dates.end(), parsed->begin(), parsed->end());
    }
    c.dates = dates;
  }
  if (f.tags) c.tags = *f.tags;
  for (const auto& t : f.add_tags) {
    if (std::find(c.tags.begin(), c.tags.end(), t) == c.tags.end()) c.tags.push_back(t);
  }
  for (const auto& t : f.remove_tags)
    c.tags.erase(std::remove(c.tags.begin(), c.tags.end(), t), c.tags.end());
  if (f.emails) c.emails = *f.emails;
  if (f.phones) c.phones = *f.phones;
  if (f.notes) c.notes = *f.notes;
  if (f.archive) c.archived = true;
  if (f.unarchive) c.archived = false;
  return ok_status();
}

void print_contact_text(std::ostream& out, const Contact& c, const ContactSummary* s) {
  auto line = [&](const char* label, const std::string& value) {
    if (!value.empty())
      out << label << ": " << terminal_safe(value, label == std::string("notes")) << "\n";
  };
  auto join = [](const std::vector<std::string>& v) {
    std::string joined;
    for (const auto& x : v) joined += (joined.empty() ? "" : ", ") + x;
    return joined;
  };
  line("id", c.id);
  line("name", c.name);
  line("account", c.account);
  line("department", c.department);
  line("title", c.title);
  line("tags", join(c.tags));
  line("tier", c.tier);
  line("owner", c.owner);
  line("timezone", c.timezone);
  if (c.birthday) line("birthday", import::format_birthday(*c.birthday));
  if (c.lunar_birthday) line("lunar birthday", import::format_lunar_birthday(*c.lunar_birthday));
  if (!c.dates.empty()) line("dates", import::format_dates(c.dates));
  line("emails", join(c.emails));
  line("phones", join(c.phones));
  line("notes", c.notes);
  if (c.archived) line("archived", "yes");
  if (s != nullptr) {
    out << "touches: " << s->interaction_count << "\n";
    if (s->last_any) line("last touch", format_rfc3339_utc(*s->last_any));
    if (s->last_deep) line("last deep touch", format_rfc3339_utc(*s->last_deep));
    for (const auto& [kind, t] : s->last_by_kind) {
      out << "last " << kind << ": " << format_rfc3339_utc(t) << "\n";
    }
  }
}

// The option that gave an action's field.
std::string option_of(const std::string& field) {
  if (field == "emails") return "--email";
  if (field == "phones") return "--phone";
  if (field == "tags") return "--tag";
  if (field == "dates") return "--date";
  if (field.empty()) return "";
  return "--" + field;
}

void run_add(CliContext& ctx, const std::string& name, const ContactFields& f) {
  const Config* config = optional_config(ctx);
  if (ctx.exit_code != kExitOk) return;
  Store* store = ctx.store();
  if (store == nullptr) return;
  Contact c;
  c.name = name;
  if (auto s = apply_fields(f, c, config); !s) return ctx.fail(s.error());
  if (f.id) {
    c.id = *f.id;
  } else {
    // A readable id from the name (pinyin for Chinese); -2, -3... when taken.
    std::string base = import::make_slug(name);
    if (base.empty()) base = "contact";
    c.id = base;
    for (int n = 2; store->get_contact(c.id).ok(); ++n) c.id = base + "-" + std::to_string(n);
  }
  auto added = actions::add_contact(*store, c);
  if (!added) {
    const std::string& field = added.error().field();
    return ctx.fail_field(added.error(), field == "name" ? "NAME" : option_of(field));
  }
  ctx.out << "added contact " << added->id << " (" << added->name << ")\n";
}

void run_edit(CliContext& ctx, const std::string& who, const ContactFields& f) {
  const Config* config = optional_config(ctx);
  if (ctx.exit_code != kExitOk) return;
  Store* store = ctx.store();
  if (store == nullptr) return;
  auto found = store->find_contact(who);
  if (!found) return ctx.fail(found.error());
  Contact c = *found;
  if (auto s = apply_fields(f, c, config); !s) return ctx.fail(s.error());
  auto updated = actions::update_contact(*store, c);
  if (!updated) return ctx.fail_field(updated.error(), option_of(updated.error().field()));
  ctx.out << "updated contact " << updated->id << " (" << updated->name << ")\n";
}

void run_rm(CliContext& ctx, const std::string& who) {
  Store* store = ctx.store();
  if (store == nullptr) return;
  auto found = store->find_contact(who);
  if (!found) return ctx.fail(found.error());
  if (auto s = store->remove_contact(found->id); !s) return ctx.fail(s.error());
  ctx.out << "removed contact " << found->id << " (" << found->name << ")\n";
}

struct ListOptions {
  ContactFilter filter;
  OutputFormat format = OutputFormat::kText;
};

void run_list(CliContext& ctx, const ListOptions& o) {
  Store* store = ctx.store();
  if (store == nullptr) return;
  auto contacts = store->list_contacts(o.filter);
  if (!contacts) return ctx.fail(contacts.error());
  if (o.format == OutputFormat::kJson) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : *contacts) out.push_back(contact_to_json(c));
    ctx.out << out.dump(2) << "\n";
    return;
  }
  if (o.format == OutputFormat::kCsv) {
    write_csv_row(ctx.out,
                  {"id", "name", "account", "department", "title", "tier", "owner", "tags"});
  }
  for (const auto& c : *contacts) {
    std::string tags;
    for (const auto& t : c.tags) tags += (tags.empty() ? "" : ";") + t;
    if (o.format == OutputFormat::kCsv) {
      write_csv_row(ctx.out,
                    {c.id, c.name, c.account, c.department, c.title, c.tier, c.owner, tags});
    } else {
      ctx.out << c.id << "\t" << terminal_safe(c.name) << "\t" << c.account << "\t"
              << terminal_safe(c.tier) << "\t" << terminal_safe(tags)
              << (c.archived ? "\tarchived" : "") << "\n";
    }
  }
}

void run_show(CliContext& ctx, const std::string& who, OutputFormat format) {
  Store* store = ctx.store();
  if (store == nullptr) return;
  auto found = store->find_contact(who);
  if (!found) return ctx.fail(found.error());
  auto summary = store->get_summary(found->id);
  if (!summary) return ctx.fail(summary.error());
  if (format == OutputFormat::kJson) {
    nlohmann::json out = contact_to_json(*found);
    out["summary"] = summary_to_json(*summary);
    ctx.out << out.dump(2) << "\n";
    return;
  }
  print_contact_text(ctx.out, *found, &*summary);
}

}  // namespace

void register_contact_commands(CLI::App& app, CliContext& ctx) {
  CLI::App* contact = app.add_subcommand("contact", "Add, edit, remove, list and show contacts");
  contact->require_subcommand(1);

  CLI::App* add = contact->add_subcommand("add", "Add a contact");
  auto add_name = std::make_shared<std::string>();
  auto add_fields = std::make_shared<ContactFields>();
  add->add_option("NAME", *add_name, "Display name (any script)")->required();
  add->add_option("--id", add_fields->id, "External id (default: from the name, e.g. li-wei)");
  add_field_options(*add, *add_fields, false);
  add->callback([&ctx, add_name, add_fields] { run_add(ctx, *add_name, *add_fields); });

  CLI::App* edit = contact->add_subcommand("edit", "Change a contact's fields");
  auto edit_who = std::make_shared<std::string>();
  auto edit_fields = std::make_shared<ContactFields>();
  edit->add_option("CONTACT", *edit_who, "Contact id or unambiguous name")->required();
  add_field_options(*edit, *edit_fields, true);
  edit->callback([&ctx, edit_who, edit_fields] { run_edit(ctx, *edit_who, *edit_fields); });

  CLI::App* rm = contact->add_subcommand("rm", "Remove a contact and its interactions");
  auto rm_who = std::make_shared<std::string>();
  rm->add_option("CONTACT", *rm_who, "Contact id or unambiguous name")->required();
  rm->callback([&ctx, rm_who] { run_rm(ctx, *rm_who); });

  CLI::App* list = contact->add_subcommand("list", "List contacts (sorted by name, pinyin order)");
  auto list_opts = std::make_shared<ListOptions>();
  list->add_option("--tag", list_opts->filter.tag, "Only contacts with this tag");
  list->add_option("--tier", list_opts->filter.tier, "Only this tier");
  list->add_option("--account", list_opts->filter.account, "Only this account id");
  list->add_option("--owner", list_opts->filter.owner, "Only this owner id");
  list->add_flag("--all", list_opts->filter.include_archived, "Include archived contacts");
  add_format_option(*list, list_opts->format, {"text", "csv", "json"});
  list->callback([&ctx, list_opts] { run_list(ctx, *list_opts); });

  CLI::App* show = contact->add_subcommand("show", "Show one contact with its touch summary");
  auto show_who = std::make_shared<std::string>();
  auto show_format = std::make_shared<OutputFormat>();
  show->add_option("CONTACT", *show_who, "Contact id or unambiguous name")->required();
  add_format_option(*show, *show_format, {"text", "json"});
  show->callback([&ctx, show_who, show_format] { run_show(ctx, *show_who, *show_format); });
}

}  // namespace cadence::cli
