// The weekly relationship review reminder (rule kind `review`) carries its
// review: computed for the reminder's owner when it fires, and stored in the
// occurrence's details_json as text, HTML and a chat-sized summary, so that
// every channel and every retry of a delivery sends the same content.
#pragma once

#include "cadence/engine.hpp"
#include "cadence/error.hpp"
#include "cadence/model.hpp"
#include "cadence/store.hpp"

namespace cadence::scheduler_detail {

// Adds "review_text", "review_html" and "review_summary" to `fired`'s
// details (computed as of `now`, in the owner's locale). When the review
// cannot be computed the reminder keeps its plain wording and the reason goes
// to "review_error": a weekly reminder is better sent bare than not at all.
void attach_review(Store& store, const RuleSet& rules, Occurrence& fired, Instant now);

}  // namespace cadence::scheduler_detail
