#include "temp_dir.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace cadence::testing {

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") + "/cadence-test-XXXXXX";
  char* made = ::mkdtemp(pattern.data());
  if (made == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
  path_ = made;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::write(const std::string& name, const std::string& content) const {
  const auto full = path_ / name;
  std::filesystem::create_directories(full.parent_path());
  std::ofstream f(full, std::ios::binary | std::ios::trunc);
  f << content;
  return full.string();
}

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

std::string source_path(const std::string& relative) {
  return std::string(CADENCE_SOURCE_DIR_FOR_SUPPORT) + "/" + relative;
}

std::string binary_path(const std::string& relative) {
  return std::string(CADENCE_BINARY_DIR_FOR_SUPPORT) + "/" + relative;
}

}  // namespace cadence::testing
