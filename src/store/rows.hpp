// Reading whole records from result rows (column lists shared by the queries).
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>

#include "cadence/model.hpp"
#include "store/codec.hpp"

namespace cadence::store {

// The contacts columns read_contact() expects, in order.
extern const char* const kContactColumns;
Contact read_contact(SQLite::Statement& q);

// A nullable INTEGER column of UTC seconds.
inline std::optional<Instant> optional_instant(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return from_seconds(c.getInt64());
}

}  // namespace cadence::store
