// The touches a contact summary implies, so a due reminder can be checked
// against the latest interactions without reading the interactions table.
#include "cadence/scheduler.hpp"

namespace cadence {

std::vector<Interaction> touches_from_summary(const ContactSummary& summary) {
  std::vector<Interaction> out;
  // Shallow, so that a kind's last touch never satisfies a depth rule by
  // itself; the depth touches below carry the real depths.
  for (const auto& [kind, at] : summary.last_by_kind) {
    Interaction i;
    i.contact = summary.contact;
    i.kind = kind;
    i.depth = Depth::kShallow;
    i.at = at;
    out.push_back(std::move(i));
  }
  // A kind no rule lists, so cadence rules with `kinds:` ignore these; a
  // cadence rule counting every kind is already satisfied by the entries above.
  const auto add_depth = [&](const std::optional<Instant>& at, Depth depth) {
    if (!at) return;
    Interaction i;
    i.contact = summary.contact;
    i.kind = "\x01summary";
    i.depth = depth;
    i.at = *at;
    out.push_back(std::move(i));
  };
  add_depth(summary.last_deep, Depth::kDeep);
  add_depth(summary.last_normal_or_deeper, Depth::kNormal);
  return out;
}

}  // namespace cadence
