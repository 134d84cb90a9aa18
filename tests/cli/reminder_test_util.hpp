// Running cadencectl in-process and loading the forecast sample data set.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cadence/clock.hpp"
#include "cadence/store.hpp"
#include "cli/cli.hpp"
#include "cli_run.hpp"
#include "temp_dir.hpp"

namespace cadence::testing {

using CtlResult = CliRun;

inline CtlResult cadencectl(const std::vector<std::string>& args) { return run_cli(args); }

// Loads tests/data/forecast/sample.json into a new database at `path`, with
// the store's clock at `created` (never-touched contacts count from it).
inline void load_sample(const std::string& path, Instant created) {
  const auto j = nlohmann::json::parse(read_file(source_path("tests/data/forecast/sample.json")));
  ManualClock clock(created);
  StoreOptions options;
  options.path = path;
  options.clock = &clock;
  auto opened = open_sqlite_store(options);
  ASSERT_TRUE(opened) << opened.error().message();
  Store& store = **opened;
  for (const auto& a : j["accounts"]) {
    Account acc;
    acc.id = a["id"];
    acc.name = a["name"];
    acc.tier = a.value("tier", "");
    acc.owner = a.value("owner", "");
    acc.departments = a.value("departments", std::vector<std::string>{});
    ASSERT_TRUE(store.add_account(acc));
  }
  for (const auto& c : j["contacts"]) {
    Contact ct;
    ct.id = c["id"];
    ct.name = c["name"];
    ct.account = c.value("account", "");
    ct.department = c.value("department", "");
    ct.tier = c.value("tier", "");
    ct.owner = c.value("owner", "");
    ct.timezone = c.value("timezone", "");
    ct.tags = c.value("tags", std::vector<std::string>{});
    ct.archived = c.value("archived", false);
    if (c.contains("birthday")) {
      const auto& b = c["birthday"];
      GregorianBirthday g;
      if (b.contains("year")) g.year = b["year"].get<int>();
      g.month = b["month"];
      g.day = b["day"];
      ct.birthday = g;
    }
    if (c.contains("lunar_birthday")) {
      const auto& b = c["lunar_birthday"];
      LunarBirthday l;
      l.month = b["month"];
      l.day = b["day"];
      l.leap = b.value("leap", false);
      ct.lunar_birthday = l;
    }
    for (const auto& d : c.value("dates", nlohmann::json::array())) {
      auto date = parse_date(d["date"].get<std::string>());
      ASSERT_TRUE(date);
      ct.dates.push_back(ContactDate{d["name"].get<std::string>(), *date});
    }
    auto added = store.add_contact(ct);
    ASSERT_TRUE(added) << added.error().message();
  }
  for (const auto& i : j["interactions"]) {
    Interaction in;
    in.contact = i["contact"];
    in.kind = i["kind"];
    const std::string kind = in.kind;
    in.depth = (kind == "visit" || kind == "meal" || kind == "consult") ? Depth::kDeep
               : kind == "call"                                         ? Depth::kNormal
                                                                        : Depth::kShallow;
    auto at = parse_rfc3339(i["at"].get<std::string>());
    ASSERT_TRUE(at);
    in.at = *at;
    in.source = "import";
    auto added = store.add_interaction(in);
    ASSERT_TRUE(added) << added.error().message();
  }
}

}  // namespace cadence::testing
