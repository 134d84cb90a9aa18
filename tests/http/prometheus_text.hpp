// A small parser of the Prometheus text exposition format 0.0.4, strict enough
// to catch what a scraper would reject: every sample belongs to a family with
// a # TYPE line before it, names and labels are well formed, label values use
// only the \\ \" \n escapes, values are numbers.
#pragma once

#include <cstdlib>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

namespace cadence::testing {

struct PrometheusText {
  std::map<std::string, std::string> types;  // family → counter|gauge|...
  std::map<std::string, std::string> help;   // family → text
  // "name{a=\"x\",b=\"y\"}" (labels in file order, values unescaped) → value
  std::map<std::string, double> samples;

  std::optional<double> value(const std::string& series) const {
    auto it = samples.find(series);
    if (it == samples.end()) return std::nullopt;
    return it->second;
  }
};

namespace prometheus_detail {

inline bool name_char(char c, bool first) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
         (!first && c >= '0' && c <= '9');
}

inline std::string parse_name(const std::string& line, std::size_t& at) {
  const std::size_t start = at;
  while (at < line.size() && name_char(line[at], at == start)) ++at;
  if (at == start) throw std::runtime_error("expected a name: " + line);
  return line.substr(start, at - start);
}

// The family a sample belongs to (summary/histogram suffixes are not used here).
inline std::string family_of(const std::string& name, const PrometheusText& text) {
  if (text.types.count(name)) return name;
  throw std::runtime_error("sample without a # TYPE line: " + name);
}

}  // namespace prometheus_detail

// Throws std::runtime_error naming the offending line.
inline PrometheusText parse_prometheus_text(const std::string& body) {
  using namespace prometheus_detail;
  PrometheusText out;
  std::size_t pos = 0;
  if (body.empty() || body.back() != '\n') throw std::runtime_error("must end with a newline");
  while (pos < body.size()) {
    const std::size_t nl = body.find('\n', pos);
    const std::string line = body.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.empty()) continue;
    if (line[0] == '#') {
      std::size_t at = 1;
      if (line.compare(0, 7, "# HELP ") == 0 || line.compare(0, 7, "# TYPE ") == 0) {
        const bool is_type = line[2] == 'T';
        at = 7;
        const std::string name = parse_name(line, at);
        if (at >= line.size() || line[at] != ' ') throw std::runtime_error("bad line: " + line);
        const std::string rest = line.substr(at + 1);
        if (is_type) {
          static const char* kTypes[] = {"counter", "gauge", "histogram", "summary", "untyped"};
          bool known = false;
          for (const char* t : kTypes) known = known || rest == t;
          if (!known) throw std::runtime_error("unknown type: " + line);
          if (out.types.count(name)) throw std::runtime_error("second TYPE: " + line);
          out.types[name] = rest;
        } else {
          out.help[name] = rest;
        }
      }
      continue;  // other comments are allowed
    }
    std::size_t at = 0;
    const std::string name = parse_name(line, at);
    family_of(name, out);
    std::string series = name;
    if (at < line.size() && line[at] == '{') {
      series += '{';
      ++at;
      bool first = true;
      while (at < line.size() && line[at] != '}') {
        if (!first) {
          if (line[at] != ',') throw std::runtime_error("expected ',': " + line);
          ++at;
        }
        const std::string label = parse_name(line, at);
        if (line.compare(at, 2, "=\"") != 0) throw std::runtime_error("expected =\": " + line);
        at += 2;
        std::string value;
        while (at < line.size() && line[at] != '"') {
          if (line[at] == '\\') {
            ++at;
            if (at >= line.size()) throw std::runtime_error("bad escape: " + line);
            const char e = line[at];
            if (e == 'n') {
              value += '\n';
            } else if (e == '\\' || e == '"') {
              value += e;
            } else {
              throw std::runtime_error("bad escape: " + line);
            }
          } else {
            value += line[at];
          }
          ++at;
        }
        if (at >= line.size()) throw std::runtime_error("unterminated label: " + line);
        ++at;  // closing quote
        series += (first ? "" : ",") + label + "=\"" + value + "\"";
        first = false;
      }
      if (at >= line.size()) throw std::runtime_error("unterminated labels: " + line);
      ++at;
      series += '}';
    }
    if (at >= line.size() || line[at] != ' ') throw std::runtime_error("expected a value: " + line);
    const std::string value_text = line.substr(at + 1);
    char* end = nullptr;
    const double v = std::strtod(value_text.c_str(), &end);
    // An optional timestamp may follow; none is written here, so none is accepted.
    if (value_text.empty() || end != value_text.c_str() + value_text.size()) {
      throw std::runtime_error("bad value: " + line);
    }
    if (out.samples.count(series)) throw std::runtime_error("duplicate series: " + line);
    out.samples[series] = v;
  }
  return out;
}

}  // namespace cadence::testing
