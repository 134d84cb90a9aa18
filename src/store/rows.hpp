// Reading whole records from result rows (column lists shared by the queries).
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include "cadence/model.hpp"

namespace cadence::store {

// The contacts columns read_contact() expects, in order.
extern const char* const kContactColumns;
Contact read_contact(SQLite::Statement& q);

}  // namespace cadence::store
