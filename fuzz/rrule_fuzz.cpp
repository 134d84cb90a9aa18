// RRULE parsing and bounded expansion on arbitrary text (libical underneath).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cadence/calendar.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace std::chrono;
  const cadence::Date dtstart = year{2026} / January / 5;
  auto rule = cadence::Recurrence::parse(text, dtstart);
  if (!rule) return 0;
  const auto dates = rule->expand(cadence::Date{year{2030} / December / 31}, 200);
  for (std::size_t i = 1; i < dates.size(); ++i) {
    if (!(sys_days{dates[i - 1]} < sys_days{dates[i]})) __builtin_trap();  // strictly increasing
  }
  (void)rule->next_on_or_after(year{2027} / June / 1);
  return 0;
}
