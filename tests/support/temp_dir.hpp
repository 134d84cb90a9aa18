// A fresh directory under $TMPDIR for one test, removed with its contents.
#pragma once

#include <filesystem>
#include <string>

namespace cadence::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // path()/name as a string.
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  // Writes `content` to path()/name and returns the full path.
  std::string write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

// Reads a whole file; empty string if it cannot be read.
std::string read_file(const std::string& path);

// Path of a file in the source tree: source_path("tests/data/x.csv").
std::string source_path(const std::string& relative);
// Path of a built binary: binary_path("src/cadencectl").
std::string binary_path(const std::string& relative);
// The built daemon and CLI that the process tests run.
inline const std::string kCadenced = binary_path("src/cadenced");
inline const std::string kCadencectl = binary_path("src/cadencectl");

}  // namespace cadence::testing
