// Add or edit a contact: one validation (normalized_contact) whatever the way in.
#include "cadence/actions.hpp"

namespace cadence::actions {

Result<Contact> add_contact(Store& store, const Contact& contact) {
  auto checked = normalized_contact(contact);
  if (!checked) return checked.error();
  return store.add_contact(*checked);
}

Result<Contact> update_contact(Store& store, const Contact& contact) {
  auto checked = normalized_contact(contact);
  if (!checked) return checked.error();
  return store.update_contact(*checked);
}

}  // namespace cadence::actions
