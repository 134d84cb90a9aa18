// Store and import throughput on real database files.
//
//   BM_ImportCsv/100000        cadencectl import's library path: a 100,000-row CSV
//                              (Chinese names, companies, birthdays) into an empty store
//   BM_LogInteractions/1000000 1,000,000 touches through Store::add_interaction,
//                              committed in transactions of 10,000
//   BM_TouchOwnTransaction     one touch per transaction (what `cadencectl touch` does)
//
// Run: build-bench/bench/store_bench --benchmark_filter='BM_' (each case runs once).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "cadence/store.hpp"
#include "import/importer.hpp"

namespace cadence {
namespace {

class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = std::filesystem::temp_directory_path().string() + "/cadence-bench-XXXXXX";
    path_ = ::mkdtemp(pattern.data());
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

std::unique_ptr<Store> open_store(const std::string& path) {
  StoreOptions o;
  o.path = path;
  auto s = open_sqlite_store(o);
  if (!s) std::abort();
  return std::move(s.value());
}

void write_csv(const std::string& path, int rows) {
  static const char* kFamily[] = {"李", "王", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
  static const char* kGiven[] = {"伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇"};
  std::ofstream out(path);
  out << "id,姓名,公司,部门,职位,生日,农历生日,标签,手机\n";
  for (int i = 0; i < rows; ++i) {
    out << "c" << i << "," << kFamily[i % 10] << kGiven[(i / 10) % 10] << i << ",公司" << i % 500
        << ",部门" << i % 7 << ",经理," << 1960 + i % 40 << "-" << 1 + i % 12 << "-" << 1 + i % 28
        << "," << 1 + i % 12 << "-" << 1 + i % 29 << ",tag" << i % 5 << ",1380000" << i % 10000
        << "\n";
  }
}

void BM_ImportCsv(benchmark::State& state) {
  const int rows = static_cast<int>(state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    ScratchDir dir;
    const std::string csv = dir.file("contacts.csv");
    write_csv(csv, rows);
    auto store = open_store(dir.file("bench.db"));
    state.ResumeTiming();
    auto report = import::import_file(*store, csv, {});
    if (!report || report->added != rows) state.SkipWithError("import failed");
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ImportCsv)->Arg(100000)->Iterations(1)->Unit(benchmark::kSecond);

void BM_LogInteractions(benchmark::State& state) {
  const int count = static_cast<int>(state.range(0));
  constexpr int kContacts = 10000, kBatch = 10000;
  for (auto _ : state) {
    state.PauseTiming();
    ScratchDir dir;
    auto store = open_store(dir.file("bench.db"));
    auto seeded = store->transaction([&]() -> Status {
      for (int i = 0; i < kContacts; ++i) {
        Contact c;
        c.id = "c" + std::to_string(i);
        c.name = "联系人" + std::to_string(i);
        if (auto r = store->add_contact(c); !r) return r.error();
      }
      return ok_status();
    });
    if (!seeded) state.SkipWithError(seeded.error().message().c_str());
    const char* kinds[] = {"visit", "call", "message", "like"};
    state.ResumeTiming();
    for (int done = 0; done < count; done += kBatch) {
      auto s = store->transaction([&]() -> Status {
        for (int i = done; i < done + kBatch && i < count; ++i) {
          Interaction t;
          t.contact = "c" + std::to_string(i % kContacts);
          t.kind = kinds[i % 4];
          t.depth = static_cast<Depth>(i % 3);
          t.at = Instant{std::chrono::seconds{1700000000 + i * 60}};
          t.source = "bench";
          if (auto r = store->add_interaction(t); !r) return r.error();
        }
        return ok_status();
      });
      if (!s) state.SkipWithError(s.error().message().c_str());
    }
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_LogInteractions)->Arg(1000000)->Iterations(1)->Unit(benchmark::kSecond);

void BM_TouchOwnTransaction(benchmark::State& state) {
  ScratchDir dir;
  auto store = open_store(dir.file("bench.db"));
  Contact c;
  c.id = "li-wei";
  c.name = "李伟";
  if (!store->add_contact(c)) state.SkipWithError("seed failed");
  std::int64_t i = 0;
  for (auto _ : state) {
    Interaction t;
    t.contact = "li-wei";
    t.kind = "call";
    t.at = Instant{std::chrono::seconds{1700000000 + ++i}};
    if (!store->add_interaction(t)) state.SkipWithError("touch failed");
  }
}
BENCHMARK(BM_TouchOwnTransaction)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace cadence

BENCHMARK_MAIN();
