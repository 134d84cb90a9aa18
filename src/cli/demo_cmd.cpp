// cadencectl demo seed: a small demo data set relative to today, so that a
// daemon started on it shows real reminders within seconds (scripts/demo.sh).
//
//   李伟 (li-wei)      tier A, decision-maker, birthday today, last visit 100
//                      days ago: birthday, keep-in-touch and deep-quarterly are due
//   王芳 (wang-fang)   tier B, last call 40 days ago: keep-in-touch-b is overdue
//   陈静 (chen-jing)   tier C, birthday in 3 days (the 3-day lead fires today)
//   示例科技 (demo-acme) a strategic account with three departments
// Running it twice changes nothing (existing ids are kept).
#include <CLI/CLI.hpp>

#include <initializer_list>

#include "cli/reminder_support.hpp"

namespace cadence::cli {
namespace {

struct DemoOptions {
  std::string today;
};

Status ignore_existing(const Status& s) {
  if (!s && s.error().code() == ErrorCode::kConflict) return ok_status();
  return s;
}

template <typename T>
Status as_status(const Result<T>& r) {
  if (r) return ok_status();
  return r.error();
}

void run_seed(CliContext& ctx, const DemoOptions& opt) {
  const Config* config = ctx.config();
  if (config == nullptr) return;
  Store* store = ctx.store();
  if (store == nullptr) return;
  auto zone = TimeZone::locate(config->timezone);
  if (!zone) return ctx.fail(zone.error());
  const Instant now = ctx.clock.now();
  Date today = zone->local_date(now);
  if (!opt.today.empty()) {
    auto d = parse_date(opt.today);
    if (!d) return ctx.fail(d.error().with_context("--today"));
    today = *d;
  }
  const auto plus = [&](int days) { return to_date(to_sys_days(today) + Days{days}); };
  const std::string owner = config->owners.empty() ? std::string() : config->owners.front().id;

  Account acme;
  acme.id = "demo-acme";
  acme.name = "示例科技";
  acme.tier = "strategic";
  acme.owner = owner;
  acme.departments = {"采购", "技术", "财务"};

  const auto person = [&](const std::string& id, const std::string& name, const std::string& tier,
                          const std::string& dept, std::optional<Date> birthday) {
    Contact c;
    c.id = id;
    c.name = name;
    c.account = acme.id;
    c.department = dept;
    c.tier = tier;
    c.owner = owner;
    if (birthday) {
      c.birthday = GregorianBirthday{std::nullopt, static_cast<unsigned>(birthday->month()),
                                     static_cast<unsigned>(birthday->day())};
    }
    return c;
  };
  Contact li = person("li-wei", "李伟", "A", "采购", today);
  li.tags = {"decision-maker"};
  li.title = "采购总监";
  const Contact wang = person("wang-fang", "王芳", "B", "技术", std::nullopt);
  const Contact chen = person("chen-jing", "陈静", "C", "财务", plus(3));

  const auto touch = [&](const std::string& contact, const std::string& kind, int days_ago) {
    Interaction i;
    i.contact = contact;
    i.kind = kind;
    const InteractionKind* k = config->find_kind(kind);
    i.depth = k != nullptr ? k->depth : Depth::kNormal;
    i.at = now - Duration{86400LL * days_ago};
    i.note = "demo";
    i.source = "cli";
    return as_status(store->add_interaction(i));
  };
  Status s = ignore_existing(as_status(store->add_account(acme)));
  bool fresh = false;
  for (const Contact* c : std::initializer_list<const Contact*>{&li, &wang, &chen}) {
    if (!s) break;
    auto added = store->add_contact(*c);
    if (added && c == &li) fresh = true;
    s = ignore_existing(as_status(added));
  }
  if (s && fresh) s = touch("li-wei", "visit", 100);
  if (s && fresh) s = touch("wang-fang", "call", 40);
  if (!s) return ctx.fail(s.error());
  ctx.out << "demo data for " << format_date(today) << (fresh ? "" : " (already there)") << ":\n"
          << "  李伟 li-wei      birthday today, last visit 100 days ago\n"
          << "  王芳 wang-fang   last call 40 days ago\n"
          << "  陈静 chen-jing   birthday on " << format_date(plus(3)) << "\n"
          << "  示例科技 demo-acme  strategic account\n";
}

}  // namespace

void register_demo_command(CLI::App& app, CliContext& ctx) {
  CLI::App* demo = app.add_subcommand("demo", "Demo data for trying cadence out");
  demo->require_subcommand(1);
  auto opt = std::make_shared<DemoOptions>();
  CLI::App* seed = demo->add_subcommand("seed", "Add demo contacts relative to today");
  seed->add_option("--today", opt->today, "Pretend today is this date (YYYY-MM-DD)");
  seed->callback([&ctx, opt] { run_seed(ctx, *opt); });
}

}  // namespace cadence::cli
