#include "store/collation.hpp"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <numeric>

namespace cadence::store {

std::vector<std::size_t> collation_order(const std::vector<std::string>& names) {
  std::vector<std::size_t> order(names.size());
  std::iota(order.begin(), order.end(), 0);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Collator> collator(icu::Collator::createInstance(icu::Locale("zh"), status));
  if (U_FAILURE(status) || !collator) {
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return names[a] < names[b]; });
    return order;
  }
  // Sort keys once per name: comparing keys is a byte compare, far cheaper than
  // n log n collator comparisons on large listings.
  std::vector<std::string> keys(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(names[i]);
    int32_t size = collator->getSortKey(text, nullptr, 0);
    keys[i].resize(static_cast<std::size_t>(size));
    collator->getSortKey(text, reinterpret_cast<uint8_t*>(keys[i].data()), size);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  return order;
}

}  // namespace cadence::store
