// cadencectl web-link --owner ID [--days N]
//
// Prints the owner's sign-in link to the web page the daemon serves:
// <http.public_url>/w/<login token> (docs/HTTP.md "The owner's web page").
// The token is signed with the action key the daemon uses
// (load_or_create_action_key(http.key, <database dir>/http.key); created here
// if absent, as the daemon would) and expires after N days (default 30, at
// most 366). Fails without http.public_url or for an unknown owner.
#include <CLI/CLI.hpp>

#include <ostream>

#include "cadence/action_token.hpp"
#include "cli/cli.hpp"
#include "cli/reminder_support.hpp"
#include "http/web_session.hpp"

namespace cadence::cli {
namespace {

struct WebLinkOptions {
  std::string owner;
  int days = http::kWebLoginDefaultDays;
};

void run_web_link(CliContext& ctx, const WebLinkOptions& opt) {
  if (opt.days < 1 || opt.days > http::kWebLoginMaxDays) {
    return ctx.fail(Error::invalid_input("--days " + std::to_string(opt.days) +
                                         " is out of range (1.." +
                                         std::to_string(http::kWebLoginMaxDays) + ")"));
  }
  const Config* config = ctx.config();
  if (config == nullptr) return;
  if (config->http.public_url.empty()) {
    return ctx.fail(Error::invalid_input(
        "http.public_url is not set in " + config->source_file +
        ": the link needs the address people reach the daemon at (see docs/HTTP.md)"));
  }
  auto rules = compiled_rules(ctx);
  if (!rules) return;
  if (rules->find_owner(opt.owner) == nullptr) {
    return ctx.fail(Error::not_found("no owner '" + opt.owner + "' in " + config->source_file));
  }
  const std::string database = ctx.db_path.empty() ? config->database : ctx.db_path;
  auto key = load_or_create_action_key(config->http.key, default_action_key_path(database));
  if (!key) return ctx.fail(key.error().with_context("action key"));
  const Instant expires = ctx.clock.now() + Duration{std::int64_t{opt.days} * 24 * 3600};
  auto token = http::sign_web_login(*key, http::WebClaim{opt.owner, expires});
  if (!token) return ctx.fail(token.error());
  ctx.out << http::web_login_url(config->http.public_url, *token) << "\n";
}

}  // namespace

void register_web_link_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand(
      "web-link", "Print an owner's sign-in link to the web page (needs http.public_url)");
  auto o = std::make_shared<WebLinkOptions>();
  cmd->add_option("--owner", o->owner, "Owner id")->required();
  cmd->add_option("--days", o->days, "Days the link stays valid (1..366)");
  cmd->callback([&ctx, o] { run_web_link(ctx, *o); });
}

}  // namespace cadence::cli
