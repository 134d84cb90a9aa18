// The rows `cadencectl forecast` prints, in (fire_at, key) order, without
// holding them all: rows are buffered up to a byte budget, sorted, and spilled
// to anonymous temporary files (std::tmpfile) as sorted runs; drain() merges
// the runs. A year at a million contacts (1.8 million rows, 270 MB of CSV)
// then needs the budget, not the output, in memory. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cadence/error.hpp"
#include "cadence/time.hpp"

namespace cadence::cli {

class SortedRows {
 public:
  // `budget_bytes`: the buffered rows' size that triggers a spill.
  explicit SortedRows(std::size_t budget_bytes = std::size_t{32} << 20);
  ~SortedRows();
  SortedRows(const SortedRows&) = delete;
  SortedRows& operator=(const SortedRows&) = delete;

  // Adds one row: `text` is printed as is; (fire_at, key) orders it (keys
  // never hold a NUL byte). kIo when a spill cannot be written.
  Status add(Instant fire_at, std::string_view key, std::string_view text);
  // Calls `print` with every row's text in order, then forgets them all.
  Status drain(const std::function<void(std::string_view text)>& print);

  std::size_t runs() const { return runs_.size(); }

 private:
  struct Entry {
    std::size_t offset;
    std::uint32_t order_bytes;  // the ordering prefix: 8 bytes of time, key, NUL
    std::uint32_t total_bytes;
  };
  struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  using File = std::unique_ptr<std::FILE, FileCloser>;

  void sort_buffer();
  Status spill();

  std::size_t budget_bytes_;
  std::string buffer_;
  std::vector<Entry> entries_;
  std::vector<File> runs_;
};

}  // namespace cadence::cli
