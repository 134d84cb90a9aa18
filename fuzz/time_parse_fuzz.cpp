// The value parsers every config and CLI argument goes through: durations,
// clock times, time ranges, dates, RFC 3339 instants. A value that parses must
// format back to something that parses to the same value.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cadence/time.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto d = cadence::parse_duration(text)) {
    auto again = cadence::parse_duration(cadence::format_duration(*d));
    if (!again || *again != *d) __builtin_trap();
  }
  if (auto t = cadence::parse_time_of_day(text)) {
    auto again = cadence::parse_time_of_day(cadence::format_time_of_day(*t));
    if (!again || !(*again == *t)) __builtin_trap();
  }
  (void)cadence::parse_time_range(text);
  if (auto date = cadence::parse_date(text)) {
    auto again = cadence::parse_date(cadence::format_date(*date));
    if (!again || *again != *date) __builtin_trap();
  }
  if (auto instant = cadence::parse_rfc3339(text)) {
    auto again = cadence::parse_rfc3339(cadence::format_rfc3339_utc(*instant));
    if (!again || *again != *instant) __builtin_trap();
  }
  return 0;
}
