// An in-memory Store holding occurrences and deliveries only (the outbox's
// needs), for outbox tests until/unless the SQLite store is used. Other
// methods answer kInternal "not in the fake".
#pragma once

#include <algorithm>
#include <map>

#include "cadence/store.hpp"

namespace cadence::testing {

class FakeStore final : public Store {
 public:
  // Adds an occurrence (row id assigned) and returns its row id.
  RowId add(Occurrence o) {
    o.row_id = next_occurrence_++;
    occurrences_[o.row_id] = o;
    return o.row_id;
  }
  const std::map<RowId, Delivery>& deliveries() const { return deliveries_; }
  int update_calls = 0;

  Status fire_occurrence(const Occurrence& fired, const std::vector<Delivery>& ds) override {
    // Like the SQLite store: idempotency keys are unique (nothing written).
    for (const Delivery& d : ds) {
      for (const auto& [id, existing] : deliveries_) {
        if (existing.idempotency_key == d.idempotency_key) {
          return Error::conflict("UNIQUE constraint failed: deliveries.idempotency_key");
        }
      }
    }
    occurrences_[fired.row_id] = fired;
    for (Delivery d : ds) {
      d.row_id = next_delivery_++;
      deliveries_[d.row_id] = d;
    }
    return ok_status();
  }
  Result<std::vector<Delivery>> due_deliveries(Instant t, int limit) override {
    std::vector<Delivery> out;
    for (const auto& [id, d] : deliveries_) {
      if (d.state == DeliveryState::kQueued && d.next_attempt_at <= t) out.push_back(d);
    }
    std::stable_sort(out.begin(), out.end(), [](const Delivery& a, const Delivery& b) {
      return a.next_attempt_at < b.next_attempt_at;
    });
    if (static_cast<int>(out.size()) > limit) out.resize(static_cast<std::size_t>(limit));
    return out;
  }
  Result<std::optional<Instant>> next_delivery_time() override {
    std::optional<Instant> best;
    for (const auto& [id, d] : deliveries_) {
      if (d.state == DeliveryState::kQueued && (!best || d.next_attempt_at < *best)) {
        best = d.next_attempt_at;
      }
    }
    return best;
  }
  Status update_delivery(const Delivery& d) override {
    ++update_calls;
    auto it = deliveries_.find(d.row_id);
    if (it == deliveries_.end()) return Error::not_found("delivery");
    if (it->second.idempotency_key != d.idempotency_key) {
      return Error::invalid_input("idempotency key changed");
    }
    it->second = d;
    return ok_status();
  }
  Result<std::vector<Delivery>> list_deliveries(std::optional<DeliveryState> state,
                                                int limit) override {
    std::vector<Delivery> out;
    for (const auto& [id, d] : deliveries_) {
      if (!state || d.state == *state) out.push_back(d);
    }
    if (static_cast<int>(out.size()) > limit) out.resize(static_cast<std::size_t>(limit));
    return out;
  }
  Result<Occurrence> get_occurrence(RowId row_id) override {
    auto it = occurrences_.find(row_id);
    if (it == occurrences_.end()) return Error::not_found("occurrence");
    return it->second;
  }

  // --- not needed by the outbox
  Result<Account> add_account(const Account&) override { return no(); }
  Result<Account> update_account(const Account&) override { return no(); }
  Status remove_account(const std::string&) override { return no(); }
  Result<Account> get_account(const std::string&) override { return no(); }
  Result<std::vector<Account>> list_accounts(const AccountFilter&) override { return no(); }
  Result<Contact> add_contact(const Contact&) override { return no(); }
  Result<Contact> update_contact(const Contact&) override { return no(); }
  Status remove_contact(const std::string&) override { return no(); }
  Result<Contact> get_contact(const std::string&) override { return no(); }
  Result<Contact> find_contact(const std::string&) override { return no(); }
  Result<std::vector<Contact>> list_contacts(const ContactFilter&) override { return no(); }
  Result<std::vector<std::string>> contacts_changed_since(std::int64_t) override { return no(); }
  Result<std::int64_t> change_sequence() override { return no(); }
  Result<Interaction> add_interaction(const Interaction&) override { return no(); }
  Result<std::vector<Interaction>> list_interactions(const std::optional<std::string>&,
                                                     std::optional<Instant>, int) override {
    return no();
  }
  Result<ContactSummary> get_summary(const std::string&) override { return no(); }
  Status for_each_contact(
      const std::function<void(const Contact&, const ContactSummary&)>&) override {
    return no();
  }
  Status for_each_interaction_depth(Instant, Instant,
                                    const std::function<void(RowId, Depth)>&) override {
    return no();
  }
  Result<int> upsert_occurrences(const std::vector<Occurrence>&) override { return no(); }
  Result<Occurrence> get_occurrence_by_key(const std::string&) override { return no(); }
  Status update_occurrence(const Occurrence&) override { return no(); }
  Result<std::vector<Occurrence>> due_occurrences(Instant, int) override { return no(); }
  Result<std::optional<Instant>> next_fire_time() override { return no(); }
  Result<std::vector<Occurrence>> open_occurrences_for_subject(const std::string&) override {
    return no();
  }
  Result<std::vector<Occurrence>> list_occurrences(std::optional<OccurrenceState>,
                                                   std::optional<Instant>, std::optional<Instant>,
                                                   int) override {
    return no();
  }
  Result<int> delete_scheduled_for_rule(const std::string&) override { return no(); }
  Status transaction(const std::function<Status()>& fn) override { return fn(); }

 private:
  static Error no() { return Error::internal("not in the fake store"); }

  RowId next_occurrence_ = 1;
  RowId next_delivery_ = 1;
  std::map<RowId, Occurrence> occurrences_;
  std::map<RowId, Delivery> deliveries_;
};

}  // namespace cadence::testing
