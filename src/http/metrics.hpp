// /metrics: the store's figures and the daemon's times in the Prometheus text
// exposition format 0.0.4 (served as "text/plain; version=0.0.4").
#pragma once

#include <optional>
#include <string>

#include "cadence/http_store.hpp"

namespace cadence::http {

inline constexpr const char* kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

struct DaemonTimes {
  Instant process_start{};             // when the HTTP job started
  std::optional<Instant> last_reload;  // last successful config load (start counts)
};

// Every family has # HELP and # TYPE; label values are escaped (\\, \", \n).
std::string render_metrics(const StoreMetrics& store, const DaemonTimes& times);

}  // namespace cadence::http
