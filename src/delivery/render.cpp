// render_message(): occurrence + details_json -> mustache -> Message.
#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <sstream>

#include "cadence/delivery.hpp"
#include "delivery/channels/service.hpp"
#include "delivery/templates.hpp"

namespace cadence {
namespace {

namespace mu = kainjow::mustache;

mu::data to_data(const nlohmann::json& j) {
  if (j.is_object()) {
    mu::data d{mu::data::type::object};
    for (auto it = j.begin(); it != j.end(); ++it) d.set(it.key(), to_data(it.value()));
    return d;
  }
  if (j.is_array()) {
    mu::data d{mu::data::type::list};
    for (const auto& e : j) d.push_back(to_data(e));
    return d;
  }
  if (j.is_boolean()) return mu::data{j.get<bool>()};
  if (j.is_string()) return mu::data{j.get<std::string>()};
  if (j.is_number_integer()) return mu::data{std::to_string(j.get<long long>())};
  if (j.is_number()) {
    std::ostringstream s;
    s << j.get<double>();
    return mu::data{s.str()};
  }
  return mu::data{false};  // null: treated as absent by sections
}

std::string str_field(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

// Digest items grouped by account, in first-seen order.
nlohmann::json group_by_account(const nlohmann::json& items, bool cn) {
  nlohmann::json accounts = nlohmann::json::array();
  for (const auto& item : items) {
    if (!item.is_object()) continue;
    std::string name = str_field(item, "account");
    if (name.empty()) name = cn ? "其他" : "Other";
    auto found = std::find_if(accounts.begin(), accounts.end(),
                              [&](const nlohmann::json& a) { return a["name"] == name; });
    if (found == accounts.end()) {
      accounts.push_back({{"name", name}, {"items", nlohmann::json::array()}});
      found = accounts.end() - 1;
    }
    (*found)["items"].push_back(item);
  }
  return accounts;
}

Result<delivery::TemplatePair> choose_template(const Occurrence& occ, const ChannelSpec& ch,
                                               Locale locale) {
  delivery::TemplatePair t = delivery::builtin_template(occ.kind, locale);
  auto option = [&](const std::string& key) -> std::string {
    auto specific = ch.options.find(key + "_" + to_string(occ.kind));
    if (specific != ch.options.end()) return specific->second;
    auto general = ch.options.find(key);
    return general == ch.options.end() ? "" : general->second;
  };
  if (std::string file = option("template_file"); !file.empty()) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Error::config("channel '" + ch.id + "': cannot read template_file " + file);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string content = buffer.str();
    auto sep = content.find("\n---\n");
    if (sep == std::string::npos) {
      return Error::config("channel '" + ch.id + "': template_file " + file +
                           " must hold a title line, a '---' line, then the text");
    }
    t.title = content.substr(0, sep);
    t.text = content.substr(sep + 5);
  }
  if (std::string v = option("template_title"); !v.empty()) t.title = v;
  if (std::string v = option("template_text"); !v.empty()) t.text = v;
  return t;
}

Result<std::string> render(const std::string& source, const mu::data& data, const std::string& id) {
  try {
    mu::mustache tmpl{source};
    if (!tmpl.is_valid()) {
      return Error::config("channel '" + id + "': template error: " + tmpl.error_message());
    }
    // Plain text and chat markup: no HTML escaping here (HTML is built later).
    tmpl.set_custom_escape([](const std::string& s) { return s; });
    std::string out = tmpl.render(data);
    if (!tmpl.is_valid()) {
      return Error::config("channel '" + id + "': template error: " + tmpl.error_message());
    }
    return out;
  } catch (const std::exception& e) {
    return Error::config("channel '" + id + "': template error: " + e.what());
  }
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

}  // namespace

Result<Message> render_message(const Occurrence& occ, const ChannelSpec& ch, Locale locale) {
  return render_message(occ, ch, locale, {});
}

Result<Message> render_message(const Occurrence& occ, const ChannelSpec& ch, Locale locale,
                               const std::vector<MessageLink>& links) {
  const bool cn = locale == Locale::kZhCN;
  nlohmann::json details = nlohmann::json::object();
  if (!occ.details_json.empty()) {
    details = nlohmann::json::parse(occ.details_json, nullptr, false);
    if (!details.is_object()) details = nlohmann::json::object();
  }
  // The engine's field names (src/engine/text.cpp) mapped to the names the
  // templates use: display names win over ids; "title" is the contact's job
  // title there, the reminder's one line here.
  auto first_of = [&](std::initializer_list<const char*> keys) {
    for (const char* k : keys) {
      if (std::string v = str_field(details, k); !v.empty()) return v;
    }
    return std::string();
  };
  std::string contact = first_of({"contact_name", "contact"});
  std::string account = first_of({"account_name", "account"});
  std::string job_title = first_of({"job_title", "title"});
  if (!contact.empty()) details["contact"] = contact;
  if (!account.empty()) details["account"] = account;
  if (!job_title.empty()) details["job_title"] = job_title;
  if (!details.contains("days_since_touch") && details.contains("last_touch_days_ago")) {
    details["days_since_touch"] = details["last_touch_days_ago"];
  }
  if (!details.contains("occasion")) {
    if (std::string o = first_of({"holiday_name", "date_name"}); !o.empty())
      details["occasion"] = o;
  }
  if (occ.kind == ReminderKind::kBirthday && !details.contains("age") &&
      details.contains("years")) {
    details["age"] = details["years"];
  }
  // A grouped reminder (one holiday greeting for all of an owner's contacts,
  // subject "owner:ID") names its contacts in a list, not in `contact`: the
  // body lists them and the draft greeting has no name to put in.
  std::size_t group_size = 0;
  if (contact.empty() && details.contains("contacts") && details["contacts"].is_array()) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : details["contacts"]) {
      if (!c.is_object()) continue;
      std::string name = str_field(c, "name");
      if (name.empty()) name = str_field(c, "id");
      if (name.empty()) continue;
      std::string at = str_field(c, "account_name");
      if (at.empty()) at = str_field(c, "account");
      list.push_back(
          {{"label", at.empty() ? name : (cn ? name + "（" + at + "）" : name + " (" + at + ")")}});
    }
    group_size = list.size();
    if (group_size > 0) {
      details["contact_list"] = std::move(list);
      details["contact_count"] = group_size;
    }
  }
  if (!details.contains("who") && group_size > 0) {
    details["who"] = cn ? std::to_string(group_size) + " 位联系人"
                        : std::to_string(group_size) + (group_size == 1 ? " contact" : " contacts");
  }
  if (!details.contains("who")) {
    std::string who = contact.empty() ? (account.empty() ? occ.title : account) : contact;
    if (!contact.empty() && !account.empty())
      who += cn ? "（" + account + "）" : " (" + account + ")";
    details["who"] = who;
  }
  // Absent (not "") when unknown: mustache treats an empty string as true.
  if (details.contains("greeting_name") && details["greeting_name"] == "") {
    details.erase("greeting_name");
  }
  if (!details.contains("greeting_name") && !contact.empty()) details["greeting_name"] = contact;
  details["title"] = occ.title;
  details["kind"] = to_string(occ.kind);
  details["due"] = format_date(occ.due);
  if (!details.contains("is_today") && details.contains("lead_days") &&
      details["lead_days"].is_number_integer()) {
    details["is_today"] = details["lead_days"].get<long long>() == 0;
  }
  if (!details.contains("is_today")) {
    details["is_today"] =
        std::chrono::floor<std::chrono::days>(occ.fire_at) == std::chrono::sys_days{occ.due};
  }
  details["has_context"] = !account.empty() || details.contains("department") ||
                           !job_title.empty() || details.contains("years_known") ||
                           details.contains("last_deep");
  if (details.contains("items") && details["items"].is_array()) {
    details["count"] = details["items"].size();
    details["accounts"] = group_by_account(details["items"], cn);
  }
  auto tmpl = choose_template(occ, ch, locale);
  if (!tmpl) return tmpl.error();
  mu::data data = to_data(details);
  auto title = render(tmpl->title, data, ch.id);
  if (!title) return title.error();
  auto text = render(tmpl->text, data, ch.id);
  if (!text) return text.error();

  Message m;
  m.title = *title;
  m.text = *text;
  while (!m.text.empty() && m.text.back() == '\n') m.text.pop_back();
  // The weekly review carries its content (src/scheduler/review_content.cpp):
  // email gets the whole review (its own HTML document and its plain text),
  // the console the text, chat services the few-line summary.
  const bool email = ch.kind == ChannelKind::kEmail;
  std::string review_html;
  if (occ.kind == ReminderKind::kReview) {
    const bool whole = email || ch.kind == ChannelKind::kConsole;
    if (std::string body = str_field(details, whole ? "review_text" : "review_summary");
        !body.empty()) {
      m.text = std::move(body);
      while (!m.text.empty() && m.text.back() == '\n') m.text.pop_back();
    }
    if (email) review_html = str_field(details, "review_html");
  }
  // The links go after the body in every form; they are never cut, so the
  // body's budget leaves room for the longer of their text and Markdown.
  std::string text_links;
  std::string markdown_links;
  std::string html_links;
  for (const MessageLink& link : links) {
    text_links += "\n" + link.label + ": " + link.url;
    markdown_links += (markdown_links.empty() ? "" : " · ") + std::string("[") + link.label + "](" +
                      link.url + ")";
    html_links += "<a href=\"" + delivery::html_escape(link.url) +
                  "\" style=\"display:inline-block;margin:0 .4em .4em 0;padding:.45em .9em;"
                  "border-radius:.3em;background:#2563eb;color:#fff;text-decoration:none\">" +
                  delivery::html_escape(link.label) + "</a>";
  }
  const std::size_t links_bytes =
      links.empty() ? 0 : std::max(text_links.size(), markdown_links.size()) + 2;
  // The size limit applies to what the service shows: title line + body.
  std::size_t title_bytes = m.title.size() + 1 + links_bytes;
  std::size_t title_chars = title_bytes;  // over-estimate for non-ASCII titles: safe
  auto budget = [&](std::size_t limit, std::size_t used) {
    return limit == 0 ? 0 : (limit > used + 64 ? limit - used : 64);
  };
  m.text = delivery::truncate_with_note(m.text, budget(ch.max_text_bytes, title_bytes + 8),
                                        budget(ch.max_text_chars, title_chars + 8),
                                        cn ? "\n…（内容过长，已截断）" : "\n… (truncated)");
  m.markdown = replace_all(m.text, "\n", "  \n");
  m.html = "<!DOCTYPE html><html><body><h2>" + delivery::html_escape(m.title) + "</h2><p>" +
           replace_all(delivery::html_escape(m.text), "\n", "<br>\n") + "</p>" +
           (links.empty() ? "" : "\n<p>" + html_links + "</p>") + "</body></html>";
  if (!review_html.empty()) {
    if (!links.empty()) {
      const std::size_t end = review_html.rfind("</body>");
      review_html.insert(end == std::string::npos ? review_html.size() : end,
                         "<p style=\"padding:0 20px;\">" + html_links + "</p>\n");
    }
    m.html = std::move(review_html);
  }
  if (!links.empty()) {
    m.text += "\n" + text_links;
    m.markdown += "\n\n" + markdown_links;
  }
  m.created = occ.fired_at.value_or(occ.fire_at);
  return m;
}

}  // namespace cadence
