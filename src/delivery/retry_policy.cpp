// Exponential backoff with full jitter, server hints winning.
#include <algorithm>
#include <cmath>

#include "cadence/delivery.hpp"

namespace cadence {

RetryPolicy retry_policy(const DeliveryConfig& config) {
  RetryPolicy policy;
  policy.base = config.retry_base;
  policy.cap = config.retry_max;
  policy.max_age = config.max_age;
  return policy;
}

std::chrono::milliseconds retry_delay(const RetryPolicy& policy, int attempt,
                                      std::optional<std::chrono::milliseconds> hint,
                                      std::mt19937_64& rng) {
  using std::chrono::milliseconds;
  const milliseconds cap = policy.cap;
  milliseconds ceiling = cap;
  // base * 2^attempt without overflow: stop doubling once past the cap.
  milliseconds grown = policy.base;
  for (int i = 0; i < attempt && grown < cap; ++i) grown *= 2;
  ceiling = std::min(cap, grown);
  std::uniform_int_distribution<long long> pick(0, ceiling.count());
  milliseconds delay{pick(rng)};
  // The server's hint is a floor: never retry during it, even past the cap.
  if (hint && *hint > delay) delay = *hint;
  return delay;
}

std::optional<Instant> Pacer::try_acquire(const std::string& destination,
                                          const std::vector<PaceLimit>& limits, Instant now) {
  if (limits.empty()) return std::nullopt;
  auto& buckets = buckets_[destination];
  buckets.resize(limits.size());
  Instant ready = now;
  for (std::size_t i = 0; i < limits.size(); ++i) {
    Bucket& b = buckets[i];
    const PaceLimit& l = limits[i];
    double rate = l.capacity / static_cast<double>(l.per.count());  // tokens per second
    if (!b.initialised) {
      b = {l.capacity, now, true};
    } else if (now > b.updated) {
      b.tokens =
          std::min(l.capacity, b.tokens + rate * static_cast<double>((now - b.updated).count()));
      b.updated = now;
    }
    // A small tolerance: refills are computed in floating point.
    if (b.tokens < 1.0 - 1e-9) {
      auto wait = static_cast<long long>(std::ceil((1.0 - b.tokens) / rate - 1e-6));
      ready = std::max(ready, now + std::chrono::seconds{wait});
    }
  }
  if (ready > now) return ready;
  for (auto& b : buckets) b.tokens = std::max(0.0, b.tokens - 1.0);
  return std::nullopt;
}

}  // namespace cadence
