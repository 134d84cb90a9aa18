#include "import/vcard_import.hpp"

#include "cadence/crypto.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "cadence/actions.hpp"
#include "import/fields.hpp"
#include "import/slug.hpp"
#include "import/text_decode.hpp"

namespace cadence::import {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

struct Property {
  int line = 0;
  std::string group;                               // "item1" in "item1.X-ABDATE"
  std::string name;                                // upper case
  std::multimap<std::string, std::string> params;  // upper-case names; bare 2.1 params as TYPE
  std::string raw;                                 // value as written (after unfolding)

  std::optional<std::string> param(const std::string& key) const {
    auto it = params.find(key);
    if (it == params.end()) return std::nullopt;
    return it->second;
  }
  bool quoted_printable() const {
    auto e = param("ENCODING");
    return e && upper(*e) == "QUOTED-PRINTABLE";
  }
  bool base64() const {
    auto e = param("ENCODING");
    return e && (upper(*e) == "BASE64" || upper(*e) == "B");
  }
};

// Splits "NAME;P1=V;P2:value" at the first ':' outside double quotes.
std::optional<Property> parse_property(std::string_view line, int line_no) {
  bool quoted = false;
  std::size_t colon = std::string_view::npos;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') quoted = !quoted;
    if (line[i] == ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  Property p;
  p.line = line_no;
  p.raw = std::string(line.substr(colon + 1));
  std::string_view head = line.substr(0, colon);
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  quoted = false;
  for (std::size_t i = 0; i <= head.size(); ++i) {
    if (i < head.size() && head[i] == '"') quoted = !quoted;
    if (i == head.size() || (head[i] == ';' && !quoted)) {
      parts.push_back(head.substr(start, i - start));
      start = i + 1;
    }
  }
  std::string_view name = parts.front();
  if (auto dot = name.find('.'); dot != std::string_view::npos) {
    p.group = std::string(name.substr(0, dot));
    name.remove_prefix(dot + 1);
  }
  p.name = upper(name);
  for (std::size_t i = 1; i < parts.size(); ++i) {
    auto eq = parts[i].find('=');
    if (eq == std::string_view::npos) {
      // vCard 2.1 bare parameters: "QUOTED-PRINTABLE", "BASE64", "HOME", "CELL".
      const std::string bare = upper(parts[i]);
      if (bare == "QUOTED-PRINTABLE" || bare == "BASE64") {
        p.params.emplace("ENCODING", bare);
      } else {
        p.params.emplace("TYPE", bare);
      }
      continue;
    }
    std::string value(parts[i].substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    p.params.emplace(upper(parts[i].substr(0, eq)), value);
  }
  return p;
}

Result<std::string> decode_quoted_printable(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '=') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) {
      return Error::invalid_input("truncated quoted-printable escape at the end of the value");
    }
    const int hi = crypto::hex_digit_value(s[i + 1]), lo = crypto::hex_digit_value(s[i + 2]);
    if (hi < 0 || lo < 0) {
      return Error::invalid_input("bad quoted-printable escape '" + std::string(s.substr(i, 3)) +
                                  "'");
    }
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

Result<std::string> decode_base64(std::string_view s) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : s) {
    if (c == '=' || c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    const auto pos = kAlphabet.find(c);
    if (pos == std::string::npos) return Error::invalid_input("bad base64 character");
    buffer = (buffer << 6) | static_cast<unsigned>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// Splits on unescaped `sep` and resolves backslash escapes (\n \, \; \\).
std::vector<std::string> split_escaped(std::string_view s, char sep) {
  std::vector<std::string> out(1);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\\' && i + 1 < s.size()) {
      const char n = s[++i];
      out.back() += (n == 'n' || n == 'N') ? '\n' : n;
    } else if (c == sep) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

std::string unescape(std::string_view s) {
  std::string out;
  for (const auto& part : split_escaped(s, '\0')) out += part;
  return out;
}

struct Card {
  int begin_line = 0;
  std::vector<Property> props;
};

struct CardBuilder {
  const std::string& file;
  const VcardCharset& charset;
  bool& used_fallback;
  ImportRecord rec;
  std::vector<ImportProblem> problems;
  std::vector<std::string>& warnings;

  void problem(const Property& p, const std::string& message) {
    problems.push_back({file, p.line, p.name, message});
  }
};

// The decoded text value of a property: transfer encoding, then charset,
// each applied once. `charset` says how values without CHARSET= are encoded;
// `used_fallback` is set when one was converted from it.
Result<std::string> decoded_value(const Property& p, const VcardCharset& charset,
                                  bool& used_fallback) {
  std::string bytes = p.raw;
  if (p.quoted_printable()) {
    auto qp = decode_quoted_printable(bytes);
    if (!qp) return qp.error();
    bytes = std::move(*qp);
  } else if (p.base64()) {
    auto b64 = decode_base64(bytes);
    if (!b64) return b64.error();
    bytes = std::move(*b64);
  }
  std::optional<std::string> from;
  if (auto declared = p.param("CHARSET")) {
    const std::string cs = upper(*declared);
    if (cs != "UTF-8" && cs != "UTF8" && cs != "US-ASCII") from = *declared;
  } else if (!charset.charset.empty() &&
             (charset.forced || find_invalid_utf8(bytes) != std::string::npos)) {
    from = charset.charset;
    used_fallback = true;
  }
  if (from) {
    auto converted = convert_charset(bytes, *from);
    if (!converted) return converted.error();
    bytes = std::move(*converted);
  }
  if (find_invalid_utf8(bytes) != std::string::npos) {
    return Error::invalid_input("value is not valid UTF-8 (missing CHARSET parameter?)");
  }
  return bytes;
}

std::string apple_label(std::string label) {
  // "_$!<Anniversary>!$_" -> "Anniversary"
  if (label.rfind("_$!<", 0) == 0 && label.size() > 8) label = label.substr(4, label.size() - 8);
  return label;
}

void build_card(const Card& card, CardBuilder& b) {
  Contact& c = b.rec.contact;
  std::map<std::string, std::string> labels;  // group -> X-ABLabel
  for (const auto& p : card.props) {
    if (p.name == "X-ABLABEL" && !p.group.empty()) {
      if (auto v = decoded_value(p, b.charset, b.used_fallback))
        labels[p.group] = apple_label(unescape(*v));
    }
  }
  std::string structured_name;
  bool name_undecodable = false;  // already a problem: "no name" would only repeat it
  for (const auto& p : card.props) {
    const bool wanted = p.name == "FN" || p.name == "N" || p.name == "ORG" || p.name == "TITLE" ||
                        p.name == "BDAY" || p.name == "X-ALTBDAY" || p.name == "ANNIVERSARY" ||
                        p.name == "X-ANNIVERSARY" || p.name == "X-ABDATE" ||
                        p.name == "CATEGORIES" || p.name == "EMAIL" || p.name == "TEL" ||
                        p.name == "NOTE";
    if (!wanted) continue;
    auto value = decoded_value(p, b.charset, b.used_fallback);
    if (!value) {
      b.problem(p, value.error().message());
      if (p.name == "FN" || p.name == "N" || p.name == "ORG") name_undecodable = true;
      continue;
    }
    const std::string& v = *value;
    if (p.name == "FN") {
      c.name = trim(unescape(v));
    } else if (p.name == "N") {
      auto parts = split_escaped(v, ';');
      parts.resize(std::max<std::size_t>(parts.size(), 3));
      const std::string family = trim(parts[0]), given = trim(parts[1]), middle = trim(parts[2]);
      const bool cjk = std::any_of(family.begin(), family.end(),
                                   [](char ch) { return static_cast<unsigned char>(ch) >= 0xE3; });
      if (cjk) {
        structured_name = family + middle + given;
      } else {
        for (const auto* part : {&given, &middle, &family}) {
          if (part->empty()) continue;
          if (!structured_name.empty()) structured_name += ' ';
          structured_name += *part;
        }
      }
    } else if (p.name == "ORG") {
      auto parts = split_escaped(v, ';');
      b.rec.company = trim(parts[0]);
      std::string dept;
      for (std::size_t i = 1; i < parts.size(); ++i) {
        const std::string unit = trim(parts[i]);
        if (unit.empty()) continue;
        if (!dept.empty()) dept += " / ";
        dept += unit;
      }
      if (!dept.empty()) {
        c.department = dept;
        b.rec.given.insert("department");
      }
      if (!b.rec.company.empty()) b.rec.given.insert("account");
    } else if (p.name == "TITLE") {
      c.title = trim(unescape(v));
      if (!c.title.empty()) b.rec.given.insert("title");
    } else if (p.name == "BDAY") {
      // vCard 4.0 allows a text birthday ("circa 1800"): nothing to remind of,
      // but no reason to refuse the card.
      if (auto kind = p.param("VALUE"); kind && upper(*kind) == "TEXT") {
        b.warnings.push_back(b.file + ":" + std::to_string(p.line) + ": BDAY;VALUE=text '" +
                             trim(unescape(v)) + "' ignored (not a date)");
        continue;
      }
      std::string text = trim(v);
      auto bday = parse_birthday(text);
      if (!bday) {
        b.problem(p, bday.error().message());
        continue;
      }
      // Apple writes a year-less birthday as year 1604 with X-APPLE-OMIT-YEAR=1604.
      if (auto omit = p.param("X-APPLE-OMIT-YEAR");
          omit && bday->year && std::to_string(*bday->year) == trim(*omit)) {
        bday->year.reset();
      }
      c.birthday = *bday;
      b.rec.given.insert("birthday");
    } else if (p.name == "X-ALTBDAY") {
      auto calscale = p.param("CALSCALE");
      if (!calscale || upper(*calscale) != "CHINESE") {
        b.warnings.push_back(b.file + ":" + std::to_string(p.line) +
                             ": X-ALTBDAY in a calendar other than chinese ignored");
        continue;
      }
      auto lunar = parse_apple_lunar(v);
      if (!lunar) {
        b.problem(p, lunar.error().message());
        continue;
      }
      c.lunar_birthday = *lunar;
      b.rec.given.insert("lunar_birthday");
    } else if (p.name == "ANNIVERSARY" || p.name == "X-ANNIVERSARY" || p.name == "X-ABDATE") {
      std::string name = "anniversary";
      if (p.name == "X-ABDATE") {
        auto label = labels.find(p.group);
        if (label != labels.end()) {
          const std::string slug = make_slug(label->second);
          if (!slug.empty()) name = slug == "other" ? "date" : slug;
        }
      }
      if (auto omit = p.param("X-APPLE-OMIT-YEAR")) {
        b.warnings.push_back(b.file + ":" + std::to_string(p.line) + ": " + p.name +
                             " without a year ignored (cadence dates need a year)");
        continue;
      }
      auto date = parse_birthday(trim(v));
      if (!date) {
        b.problem(p, date.error().message());
        continue;
      }
      if (!date->year) {
        b.warnings.push_back(b.file + ":" + std::to_string(p.line) + ": " + p.name +
                             " without a year ignored (cadence dates need a year)");
        continue;
      }
      c.dates.push_back({name, Date{std::chrono::year{*date->year}, std::chrono::month{date->month},
                                    std::chrono::day{date->day}}});
      b.rec.given.insert("dates");
    } else if (p.name == "CATEGORIES") {
      for (const auto& tag : split_escaped(v, ',')) {
        std::string t = trim(tag);
        if (!t.empty() && std::find(c.tags.begin(), c.tags.end(), t) == c.tags.end()) {
          c.tags.push_back(t);
        }
      }
      if (!c.tags.empty()) b.rec.given.insert("tags");
    } else if (p.name == "EMAIL") {
      std::string e = trim(unescape(v));
      if (e.empty()) continue;
      // The importer checks every contact with actions::normalized_contact;
      // here too, so the problem names this property's line.
      if (!actions::is_email_address(e)) {
        b.problem(p, "'" + e + "' is not an email address (local@domain)");
        continue;
      }
      c.emails.push_back(e);
      b.rec.given.insert("emails");
    } else if (p.name == "TEL") {
      std::string t = trim(unescape(v));
      if (t.rfind("tel:", 0) == 0) t = t.substr(4);
      if (t.empty()) continue;
      c.phones.push_back(t);
      b.rec.given.insert("phones");
    } else if (p.name == "NOTE") {
      std::string note = unescape(v);
      if (note.empty()) continue;
      if (!c.notes.empty()) c.notes += '\n';
      c.notes += note;
      b.rec.given.insert("notes");
    }
  }
  if (c.name.empty()) c.name = structured_name;
  if (c.name.empty()) c.name = b.rec.company;  // a company card (Outlook)
  if (c.name.empty() && !name_undecodable) {
    b.problems.push_back({b.file, card.begin_line, "FN", "the card has no name (FN, N or ORG)"});
  } else if (!c.name.empty()) {
    b.rec.given.insert("name");
  }
}

struct PhysicalLine {
  int number;
  std::string_view text;
};

std::vector<PhysicalLine> split_physical_lines(std::string_view text) {
  std::vector<PhysicalLine> lines;
  int number = 1;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    std::string_view line =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back({number++, line});
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

bool starts_with_upper(std::string_view line, std::string_view prefix) {
  return line.size() >= prefix.size() && upper(line.substr(0, prefix.size())) == prefix;
}

}  // namespace

ParsedFile parse_contacts_vcard(std::string_view text, const std::string& file_name,
                                const VcardCharset& charset) {
  ParsedFile out;
  bool used_fallback = false;
  const auto lines = split_physical_lines(text);
  std::optional<Card> card;
  // The logical line being assembled (unfolded) and the line it started on.
  std::string logical;
  int logical_line = 0;
  bool logical_qp = false, logical_b64 = false;

  auto problem = [&](int line, const std::string& message) {
    out.problems.push_back({file_name, line, "", message});
  };
  auto finish_card = [&] {
    CardBuilder b{file_name, charset, used_fallback, {}, {}, out.warnings};
    b.rec.line = card->begin_line;
    build_card(*card, b);
    if (b.problems.empty()) {
      out.records.push_back(std::move(b.rec));
    } else {
      for (auto& p : b.problems) out.problems.push_back(std::move(p));
    }
    card.reset();
  };
  auto flush = [&] {
    if (logical_line == 0) return;
    const std::string line = logical;
    const int number = logical_line;
    logical.clear();
    logical_line = 0;
    if (trim(line).empty()) return;
    if (starts_with_upper(line, "BEGIN:VCARD")) {
      if (card) {
        problem(card->begin_line, "card has no END:VCARD before the next BEGIN:VCARD (line " +
                                      std::to_string(number) + ")");
      }
      card = Card{number, {}};
      return;
    }
    if (starts_with_upper(line, "END:VCARD")) {
      if (!card) {
        problem(number, "END:VCARD without BEGIN:VCARD");
        return;
      }
      finish_card();
      return;
    }
    if (!card) {
      problem(number, "text outside BEGIN:VCARD ... END:VCARD");
      return;
    }
    auto prop = parse_property(line, number);
    if (!prop) {
      problem(number, "not a vCard property (no ':'; a folded line must start with a space)");
      return;
    }
    card->props.push_back(std::move(*prop));
  };

  for (const auto& [number, raw] : lines) {
    const bool continuation = !raw.empty() && (raw[0] == ' ' || raw[0] == '\t');
    if (continuation) {
      if (logical_line == 0 || starts_with_upper(logical, "END:VCARD") ||
          starts_with_upper(logical, "BEGIN:VCARD")) {
        problem(number,
                "broken fold: a continuation line (starting with a space) with no line "
                "before it to continue");
        continue;
      }
      logical.append(raw.substr(1));
      continue;
    }
    // Quoted-printable soft line break: "=" at the end continues on the next line.
    if (logical_line != 0 && logical_qp && !logical.empty() && logical.back() == '=') {
      logical.pop_back();
      logical.append(raw);
      continue;
    }
    // vCard 2.1 base64 bodies may continue on unindented lines until a blank line.
    if (logical_line != 0 && logical_b64 && !raw.empty() &&
        raw.find(':') == std::string_view::npos) {
      logical.append(raw);
      continue;
    }
    flush();
    logical.assign(raw);
    logical_line = number;
    const std::string head = upper(raw.substr(0, raw.find(':')));
    logical_qp = head.find("QUOTED-PRINTABLE") != std::string::npos;
    logical_b64 =
        head.find("BASE64") != std::string::npos || head.find("ENCODING=B") != std::string::npos;
  }
  flush();
  if (card) problem(card->begin_line, "card has no END:VCARD (unterminated card)");
  out.encoding = used_fallback ? lower(charset.charset) : "utf-8";
  if (out.records.empty() && out.problems.empty()) {
    problem(1, "no BEGIN:VCARD found");
  }
  std::stable_sort(out.problems.begin(), out.problems.end(),
                   [](const ImportProblem& a, const ImportProblem& b) { return a.line < b.line; });
  return out;
}

}  // namespace cadence::import
