#include "http/owner_contacts.hpp"

namespace cadence::http {

Result<std::vector<Contact>> list_owner_contacts(Store& store, const RuleSet& rules,
                                                 const std::string& owner) {
  const std::string& default_owner = rules.default_owner().id;
  ContactFilter filter;
  if (owner != default_owner) filter.owner = owner;
  auto contacts = store.list_contacts(filter);
  if (!contacts) return contacts.error();
  std::vector<Contact> out;
  for (Contact& c : *contacts) {
    const std::string& of = c.owner.empty() ? default_owner : c.owner;
    if (of != owner || c.archived) continue;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace cadence::http
