#include "http/forecast.hpp"

namespace cadence::http {

Result<std::vector<Occurrence>> plan_window(Store& store, const RuleSet& rules, Instant from,
                                            Instant to) {
  Dataset data;
  auto accounts = store.list_accounts(AccountFilter{});
  if (!accounts) return accounts.error();
  data.accounts = std::move(*accounts);
  auto walked = store.for_each_contact([&](const Contact& c, const ContactSummary& s) {
    data.contacts.push_back(c);
    data.summaries.push_back(s);
  });
  if (!walked) return walked.error();
  return plan_all(rules, data, from, to);
}

}  // namespace cadence::http
