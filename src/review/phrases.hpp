// The review's sentences in zh-CN and en, shared by the text and HTML
// renderers (HTML escapes them). One function per kind of line, so both
// formats say exactly the same thing.
#pragma once

#include <string>

#include "cadence/review.hpp"

namespace cadence::review_detail {

struct Phrases {
  Locale locale = Locale::kZhCN;
  bool en() const { return locale == Locale::kEn; }

  // Dates and times.
  std::string date(Date d) const;        // "Thu 18 Mar 2027" / "2027年3月18日（周四）"
  std::string short_date(Date d) const;  // "Thu 18 Mar" / "3月18日（周四）"
  std::string when(const std::string& zone,
                   Instant t) const;          // "Mon 15 Mar 08:30" / "3月15日 08:30"
  std::string days_ahead(long long n) const;  // "today" / "tomorrow" / "in 3 days"
  std::string days_ago(long long n) const;    // "today" / "yesterday" / "40 days ago"
  std::string touched_zh(long long n) const;  // "今天" / "昨天" / "8 天前"
  std::string plain_date(Date d) const;       // "20 Jun 2022" / "2022年6月20日"
  // "Sun 20 Jun (in 13 days)" / "6月20日（周日，13 天后）"
  std::string date_ahead(Date d, long long days) const;

  // Names.
  std::string contact(const ReviewContact& c) const;    // "王芳 (Acme)" / "王芳（Acme）"
  std::string owner(const OwnerReview& o) const;        // "张伟 (zhang)"
  std::string tier(const std::string& tier) const;      // "Tier A" / "等级 A" / "No tier"
  std::string occasion(const std::string& name) const;  // "first met" / "相识"
  std::string depth_word(Depth d) const;
  std::string state_word(OccurrenceState s) const;

  // Headings.
  std::string title(const Review& r) const;
  std::string heading_owner(const OwnerReview& o) const;
  std::string as_of(const OwnerReview& o, Instant at) const;
  std::string heading_team(std::size_t owners) const;
  std::string heading_glance() const;
  std::string heading_cooling() const;
  std::string heading_depth(int window_days) const;
  std::string heading_coverage() const;
  std::string heading_length() const;
  std::string heading_coming_up(int days) const;

  // Lines.
  std::string glance(const OwnerReview& o) const;
  std::string team_line(const OwnerReview& o, int depth_window_days, int coming_up_days) const;
  std::string team_total_label() const;
  std::string cooling_line(const CoolingItem& c) const;
  std::string trend(const std::vector<bool>& t) const;  // "● ○ ○ (oldest first)"
  std::string none_cooling() const;
  std::string more(long long n) const;  // "… and 3 more"
  std::string depth_line(const DepthRow& r) const;
  std::string none_depth() const;
  std::string shallow_heading(long long total, int window_days) const;
  std::string shallow_line(const ShallowOnlyItem& s) const;
  std::string coverage_line(const CoverageRow& r) const;
  std::string none_coverage() const;
  std::string single_heading(long long total, int window_days) const;
  std::string single_line(const SingleThreadedItem& s) const;
  std::string milestone_heading(long long total, int days) const;
  std::string milestone_line(const MilestoneItem& m) const;
  std::string long_standing_heading(long long total, Date quarter_start) const;
  std::string long_standing_line(const LongStandingItem& l) const;
  std::string coming_up_line(const ComingUpItem& i) const;  // without the reminders
  std::string reminders(const std::string& zone, const ComingUpItem& i) const;
  std::string none_coming_up() const;
};

}  // namespace cadence::review_detail
