#include <date/tz.h>
#include <fmt/format.h>

#include <stdexcept>

#include "config/sections.hpp"
#include "config/suggest.hpp"

namespace cadence::config_internal {
namespace {

// Zone names, for suggestions; loaded once with the tz database.
const std::vector<std::string>& zone_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    try {
      const auto& db = date::get_tzdb();
      for (const auto& z : db.zones) out.emplace_back(z.name());
    } catch (const std::exception&) {
      // No tzdata: every zone is reported unknown by time_zone() anyway.
    }
    return out;
  }();
  return names;
}

}  // namespace

std::optional<std::string> time_zone(Reader& reader, const Field& field) {
  auto name = reader.text(field);
  if (!name) return std::nullopt;
  try {
    if (date::locate_zone(*name) != nullptr) return name;
  } catch (const std::exception&) {
    // date throws std::runtime_error for an unknown zone; reported below.
  }
  reader.error(field.value_mark(), fmt::format("{}: unknown time zone '{}'{}", field.key, *name,
                                               did_you_mean(*name, zone_names())));
  return std::nullopt;
}

std::optional<Locale> locale(Reader& reader, const Field& field) {
  auto name = reader.text(field);
  if (!name) return std::nullopt;
  if (*name == "zh-CN") return Locale::kZhCN;
  if (*name == "en") return Locale::kEn;
  reader.error(field.value_mark(),
               fmt::format("{}: unknown locale '{}' (use zh-CN or en)", field.key, *name));
  return std::nullopt;
}

}  // namespace cadence::config_internal
