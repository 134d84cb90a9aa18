// holidays: (built-in sets, custom days, make-up workdays, weekend) and kinds:.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "config/sections.hpp"
#include "config/suggest.hpp"

namespace cadence::config_internal {
namespace {

// Solar terms in calendar order from 小寒 (index 0), by pinyin; the four
// cardinal ones also by English name.
constexpr std::array<std::string_view, 24> kSolarTerms = {
    "xiaohan", "dahan",   "lichun",    "yushui",      "jingzhe", "chunfen", "qingming", "guyu",
    "lixia",   "xiaoman", "mangzhong", "xiazhi",      "xiaoshu", "dashu",   "liqiu",    "chushu",
    "bailu",   "qiufen",  "hanlu",     "shuangjiang", "lidong",  "xiaoxue", "daxue",    "dongzhi"};

std::optional<unsigned> solar_term_index(std::string_view name) {
  if (name == "spring_equinox") return 5;
  if (name == "summer_solstice") return 11;
  if (name == "autumn_equinox") return 17;
  if (name == "winter_solstice") return 23;
  for (std::size_t i = 0; i < kSolarTerms.size(); ++i) {
    if (kSolarTerms[i] == name) return static_cast<unsigned>(i);
  }
  return std::nullopt;
}

std::optional<unsigned> weekday_number(std::string_view name) {
  static constexpr std::array<std::string_view, 7> kShort = {"sun", "mon", "tue", "wed",
                                                             "thu", "fri", "sat"};
  static constexpr std::array<std::string_view, 7> kLong = {
      "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
  for (unsigned i = 0; i < 7; ++i) {
    if (name == kShort[i] || name == kLong[i]) return i;
  }
  if (name.size() == 1 && name[0] >= '0' && name[0] <= '6')
    return static_cast<unsigned>(name[0] - '0');
  return std::nullopt;
}

// "MM-DD" with a month 1..12 and a day 1..max_day(month).
std::optional<std::pair<unsigned, unsigned>> month_day(std::string_view s, bool lunar) {
  if (s.size() != 5 || s[2] != '-') return std::nullopt;
  unsigned month = 0;
  unsigned day = 0;
  auto r1 = std::from_chars(s.data(), s.data() + 2, month);
  auto r2 = std::from_chars(s.data() + 3, s.data() + 5, day);
  if (r1.ec != std::errc() || r1.ptr != s.data() + 2 || r2.ec != std::errc() ||
      r2.ptr != s.data() + 5) {
    return std::nullopt;
  }
  static constexpr std::array<unsigned, 12> kDays = {31, 29, 31, 30, 31, 30,
                                                     31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return std::nullopt;
  if (day > (lunar ? 30 : kDays[month - 1])) return std::nullopt;
  return std::pair(month, day);
}

std::optional<unsigned> weekday(Reader& r, const Field& f) {
  auto s = r.text(f);
  if (!s) return std::nullopt;
  auto w = weekday_number(*s);
  if (!w) {
    r.error(f.value_mark(), fmt::format("{}: unknown weekday '{}' (use sun, mon, tue, wed, thu, "
                                        "fri, sat or 0..6 with 0 = Sunday)",
                                        f.key, *s));
  }
  return w;
}

std::optional<CustomHoliday::NthWeekday> nth_weekday(Reader& r, const Field& field) {
  Fields f(r, field.value, field.key_node.Mark(), "nth_weekday", {"month", "weekday", "n"});
  if (!f.ok()) return std::nullopt;
  CustomHoliday::NthWeekday nth;
  bool ok = true;
  for (const char* key : {"month", "weekday", "n"}) {
    if (f.get(key) == nullptr) {
      r.error(f.mark(), fmt::format("nth_weekday is missing required key '{}'", key));
      ok = false;
    }
  }
  if (const Field* v = f.get("month")) {
    auto m = r.integer(*v, 1, 12);
    ok = ok && m.has_value();
    nth.month = static_cast<unsigned>(m.value_or(1));
  }
  if (const Field* v = f.get("weekday")) {
    auto w = weekday(r, *v);
    ok = ok && w.has_value();
    nth.weekday = w.value_or(0);
  }
  if (const Field* v = f.get("n")) {
    if (v->value.IsScalar() && v->value.Scalar() == "last") {
      nth.n = -1;
    } else {
      auto n = r.integer(*v, -1, 5);
      if (n && *n == 0) {
        r.error(v->value_mark(), "n: 0 is not a week; use 1..5 or -1 (last)");
        n.reset();
      }
      ok = ok && n.has_value();
      nth.n = static_cast<int>(n.value_or(1));
    }
  }
  if (!ok) return std::nullopt;
  return nth;
}

void parse_custom_holiday(ParseState& state, const YAML::Node& item, const YAML::Mark& fallback) {
  Reader& r = state.reader;
  std::string label = "custom holiday";
  if (item.IsMap() && item["key"] && item["key"].IsScalar()) {
    label = fmt::format("custom holiday '{}'", item["key"].Scalar());
  }
  Fields f(r, item, fallback, label,
           {"key", "name", "date", "lunar", "leap", "nth_weekday", "easter", "solar_term"});
  if (!f.ok()) return;
  // Aggregate-initialised: g++ does not see the nested structs' default member
  // initialisers in time to default-construct the variant.
  CustomHoliday holiday{"", "", CustomHoliday::Gregorian{1, 1}, {}};
  holiday.where = r.location(f.mark());
  if (const Field* k = f.get("key")) {
    if (auto key = r.identifier(*k, "holiday key")) {
      holiday.key = *key;
      for (const CustomHoliday& other : state.config.holidays.custom) {
        if (other.key == holiday.key) {
          r.error(k->value_mark(),
                  fmt::format("duplicate holiday key '{}' (first defined at line {})", holiday.key,
                              other.where.line));
        }
      }
    }
  } else {
    r.error(f.mark(), "custom holiday is missing required key 'key'");
  }
  if (const Field* v = f.get("name")) holiday.name = r.text(*v).value_or("");
  if (holiday.name.empty()) holiday.name = holiday.key;

  std::vector<const Field*> forms;
  for (const char* key : {"date", "lunar", "nth_weekday", "easter", "solar_term"}) {
    if (const Field* v = f.get(key)) forms.push_back(v);
  }
  if (forms.empty()) {
    r.error(f.mark(), fmt::format("{} needs one of date:, lunar:, nth_weekday:, easter:, "
                                  "solar_term:",
                                  label));
  } else if (forms.size() > 1) {
    r.error(forms[1]->key_node.Mark(),
            fmt::format("{} has both {}: and {}:; give exactly one date form", label, forms[0]->key,
                        forms[1]->key));
  }
  const Field* leap = f.get("leap");
  if (leap != nullptr && f.get("lunar") == nullptr) {
    r.error(leap->key_node.Mark(), "leap: only applies to a lunar: date");
  }
  if (!forms.empty()) {
    const Field& form = *forms.front();
    if (form.key == "date" || form.key == "lunar") {
      const bool lunar = form.key == "lunar";
      if (auto s = r.text(form)) {
        if (auto md = month_day(*s, lunar)) {
          if (lunar) {
            CustomHoliday::Lunar l{md->first, md->second, false};
            if (leap != nullptr) l.leap = r.boolean(*leap).value_or(false);
            holiday.date = l;
          } else {
            holiday.date = CustomHoliday::Gregorian{md->first, md->second};
          }
        } else {
          r.error(form.value_mark(),
                  fmt::format("{}: expected MM-DD (month 01-12, day 01-{}), got '{}'", form.key,
                              lunar ? "30" : "31 valid for the month", *s));
        }
      }
    } else if (form.key == "nth_weekday") {
      if (auto nth = nth_weekday(r, form)) holiday.date = *nth;
    } else if (form.key == "easter") {
      if (auto days = r.integer(form, -366, 366)) {
        holiday.date = CustomHoliday::EasterOffset{static_cast<int>(*days)};
      }
    } else if (form.key == "solar_term") {
      if (auto s = r.text(form)) {
        if (auto index = solar_term_index(*s)) {
          holiday.date = CustomHoliday::SolarTerm{*index};
        } else {
          std::vector<std::string> names(kSolarTerms.begin(), kSolarTerms.end());
          r.error(form.value_mark(), fmt::format("solar_term: unknown solar term '{}'{} (use the "
                                                 "pinyin name, e.g. qingming, dongzhi)",
                                                 *s, did_you_mean(*s, names)));
        }
      }
    }
  }
  state.config.holidays.custom.push_back(std::move(holiday));
}

std::vector<Date> date_list(Reader& r, const Field& f) {
  std::vector<Date> dates;
  auto items = r.text_list(f, /*allow_single=*/false);
  if (!items) return dates;
  for (const Item& item : *items) {
    auto d = parse_date(item.value);
    if (!d) {
      r.error(item.mark, fmt::format("{}: {}", f.key, d.error().message()));
    } else {
      dates.push_back(*d);
    }
  }
  return dates;
}

}  // namespace

void parse_holidays(ParseState& state, const Field& field) {
  Reader& r = state.reader;
  HolidayConfig& h = state.config.holidays;
  Fields f(r, field.value, field.key_node.Mark(), "holidays",
           {"sets", "custom", "workdays", "days_off", "weekend"});
  if (!f.ok()) return;
  h.where = r.location(field.key_node.Mark());
  if (const Field* v = f.get("sets")) {
    const std::vector<std::string> known = {"cn", "us", "intl"};
    if (auto items = r.text_list(*v, /*allow_single=*/true)) {
      for (const Item& item : *items) {
        if (std::find(known.begin(), known.end(), item.value) == known.end()) {
          r.error(item.mark, fmt::format("sets: unknown holiday set '{}'{} (built-in sets: cn, us, "
                                         "intl)",
                                         item.value, did_you_mean(item.value, known)));
        } else if (std::find(h.sets.begin(), h.sets.end(), item.value) != h.sets.end()) {
          r.warning(item.mark, fmt::format("sets: '{}' is listed twice", item.value));
        } else {
          h.sets.push_back(item.value);
        }
      }
    }
  }
  if (const Field* v = f.get("custom")) {
    if (v->value.IsSequence()) {
      for (const auto& item : v->value) parse_custom_holiday(state, item, v->value_mark());
    } else if (!v->value.IsNull()) {
      r.error(v->value_mark(),
              fmt::format("custom: expected a list of holidays, got {}", describe(v->value)));
    }
  }
  if (const Field* v = f.get("workdays")) h.workdays = date_list(r, *v);
  if (const Field* v = f.get("days_off")) h.days_off = date_list(r, *v);
  if (const Field* v = f.get("weekend")) {
    h.weekend.clear();
    if (auto items = r.text_list(*v, /*allow_single=*/true)) {
      for (const Item& item : *items) {
        auto w = weekday_number(item.value);
        if (!w) {
          r.error(item.mark, fmt::format("weekend: unknown weekday '{}' (use sun, mon, tue, wed, "
                                         "thu, fri, sat or 0..6 with 0 = Sunday)",
                                         item.value));
        } else if (std::find(h.weekend.begin(), h.weekend.end(), *w) == h.weekend.end()) {
          h.weekend.push_back(*w);
        }
      }
    }
  }
}

std::optional<Depth> parse_depth(std::string_view text) {
  if (text == "shallow") return Depth::kShallow;
  if (text == "normal") return Depth::kNormal;
  if (text == "deep") return Depth::kDeep;
  return std::nullopt;
}

std::vector<InteractionKind> default_kinds() {
  return {{"visit", Depth::kDeep, {}},      {"meal", Depth::kDeep, {}},
          {"consult", Depth::kDeep, {}},    {"call", Depth::kNormal, {}},
          {"message", Depth::kShallow, {}}, {"greeting", Depth::kShallow, {}},
          {"like", Depth::kShallow, {}}};
}

void parse_kinds(ParseState& state, const Field& field) {
  Reader& r = state.reader;
  state.kinds_given = true;
  Fields f(r, field.value, field.key_node.Mark(), "kinds", kAnyKey);
  if (!f.ok()) return;
  if (f.empty()) {
    r.error(field.key_node.Mark(),
            "kinds: no interaction kinds are listed; remove kinds: to use the default table");
    return;
  }
  for (const Field& entry : f.entries()) {
    InteractionKind kind;
    kind.where = r.location(entry.key_node.Mark());
    if (!r.valid_identifier(entry.key)) {
      r.error(entry.key_node.Mark(),
              fmt::format("invalid kind name '{}': use lowercase letters, digits, '-' and '_'",
                          entry.key));
      continue;
    }
    kind.name = entry.key;
    auto depth_text = r.text(entry);
    if (!depth_text) continue;
    auto depth = parse_depth(*depth_text);
    if (!depth) {
      r.error(entry.value_mark(),
              fmt::format("{}: unknown depth '{}'{} (use shallow, normal or "
                          "deep)",
                          entry.key, *depth_text,
                          did_you_mean(*depth_text, {"shallow", "normal", "deep"})));
      continue;
    }
    kind.depth = *depth;
    state.config.kinds.push_back(std::move(kind));
  }
}

}  // namespace cadence::config_internal
