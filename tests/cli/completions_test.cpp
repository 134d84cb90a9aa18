// The shell completions (completions/cadencectl.bash, completions/_cadencectl)
// and cadencectl(1) against the CLI's own definition: every command and
// subcommand the CLI has is offered, nothing it lacks is, and --format offers
// exactly what the commands accept. They drifted before ("--format table",
// no web-link) because nothing compared them.
#include <gtest/gtest.h>
#include <CLI/CLI.hpp>

#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "cli/cli.hpp"
#include "cli_run.hpp"
#include "temp_dir.hpp"

namespace cadence::cli {
namespace {

using cadence::testing::read_file;
using cadence::testing::source_path;
using Names = std::set<std::string>;

Names words(const std::string& text, const std::string& separators = " \t\n|,") {
  Names out;
  std::string word;
  for (char ch : text + ' ') {
    if (separators.find(ch) != std::string::npos) {
      if (!word.empty()) out.insert(word);
      word.clear();
    } else {
      word += ch;
    }
  }
  return out;
}

struct CliTree {
  Names commands;
  std::map<std::string, Names> subcommands;  // of the commands that have them
  std::map<std::string, Names> formats;      // --format values, per command path
  Names all_formats;
};

void walk(const CLI::App& app, const std::string& path, CliTree& tree) {
  for (const CLI::Option* opt : app.get_options()) {
    if (!opt->check_name("--format")) continue;
    const std::string type = opt->get_type_name();  // "{text,csv,json}"
    ASSERT_TRUE(type.size() > 2 && type.front() == '{' && type.back() == '}')
        << path << ": --format's type is " << type;
    tree.formats[path] = words(type.substr(1, type.size() - 2));
    tree.all_formats.merge(words(type.substr(1, type.size() - 2)));
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (path.empty()) {
      tree.commands.insert(sub->get_name());
    } else {
      tree.subcommands[path].insert(sub->get_name());
    }
    walk(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), tree);
  }
}

CliTree cli_tree() {
  std::istringstream in;
  std::ostringstream out, err;
  static const SystemClock clock;
  CliContext ctx(in, out, err, clock);
  CLI::App app{"cadencectl", "cadencectl"};
  register_cadencectl(app, ctx);
  CliTree tree;
  walk(app, "", tree);
  return tree;
}

// Every match of `pattern`'s first group.
std::vector<std::string> matches(const std::string& text, const std::string& pattern) {
  std::vector<std::string> out;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
       ++it) {
    out.push_back((*it)[1].str());
  }
  return out;
}

TEST(Completions, BashOffersExactlyTheCommandsSubcommandsAndFormatsOfTheCli) {
  const CliTree tree = cli_tree();
  ASSERT_GT(tree.commands.size(), 15u);
  const std::string bash = read_file(source_path("completions/cadencectl.bash"));
  const auto commands = matches(bash, R"re(local commands="([^"]*)")re");
  ASSERT_EQ(commands.size(), 1u);
  EXPECT_EQ(words(commands[0]), tree.commands);

  // "contact|account)\n  [[ -z "$sub" ]] && COMPREPLY=($(compgen -W "add edit ..."
  std::map<std::string, Names> offered;
  const std::regex sub_case(
      R"re(([a-z|-]+)\)\s*\[\[ -z "\$sub" \]\] && COMPREPLY=\(\$\(compgen -W "([^"]*)")re");
  for (auto it = std::sregex_iterator(bash.begin(), bash.end(), sub_case);
       it != std::sregex_iterator(); ++it) {
    for (const std::string& command : words((*it)[1].str())) offered[command] = words((*it)[2]);
  }
  EXPECT_EQ(offered, tree.subcommands);

  const auto formats = matches(bash, R"re(--format\) COMPREPLY=\(\$\(compgen -W "([^"]*)")re");
  ASSERT_EQ(formats.size(), 1u);
  EXPECT_EQ(words(formats[0]), tree.all_formats);
}

TEST(Completions, ZshOffersExactlyTheCommandsSubcommandsAndFormatsOfTheCli) {
  const CliTree tree = cli_tree();
  const std::string zsh = read_file(source_path("completions/_cadencectl"));
  Names commands;
  for (const std::string& name : matches(zsh, R"re(\n\s*'([a-z-]+):)re")) commands.insert(name);
  EXPECT_EQ(commands, tree.commands);

  std::map<std::string, Names> offered;
  const std::regex sub_case(R"re(([a-z|-]+)\) _values 'action' ([^;]*);;)re");
  for (auto it = std::sregex_iterator(zsh.begin(), zsh.end(), sub_case);
       it != std::sregex_iterator(); ++it) {
    for (const std::string& command : words((*it)[1].str())) offered[command] = words((*it)[2]);
  }
  EXPECT_EQ(offered, tree.subcommands);

  // "forecast) _arguments ... '--format[format]:format:(csv json)'"
  const std::regex format_case(
      R"re(\n\s*([a-z-]+)\) _arguments[^\n]*--format\[[^\]]*\]:format:\(([^)]*)\))re");
  int checked = 0;
  for (auto it = std::sregex_iterator(zsh.begin(), zsh.end(), format_case);
       it != std::sregex_iterator(); ++it, ++checked) {
    const std::string command = (*it)[1].str();
    ASSERT_TRUE(tree.formats.count(command)) << command << " has no --format";
    EXPECT_EQ(words((*it)[2]), tree.formats.at(command)) << command;
  }
  EXPECT_GT(checked, 0);
}

TEST(Completions, TheManPageListsOnlyFormatsTheCliAccepts) {
  const CliTree tree = cli_tree();
  const std::string man = read_file(source_path("docs/man/cadencectl.1"));
  const auto listed = matches(man, R"re(\\-\\-format ([a-z|]+))re");
  ASSERT_FALSE(listed.empty());
  for (const std::string& line : listed) {
    for (const std::string& format : words(line)) {
      EXPECT_TRUE(tree.all_formats.count(format)) << "cadencectl(1) offers --format " << format;
    }
  }
}

// "cadencectl --bogus" and "cadencectl frobnicate" both said "A subcommand is
// required". Now the unknown word is named, with the nearest known one.
TEST(UnknownWords, AreNamedWithTheNearestCommandOrOption) {
  const std::pair<std::vector<std::string>, std::string> cases[] = {
      {{"--bogus"}, "cadencectl: unknown option '--bogus'\n"},
      {{"frobnicate"}, "cadencectl: unknown command 'frobnicate'\n"},
      {{"contcat", "list"}, "cadencectl: unknown command 'contcat' (did you mean 'contact'?)\n"},
      {{"contact", "lst"},
       "cadencectl: unknown command 'lst' for 'contact' (did you mean 'list'?)\n"},
      {{"contact", "list", "--formt", "json"},
       "cadencectl: unknown option '--formt' for 'contact list' (did you mean '--format'?)\n"},
      {{"calendar", "holidays", "--set", "cn", "--yaers", "2027"},
       "cadencectl: unknown option '--yaers' for 'calendar holidays' (did you mean '--years'?)\n"},
      {{"contact", "list", "--format", "table"},
       "cadencectl: --format: 'table' is not one of text, csv, json\n"},
  };
  for (const auto& [args, first_line] : cases) {
    const auto r = cadence::testing::run_cli(args);
    EXPECT_EQ(r.code, 2) << ::testing::PrintToString(args);
    EXPECT_EQ(r.err.substr(0, r.err.find('\n') + 1), first_line) << ::testing::PrintToString(args);
  }
}

}  // namespace
}  // namespace cadence::cli
