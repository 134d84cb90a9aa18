#include "scheduler/review_content.hpp"

#include <nlohmann/json.hpp>

#include "cadence/review.hpp"

namespace cadence::scheduler_detail {

void attach_review(Store& store, const RuleSet& rules, Occurrence& fired, Instant now) {
  nlohmann::json details = nlohmann::json::parse(
      fired.details_json.empty() ? std::string("{}") : fired.details_json, nullptr, false);
  if (!details.is_object()) details = nlohmann::json::object();
  const CompiledOwner* owner = rules.find_owner(fired.owner);
  ReviewOptions options;
  options.owner = fired.owner;
  options.at = now;
  Result<Review> review = owner != nullptr
                              ? compute_review(store, rules, options)
                              : Result<Review>(Error::not_found("no owner '" + fired.owner + "'"));
  if (!review) {
    details["review_error"] = review.error().message();
  } else {
    const Locale locale = owner->locale;
    details["review_text"] = render_review_text(*review, locale);
    details["review_html"] = render_review_html(*review, locale);
    details["review_summary"] = render_review_summary(*review, locale);
  }
  fired.details_json = details.dump();
}

}  // namespace cadence::scheduler_detail
