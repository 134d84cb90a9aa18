// The `delivery:` section: retry delays and the age at which a failing
// delivery is given up.
#include <fmt/format.h>

#include "cadence/time.hpp"
#include "config/sections.hpp"

namespace cadence::config_internal {

void parse_delivery(ParseState& state, const Field& field) {
  Reader& r = state.reader;
  DeliveryConfig& delivery = state.config.delivery;
  Fields f(r, field.value, field.key_node.Mark(), "delivery",
           {"max_age", "retry_base", "retry_max"});
  if (!f.ok()) return;
  delivery.where = r.location(field.key_node.Mark());
  // Each bound keeps the retry loop meaningful: a zero delay would retry in
  // the same pass, a max_age shorter than a minute gives up before a service
  // restart, and more than 30 days keeps rows nobody will read any more.
  const auto read = [&](const char* key, Duration min, Duration max, Duration& out) {
    const Field* v = f.get(key);
    if (v == nullptr) return;
    auto d = r.duration(*v);
    if (!d) return;  // the reader reported it
    if (*d < min || *d > max) {
      r.error(v->value_mark(),
              fmt::format("{}: expected between {} and {}, got {}", key, format_duration(min),
                          format_duration(max), format_duration(*d)));
      return;
    }
    out = *d;
  };
  read("max_age", Duration{60}, Duration{30 * 86400}, delivery.max_age);
  read("retry_base", Duration{1}, Duration{3600}, delivery.retry_base);
  read("retry_max", Duration{1}, Duration{86400}, delivery.retry_max);
  const auto mark = [&](const char* key, const char* otherwise) {
    const Field* v = f.get(key) != nullptr ? f.get(key) : f.get(otherwise);
    return v != nullptr ? v->value_mark() : field.key_node.Mark();
  };
  if (delivery.retry_max < delivery.retry_base) {
    r.error(mark("retry_max", "retry_base"),
            fmt::format("retry_max ({}) is shorter than retry_base ({})",
                        format_duration(delivery.retry_max), format_duration(delivery.retry_base)));
  }
  if (delivery.retry_max > delivery.max_age) {
    r.warning(mark("retry_max", "max_age"),
              fmt::format("retry_max ({}) is longer than max_age ({}): a delivery may be "
                          "given up after fewer retries than you expect",
                          format_duration(delivery.retry_max), format_duration(delivery.max_age)));
  }
}

}  // namespace cadence::config_internal
