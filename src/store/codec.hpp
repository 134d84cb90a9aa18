// Conversions between domain values and their column encodings: instants as
// UTC seconds, dates as 'YYYY-MM-DD', lists as '\n'-joined text, contact dates as
// 'name=YYYY-MM-DD' lines.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cadence/model.hpp"

namespace cadence::store {

std::string join_lines(const std::vector<std::string>& items);
std::vector<std::string> split_lines(const std::string& text);

std::string encode_dates(const std::vector<ContactDate>& dates);
std::vector<ContactDate> decode_dates(const std::string& text);

inline std::int64_t to_seconds(Instant t) { return t.time_since_epoch().count(); }
inline Instant from_seconds(std::int64_t s) { return Instant{Duration{s}}; }

// Checks a record before it is written: ids, names, list items (no newlines),
// birthday fields. kInvalidInput naming the field.
Status validate_external_id(const std::string& what, const std::string& id);
Status validate_contact(const Contact& c);
Status validate_account(const Account& a);

}  // namespace cadence::store
