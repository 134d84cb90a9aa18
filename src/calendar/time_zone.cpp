// TimeZone on Howard Hinnant's date/tz, reading the system tzdata
// (USE_OS_TZDB=1: /usr/share/zoneinfo, no downloads).
#include <date/tz.h>

#include <exception>
#include <string>

#include "cadence/calendar.hpp"

namespace cadence {
namespace {

const date::time_zone* zone_of(const void* p) { return static_cast<const date::time_zone*>(p); }

}  // namespace

Result<TimeZone> TimeZone::locate(std::string_view name) {
  if (name.empty()) return Error::invalid_input("time zone: empty name (expected an IANA zone)");
  try {
    // locate_zone throws std::runtime_error for an unknown name; the database
    // itself is loaded (once, thread-safely) on first use and may throw too.
    const date::time_zone* zone = date::locate_zone(std::string(name));
    return TimeZone(zone);
  } catch (const std::exception&) {
    return Error::invalid_input("unknown time zone '" + std::string(name) +
                                "' (expected an IANA zone such as Asia/Shanghai or "
                                "America/New_York)");
  }
}

const std::string& TimeZone::name() const { return zone_of(zone_)->name(); }

Instant TimeZone::to_instant(Date local_date, TimeOfDay local_time) const {
  const auto local = date::local_seconds{std::chrono::sys_days{local_date}.time_since_epoch() +
                                         std::chrono::minutes{local_time.minutes}};
  const date::local_info info = zone_of(zone_)->get_info(local);
  // In all three cases `first` gives the policy's answer:
  //  - unique: the only offset;
  //  - nonexistent (gap): `first` is the offset in force before the transition,
  //    so 02:30 in a 02:00->03:00 gap maps to the instant that reads 03:30 after
  //    it, i.e. the wall time moves forward by the gap;
  //  - ambiguous (overlap): `first` is the earlier of the two offsets in time,
  //    so the repeated wall time resolves to its first occurrence.
  return Instant{local.time_since_epoch() - info.first.offset};
}

Date TimeZone::local_date(Instant t) const {
  const auto local = zone_of(zone_)->to_local(t);
  return Date{
      std::chrono::sys_days{std::chrono::floor<std::chrono::days>(local).time_since_epoch()}};
}

TimeOfDay TimeZone::local_time_of_day(Instant t) const {
  const auto local = zone_of(zone_)->to_local(t);
  const auto since_midnight = local - std::chrono::floor<std::chrono::days>(local);
  return TimeOfDay{
      static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(since_midnight).count())};
}

std::chrono::seconds TimeZone::utc_offset(Instant t) const {
  return zone_of(zone_)->get_info(t).offset;
}

}  // namespace cadence
