// load_config_file() on real files: every bad file is one clear error line.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "config_test_support.hpp"
#include "temp_dir.hpp"

namespace cadence::testing {
namespace {

std::vector<std::string> load_errors(const std::string& path) {
  return all_diagnostics(load_config_file(path, fake_env()));
}

TEST(LoadConfigFile, LoadsAValidFile) {
  TempDir dir;
  const std::string path = dir.write("cadence.yaml", "database: state/cadence.db\n");
  auto r = load_config_file(path, fake_env());
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(all_diagnostics(r));
  EXPECT_EQ(r.config->source_file, path);
  // A relative database path is taken from the config file's directory.
  EXPECT_EQ(r.config->database, dir.file("state/cadence.db"));
}

TEST(LoadConfigFile, MissingFile) {
  TempDir dir;
  const std::string path = dir.file("absent.yaml");
  EXPECT_EQ(load_errors(path),
            std::vector<std::string>{
                path + ": error: cannot load config: no such file"
                       " (name another with --config FILE or $CADENCE_CONFIG; an annotated example "
                       "is config/cadence.example.yaml in the source tree, installed as "
                       "/usr/share/doc/cadence/cadence.example.yaml)"});
}

TEST(LoadConfigFile, EmptyFile) {
  TempDir dir;
  const std::string path = dir.write("empty.yaml", "");
  EXPECT_EQ(load_errors(path), std::vector<std::string>{path + ": error: the file is empty"});
  const std::string blank = dir.write("blank.yaml", "\n  \n\t\n");
  EXPECT_EQ(load_errors(blank), std::vector<std::string>{blank + ": error: the file is empty"});
}

TEST(LoadConfigFile, OnlyComments) {
  TempDir dir;
  const std::string path = dir.write("comments.yaml", "# nothing here yet\n\n# still nothing\n");
  EXPECT_EQ(load_errors(path),
            std::vector<std::string>{
                path + ": error: the file has no settings (only comments or blank lines)"});
}

TEST(LoadConfigFile, NonUtf8ByteIsLocated) {
  TempDir dir;
  // Latin-1 "é" (0xE9) followed by ASCII is not UTF-8; line 2, byte column 18.
  const std::string path = dir.write("latin1.yaml", "locale: en\nowners: [{id: caf\xE9}]\n");
  EXPECT_EQ(load_errors(path),
            std::vector<std::string>{
                path + ":2:18: error: invalid UTF-8 (byte 0xE9); the file must be UTF-8 text"});
}

TEST(LoadConfigFile, ValidMultibyteTextIsAccepted) {
  TempDir dir;
  const std::string path =
      dir.write("zh.yaml",
                "owners:\n  - {id: zhang, name: 张伟, channels: [c]}\nchannels:\n"
                "  - {id: c, type: console}\n");
  auto r = load_config_file(path, fake_env());
  ASSERT_TRUE(r.ok()) << ::testing::PrintToString(all_diagnostics(r));
  EXPECT_EQ(r.config->owners[0].name, "张伟");
}

TEST(LoadConfigFile, YamlSyntaxError) {
  TempDir dir;
  const std::string path = dir.write("broken.yaml", "owners:\n  - id: zhang\n   name: x: y\n");
  EXPECT_EQ(
      load_errors(path),
      std::vector<std::string>{path + ":3:4: error: YAML syntax error: end of sequence not found"});
}

TEST(LoadConfigFile, SecondYamlDocument) {
  TempDir dir;
  const std::string path = dir.write("two.yaml", "locale: en\n---\nlocale: zh-CN\n");
  EXPECT_EQ(load_errors(path),
            std::vector<std::string>{
                path + ":3:1: error: a config file holds one YAML document; found a second one"});
}

// yaml-cpp 0.7's LoadAll never returns on these (found by fuzz/config_fuzz.cpp:
// it allocated 3 GB in 30 s on the first): a clear error at once instead.
TEST(LoadConfigFile, StrayCommaIsASyntaxErrorNotAHang) {
  TempDir dir;
  for (const std::string text : {",'", ",", ", x's value", "# a comment\n  ,\n"}) {
    const std::string path = dir.write("comma.yaml", text);
    const auto errors = load_errors(path);
    ASSERT_EQ(errors.size(), 1u) << text;
    EXPECT_NE(errors[0].find(": error: YAML syntax error: unexpected ','"), std::string::npos)
        << errors[0];
  }
  const std::string path = dir.write("comma.yaml", "# a comment\n  ,\n");
  EXPECT_EQ(load_errors(path),
            std::vector<std::string>{path + ":2:3: error: YAML syntax error: unexpected ','"});
}

TEST(LoadConfigFile, Directory) {
  TempDir dir;
  const std::string path = dir.path().string();
  EXPECT_EQ(
      load_errors(path),
      std::vector<std::string>{path + ": error: cannot load config: is a directory, not a file"});
}

TEST(LoadConfigFile, ParentIsAFile) {
  TempDir dir;
  const std::string path = dir.write("plain", "x") + "/cadence.yaml";
  EXPECT_EQ(
      load_errors(path),
      std::vector<std::string>{path + ": error: cannot load config: cannot open: Not a directory"});
}

TEST(LoadConfigFile, FifoIsRejectedWithoutBlocking) {
  TempDir dir;
  const std::string path = dir.file("fifo");
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  EXPECT_EQ(load_errors(path),
            std::vector<std::string>{path + ": error: cannot load config: is not a regular file"});
}

TEST(LoadConfigFile, ReadErrorAfterOpen) {
  // /proc/self/mem opens as a regular file but reading offset 0 fails (EIO):
  // a real read error, even for root.
  EXPECT_EQ(load_errors("/proc/self/mem"),
            std::vector<std::string>{
                "/proc/self/mem: error: cannot load config: cannot read: Input/output error"});
}

TEST(LoadConfigFile, PermissionDenied) {
  TempDir dir;
  const std::string path = dir.write("secret.yaml", "locale: en\n");
  ASSERT_EQ(::chmod(path.c_str(), 0), 0);
  const std::string expected = path + ": error: cannot load config: cannot open: Permission denied";
  if (::geteuid() != 0) {
    EXPECT_EQ(load_errors(path), std::vector<std::string>{expected});
    return;
  }
  // Root ignores file modes, so the load runs in a child that dropped to nobody.
  ASSERT_EQ(::chmod(dir.path().c_str(), 0755), 0);
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(pipe_fds[0]);
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(2);
    std::string out;
    for (const auto& line : load_errors(path)) out += line + "\n";
    const bool written =
        ::write(pipe_fds[1], out.data(), out.size()) == static_cast<ssize_t>(out.size());
    ::_exit(written ? 0 : 3);
  }
  ::close(pipe_fds[1]);
  std::string received;
  char buffer[4096];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;) received.append(buffer, n);
  ::close(pipe_fds[0]);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(received, expected + "\n");
}

TEST(LoadConfigFile, FiftyMegabyteFileIsRejectedBeforeReading) {
  TempDir dir;
  const std::string path = dir.file("huge.yaml");
  {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ASSERT_GE(fd, 0);
    // Real bytes at the start and the end; the middle is a hole.
    ASSERT_EQ(::write(fd, "locale: en\n", 11), 11);
    ASSERT_EQ(::ftruncate(fd, 50 * 1024 * 1024), 0);
    ::close(fd);
  }
  const auto start = std::chrono::steady_clock::now();
  auto errors = load_errors(path);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(errors, std::vector<std::string>{path + ": error: cannot load config: is larger than "
                                                    "4 MiB (52428800 bytes)"});
  // Reading and scanning 50 MB would take far longer than a stat.
  EXPECT_LT(elapsed, std::chrono::milliseconds(200));
}

TEST(LoadConfigFile, FourMegabytesIsStillRead) {
  TempDir dir;
  std::string text = "locale: en\n";
  text += std::string(4 * 1024 * 1024 - text.size() - 1, '#') + "\n";  // one long comment
  ASSERT_EQ(text.size(), 4u * 1024 * 1024);
  auto r = load_config_file(dir.write("big.yaml", text), fake_env());
  EXPECT_TRUE(r.ok()) << ::testing::PrintToString(all_diagnostics(r));
}

}  // namespace
}  // namespace cadence::testing
