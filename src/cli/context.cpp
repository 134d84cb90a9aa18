#include <ostream>

#include "cli/cli.hpp"

namespace cadence::cli {

const Config* CliContext::config() {
  if (!config_) {
    config_ = load_config_file(config_path, SubstitutionSource::from_process());
    for (const auto& d : config_->diagnostics) err << d.to_string() << "\n";
  }
  if (!config_->ok()) {
    exit_code = kExitUserError;
    return nullptr;
  }
  return &*config_->config;
}

Store* CliContext::store() {
  if (store_) return store_.get();
  std::string path = db_path;
  if (path.empty()) {
    const Config* cfg = config();
    if (cfg == nullptr) return nullptr;
    path = cfg->database;
  }
  StoreOptions options;
  options.path = path;
  options.clock = &clock;
  auto opened = open_sqlite_store(options);
  if (!opened) {
    fail(opened.error());
    return nullptr;
  }
  store_ = std::move(opened.value());
  return store_.get();
}

void CliContext::fail(const Error& e) {
  err << "cadencectl: " << e.message() << "\n";
  exit_code = e.exit_code();
}

void CliContext::fail_field(const Error& e, const std::string& option) {
  if (e.field().empty() || option.empty()) return fail(e);
  fail(e.with_context(option));
}

}  // namespace cadence::cli
