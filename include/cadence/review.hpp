// The weekly relationship review (issue 9): which relationships are cooling,
// whether contact goes deep enough, which accounts are thin or single-threaded,
// which relationships reach a round number of years, what is coming up — per
// owner, and summed for a manager (team view).
//
// Computed from the per-contact summaries (Store::for_each_contact: one
// streamed pass), one time-indexed query of the interactions of the depth
// window, one query of the occurrences around the coming-up window, and one
// per-contact indexed query for each contact shown in "cooling" (its trend).
// Never a scan of every interaction of every contact. Pure apart from the
// store reads; "now" is ReviewOptions::at (injected). See docs/REVIEW.md.
//
// Contract: compute_review returns store errors as they are (kDatabase...)
// and kNotFound for an unknown owner. Renderers never fail. Threading: as
// the Store (one thread per Store); renderers are pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cadence/calendar.hpp"
#include "cadence/engine.hpp"
#include "cadence/error.hpp"
#include "cadence/model.hpp"
#include "cadence/store.hpp"
#include "cadence/time.hpp"

namespace cadence {

struct ReviewOptions {
  std::optional<std::string> owner;  // one owner id; nullopt = every owner (team view)
  Instant at{};                      // "now" of the review (required)
  int top = 10;                      // items kept per list. Default: 10
  int depth_window_days = 90;        // depth shares and single-threading. Default: 90
  int shallow_window_days = 180;     // "only shallow touches" window. Default: 180
  int coming_up_days = 14;           // birthdays, festivals, anniversaries. Default: 14
  int milestone_days = 30;           // round relationship years ahead. Default: 30
  int trend_periods = 3;             // cadence periods before the current one. Default: 3
  // Gives holiday names in the report's language; nullptr = the rules' calendar.
  // Not owned; must outlive the call.
  const HolidayCalendar* holiday_names = nullptr;
};

// A contact as the review names it.
struct ReviewContact {
  std::string id;
  std::string name;
  std::string account;       // id, may be empty
  std::string account_name;  // the account's name, else its id, else empty
};

// Cooling: a contact past its cadence target (the most overdue of its rules).
struct CoolingItem {
  ReviewContact contact;
  std::string rule;                     // the cadence rule it is most overdue against
  long long target_days = 0;            // the rule's `every`
  std::optional<long long> days_since;  // since the last touch the rule counts; nullopt = never
  long long overdue_days = 0;           // days past the due date (> 0)
  // Whether a touch the rule counts fell in each of the `trend_periods`
  // periods of length `every` before the current one, oldest first:
  // period k = [at - (k+1)*every, at - k*every).
  std::vector<bool> trend;
};

// Depth: interactions of the depth window of contacts of one tier.
struct DepthRow {
  std::string tier;  // "" = contacts without a tier
  long long deep = 0;
  long long normal = 0;
  long long shallow = 0;
  long long total() const { return deep + normal + shallow; }
};

// A contact touched in the shallow window, but never more than shallowly.
struct ShallowOnlyItem {
  ReviewContact contact;
  long long days_since = 0;  // since the last touch
};

// Coverage of one account that a coverage rule selects, over the rule's window.
struct CoverageRow {
  std::string account;
  std::string account_name;
  std::string rule;
  long long window_days = 0;
  int departments_required = 0;  // 0 = not checked
  int departments_touched = 0;
  int contacts_required = 0;  // 0 = not checked
  int contacts_touched = 0;
  int contacts_total = 0;                      // active contacts of the account
  std::vector<std::string> quiet_departments;  // known, not touched in the window; sorted
  bool meets = false;                          // every checked requirement holds
};

// An account with two or more contacts where one contact carries every touch
// of the depth window.
struct SingleThreadedItem {
  std::string account;
  std::string account_name;
  ReviewContact contact;  // the one contact touched
  long long touches = 0;  // interactions in the window
  int contacts_total = 0;
};

// A relationship (from the contact's "first_met" date) reaching 1, 3, 5, 10
// or a multiple of 5 years within milestone_days.
struct MilestoneItem {
  ReviewContact contact;
  Date first_met{};
  Date date{};
  int years = 0;
  long long days_until = 0;
};

// One of the longest-standing relationships not touched this calendar quarter.
struct LongStandingItem {
  ReviewContact contact;
  Date first_met{};
  int years = 0;                        // full years known
  std::optional<long long> days_since;  // since the last touch; nullopt = never
};

// A reminder already in the store for a coming-up event.
struct ScheduledReminder {
  Instant fire_at{};
  long long lead_days = 0;  // days before the event (local dates)
  OccurrenceState state = OccurrenceState::kScheduled;
};

struct ComingUpItem {
  ReminderKind kind = ReminderKind::kBirthday;  // kBirthday, kAnniversary or kHoliday
  Date date{};
  long long days_until = 0;
  std::optional<ReviewContact> contact;  // birthdays and anniversaries
  bool lunar = false;                    // a lunar birthday
  std::string occasion;                  // anniversary: the date's name ("first_met")
  std::optional<int> years;              // age or years, when the year is known
  std::string holiday;                   // holiday key
  std::string holiday_name;
  long long contacts_to_greet = 0;           // holidays: contacts the holiday rules select
  std::vector<ScheduledReminder> reminders;  // by fire_at
};

// The review of one owner (or, in Review::team, the sum of all of them).
struct OwnerReview {
  std::string owner;  // id
  std::string owner_name;
  std::string zone;  // IANA name the dates are in
  Date today{};
  long long contacts = 0;            // active (not archived)
  long long with_cadence = 0;        // selected by at least one cadence rule
  long long on_rhythm = 0;           // ...and not overdue on any of them
  long long overdue = 0;             // with_cadence - on_rhythm
  std::vector<CoolingItem> cooling;  // the `top` most overdue, most overdue first
  std::vector<DepthRow> depth;       // by tier name ("" last)
  long long shallow_only_total = 0;
  std::vector<ShallowOnlyItem> shallow_only;  // the `top` most recently touched first
  std::vector<CoverageRow> coverage;          // accounts by name
  long long coverage_gaps = 0;                // rows that do not meet their rule
  long long single_threaded_total = 0;
  std::vector<SingleThreadedItem> single_threaded;  // most touches first
  long long milestones_total = 0;
  std::vector<MilestoneItem> milestones;  // soonest first
  long long long_standing_total = 0;
  std::vector<LongStandingItem> long_standing;  // longest first
  Date quarter_start{};                         // of `today`
  long long coming_up_total = 0;
  std::vector<ComingUpItem> coming_up;  // by date

  // on_rhythm / with_cadence in percent, rounded half up; nullopt when no cadence.
  std::optional<int> on_rhythm_percent() const;
};

struct Review {
  Instant at{};
  ReviewOptions options;            // as computed (holiday_names cleared)
  std::vector<OwnerReview> owners;  // in config order; owners with nothing are left out
  std::optional<OwnerReview> team;  // counts summed over `owners`, when there are several
};

Result<Review> compute_review(Store& store, const RuleSet& rules, const ReviewOptions& options);

// n of total in percent, rounded half up (0 when total is 0).
int percent_of(long long n, long long total);

// Plain text, natural wording in the locale (zh-CN or en); ends with "\n".
std::string render_review_text(const Review& review, Locale locale);
// One JSON object (schema in docs/REVIEW.md); ends with "\n".
std::string render_review_json(const Review& review);
// A complete HTML document for email: tables and inline styles only, bar charts
// made of table cells, no external resources, no scripts.
std::string render_review_html(const Review& review, Locale locale);
// One line: "Weekly relationship review — 张伟 — 2027-03-15" in the locale.
std::string review_title(const Review& review, Locale locale);
// A few lines for chat: the title, each owner's glance line and the most
// overdue relationship. Ends with "\n".
std::string render_review_summary(const Review& review, Locale locale);

}  // namespace cadence
