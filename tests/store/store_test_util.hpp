// Helpers for store tests: open a store on a fresh file, build records.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "cadence/store.hpp"

namespace cadence::testing {

inline std::unique_ptr<Store> open_store_or_die(const std::string& path, const Clock* clock,
                                                int busy_timeout_ms = 5000) {
  StoreOptions options;
  options.path = path;
  options.clock = clock;
  options.busy_timeout_ms = busy_timeout_ms;
  auto store = open_sqlite_store(options);
  if (!store) ADD_FAILURE() << store.error().message();
  return store ? std::move(store.value()) : nullptr;
}

inline Contact make_contact(const std::string& id, const std::string& name) {
  Contact c;
  c.id = id;
  c.name = name;
  return c;
}

inline Instant at_utc(int y, unsigned m, unsigned d, int hour = 0) {
  return Instant{std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} /
                                       std::chrono::day{d}}} +
         std::chrono::hours{hour};
}

}  // namespace cadence::testing
