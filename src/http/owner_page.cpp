#include "http/owner_page.hpp"

#include <fmt/format.h>

#include "cadence/html.hpp"
#include "http/pages.hpp"

namespace cadence::http {
namespace {

// Phone first: one column, fluid up to 40rem; every control at least 44 px
// high; long names wrap instead of widening the page.
constexpr const char* kStyle =
    "*{box-sizing:border-box}"
    "body{font-family:system-ui,-apple-system,'Noto Sans CJK SC',sans-serif;margin:0 auto;"
    "max-width:40rem;padding:0 .75rem 2rem;line-height:1.45;color:#1f2328;background:#f6f7f9;"
    "overflow-wrap:anywhere}"
    "header{padding:.9rem 0 .3rem}h1{font-size:1.25rem;margin:0}"
    "h2{font-size:1.05rem;margin:1.4rem 0 .5rem}"
    ".muted{color:#59636e;font-size:.9rem}"
    ".flash{background:#dafbe1;border:1px solid #4ac26b;border-radius:.5rem;padding:.6rem .8rem}"
    "ul{list-style:none;margin:0;padding:0}"
    ".card{background:#fff;border:1px solid #d1d9e0;border-radius:.6rem;padding:.7rem .8rem;"
    "margin:0 0 .6rem}"
    ".card.overdue{border-left:.3rem solid #cf222e}"
    ".t{font-weight:600}"
    ".btns{display:grid;grid-template-columns:1fr 1fr;gap:.4rem;margin-top:.5rem}"
    ".btns.one{grid-template-columns:1fr}"
    "button,.btn{font:inherit;font-size:1rem;min-height:44px;padding:.5rem "
    ".9rem;border-radius:.45rem;"
    "border:1px solid #1f6feb;background:#1f6feb;color:#fff;cursor:pointer;text-decoration:none;"
    "display:inline-flex;align-items:center;justify-content:center}"
    "button,.btn{white-space:nowrap}"
    "button.alt,.btn.alt{background:#fff;color:#1f6feb}"
    "input,select{font:inherit;font-size:1rem;min-height:44px;width:100%;padding:.45rem .6rem;"
    "border:1px solid #8c959f;border-radius:.45rem;background:#fff}"
    "label{display:block;margin:.45rem 0 .15rem;font-size:.9rem;color:#59636e}"
    ".search{display:flex;gap:.4rem}.search input{flex:1 1 auto;min-width:0}"
    ".search button{flex:0 0 auto}"
    ".day{display:flex;gap:.6rem}.day .d{flex:0 0 auto;font-variant-numeric:tabular-nums;"
    "color:#59636e}";

std::string owner_page_shell(Locale locale, std::string_view title, const std::string& body) {
  return fmt::format(
      "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
      "<meta name=\"robots\" content=\"noindex\"><meta name=\"referrer\" content=\"no-referrer\">"
      "<title>{}</title><style>{}</style></head><body>\n{}\n</body></html>\n",
      zh(locale) ? "zh-CN" : "en", html_escape(title), kStyle, body);
}

std::string csrf_field(const OwnerPageView& v) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + html_escape(v.csrf) + "\">";
}

// Only the unreserved characters stay as they are.
std::string url_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

std::string reminders_section(const OwnerPageView& v) {
  const bool z = zh(v.locale);
  std::string out = fmt::format("<section id=\"today\"><h2>{} ({})</h2>",
                                z ? "今天和逾期的提醒" : "Today and overdue", v.reminders.size());
  if (v.reminders.empty()) {
    out += fmt::format("<p class=\"muted\">{}</p>",
                       z ? "没有待处理的提醒。" : "Nothing to do right now.");
  }
  out += "<ul>";
  for (const WebReminderRow& r : v.reminders) {
    out += fmt::format(
        "<li class=\"card{}\" id=\"r{}\"><div class=\"t\">{}</div><div class=\"muted\">{}</div>"
        "<form method=\"post\" action=\"act\">{}<input type=\"hidden\" name=\"reminder\" "
        "value=\"{}\"><div class=\"btns\">"
        "<button type=\"submit\" name=\"action\" value=\"done\">{}</button>"
        "<button class=\"alt\" type=\"submit\" name=\"action\" value=\"snooze1d\">{}</button>"
        "<button class=\"alt\" type=\"submit\" name=\"action\" value=\"snooze3d\">{}</button>"
        "<button class=\"alt\" type=\"submit\" name=\"action\" value=\"snooze1w\">{}</button>"
        "</div></form>",
        r.overdue ? " overdue" : "", r.id, html_escape(r.title), html_escape(r.when), csrf_field(v),
        r.id, z ? "完成" : "Done", z ? "推迟 1 天" : "1 day", z ? "推迟 3 天" : "3 days",
        z ? "推迟 1 周" : "1 week");
    if (!r.contact_id.empty()) {
      out += fmt::format(
          "<div class=\"btns one\"><a class=\"btn alt\" href=\"./?q={}#touch\">{}</a></div>",
          html_escape(url_encode(r.contact_id)), z ? "记录一次联系" : "Log a touch");
    }
    out += "</li>";
  }
  return out + "</ul></section>";
}

std::string touch_form(const OwnerPageView& v, const WebContactRow& c) {
  const bool z = zh(v.locale);
  std::string options;
  for (const std::string& k : v.kinds) {
    options += fmt::format("<option value=\"{0}\"{1}>{0}</option>", html_escape(k),
                           k == v.default_kind ? " selected" : "");
  }
  const std::string field = html_escape(url_encode(c.id));
  return fmt::format(
      "<form method=\"post\" action=\"touch\">{}<input type=\"hidden\" name=\"contact\" "
      "value=\"{}\"><label for=\"k-{}\">{}</label><select id=\"k-{}\" name=\"kind\">{}</select>"
      "<label for=\"n-{}\">{}</label><input id=\"n-{}\" name=\"note\" maxlength=\"1000\" "
      "autocomplete=\"off\"><div class=\"btns one\"><button "
      "type=\"submit\">{}</button></div></form>",
      csrf_field(v), html_escape(c.id), field, z ? "方式" : "Kind", field, options, field,
      z ? "备注（可不填）" : "Note (optional)", field, z ? "记录联系" : "Log touch");
}

std::string touch_section(const OwnerPageView& v) {
  const bool z = zh(v.locale);
  std::string out = fmt::format(
      "<section id=\"touch\"><h2>{}</h2><form class=\"search\" method=\"get\" action=\"./\">"
      "<input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"{}\" aria-label=\"{}\" "
      "maxlength=\"100\"><button type=\"submit\">{}</button></form>",
      z ? "记录一次联系" : "Log a touch", html_escape(v.query), z ? "姓名或编号" : "Name or id",
      z ? "搜索联系人" : "Search contacts", z ? "搜索" : "Search");
  if (v.searched) {
    if (v.contacts.empty()) {
      out +=
          fmt::format("<p class=\"muted\">{}</p>", z ? "没有找到联系人。" : "No contact matches.");
    }
    out += "<ul style=\"margin-top:.6rem\">";
    for (const WebContactRow& c : v.contacts) {
      out += fmt::format(
          "<li class=\"card contact\"><div class=\"t\">{}</div>"
          "<div class=\"muted\">{}</div>{}</li>",
          html_escape(c.name), html_escape(c.detail), touch_form(v, c));
    }
    out += "</ul>";
    if (v.more_contacts) {
      out +=
          fmt::format("<p class=\"muted\">{}</p>", z ? "只显示前 20 个，请输入更多字。"
                                                     : "Only the first 20 are shown; type more.");
    }
  }
  return out + "</section>";
}

std::string days_section(const OwnerPageView& v) {
  const bool z = zh(v.locale);
  std::string out =
      fmt::format("<section id=\"days\"><h2>{}</h2>",
                  z ? "未来 30 天的生日和节日" : "Birthdays and festivals, next 30 days");
  if (v.days.empty()) {
    out += fmt::format("<p class=\"muted\">{}</p>", z ? "没有。" : "None.");
  }
  out += "<ul class=\"card\">";
  for (const WebDayRow& d : v.days) {
    out += fmt::format("<li class=\"day\"><span class=\"d\">{}</span><span>{}</span></li>",
                       html_escape(d.date), html_escape(d.text));
  }
  return out + "</ul></section>";
}

}  // namespace

std::string render_owner_page(const OwnerPageView& v) {
  const bool z = zh(v.locale);
  std::string body = fmt::format(
      "<header><h1>cadence</h1><div class=\"muted\">{} · {}</div>"
      "</header>",
      html_escape(v.owner_name), html_escape(v.today));
  if (!v.flash.empty()) {
    body += "<p class=\"flash\" role=\"status\">" + html_escape(v.flash) + "</p>";
  }
  body += reminders_section(v);
  body += touch_section(v);
  body += days_section(v);
  return owner_page_shell(v.locale, z ? "cadence · 今天" : "cadence · today", body);
}

std::string render_web_notice(Locale locale, std::string_view headline,
                              std::string_view explanation, std::string_view href,
                              std::string_view link_text) {
  std::string body = fmt::format("<header><h1>{}</h1></header><p>{}</p>", html_escape(headline),
                                 html_escape(explanation));
  if (!link_text.empty()) {
    body += fmt::format("<p><a class=\"btn\" href=\"{}\">{}</a></p>", html_escape(href),
                        html_escape(link_text));
  }
  return owner_page_shell(locale, headline, body);
}

}  // namespace cadence::http
