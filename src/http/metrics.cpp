#include "http/metrics.hpp"

#include <fmt/format.h>

namespace cadence::http {
namespace {

std::string escape_label(const std::string& value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

void family(std::string& out, const char* name, const char* type, const char* help) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

std::int64_t unix_seconds(Instant t) { return t.time_since_epoch().count(); }

}  // namespace

std::string render_metrics(const StoreMetrics& store, const DaemonTimes& times) {
  std::string out;
  family(out, "cadence_reminders_fired_total", "counter",
         "Reminders that have fired at least once, by rule kind (from the store).");
  for (const auto& [kind, n] : store.fired_by_kind) {
    out += fmt::format("cadence_reminders_fired_total{{kind=\"{}\"}} {}\n", escape_label(kind), n);
  }
  family(out, "cadence_reminders", "gauge", "Reminders in the store by rule kind and state.");
  for (const auto& [key, n] : store.occurrences) {
    out += fmt::format("cadence_reminders{{kind=\"{}\",state=\"{}\"}} {}\n",
                       escape_label(key.first), escape_label(key.second), n);
  }
  family(out, "cadence_deliveries", "gauge",
         "Deliveries in the outbox table by channel and state (queued, sent, dead).");
  for (const auto& [key, n] : store.deliveries) {
    out += fmt::format("cadence_deliveries{{channel=\"{}\",state=\"{}\"}} {}\n",
                       escape_label(key.first), escape_label(key.second), n);
  }
  family(out, "cadence_outbox_depth", "gauge", "Deliveries waiting to be sent (state queued).");
  out += fmt::format("cadence_outbox_depth {}\n", store.outbox_depth);
  family(out, "cadence_next_wakeup_timestamp_seconds", "gauge",
         "When the next scheduled or snoozed reminder is due, in unix seconds (absent: none).");
  if (store.next_wake) {
    out +=
        fmt::format("cadence_next_wakeup_timestamp_seconds {}\n", unix_seconds(*store.next_wake));
  }
  family(out, "cadence_config_last_reload_success_timestamp_seconds", "gauge",
         "When the configuration was last loaded successfully (start or reload), unix seconds.");
  if (times.last_reload) {
    out += fmt::format("cadence_config_last_reload_success_timestamp_seconds {}\n",
                       unix_seconds(*times.last_reload));
  }
  family(out, "process_start_time_seconds", "gauge",
         "Start time of the process since unix epoch in seconds.");
  out += fmt::format("process_start_time_seconds {}\n", unix_seconds(times.process_start));
  return out;
}

}  // namespace cadence::http
