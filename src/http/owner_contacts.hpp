// An owner's active (not archived) contacts: those whose owner column names
// them and, for the default owner (the first configured), those without an
// owner. Owner-filtered in SQL except for the default owner, whose unowned
// contacts need the whole list.
#pragma once

#include <string>
#include <vector>

#include "cadence/engine.hpp"
#include "cadence/store.hpp"

namespace cadence::http {

Result<std::vector<Contact>> list_owner_contacts(Store& store, const RuleSet& rules,
                                                 const std::string& owner);

}  // namespace cadence::http
