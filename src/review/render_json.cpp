// The review as one JSON object (docs/REVIEW.md): every number of the text,
// dates as YYYY-MM-DD, instants as RFC 3339 UTC, nothing localised.
#include <nlohmann/json.hpp>

#include "cadence/review.hpp"

namespace cadence {
namespace {

using nlohmann::json;

json contact_json(const ReviewContact& c) {
  return {{"id", c.id}, {"name", c.name}, {"account", c.account}, {"account_name", c.account_name}};
}

json optional_number(const std::optional<long long>& n) { return n ? json(*n) : json(nullptr); }

json depth_json(const std::vector<DepthRow>& rows) {
  json out = json::array();
  for (const DepthRow& r : rows) {
    out.push_back({{"tier", r.tier},
                   {"deep", r.deep},
                   {"normal", r.normal},
                   {"shallow", r.shallow},
                   {"total", r.total()},
                   {"deep_percent", percent_of(r.deep, r.total())},
                   {"normal_percent", percent_of(r.normal, r.total())},
                   {"shallow_percent", percent_of(r.shallow, r.total())}});
  }
  return out;
}

json counts_json(const OwnerReview& o) {
  const auto rate = o.on_rhythm_percent();
  return {{"contacts", o.contacts},
          {"with_cadence", o.with_cadence},
          {"on_rhythm", o.on_rhythm},
          {"on_rhythm_percent", rate ? json(*rate) : json(nullptr)},
          {"overdue", o.overdue},
          {"shallow_only", o.shallow_only_total},
          {"coverage_gaps", o.coverage_gaps},
          {"single_threaded", o.single_threaded_total},
          {"milestones", o.milestones_total},
          {"long_standing_untouched", o.long_standing_total},
          {"coming_up", o.coming_up_total}};
}

json owner_json(const OwnerReview& o) {
  json j;
  j["owner"] = o.owner;
  j["owner_name"] = o.owner_name;
  j["zone"] = o.zone;
  j["today"] = format_date(o.today);
  j["counts"] = counts_json(o);
  j["cooling"] = json::array();
  for (const CoolingItem& c : o.cooling) {
    j["cooling"].push_back({{"contact", contact_json(c.contact)},
                            {"rule", c.rule},
                            {"target_days", c.target_days},
                            {"days_since", optional_number(c.days_since)},
                            {"overdue_days", c.overdue_days},
                            {"trend", c.trend}});
  }
  j["depth"] = depth_json(o.depth);
  j["shallow_only"] = json::array();
  for (const ShallowOnlyItem& s : o.shallow_only) {
    j["shallow_only"].push_back(
        {{"contact", contact_json(s.contact)}, {"days_since", s.days_since}});
  }
  j["coverage"] = json::array();
  for (const CoverageRow& r : o.coverage) {
    j["coverage"].push_back({{"account", r.account},
                             {"account_name", r.account_name},
                             {"rule", r.rule},
                             {"window_days", r.window_days},
                             {"departments_required", r.departments_required},
                             {"departments_touched", r.departments_touched},
                             {"contacts_required", r.contacts_required},
                             {"contacts_touched", r.contacts_touched},
                             {"contacts_total", r.contacts_total},
                             {"quiet_departments", r.quiet_departments},
                             {"meets", r.meets}});
  }
  j["single_threaded"] = json::array();
  for (const SingleThreadedItem& s : o.single_threaded) {
    j["single_threaded"].push_back({{"account", s.account},
                                    {"account_name", s.account_name},
                                    {"contact", contact_json(s.contact)},
                                    {"touches", s.touches},
                                    {"contacts_total", s.contacts_total}});
  }
  j["milestones"] = json::array();
  for (const MilestoneItem& m : o.milestones) {
    j["milestones"].push_back({{"contact", contact_json(m.contact)},
                               {"first_met", format_date(m.first_met)},
                               {"date", format_date(m.date)},
                               {"years", m.years},
                               {"days_until", m.days_until}});
  }
  j["quarter_start"] = format_date(o.quarter_start);
  j["long_standing"] = json::array();
  for (const LongStandingItem& l : o.long_standing) {
    j["long_standing"].push_back({{"contact", contact_json(l.contact)},
                                  {"first_met", format_date(l.first_met)},
                                  {"years", l.years},
                                  {"days_since", optional_number(l.days_since)}});
  }
  j["coming_up"] = json::array();
  for (const ComingUpItem& i : o.coming_up) {
    json item = {
        {"kind", to_string(i.kind)}, {"date", format_date(i.date)}, {"days_until", i.days_until}};
    if (i.contact) item["contact"] = contact_json(*i.contact);
    if (i.kind == ReminderKind::kBirthday) item["lunar"] = i.lunar;
    if (!i.occasion.empty()) item["occasion"] = i.occasion;
    if (i.years) item["years"] = *i.years;
    if (!i.holiday.empty()) {
      item["holiday"] = i.holiday;
      item["holiday_name"] = i.holiday_name;
      item["contacts_to_greet"] = i.contacts_to_greet;
    }
    item["reminders"] = json::array();
    for (const ScheduledReminder& r : i.reminders) {
      item["reminders"].push_back({{"fire_at", format_rfc3339_utc(r.fire_at)},
                                   {"lead_days", r.lead_days},
                                   {"state", to_string(r.state)}});
    }
    j["coming_up"].push_back(std::move(item));
  }
  return j;
}

}  // namespace

std::string render_review_json(const Review& review) {
  json j;
  j["at"] = format_rfc3339_utc(review.at);
  j["windows"] = {{"depth_days", review.options.depth_window_days},
                  {"shallow_days", review.options.shallow_window_days},
                  {"coming_up_days", review.options.coming_up_days},
                  {"milestone_days", review.options.milestone_days},
                  {"trend_periods", review.options.trend_periods},
                  {"top", review.options.top}};
  j["owners"] = json::array();
  for (const OwnerReview& o : review.owners) j["owners"].push_back(owner_json(o));
  if (review.team) {
    j["team"] = {{"counts", counts_json(*review.team)}, {"depth", depth_json(review.team->depth)}};
  } else {
    j["team"] = nullptr;
  }
  return j.dump(2) + "\n";
}

}  // namespace cadence
