#include "http/owner_web.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <tuple>
#include <variant>

#include "cadence/actions.hpp"
#include "cadence/links.hpp"
#include "http/database_errors.hpp"
#include "http/ics.hpp"
#include "http/link_actions.hpp"
#include "http/owner_agenda.hpp"
#include "http/owner_contacts.hpp"
#include "http/owner_page.hpp"
#include "http/pages.hpp"
#include "http/query.hpp"
#include "http/web_session.hpp"

namespace cadence::http {
namespace {

constexpr int kUpcomingDays = 30;
constexpr std::size_t kMaxReminders = 100;
constexpr std::size_t kMaxResults = 20;
constexpr std::size_t kMaxQueryBytes = 100;

// The value of cookie `name` in a Cookie header ("a=b; c=d").
std::string_view cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto semi = header.find(';');
    std::string_view pair = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
  }
  return {};
}

WebResponse html(int status, std::string body) {
  WebResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  return r;
}

WebResponse redirect(std::string location) {
  WebResponse r;
  r.status = 303;
  r.headers.emplace_back("Location", std::move(location));
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  return r;
}

WebResponse not_allowed(const char* allow) {
  WebResponse r = html(405, "method not allowed\n");
  r.headers.emplace_back("Allow", allow);
  return r;
}

std::string flash_text(Locale locale, std::string_view what) {
  const bool z = zh(locale);
  if (what == "done") return z ? "已标记为完成。" : "Marked done.";
  if (what == "snoozed") return z ? "已推迟。" : "Snoozed.";
  if (what == "touch") return z ? "已记录这次联系。" : "Touch logged.";
  if (what == "touch-resolved") {
    return z ? "已记录这次联系，相关提醒已解决。" : "Touch logged; its reminder is resolved.";
  }
  return {};
}

class Web {
 public:
  Web(const RouterState& state, const WebRequest& req) : s_(state), req_(req) {}

  WebResponse handle() {
    auto target = parse_target(req_.target);
    if (!target) return html(400, notice(config_locale(), bad_request()));
    const std::string_view path = target->path;
    const bool get = req_.method == "GET" || req_.method == "HEAD";
    const bool post = req_.method == "POST";
    if (path == kWebPrefix) return get ? redirect("w/") : not_allowed("GET, HEAD");
    const std::string_view rest = path.substr(kWebPrefix.size() + 1);  // after "/w/"
    if (rest.empty()) return get ? page(*target) : not_allowed("GET, HEAD");
    if (rest == "act" || rest == "touch") {
      if (!post) return not_allowed("POST");
      return rest == "act" ? act() : touch();
    }
    // Only the token alphabet: "..", "/" and "%2e" never reach a lookup.
    if (rest.size() <= 512 && std::all_of(rest.begin(), rest.end(), is_token_char)) {
      return get ? login(rest) : not_allowed("GET, HEAD");
    }
    return html(404, notice(config_locale(), not_found()));
  }

 private:
  struct Text {
    std::string headline;
    std::string explanation;
    std::string href;
    std::string link;
  };

  Locale config_locale() const { return s_.config->locale; }

  Locale owner_locale(const std::string& owner) const {
    const CompiledOwner* o = s_.rules->find_owner(owner);
    return o != nullptr ? o->locale : config_locale();
  }

  static std::string notice(Locale locale, const Text& t) {
    return render_web_notice(locale, t.headline, t.explanation, t.href, t.link);
  }

  Text bad_request() const {
    const bool z = zh(config_locale());
    return {z ? "请求无效" : "Bad request",
            z ? "请求不完整或编码有误，没有做任何更改。"
              : "The request is incomplete or badly encoded; nothing was changed.",
            "", ""};
  }
  Text not_found() const {
    const bool z = zh(config_locale());
    return {z ? "找不到" : "Not found", z ? "没有这个页面。" : "There is no such page.", "", ""};
  }
  static Text signed_out(Locale locale) {
    const bool z = zh(locale);
    // A login link opened from a page of another site: the browser may not
    // send the new SameSite=Strict cookie along the redirect; a click on a
    // link of this site does.
    return {z ? "请重新打开登录链接" : "Please open your link again",
            z ? "要使用这个页面，请再次打开 cadencectl web-link 给出的链接（登录可能已过期）。"
                "如果刚刚打开过，请点下面的按钮。"
              : "To use this page, open the link from cadencectl web-link again (the sign-in may "
                "have expired). If you just opened it, tap the button below.",
            "./", z ? "打开页面" : "Open the page"};
  }

  // The session's owner, or nullopt (no cookie, bad, expired, unknown owner).
  std::optional<WebClaim> session() {
    session_value_ = std::string(cookie_value(req_.cookie, kWebCookie));
    if (session_value_.empty()) return std::nullopt;
    WebCheck check = verify_web_session(s_.key, session_value_, s_.clock->now());
    if (!check.ok() || s_.rules->find_owner(check.claim->owner) == nullptr) return std::nullopt;
    return check.claim;
  }

  WebResponse login(std::string_view token) {
    const Instant now = s_.clock->now();
    const WebCheck check = verify_web_login(s_.key, token, now);
    Locale locale = config_locale();
    if (!check.ok()) {
      return html(check.problem == TokenProblem::kExpired ? 410 : 403,
                  notice(locale, {problem_headline(locale, check.problem),
                                  check.problem == TokenProblem::kExpired
                                      ? (zh(locale) ? "请用 cadencectl web-link 生成新的链接。"
                                                    : "Ask for a new one with cadencectl web-link.")
                                      : problem_explanation(locale, check.problem),
                                  "", ""}));
    }
    const std::string& owner = check.claim->owner;
    if (s_.rules->find_owner(owner) == nullptr) {
      return html(403, notice(locale, {problem_headline(locale, TokenProblem::kMalformed),
                                       zh(locale) ? "这个链接的所有者已不在配置中。"
                                                  : "The owner of this link is no longer "
                                                    "configured.",
                                       "", ""}));
    }
    // The session lasts as long as the link: the link's lifetime bounds access.
    auto value = sign_web_session(s_.key, *check.claim);
    if (!value) {
      spdlog::error("http: web session: {}", value.error().message());
      return html(500, notice(locale, {"error", "internal error", "", ""}));
    }
    const auto max_age = (check.claim->expires_at - now).count();
    const bool secure = s_.config->http.public_url.rfind("https://", 0) == 0;
    WebResponse r = redirect("./");
    r.headers.emplace_back("Set-Cookie", std::string(kWebCookie) + "=" + *value +
                                             "; Path=/w; Max-Age=" + std::to_string(max_age) +
                                             "; HttpOnly; SameSite=Strict" +
                                             (secure ? "; Secure" : ""));
    spdlog::info("http: web sign-in of {}", owner);
    return r;
  }

  WebResponse page(const Target& target) {
    const auto who = session();
    if (!who) return html(401, notice(config_locale(), signed_out(config_locale())));
    const std::string& owner = who->owner;
    const CompiledOwner& compiled = *s_.rules->find_owner(owner);
    const Instant now = s_.clock->now();
    const Date today = compiled.zone.local_date(now);
    OwnerPageView v;
    v.locale = compiled.locale;
    const bool z = zh(v.locale);
    v.owner_name = compiled.name.empty() ? owner : compiled.name;
    v.today = format_date(today);
    v.csrf = web_csrf(s_.key, session_value_);
    v.flash = flash_text(v.locale, target.get("m").value_or(""));
    for (const InteractionKind& k : s_.config->kinds) v.kinds.push_back(k.name);
    v.default_kind = message_touch_kind(*s_.config);

    auto open = owner_open_today(*s_.store, owner, compiled.zone, now, kMaxReminders);
    if (!open) return unavailable(open.error());
    for (const Occurrence& o : *open) {
      WebReminderRow row;
      row.id = o.row_id;
      row.title = o.title;
      row.overdue = o.due < today;
      row.when = (z ? "到期 " : "due ") + format_date(o.due);
      if (row.overdue) row.when += z ? " · 已逾期" : " · overdue";
      if (o.state == OccurrenceState::kSnoozed && o.snoozed_until) {
        row.when += (z ? " · 推迟到 " : " · snoozed until ") +
                    format_time_of_day(compiled.zone.local_time_of_day(*o.snoozed_until));
      }
      if (o.subject.rfind("contact:", 0) == 0) row.contact_id = o.subject.substr(8);
      v.reminders.push_back(std::move(row));
    }

    const Date last{to_sys_days(today) + std::chrono::days{kUpcomingDays - 1}};
    auto days = owner_day_events(*s_.store, *s_.rules, owner, today, last);
    if (!days) return unavailable(days.error());
    std::sort(days->begin(), days->end(), [](const IcsEvent& a, const IcsEvent& b) {
      return std::tie(a.date, a.uid) < std::tie(b.date, b.uid);
    });
    for (const IcsEvent& e : *days) v.days.push_back({format_date(e.date), e.summary});

    if (auto q = target.get("q"); q && !q->empty()) {
      v.searched = true;
      v.query = q->substr(0, kMaxQueryBytes);
      auto contacts = list_owner_contacts(*s_.store, *s_.rules, owner);
      if (!contacts) return unavailable(contacts.error());
      const std::string needle = lower_ascii(v.query);
      for (const Contact& c : *contacts) {
        if (lower_ascii(c.name).find(needle) == std::string::npos &&
            lower_ascii(c.id).find(needle) == std::string::npos) {
          continue;
        }
        if (v.contacts.size() == kMaxResults) {
          v.more_contacts = true;
          break;
        }
        v.contacts.push_back({c.id, c.name, c.account.empty() ? c.id : c.id + " · " + c.account});
      }
    }
    return html(200, render_owner_page(v));
  }

  WebResponse unavailable(const Error& e) {
    report_database_error(s_.database_errors, "web page", e);
    const bool z = zh(config_locale());
    return html(503,
                notice(config_locale(), {z ? "暂时不可用" : "Not available right now",
                                         z ? "数据库暂时无法访问，请稍后再试。"
                                           : "The database is not reachable; try again shortly.",
                                         "", ""}));
  }

  // The POST's form when the session and its CSRF field are right; otherwise
  // the refusal to send (401 / 403 / 400).
  std::variant<Target, WebResponse> checked_form(std::optional<WebClaim>& who) {
    who = session();
    if (!who) return html(401, notice(config_locale(), signed_out(config_locale())));
    auto form = parse_target("/?" + std::string(req_.body));
    const Locale locale = owner_locale(who->owner);
    const bool z = zh(locale);
    const Text forbidden{z ? "表单已失效" : "This form has expired",
                         z ? "请重新打开页面再试，没有做任何更改。"
                           : "Reload the page and try again; nothing was changed.",
                         "./", z ? "打开页面" : "Open the page"};
    const auto csrf = form ? form->get("csrf") : std::nullopt;
    if (!csrf || !web_csrf_matches(s_.key, session_value_, *csrf)) {
      return html(403, notice(locale, forbidden));
    }
    return std::move(*form);
  }

  WebResponse refused(Locale locale, int status, std::string_view explanation) {
    const bool z = zh(locale);
    return html(status, notice(locale, {z ? "无法执行" : "Cannot do this", std::string(explanation),
                                        "./", z ? "返回" : "Back"}));
  }

  WebResponse act() {
    std::optional<WebClaim> who;
    auto checked = checked_form(who);
    if (auto* r = std::get_if<WebResponse>(&checked)) return std::move(*r);
    const Target& form = std::get<Target>(checked);
    const Locale locale = owner_locale(who->owner);
    const bool z = zh(locale);
    const std::string action = form.get("action").value_or("");
    const std::string id_text = form.get("reminder").value_or("");
    RowId id = 0;
    const auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
    if (id_text.empty() || ec != std::errc{} || end != id_text.data() + id_text.size() ||
        (action != "done" && !snooze_duration(action))) {
      return refused(
          locale, 400,
          z ? "请求无效，没有做任何更改。" : "The request is not valid; nothing was changed.");
    }
    auto reminder = s_.store->get_occurrence(id);
    if (!reminder || reminder->owner != who->owner) {
      if (!reminder && reminder.error().code() != ErrorCode::kNotFound) {
        return unavailable(reminder.error());
      }
      return refused(locale, 404, z ? "没有这个提醒。" : "There is no such reminder.");
    }
    const Instant now = s_.clock->now();
    auto prepared = prepare_link_action(*s_.rules, *s_.config, *reminder, action, now);
    if (!prepared) return refused(locale, 409, prepared.error().message());
    if (auto st = commit_link_action(*s_.store, *s_.config, *s_.rules, *s_.clock, *prepared); !st)
      return unavailable(st.error());
    spdlog::info("http: #{} {} from the web page of {}", id, action, who->owner);
    return redirect(action == "done" ? "./?m=done" : "./?m=snoozed");
  }

  WebResponse touch() {
    std::optional<WebClaim> who;
    auto checked = checked_form(who);
    if (auto* r = std::get_if<WebResponse>(&checked)) return std::move(*r);
    const Target& form = std::get<Target>(checked);
    const Locale locale = owner_locale(who->owner);
    const bool z = zh(locale);
    const std::string id = form.get("contact").value_or("");
    const InteractionKind* kind = s_.config->find_kind(form.get("kind").value_or(""));
    const std::string note = form.get("note").value_or("");
    if (id.empty() || kind == nullptr || note.size() > actions::kMaxTouchNoteBytes) {
      return refused(locale, 400,
                     z ? "请选择联系方式（备注不超过 4000 字节），没有做任何更改。"
                       : "Choose a kind (and keep the note under 4000 bytes); "
                         "nothing was changed.");
    }
    auto contact = s_.store->get_contact(id);
    const std::string& default_owner = s_.rules->default_owner().id;
    if (!contact || contact->archived ||
        (contact->owner.empty() ? default_owner : contact->owner) != who->owner) {
      if (!contact && contact.error().code() != ErrorCode::kNotFound) {
        return unavailable(contact.error());
      }
      return refused(locale, 404, z ? "没有这个联系人。" : "There is no such contact.");
    }
    actions::TouchRequest request;
    request.contact = contact->id;
    request.kind = kind->name;
    request.note = note;
    request.source = "web";
    // The touch and what it resolves in one transaction (the page shows the
    // result at once), by the same rules as every other way in.
    auto done = actions::log_touch(*s_.store, *s_.config, s_.rules.get(), *s_.clock, request);
    if (!done) {
      if (done.error().code() == ErrorCode::kInvalidInput) {
        return refused(locale, 400,
                       z ? "备注里有不允许的字符，没有做任何更改。"
                         : "The note holds characters that are not allowed; nothing was changed.");
      }
      return unavailable(done.error());
    }
    const std::size_t resolved = done->resolved.size();
    spdlog::info("http: touch {} {} from the web page of {} ({} resolved)", contact->id, kind->name,
                 who->owner, resolved);
    return redirect(resolved > 0 ? "./?m=touch-resolved" : "./?m=touch");
  }

  const RouterState& s_;
  const WebRequest& req_;
  std::string session_value_;
};

}  // namespace

WebResponse handle_web(const RouterState& state, const WebRequest& req) {
  try {
    return Web(state, req).handle();
  } catch (const std::exception& e) {
    spdlog::error("http: web page: {}", e.what());
    return html(500, "internal error\n");
  }
}

}  // namespace cadence::http
