// Store and import throughput on real database files.
//
//   BM_ImportCsv/100000          cadencectl import's library path: a 100,000-row CSV
//                                (id column, Chinese names, 500 companies, birthdays,
//                                lunar birthdays) into an empty store
//   BM_ImportCsvDerivedIds/100000  the same file without the id column: every id is a
//                                pinyin slug of name + company (ICU transliteration)
//   BM_LogInteractions/1000000/B 1,000,000 touches over 10,000 contacts through
//                                Store::add_interactions, in batches of B (one
//                                transaction each)
//   BM_LogInteractionsOneByOne/100000  Store::add_interaction per touch, 10,000 per
//                                caller transaction (the pre-batch path)
//   BM_TouchOwnTransaction       one touch per transaction (what `cadencectl touch` does)
//
// Run: build/bench/store_bench --benchmark_filter='BM_' (the big cases run once).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

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

void write_csv(const std::string& path, int rows, bool with_ids) {
  static const char* kFamily[] = {"李", "王", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
  static const char* kGiven[] = {"伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇"};
  std::ofstream out(path);
  if (with_ids) out << "id,";
  out << "姓名,公司,部门,职位,生日,农历生日,标签,手机\n";
  for (int i = 0; i < rows; ++i) {
    if (with_ids) out << "c" << i << ",";
    out << kFamily[i % 10] << kGiven[(i / 10) % 10] << i << ",公司" << i % 500 << ",部门" << i % 7
        << ",经理," << 1960 + i % 40 << "-" << 1 + i % 12 << "-" << 1 + i % 28 << "," << 1 + i % 12
        << "-" << 1 + i % 29 << ",tag" << i % 5 << ",1380000" << i % 10000 << "\n";
  }
}

void import_csv(benchmark::State& state, bool with_ids) {
  const int rows = static_cast<int>(state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    ScratchDir dir;
    const std::string csv = dir.file("contacts.csv");
    write_csv(csv, rows, with_ids);
    auto store = open_store(dir.file("bench.db"));
    state.ResumeTiming();
    auto report = import::import_file(*store, csv, {});
    if (!report || report->added != rows) state.SkipWithError("import failed");
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_ImportCsv(benchmark::State& state) { import_csv(state, true); }
BENCHMARK(BM_ImportCsv)->Arg(100000)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

void BM_ImportCsvDerivedIds(benchmark::State& state) { import_csv(state, false); }
BENCHMARK(BM_ImportCsvDerivedIds)
    ->Arg(100000)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

constexpr int kContacts = 10000;

std::unique_ptr<Store> seeded_store(benchmark::State& state, const ScratchDir& dir) {
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
  return store;
}

Interaction bench_touch(int i) {
  static const char* kKinds[] = {"visit", "call", "message", "like"};
  Interaction t;
  t.contact = "c" + std::to_string(i % kContacts);
  t.kind = kKinds[i % 4];
  t.depth = static_cast<Depth>(i % 3);
  t.at = Instant{std::chrono::seconds{1700000000 + std::int64_t{i} * 60}};
  t.source = "bench";
  return t;
}

void BM_LogInteractions(benchmark::State& state) {
  const int count = static_cast<int>(state.range(0));
  const int kBatch = static_cast<int>(state.range(1));
  for (auto _ : state) {
    state.PauseTiming();
    ScratchDir dir;
    auto store = seeded_store(state, dir);
    state.ResumeTiming();
    std::vector<Interaction> batch;
    batch.reserve(kBatch);
    for (int done = 0; done < count; done += kBatch) {
      batch.clear();
      for (int i = done; i < done + kBatch && i < count; ++i) batch.push_back(bench_touch(i));
      auto added = store->add_interactions(batch);
      if (!added) state.SkipWithError(added.error().message().c_str());
    }
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_LogInteractions)
    ->Args({1000000, 100000})
    ->Args({1000000, 10000})
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

void BM_LogInteractionsOneByOne(benchmark::State& state) {
  const int count = static_cast<int>(state.range(0));
  constexpr int kBatch = 10000;
  for (auto _ : state) {
    state.PauseTiming();
    ScratchDir dir;
    auto store = seeded_store(state, dir);
    state.ResumeTiming();
    for (int done = 0; done < count; done += kBatch) {
      auto s = store->transaction([&]() -> Status {
        for (int i = done; i < done + kBatch && i < count; ++i) {
          if (auto r = store->add_interaction(bench_touch(i)); !r) return r.error();
        }
        return ok_status();
      });
      if (!s) state.SkipWithError(s.error().message().c_str());
    }
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_LogInteractionsOneByOne)
    ->Arg(100000)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

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
