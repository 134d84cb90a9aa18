// Name ordering for listings: ICU collation for Chinese (pinyin order), which
// also orders Latin names alphabetically and case-insensitively.
#pragma once

#include <string>
#include <vector>

namespace cadence::store {

// Indexes into `names`, ordered by the names' ICU "zh" collation; ties keep
// their input order. Falls back to byte order if ICU cannot open the collator.
std::vector<std::size_t> collation_order(const std::vector<std::string>& names);

}  // namespace cadence::store
