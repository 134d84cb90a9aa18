#include "import/csv_reader.hpp"

#include <algorithm>

namespace cadence::import {
namespace {

char detect_delimiter(std::string_view text) {
  const auto first_line = text.substr(0, text.find('\n'));
  std::size_t commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  for (char c : first_line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    commas += c == ',';
    semicolons += c == ';';
    tabs += c == '\t';
  }
  if (tabs > commas && tabs >= semicolons) return '\t';
  if (semicolons > commas) return ';';
  return ',';
}

}  // namespace

std::vector<CsvRecord> read_csv(std::string_view text) {
  const char delim = detect_delimiter(text);
  std::vector<CsvRecord> records;
  std::size_t i = 0;
  int line = 1;
  while (i < text.size()) {
    // Skip blank lines.
    if (text[i] == '\n' || (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      i += text[i] == '\r' ? 2 : 1;
      ++line;
      continue;
    }
    CsvRecord rec;
    rec.line = line;
    std::string field;
    bool in_quotes = false, was_quoted = false, done = false;
    int quote_line = line;
    while (i < text.size() && !done) {
      const char c = text[i];
      if (in_quotes) {
        if (c == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
          } else {
            in_quotes = false;
            ++i;
            if (i < text.size() && text[i] != delim && text[i] != '\n' && text[i] != '\r') {
              rec.error = "malformed quoting: text after the closing quote of field " +
                          std::to_string(rec.fields.size() + 1);
            }
          }
        } else {
          if (c == '\n') ++line;
          field += c;
          ++i;
        }
        continue;
      }
      if (c == '"') {
        if (field.empty() && !was_quoted) {
          in_quotes = was_quoted = true;
          quote_line = line;
        } else if (rec.error.empty()) {
          rec.error = "malformed quoting: a quote inside unquoted field " +
                      std::to_string(rec.fields.size() + 1) +
                      " (quote the whole field and "
                      "double the inner quotes)";
        }
        ++i;
      } else if (c == delim) {
        rec.fields.push_back(std::move(field));
        field.clear();
        was_quoted = false;
        ++i;
      } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        i += 2;
        ++line;
        done = true;
      } else if (c == '\n') {
        ++i;
        ++line;
        done = true;
      } else {
        field += c;
        ++i;
      }
    }
    if (in_quotes) {
      rec.error = "malformed quoting: the quoted field opened on line " +
                  std::to_string(quote_line) + " is never closed";
    }
    rec.fields.push_back(std::move(field));
    records.push_back(std::move(rec));
  }
  return records;
}

}  // namespace cadence::import
