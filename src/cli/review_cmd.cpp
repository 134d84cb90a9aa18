// cadencectl review [--owner ID] [--format text|json|html] [--at TIME] [--lang
// zh-CN|en]
//                   [--top N]
//
// The weekly relationship review (docs/REVIEW.md) of one owner, or of every
// owner with a team view, as of --at (default: now). Read-only. The language
// defaults to the owner's locale (--owner), else the config's.
#include <CLI/CLI.hpp>

#include <ostream>

#include "cadence/review.hpp"
#include "cli/reminder_support.hpp"
#include "cli/store_cli.hpp"

namespace cadence::cli {
namespace {

struct ReviewCommandOptions {
  std::string owner;
  std::string format = "text";
  std::string at;
  std::string lang;
  int top = 10;
};

void run_review(CliContext& ctx, const ReviewCommandOptions& opt) {
  if (opt.top < 1 || opt.top > 1000) {
    return ctx.fail(
        Error::invalid_input("--top " + std::to_string(opt.top) + " is out of range (1..1000)"));
  }
  const Config* config = ctx.config();
  if (config == nullptr) return;
  auto rules = compiled_rules(ctx);
  if (!rules) return;
  Locale locale = config->locale;
  if (!opt.owner.empty()) {
    const CompiledOwner* owner = rules->find_owner(opt.owner);
    if (owner == nullptr) return ctx.fail(Error::not_found("no owner '" + opt.owner + "'"));
    locale = owner->locale;
  }
  if (!opt.lang.empty()) locale = opt.lang == "en" ? Locale::kEn : Locale::kZhCN;
  Instant at = ctx.clock.now();
  if (!opt.at.empty()) {
    auto parsed = parse_cli_instant(opt.at, config->timezone);
    if (!parsed) return ctx.fail(parsed.error());
    at = *parsed;
  }
  Store* store = ctx.store();
  if (store == nullptr) return;
  auto names = HolidayCalendar::create(config->holidays.sets, config->holidays.custom, locale);
  if (!names) return ctx.fail(names.error());

  ReviewOptions options;
  if (!opt.owner.empty()) options.owner = opt.owner;
  options.at = at;
  options.top = opt.top;
  options.holiday_names = &*names;
  auto review = compute_review(*store, *rules, options);
  if (!review) return ctx.fail(review.error());
  if (opt.format == "json") {
    ctx.out << render_review_json(*review);
  } else if (opt.format == "html") {
    ctx.out << render_review_html(*review, locale);
  } else {
    ctx.out << render_review_text(*review, locale);
  }
}

}  // namespace

void register_review_command(CLI::App& app, CliContext& ctx) {
  auto opt = std::make_shared<ReviewCommandOptions>();
  CLI::App* cmd = app.add_subcommand("review",
                                     "Weekly relationship review: cooling, "
                                     "depth, coverage, length, coming up");
  cmd->add_option("--owner", opt->owner, "One owner (default: every owner, with a team view)");
  cmd->add_option("--format", opt->format, "text (default), json or html")
      ->check(CLI::IsMember({"text", "json", "html"}).description(""))
      ->type_name("{text,json,html}");
  cmd->add_option("--at", opt->at,
                  "The review's 'now': RFC 3339 or 'YYYY-MM-DD HH:MM' in the config's zone "
                  "(default: now)");
  cmd->add_option("--lang", opt->lang, "zh-CN or en (default: the owner's or config's locale)")
      ->check(CLI::IsMember({"zh-CN", "en"}));
  cmd->add_option("--top", opt->top, "Items per list (default 10)");
  cmd->callback([&ctx, opt] { run_review(ctx, *opt); });
}

}  // namespace cadence::cli
