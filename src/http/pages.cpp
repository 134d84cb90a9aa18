#include "http/pages.hpp"

#include <fmt/format.h>

namespace cadence::http {
namespace {

std::string page(Locale locale, std::string_view title, const std::string& body) {
  return fmt::format(
      "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
      "<meta name=\"robots\" content=\"noindex\"><title>{}</title><style>"
      "body{{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;"
      "line-height:1.5;color:#222}}h1{{font-size:1.3rem}}.t{{font-weight:600}}"
      "button{{font-size:1.1rem;padding:.7rem 1.4rem;border:0;border-radius:.4rem;"
      "background:#2563eb;color:#fff;width:100%}}.muted{{color:#666;font-size:.9rem}}"
      "</style></head><body>\n{}\n</body></html>\n",
      zh(locale) ? "zh-CN" : "en", html_escape(title), body);
}

}  // namespace

std::string confirm_page(Locale locale, std::string_view action, std::string_view title,
                         std::string_view post_path) {
  const bool z = zh(locale);
  const std::string label = action_label(locale, action);
  return page(
      locale, label,
      fmt::format("<h1>{}</h1><p class=\"t\">{}</p>"
                  "<form method=\"post\" action=\"{}\"><button type=\"submit\">{}</button>"
                  "</form><p class=\"muted\">{}</p>",
                  html_escape(label), html_escape(title), html_escape(post_path),
                  z ? "确认" : "Confirm", z ? "链接只能使用一次。" : "This link works once."));
}

std::string result_page(Locale locale, std::string_view action, std::string_view title,
                        std::string_view detail) {
  const bool z = zh(locale);
  std::string headline;
  if (action == "done") {
    headline = z ? "已完成" : "Done";
  } else if (action.substr(0, 6) == "snooze") {
    headline = z ? "已推迟" : "Snoozed";
  } else {
    headline = z ? "已记录" : "Logged";
  }
  return page(locale, headline,
              fmt::format("<h1>{}</h1><p class=\"t\">{}</p><p>{}</p>", html_escape(headline),
                          html_escape(title), html_escape(detail)));
}

std::string refusal_page(Locale locale, std::string_view headline, std::string_view explanation) {
  return page(locale, headline,
              fmt::format("<h1>{}</h1><p>{}</p>", html_escape(headline), html_escape(explanation)));
}

std::string problem_headline(Locale locale, TokenProblem problem) {
  const bool z = zh(locale);
  switch (problem) {
    case TokenProblem::kExpired:
      return z ? "链接已过期" : "This link has expired";
    case TokenProblem::kReplayed:
      return z ? "链接已使用过" : "This link was already used";
    case TokenProblem::kWrongAction:
      return z ? "此链接不能用于这个操作" : "This link is not for this action";
    case TokenProblem::kMalformed:
    case TokenProblem::kUnknownKey:
    case TokenProblem::kBadSignature:
      break;
  }
  return z ? "链接无效" : "This link is not valid";
}

std::string problem_explanation(Locale locale, TokenProblem problem) {
  const bool z = zh(locale);
  switch (problem) {
    case TokenProblem::kExpired:
      return z ? "请使用最新提醒中的链接，或用 cadencectl 操作。"
               : "Use the link in a newer reminder, or cadencectl.";
    case TokenProblem::kReplayed:
      return z ? "这个操作已经执行过，没有做任何更改。"
               : "The action was already carried out; nothing was changed.";
    case TokenProblem::kWrongAction:
    case TokenProblem::kMalformed:
    case TokenProblem::kUnknownKey:
    case TokenProblem::kBadSignature:
      break;
  }
  return z ? "链接可能不完整或已被修改，没有做任何更改。"
           : "The link may be incomplete or altered; nothing was changed.";
}

}  // namespace cadence::http
