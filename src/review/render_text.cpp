// The review as plain text: the email's text part and `cadencectl review`.
#include <sstream>

#include "review/phrases.hpp"

namespace cadence {
namespace {

using review_detail::Phrases;

void rule(std::ostringstream& out) { out << "\n"; }

void owner_section(std::ostringstream& out, const Phrases& p, const Review& r,
                   const OwnerReview& o) {
  const ReviewOptions& opt = r.options;
  out << p.heading_owner(o) << "\n" << p.as_of(o, r.at) << "\n";
  rule(out);
  out << p.heading_glance() << "\n  " << p.glance(o) << "\n";
  rule(out);

  out << p.heading_cooling() << "\n";
  if (o.cooling.empty()) out << "  " << p.none_cooling() << "\n";
  for (std::size_t i = 0; i < o.cooling.size(); ++i) {
    const CoolingItem& c = o.cooling[i];
    out << "  " << (i + 1) << ". " << p.cooling_line(c) << "\n";
    if (!c.trend.empty()) out << "     " << p.trend(c.trend) << "\n";
  }
  if (o.overdue > static_cast<long long>(o.cooling.size())) {
    out << "  " << p.more(o.overdue - static_cast<long long>(o.cooling.size())) << "\n";
  }
  rule(out);

  out << p.heading_depth(opt.depth_window_days) << "\n";
  if (o.depth.empty()) out << "  " << p.none_depth() << "\n";
  for (const DepthRow& d : o.depth) out << "  " << p.depth_line(d) << "\n";
  out << "  " << p.shallow_heading(o.shallow_only_total, opt.shallow_window_days) << "\n";
  for (const ShallowOnlyItem& s : o.shallow_only) out << "  - " << p.shallow_line(s) << "\n";
  if (o.shallow_only_total > static_cast<long long>(o.shallow_only.size())) {
    out << "  " << p.more(o.shallow_only_total - static_cast<long long>(o.shallow_only.size()))
        << "\n";
  }
  rule(out);

  out << p.heading_coverage() << "\n";
  if (o.coverage.empty()) out << "  " << p.none_coverage() << "\n";
  for (const CoverageRow& c : o.coverage) out << "  " << p.coverage_line(c) << "\n";
  out << "  " << p.single_heading(o.single_threaded_total, opt.depth_window_days) << "\n";
  for (const SingleThreadedItem& s : o.single_threaded) out << "  - " << p.single_line(s) << "\n";
  if (o.single_threaded_total > static_cast<long long>(o.single_threaded.size())) {
    out << "  "
        << p.more(o.single_threaded_total - static_cast<long long>(o.single_threaded.size()))
        << "\n";
  }
  rule(out);

  out << p.heading_length() << "\n";
  out << "  " << p.milestone_heading(o.milestones_total, opt.milestone_days) << "\n";
  for (const MilestoneItem& m : o.milestones) out << "  - " << p.milestone_line(m) << "\n";
  out << "  " << p.long_standing_heading(o.long_standing_total, o.quarter_start) << "\n";
  for (const LongStandingItem& l : o.long_standing) {
    out << "  - " << p.long_standing_line(l) << "\n";
  }
  if (o.long_standing_total > static_cast<long long>(o.long_standing.size())) {
    out << "  " << p.more(o.long_standing_total - static_cast<long long>(o.long_standing.size()))
        << "\n";
  }
  rule(out);

  out << p.heading_coming_up(opt.coming_up_days) << "\n";
  if (o.coming_up.empty()) out << "  " << p.none_coming_up() << "\n";
  for (const ComingUpItem& i : o.coming_up) {
    out << "  - " << p.coming_up_line(i) << "\n";
    out << "    " << p.reminders(o.zone, i) << "\n";
  }
  if (o.coming_up_total > static_cast<long long>(o.coming_up.size())) {
    out << "  " << p.more(o.coming_up_total - static_cast<long long>(o.coming_up.size())) << "\n";
  }
}

}  // namespace

std::string review_title(const Review& review, Locale locale) {
  return Phrases{locale}.title(review);
}

std::string render_review_text(const Review& review, Locale locale) {
  const Phrases p{locale};
  std::ostringstream out;
  out << p.title(review) << "\n";
  if (review.team) {
    rule(out);
    out << p.heading_team(review.owners.size()) << "\n";
    for (const OwnerReview& o : review.owners) {
      out << "  " << p.owner(o) << (p.en() ? ": " : "：")
          << p.team_line(o, review.options.depth_window_days, review.options.coming_up_days)
          << "\n";
    }
    out << "  " << p.team_total_label() << (p.en() ? ": " : "：")
        << p.team_line(*review.team, review.options.depth_window_days,
                       review.options.coming_up_days)
        << "\n";
  }
  for (const OwnerReview& o : review.owners) {
    rule(out);
    owner_section(out, p, review, o);
  }
  return out.str();
}

std::string render_review_summary(const Review& review, Locale locale) {
  const Phrases p{locale};
  std::ostringstream out;
  out << p.title(review) << "\n";
  for (const OwnerReview& o : review.owners) {
    if (review.owners.size() > 1) out << p.owner(o) << (p.en() ? ": " : "：");
    out << p.glance(o) << "\n";
    if (!o.cooling.empty()) {
      out << (p.en() ? "Most overdue: " : "最该联系：") << p.cooling_line(o.cooling.front())
          << "\n";
    }
  }
  return out.str();
}

}  // namespace cadence
