#include "config/substitution.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "config/file_read.hpp"

namespace cadence {

SubstitutionSource SubstitutionSource::from_process() {
  SubstitutionSource s;
  s.getenv = [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
  s.credentials_directory = s.getenv("CREDENTIALS_DIRECTORY");
  return s;
}

namespace config_internal {
namespace {

// A secret file is small; a larger one is almost surely the wrong path.
constexpr std::size_t kMaxSubstitutedFileBytes = 1 << 20;

Result<std::string> read_secret_file(const std::string& path, const std::string& shown) {
  auto content = read_regular_file(path, kMaxSubstitutedFileBytes);
  if (!content)
    return Error::config(fmt::format("{}: {}: {}", shown, path, content.error().message()));
  std::string value = std::move(content.value());
  if (!value.empty() && value.back() == '\n') value.pop_back();
  if (!value.empty() && value.back() == '\r') value.pop_back();
  return value;
}

// A credential name is one path component (systemd's rule as well).
bool valid_credential_name(std::string_view name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string_view::npos;
}

Result<std::string> resolve(std::string_view source_name, std::string_view arg,
                            const SubstitutionSource& source, const std::string& base_dir) {
  const std::string shown = fmt::format("${{{}:{}}}", source_name, arg);
  if (arg.empty()) {
    return Error::config(fmt::format("{}: the name after '{}:' is empty", shown, source_name));
  }
  if (source_name == "env") {
    std::optional<std::string> v = source.getenv ? source.getenv(std::string(arg)) : std::nullopt;
    if (!v) {
      return Error::config(fmt::format("{}: environment variable {} is not set", shown, arg));
    }
    return *v;
  }
  if (source_name == "file") {
    std::string path(arg);
    if (path.front() != '/' && !base_dir.empty()) path = base_dir + "/" + path;
    return read_secret_file(path, shown);
  }
  if (source_name == "cred") {
    if (!valid_credential_name(arg)) {
      return Error::config(
          fmt::format("{}: a credential name is a single file name, without '/'", shown));
    }
    if (!source.credentials_directory || source.credentials_directory->empty()) {
      return Error::config(fmt::format(
          "{}: $CREDENTIALS_DIRECTORY is not set (systemd sets it for LoadCredential=)", shown));
    }
    return read_secret_file(*source.credentials_directory + "/" + std::string(arg), shown);
  }
  return Error::config(fmt::format(
      "unknown substitution '${{{}:...}}': use ${{env:NAME}}, ${{file:PATH}} or ${{cred:NAME}} "
      "(write $${{ for a literal ${{)",
      source_name));
}

}  // namespace

Result<std::string> substitute(std::string_view text, const SubstitutionSource& source,
                               const std::string& base_dir, std::vector<Resolved>* resolved) {
  if (text.find('$') == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 3, "$${") == 0) {
      out += "${";
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "${") != 0) {
      out += text[i++];
      continue;
    }
    const size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      return Error::config(
          "unterminated '${': write ${env:NAME}, ${file:PATH} or ${cred:NAME} (or $${ for a "
          "literal ${)");
    }
    const std::string_view inner = text.substr(i + 2, close - i - 2);
    const size_t colon = inner.find(':');
    if (colon == std::string_view::npos) {
      return Error::config(fmt::format(
          "'${{{}}}': write ${{env:NAME}}, ${{file:PATH}} or ${{cred:NAME}} (or $${{ for a "
          "literal ${{)",
          inner));
    }
    auto value = resolve(inner.substr(0, colon), inner.substr(colon + 1), source, base_dir);
    if (!value) return value.error();
    if (resolved != nullptr) {
      resolved->push_back(Resolved{*value, std::string(text.substr(i, close - i + 1))});
    }
    out += *value;
    i = close + 1;
  }
  return out;
}

}  // namespace config_internal
}  // namespace cadence
