// The review as an email-safe HTML document: layout tables, inline styles
// only, bar charts made of table cells (they render in Outlook, Gmail and
// Apple Mail alike), no images, no external resources, no scripts. The
// sentences are the text renderer's (phrases.cpp), escaped.
#include <sstream>

#include "cadence/html.hpp"
#include "review/phrases.hpp"

namespace cadence {
namespace {

using review_detail::Phrases;

constexpr const char* kGreen = "#2e7d32";
constexpr const char* kAmber = "#f9a825";
constexpr const char* kRed = "#c62828";
constexpr const char* kGrey = "#e0e0e0";
constexpr const char* kBlue = "#1565c0";
constexpr const char* kCell = "padding:4px 8px;border-bottom:1px solid #eeeeee;vertical-align:top;";

struct Segment {
  int percent;
  const char* color;
};

// A horizontal bar: one table cell per segment, widths in percent of the row.
std::string bar(std::vector<Segment> segments) {
  int used = 0;
  for (const Segment& s : segments) used += s.percent;
  if (used < 100) segments.push_back({100 - used, kGrey});
  std::string out =
      "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" "
      "style=\"border-collapse:collapse;width:100%;\"><tr>";
  for (const Segment& s : segments) {
    if (s.percent <= 0) continue;
    out += "<td width=\"" + std::to_string(s.percent) + "%\" bgcolor=\"" + s.color +
           "\" style=\"background:" + s.color +
           ";height:12px;font-size:0;line-height:0;\">&nbsp;</td>";
  }
  return out + "</tr></table>";
}

// Percent shares that add up to exactly 100 (the last takes the rounding).
std::vector<Segment> shares(const std::vector<std::pair<long long, const char*>>& parts) {
  long long total = 0;
  for (const auto& p : parts) total += p.first;
  std::vector<Segment> out;
  if (total == 0) return out;
  int used = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    int pc = i + 1 == parts.size() ? 100 - used : percent_of(parts[i].first, total);
    out.push_back({pc, parts[i].second});
    used += pc;
  }
  return out;
}

class Html {
 public:
  Html(const Phrases& p, const Review& r) : p_(p), r_(r) {}

  std::string document() {
    out_ << "<!DOCTYPE html>\n<html lang=\"" << (p_.en() ? "en" : "zh-CN") << "\">\n<head>\n"
         << "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width\">\n"
         << "<title>" << html_escape(p_.title(r_)) << "</title>\n</head>\n"
         << "<body style=\"margin:0;padding:0;background:#f5f5f5;\">\n"
         << "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" "
            "bgcolor=\"#f5f5f5\"><tr><td align=\"center\" style=\"padding:16px;\">\n"
         // Fluid up to 640 px: a fixed width="640" ignores max-width in browsers
         // and overflowed a phone sideways (tests/review/review_browser_test.cpp).
         << "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" "
            "bgcolor=\"#ffffff\" style=\"width:100%;max-width:640px;background:#ffffff;"
            "font-family:Arial,'PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;"
            "line-height:1.5;color:#212121;\">\n"
         << "<tr><td style=\"padding:16px 20px;background:" << kBlue
         << ";color:#ffffff;font-size:20px;font-weight:bold;\">" << html_escape(p_.title(r_))
         << "</td></tr>\n";
    if (r_.team) team();
    for (const OwnerReview& o : r_.owners) owner(o);
    out_ << "</table>\n</td></tr></table>\n</body>\n</html>\n";
    return out_.str();
  }

 private:
  void heading(const std::string& text, int size = 16) {
    out_ << "<tr><td style=\"padding:16px 20px 4px 20px;font-size:" << size
         << "px;font-weight:bold;color:" << kBlue << ";\">" << html_escape(text) << "</td></tr>\n";
  }
  void paragraph(const std::string& text, const char* style = "") {
    out_ << "<tr><td style=\"padding:4px 20px;" << style << "\">" << html_escape(text)
         << "</td></tr>\n";
  }
  void open_table() {
    out_ << "<tr><td style=\"padding:4px 20px;\"><table role=\"presentation\" width=\"100%\" "
            "cellpadding=\"0\" cellspacing=\"0\" style=\"border-collapse:collapse;\">\n";
  }
  void close_table() { out_ << "</table></td></tr>\n"; }
  void row(const std::string& left_html, const std::string& right_html, const char* left_width) {
    out_ << "<tr><td width=\"" << left_width << "\" style=\"" << kCell << "\">" << left_html
         << "</td><td style=\"" << kCell << "\">" << right_html << "</td></tr>\n";
  }
  void list(const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    open_table();
    for (const std::string& l : lines) {
      out_ << "<tr><td style=\"" << kCell << "\">" << html_escape(l) << "</td></tr>\n";
    }
    close_table();
  }
  void more(long long total, std::size_t shown) {
    if (total > static_cast<long long>(shown)) {
      paragraph(p_.more(total - static_cast<long long>(shown)), "color:#757575;");
    }
  }

  static std::string rhythm_bar(const OwnerReview& o) {
    return bar(shares({{o.on_rhythm, kGreen}, {o.overdue, kRed}}));
  }

  void team() {
    heading(p_.heading_team(r_.owners.size()), 18);
    open_table();
    const auto line = [&](const std::string& who, const OwnerReview& o) {
      row("<b>" + html_escape(who) + "</b>",
          rhythm_bar(o) + "<div style=\"font-size:12px;color:#616161;\">" +
              html_escape(
                  p_.team_line(o, r_.options.depth_window_days, r_.options.coming_up_days)) +
              "</div>",
          "30%");
    };
    for (const OwnerReview& o : r_.owners) line(p_.owner(o), o);
    line(p_.team_total_label(), *r_.team);
    close_table();
  }

  void owner(const OwnerReview& o) {
    const ReviewOptions& opt = r_.options;
    heading(p_.heading_owner(o), 18);
    paragraph(p_.as_of(o, r_.at), "color:#757575;font-size:12px;");
    heading(p_.heading_glance());
    paragraph(p_.glance(o));
    if (o.with_cadence > 0) {
      out_ << "<tr><td style=\"padding:4px 20px;\">" << rhythm_bar(o) << "</td></tr>\n";
    }

    heading(p_.heading_cooling());
    if (o.cooling.empty()) paragraph(p_.none_cooling());
    if (!o.cooling.empty()) {
      open_table();
      for (const CoolingItem& c : o.cooling) {
        const int pc = static_cast<int>(
            std::min<long long>(100, 100 * c.overdue_days / std::max(1LL, c.target_days)));
        std::string right = html_escape(p_.cooling_line(c));
        if (!c.trend.empty()) {
          right += "<div style=\"font-size:12px;color:#616161;\">" +
                   html_escape(p_.trend(c.trend)) + "</div>";
        }
        row(bar({{pc, pc >= 100 ? kRed : kAmber}}), right, "25%");
      }
      close_table();
    }
    more(o.overdue, o.cooling.size());

    heading(p_.heading_depth(opt.depth_window_days));
    if (o.depth.empty()) paragraph(p_.none_depth());
    if (!o.depth.empty()) {
      open_table();
      for (const DepthRow& d : o.depth) {
        row("<b>" + html_escape(p_.tier(d.tier)) + "</b>",
            bar(shares({{d.deep, kGreen}, {d.normal, kBlue}, {d.shallow, kAmber}})) +
                "<div style=\"font-size:12px;color:#616161;\">" + html_escape(p_.depth_line(d)) +
                "</div>",
            "25%");
      }
      close_table();
      out_ << "<tr><td style=\"padding:4px 20px;font-size:12px;color:#757575;\">";
      for (const auto& [depth, color] :
           {std::pair{Depth::kDeep, kGreen}, std::pair{Depth::kNormal, kBlue},
            std::pair{Depth::kShallow, kAmber}}) {
        out_ << "<span style=\"color:" << color << ";\">&#9632;</span> "
             << html_escape(p_.depth_word(depth)) << "&nbsp;&nbsp; ";
      }
      out_ << "</td></tr>\n";
    }
    paragraph(p_.shallow_heading(o.shallow_only_total, opt.shallow_window_days));
    std::vector<std::string> lines;
    for (const ShallowOnlyItem& s : o.shallow_only) lines.push_back(p_.shallow_line(s));
    list(lines);
    more(o.shallow_only_total, o.shallow_only.size());

    heading(p_.heading_coverage());
    if (o.coverage.empty()) paragraph(p_.none_coverage());
    if (!o.coverage.empty()) {
      open_table();
      for (const CoverageRow& c : o.coverage) {
        const int need = c.departments_required > 0 ? c.departments_required : c.contacts_required;
        const int got = c.departments_required > 0 ? c.departments_touched : c.contacts_touched;
        const int pc = need > 0 ? std::min(100, percent_of(got, need)) : 0;
        row(bar({{pc, c.meets ? kGreen : kRed}}), html_escape(p_.coverage_line(c)), "25%");
      }
      close_table();
    }
    paragraph(p_.single_heading(o.single_threaded_total, opt.depth_window_days));
    lines.clear();
    for (const SingleThreadedItem& s : o.single_threaded) lines.push_back(p_.single_line(s));
    list(lines);
    more(o.single_threaded_total, o.single_threaded.size());

    heading(p_.heading_length());
    paragraph(p_.milestone_heading(o.milestones_total, opt.milestone_days));
    lines.clear();
    for (const MilestoneItem& m : o.milestones) lines.push_back(p_.milestone_line(m));
    list(lines);
    paragraph(p_.long_standing_heading(o.long_standing_total, o.quarter_start));
    lines.clear();
    for (const LongStandingItem& l : o.long_standing) lines.push_back(p_.long_standing_line(l));
    list(lines);
    more(o.long_standing_total, o.long_standing.size());

    heading(p_.heading_coming_up(opt.coming_up_days));
    if (o.coming_up.empty()) paragraph(p_.none_coming_up());
    if (!o.coming_up.empty()) {
      open_table();
      for (const ComingUpItem& i : o.coming_up) {
        out_ << "<tr><td style=\"" << kCell << "\">" << html_escape(p_.coming_up_line(i))
             << "<div style=\"font-size:12px;color:#616161;\">"
             << html_escape(p_.reminders(o.zone, i)) << "</div></td></tr>\n";
      }
      close_table();
    }
    more(o.coming_up_total, o.coming_up.size());
  }

  const Phrases& p_;
  const Review& r_;
  std::ostringstream out_;
};

}  // namespace

std::string render_review_html(const Review& review, Locale locale) {
  const Phrases p{locale};
  Html html(p, review);
  return html.document();
}

}  // namespace cadence
