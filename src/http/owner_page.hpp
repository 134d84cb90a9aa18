// The HTML of the owner's web page (/w/): today's and overdue reminders with
// Done / Snooze buttons, a contact search with a "log a touch" form per
// result, and the birthdays and festivals of the next 30 days. Pure: the
// view is filled by the /w/ routes (http/owner_web.hpp).
//
// Mobile-first (fluid to 40rem, no sideways scrolling at 390 px, tap targets
// of at least 44 px), inline CSS only, no script, nothing loaded from
// elsewhere: the router's Content-Security-Policy ("default-src 'none'")
// applies. Every text from data is HTML-escaped; forms post to relative
// paths ("act", "touch"), so a reverse-proxy prefix is kept.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cadence/config.hpp"
#include "cadence/model.hpp"

namespace cadence::http {

struct WebReminderRow {
  RowId id = 0;
  std::string title;
  std::string when;  // "due 2027-01-15 · overdue", in the owner's locale
  bool overdue = false;
  std::string contact_id;  // the contact it is about; empty otherwise
};

struct WebDayRow {
  std::string date;  // "2027-02-06"
  std::string text;  // "Birthday: 李伟", "春节"
};

struct WebContactRow {
  std::string id;
  std::string name;
  std::string detail;  // "li-wei · acme"
};

struct OwnerPageView {
  Locale locale = Locale::kEn;
  std::string owner_name;
  std::string today;  // "2027-01-15"
  std::string csrf;   // the forms' CSRF field
  std::string flash;  // a short confirmation after a POST; empty: none
  std::vector<WebReminderRow> reminders;
  std::vector<WebDayRow> days;
  bool searched = false;  // a query was given
  std::string query;
  std::vector<WebContactRow> contacts;
  bool more_contacts = false;      // more matched than are shown
  std::vector<std::string> kinds;  // the config's interaction kinds
  std::string default_kind;
};

std::string render_owner_page(const OwnerPageView& view);

// A page with a headline, an explanation and, when `link_text` is not empty,
// a link to `href` (relative, already URL-safe).
std::string render_web_notice(Locale locale, std::string_view headline,
                              std::string_view explanation, std::string_view href = {},
                              std::string_view link_text = {});

}  // namespace cadence::http
