// Running cadencectl in-process, as the cli tests do: arguments in, exit code
// and both output streams out.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"

namespace cadence::testing {

struct CliRun {
  int code = 0;
  std::string out;
  std::string err;
};

// cadencectl ARGS... with `input` as its stdin; `clock` (when given) is its now.
inline CliRun run_cli(const std::vector<std::string>& args, const std::string& input = "",
                      const Clock* clock = nullptr) {
  std::vector<const char*> argv = {"cadencectl"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::istringstream in(input);
  std::ostringstream out;
  std::ostringstream err;
  CliRun r;
  r.code =
      clock == nullptr
          ? cli::run_cadencectl(static_cast<int>(argv.size()), argv.data(), in, out, err)
          : cli::run_cadencectl(static_cast<int>(argv.size()), argv.data(), in, out, err, *clock);
  r.out = out.str();
  r.err = err.str();
  return r;
}

// The fields of a CSV line without quoting (the reference data has none).
inline std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream ss(line);
  std::string f;
  while (std::getline(ss, f, ',')) fields.push_back(f);
  return fields;
}

}  // namespace cadence::testing
