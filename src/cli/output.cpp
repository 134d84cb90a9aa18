#include "cli/output.hpp"

#include <CLI/CLI.hpp>

#include <cctype>
#include <map>
#include <ostream>

namespace cadence::cli {

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

void write_csv_row(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out << ',';
    out << csv_field(fields[i]);
  }
  out << '\n';
}

void add_format_option(CLI::App& command, OutputFormat& format,
                       const std::vector<std::string>& allowed) {
  static const std::map<std::string, OutputFormat> kAll = {
      {"text", OutputFormat::kText}, {"csv", OutputFormat::kCsv}, {"json", OutputFormat::kJson}};
  std::map<std::string, OutputFormat> choices;
  for (const auto& name : allowed) choices.emplace(name, kAll.at(name));
  format = kAll.at(allowed.front());
  std::string names, listed;
  for (const auto& name : allowed) {
    names += (names.empty() ? "" : ",") + name;
    listed += (listed.empty() ? "" : ", ") + name;
  }
  // Names to the enum's number, as CLI11 then converts it; a wrong name says
  // which are right ("--format: 'table' is not one of text, csv, json").
  CLI::Validator by_name(
      [choices, listed](std::string& value) -> std::string {
        std::string lower = value;
        for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        const auto it = choices.find(lower);
        if (it == choices.end()) return "'" + value + "' is not one of " + listed;
        value = std::to_string(static_cast<int>(it->second));
        return "";
      },
      "", "format name");
  // The accepted names as the type ("--format {text,csv,json}=text"): what
  // the help shows and the completions test reads.
  command.add_option("--format", format, "Output format")
      ->transform(by_name)
      ->type_name("{" + names + "}")
      ->default_str(allowed.front());
}

std::string terminal_safe(std::string_view text, bool keep_newlines) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 || c == 0x7F) && !(keep_newlines && c == '\n')) {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

}  // namespace cadence::cli
