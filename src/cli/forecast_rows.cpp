#include "cli/forecast_rows.hpp"

#include <algorithm>
#include <cstring>
#include <queue>

namespace cadence::cli {
namespace {

// Big-endian with the sign bit flipped, so that bytewise order is time order.
void append_time(std::string& out, Instant t) {
  const auto bits = static_cast<std::uint64_t>(t.time_since_epoch().count()) ^ (1ULL << 63);
  for (int shift = 56; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((bits >> shift) & 0xFF));
  }
}

// Reads one spilled record (u32 order bytes, u32 total bytes, bytes).
bool read_record(std::FILE* f, std::string& record, std::uint32_t& order_bytes) {
  std::uint32_t sizes[2];
  if (std::fread(sizes, sizeof sizes, 1, f) != 1) return false;
  order_bytes = sizes[0];
  record.resize(sizes[1]);
  return sizes[1] == 0 || std::fread(record.data(), sizes[1], 1, f) == 1;
}

}  // namespace

SortedRows::SortedRows(std::size_t budget_bytes) : budget_bytes_(budget_bytes) {
  // One allocation for the buffer's life, not a copy at every doubling.
  buffer_.reserve(budget_bytes_ + 4096);
}
SortedRows::~SortedRows() = default;

Status SortedRows::add(Instant fire_at, std::string_view key, std::string_view text) {
  const std::size_t offset = buffer_.size();
  append_time(buffer_, fire_at);
  buffer_.append(key);
  buffer_.push_back('\0');
  const std::size_t order_bytes = buffer_.size() - offset;
  buffer_.append(text);
  entries_.push_back({offset, static_cast<std::uint32_t>(order_bytes),
                      static_cast<std::uint32_t>(buffer_.size() - offset)});
  if (buffer_.size() + entries_.size() * sizeof(Entry) >= budget_bytes_) return spill();
  return ok_status();
}

void SortedRows::sort_buffer() {
  const char* base = buffer_.data();
  std::sort(entries_.begin(), entries_.end(), [base](const Entry& a, const Entry& b) {
    return std::string_view(base + a.offset, a.order_bytes) <
           std::string_view(base + b.offset, b.order_bytes);
  });
}

Status SortedRows::spill() {
  if (entries_.empty()) return ok_status();
  sort_buffer();
  File f(std::tmpfile());
  if (!f) return Error::io(std::string("cannot create a temporary file: ") + std::strerror(errno));
  // Large stdio buffers: records are small, and the runs are written and read once.
  std::setvbuf(f.get(), nullptr, _IOFBF, std::size_t{1} << 20);
  for (const Entry& e : entries_) {
    const std::uint32_t sizes[2] = {e.order_bytes, e.total_bytes};
    if (std::fwrite(sizes, sizeof sizes, 1, f.get()) != 1 ||
        std::fwrite(buffer_.data() + e.offset, e.total_bytes, 1, f.get()) != 1) {
      return Error::io(std::string("cannot write a temporary file: ") + std::strerror(errno));
    }
  }
  if (std::fflush(f.get()) != 0 || std::fseek(f.get(), 0, SEEK_SET) != 0) {
    return Error::io(std::string("cannot write a temporary file: ") + std::strerror(errno));
  }
  runs_.push_back(std::move(f));
  buffer_.clear();
  entries_.clear();
  return ok_status();
}

Status SortedRows::drain(const std::function<void(std::string_view text)>& print) {
  if (runs_.empty()) {
    // Everything fits the budget: no file at all.
    sort_buffer();
    for (const Entry& e : entries_) {
      print(std::string_view(buffer_).substr(e.offset + e.order_bytes,
                                             e.total_bytes - e.order_bytes));
    }
    buffer_.clear();
    entries_.clear();
    return ok_status();
  }
  if (auto s = spill(); !s) return s;
  struct Head {
    std::string record;
    std::uint32_t order_bytes = 0;
    std::string_view order() const { return std::string_view(record).substr(0, order_bytes); }
  };
  std::vector<Head> heads(runs_.size());
  const auto later = [&heads](std::size_t a, std::size_t b) {
    return heads[b].order() < heads[a].order();
  };
  std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(later)> queue(later);
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    if (read_record(runs_[i].get(), heads[i].record, heads[i].order_bytes)) queue.push(i);
  }
  while (!queue.empty()) {
    const std::size_t i = queue.top();
    queue.pop();
    print(std::string_view(heads[i].record).substr(heads[i].order_bytes));
    if (read_record(runs_[i].get(), heads[i].record, heads[i].order_bytes)) queue.push(i);
  }
  for (const File& f : runs_) {
    if (std::ferror(f.get())) return Error::io("cannot read back a temporary file");
  }
  runs_.clear();
  return ok_status();
}

}  // namespace cadence::cli
