#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cadence/delivery.hpp"
#include "temp_dir.hpp"

namespace cadence {
namespace {

using std::chrono::seconds;

Occurrence cadence_occurrence() {
  Occurrence o;
  o.key = "keep-in-touch|contact:li-wei|2026-08-20";
  o.kind = ReminderKind::kCadence;
  o.title = "Call 李伟";
  o.due = Date{std::chrono::year{2026}, std::chrono::month{8}, std::chrono::day{20}};
  o.fire_at = std::chrono::sys_days{o.due} + std::chrono::hours{1};
  o.details_json = R"({"contact":"李伟","account":"阿克米科技","department":"采购部",
    "job_title":"总监","days_since_touch":23,"target_days":14,"years_known":6,
    "last_deep":"2026-05-02"})";
  return o;
}

ChannelSpec console_channel() {
  ChannelSpec c;
  c.id = "console";
  c.kind = ChannelKind::kConsole;
  return c;
}

TEST(Render, CadenceInChineseSaysWhoWhyAndContext) {
  auto m = render_message(cadence_occurrence(), console_channel(), Locale::kZhCN);
  ASSERT_TRUE(m) << m.error().message();
  EXPECT_EQ(m->title, "联系提醒：李伟（阿克米科技）");
  EXPECT_NE(m->text.find("距上次联系已 23 天（目标 14 天）"), std::string::npos) << m->text;
  EXPECT_NE(m->text.find("阿克米科技 · 采购部 · 总监；相识 6 年；上次深入交流：2026-05-02"),
            std::string::npos)
      << m->text;
  EXPECT_NE(m->html.find("<h2>联系提醒：李伟（阿克米科技）</h2>"), std::string::npos);
}

TEST(Render, CadenceInEnglish) {
  auto m = render_message(cadence_occurrence(), console_channel(), Locale::kEn);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->title, "Keep in touch: 李伟 (阿克米科技)");
  EXPECT_NE(m->text.find("Why now: last touch 23 days ago, target 14 d."), std::string::npos)
      << m->text;
  EXPECT_NE(m->text.find("known 6 years; last deep conversation 2026-05-02"), std::string::npos);
}

TEST(Render, BirthdayHasADraftForTheSalesperson) {
  Occurrence o = cadence_occurrence();
  o.kind = ReminderKind::kBirthday;
  o.details_json = R"({"contact":"李伟","lunar":true})";
  auto zh = render_message(o, console_channel(), Locale::kZhCN);
  ASSERT_TRUE(zh);
  EXPECT_NE(zh->title.find("今天农历生日"), std::string::npos) << zh->title;
  EXPECT_NE(zh->text.find("「李伟，生日快乐！"), std::string::npos) << zh->text;
  EXPECT_NE(zh->text.find("请按你们的关系改写后亲自发送"), std::string::npos);
  auto en = render_message(o, console_channel(), Locale::kEn);
  ASSERT_TRUE(en);
  EXPECT_NE(en->text.find("\"Happy birthday, 李伟!"), std::string::npos) << en->text;
}

// The engine's grouped holiday reminder (plan_holidays: subject "owner:ID",
// details with a `contacts` list and no single contact). The demo printed
// "「，演示节日快乐！": greeting_name was empty and the template put it first.
Occurrence grouped_holiday() {
  Occurrence o;
  o.key = "festival|owner:zhang|2026-08-20";
  o.kind = ReminderKind::kHoliday;
  o.subject = "owner:zhang";
  o.owner = "zhang";
  o.title = "演示节日今天：问候 2 位联系人：李伟（阿克米）、王芳";
  o.due = Date{std::chrono::year{2026}, std::chrono::month{8}, std::chrono::day{20}};
  o.fire_at = std::chrono::sys_days{o.due} + std::chrono::hours{1};
  o.details_json =
      nlohmann::json{
          {"why", o.title},
          {"rule", "festival"},
          {"kind", "holiday"},
          {"holiday", "demo"},
          {"holiday_name", "演示节日"},
          {"contacts",
           {{{"id", "li-wei"}, {"name", "李伟"}, {"account", "acme"}, {"account_name", "阿克米"}},
            {{"id", "wang-fang"}, {"name", "王芳"}}}}}
          .dump();
  return o;
}

TEST(Render, GroupedHolidayGreetingListsTheContactsAndHasNoEmptyName) {
  auto zh = render_message(grouped_holiday(), console_channel(), Locale::kZhCN);
  ASSERT_TRUE(zh) << zh.error().message();
  EXPECT_EQ(zh->title, "演示节日问候：2 位联系人");
  EXPECT_EQ(zh->text.find("「，"), std::string::npos) << zh->text;
  EXPECT_NE(zh->text.find("「演示节日快乐！感谢一直以来的支持"), std::string::npos) << zh->text;
  EXPECT_NE(zh->text.find("要问候的 2 位联系人：\n- 李伟（阿克米）\n- 王芳\n"), std::string::npos)
      << zh->text;
  EXPECT_NE(zh->text.find("逐一发送时加上对方的称呼"), std::string::npos);
  auto en = render_message(grouped_holiday(), console_channel(), Locale::kEn);
  ASSERT_TRUE(en);
  EXPECT_EQ(en->title, "演示节日 greeting: 2 contacts");
  EXPECT_EQ(en->text.find("Dear ,"), std::string::npos) << en->text;
  EXPECT_NE(en->text.find("\"Happy 演示节日! Thank you"), std::string::npos) << en->text;
  EXPECT_NE(en->text.find("- 李伟 (阿克米)\n- 王芳"), std::string::npos) << en->text;

  // A single contact's greeting still names them.
  Occurrence one = grouped_holiday();
  one.subject = "contact:li-wei";
  one.details_json = R"({"contact":"li-wei","contact_name":"李伟","holiday_name":"中秋节"})";
  auto single = render_message(one, console_channel(), Locale::kZhCN);
  ASSERT_TRUE(single);
  EXPECT_NE(single->text.find("「李伟，中秋节快乐！"), std::string::npos) << single->text;
  auto single_en = render_message(one, console_channel(), Locale::kEn);
  ASSERT_TRUE(single_en);
  EXPECT_NE(single_en->text.find("\"Dear 李伟, Happy 中秋节!"), std::string::npos)
      << single_en->text;
}

TEST(Render, DigestGroupsByAccount) {
  Occurrence o;
  o.kind = ReminderKind::kDigest;
  o.details_json = R"({"items":[
    {"account":"Acme","title":"Call Li Wei","reason":"23 d since last touch"},
    {"account":"Globex","title":"Visit Wang Fang"},
    {"account":"Acme","title":"Birthday: Zhao Lei"}]})";
  auto m = render_message(o, console_channel(), Locale::kEn);
  ASSERT_TRUE(m) << m.error().message();
  EXPECT_EQ(m->title, "Today's reminders (3)");
  EXPECT_EQ(m->text,
            "[Acme]\n- Call Li Wei: 23 d since last touch\n- Birthday: Zhao Lei\n"
            "[Globex]\n- Visit Wang Fang");
}

TEST(Render, SizeLimitTruncatesWithANote) {
  Occurrence o = cadence_occurrence();
  o.details_json = nlohmann::json{{"contact", "李伟"}, {"reason", std::string(5000, 'x')}}.dump();
  ChannelSpec discord = console_channel();
  discord.max_text_chars = 2000;
  auto m = render_message(o, discord, Locale::kEn);
  ASSERT_TRUE(m);
  EXPECT_LT(m->text.size() + m->title.size(), 2000u);
  EXPECT_TRUE(m->text.ends_with("… (truncated)"));
  ChannelSpec wecom = console_channel();
  wecom.max_text_bytes = 4096;
  std::string reason(3000, 'x');
  reason.append("联系");
  reason.append(3000, 'y');
  o.details_json = nlohmann::json{{"contact", "李伟"}, {"reason", reason}}.dump();
  auto w = render_message(o, wecom, Locale::kZhCN);
  ASSERT_TRUE(w);
  EXPECT_LE(w->text.size() + w->title.size() + 1, 4096u);
  EXPECT_TRUE(w->text.ends_with("（内容过长，已截断）"));
}

TEST(Render, UserOverridesInlineAndFile) {
  ChannelSpec c = console_channel();
  c.options["template_title"] = "{{who}} — {{days_since_touch}}d";
  auto m = render_message(cadence_occurrence(), c, Locale::kEn);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->title, "李伟 (阿克米科技) — 23d");
  testing::TempDir dir;
  std::string file = dir.write("t.mustache", "T {{contact}}\n---\nBody {{account}}\n");
  ChannelSpec f = console_channel();
  f.options["template_file_birthday"] = file;  // only birthdays use it
  Occurrence b = cadence_occurrence();
  b.kind = ReminderKind::kBirthday;
  auto mb = render_message(b, f, Locale::kEn);
  ASSERT_TRUE(mb);
  EXPECT_EQ(mb->title, "T 李伟");
  EXPECT_EQ(mb->text, "Body 阿克米科技");
  auto mc = render_message(cadence_occurrence(), f, Locale::kEn);
  ASSERT_TRUE(mc);
  EXPECT_EQ(mc->title, "Keep in touch: 李伟 (阿克米科技)");
  c.options["template_text"] = "{{#unclosed}}";
  auto bad = render_message(cadence_occurrence(), c, Locale::kEn);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message().find("template"), std::string::npos);
}

std::vector<MessageLink> sample_links() {
  return {{"Mark done", "https://c.example/a/DONE.sig"},
          {"Snooze 1 day", "https://c.example/a/S1D.sig"},
          {"Log a touch (call)", "https://c.example/a/TOUCH.sig"}};
}

TEST(Render, LinksFollowTheBodyInTextMarkdownAndHtml) {
  auto plain = render_message(cadence_occurrence(), console_channel(), Locale::kEn);
  auto m = render_message(cadence_occurrence(), console_channel(), Locale::kEn, sample_links());
  ASSERT_TRUE(plain && m);
  EXPECT_EQ(m->title, plain->title);
  EXPECT_EQ(m->text,
            plain->text +
                "\n\nMark done: https://c.example/a/DONE.sig\nSnooze 1 day: "
                "https://c.example/a/S1D.sig\nLog a touch (call): https://c.example/a/TOUCH.sig");
  EXPECT_TRUE(m->markdown.ends_with(
      "\n\n[Mark done](https://c.example/a/DONE.sig) · [Snooze 1 day](https://c.example/a/S1D.sig)"
      " · [Log a touch (call)](https://c.example/a/TOUCH.sig)"))
      << m->markdown;
  EXPECT_NE(m->html.find("<a href=\"https://c.example/a/S1D.sig\""), std::string::npos);
  EXPECT_NE(m->html.find(">Snooze 1 day</a>"), std::string::npos);
  EXPECT_TRUE(m->html.ends_with("</p></body></html>"));
  // Without links the output is what it always was.
  auto none = render_message(cadence_occurrence(), console_channel(), Locale::kEn, {});
  ASSERT_TRUE(none);
  EXPECT_EQ(none->text, plain->text);
  EXPECT_EQ(none->html, plain->html);
  EXPECT_EQ(none->markdown, plain->markdown);
}

TEST(Render, LinksAreNeverTruncatedAndTheWholeFitsTheLimit) {
  Occurrence o = cadence_occurrence();
  o.details_json = nlohmann::json{{"contact", "李伟"}, {"reason", std::string(5000, 'x')}}.dump();
  ChannelSpec wecom = console_channel();
  wecom.max_text_bytes = 2048;
  auto m = render_message(o, wecom, Locale::kEn, sample_links());
  ASSERT_TRUE(m);
  EXPECT_LE(m->text.size() + m->title.size() + 1, 2048u);
  EXPECT_LE(m->markdown.size() + m->title.size() + 1, 2048u + 64u);  // "  \n" line breaks
  EXPECT_TRUE(m->text.ends_with("Log a touch (call): https://c.example/a/TOUCH.sig")) << m->text;
  EXPECT_NE(m->text.find("… (truncated)\n\nMark done: "), std::string::npos);
}

// The weekly review reminder carries its content (the scheduler put it in the
// details when it fired): email sends the review's HTML document and text,
// chat the summary, and the action links still follow.
TEST(Render, WeeklyReviewSendsItsContentWholeByEmailAndTheSummaryToChat) {
  Occurrence o;
  o.key = "weekly-review|owner:zhang|2027-03-08";
  o.kind = ReminderKind::kReview;
  o.title = "Weekly relationship review, 2027-03-08";
  o.due = Date{std::chrono::year{2027}, std::chrono::month{3}, std::chrono::day{8}};
  o.fire_at = std::chrono::sys_days{o.due};
  o.details_json = nlohmann::json{{"rule", "weekly-review"},
                                  {"review_text", "Relationship review: Zhang\nCooling: li\n"},
                                  {"review_html",
                                   "<!DOCTYPE html>\n<html lang=\"en\"><body><table><tr><td>"
                                   "Cooling: li</td></tr></table></body></html>\n"},
                                  {"review_summary", "Relationship review: Zhang\n1 overdue\n"}}
                       .dump();
  ChannelSpec email;
  email.id = "mail";
  email.kind = ChannelKind::kEmail;
  auto mail = render_message(o, email, Locale::kEn, sample_links());
  ASSERT_TRUE(mail) << mail.error().message();
  EXPECT_TRUE(mail->text.starts_with("Relationship review: Zhang\nCooling: li\n\nMark done: "))
      << mail->text;
  EXPECT_TRUE(mail->html.starts_with("<!DOCTYPE html>\n<html lang=\"en\"><body><table>"))
      << mail->html;
  EXPECT_NE(mail->html.find("<a href=\"https://c.example/a/DONE.sig\""), std::string::npos);
  EXPECT_TRUE(mail->html.ends_with("</p>\n</body></html>\n")) << mail->html;

  ChannelSpec chat;
  chat.id = "team-chat";
  chat.kind = ChannelKind::kSlack;
  auto short_form = render_message(o, chat, Locale::kEn);
  ASSERT_TRUE(short_form);
  EXPECT_EQ(short_form->text, "Relationship review: Zhang\n1 overdue");
  EXPECT_EQ(short_form->html.find("<table>"), std::string::npos);

  auto console = render_message(o, console_channel(), Locale::kEn);
  ASSERT_TRUE(console);
  EXPECT_EQ(console->text, "Relationship review: Zhang\nCooling: li");

  // Fired without content (the review could not be computed): the plain wording.
  o.details_json = R"({"rule":"weekly-review","review_error":"database is locked"})";
  auto bare = render_message(o, email, Locale::kEn);
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->text, "Relationships worth a look this week.");
}

}  // namespace
}  // namespace cadence
