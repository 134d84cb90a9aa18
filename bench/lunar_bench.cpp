// Gregorian <-> lunar conversion throughput on random dates (one thread).
//   cmake --build build --target lunar_bench && build/bench/lunar_bench
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "cadence/lunar.hpp"

namespace {

constexpr std::size_t kSamples = 1 << 16;  // a power of two: index with a mask

std::vector<cadence::Date> random_dates() {
  const auto first = cadence::to_sys_days(cadence::lunar_first_supported_date());
  const auto last = cadence::to_sys_days(cadence::lunar_last_supported_date());
  std::mt19937 rng(20261127);
  std::uniform_int_distribution<int> offset(0, static_cast<int>((last - first).count()));
  std::vector<cadence::Date> dates;
  dates.reserve(kSamples);
  for (std::size_t i = 0; i < kSamples; ++i) {
    dates.push_back(cadence::to_date(first + cadence::Days{offset(rng)}));
  }
  return dates;
}

void BM_GregorianToLunar(benchmark::State& state) {
  const auto dates = random_dates();
  std::size_t i = 0;
  for (auto _ : state) {
    auto lunar = cadence::to_lunar(dates[i++ & (kSamples - 1)]);
    benchmark::DoNotOptimize(lunar);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GregorianToLunar);

void BM_LunarToGregorian(benchmark::State& state) {
  std::vector<cadence::LunarDate> lunar;
  for (const auto& d : random_dates()) lunar.push_back(*cadence::to_lunar(d));
  std::size_t i = 0;
  for (auto _ : state) {
    auto date = cadence::from_lunar(lunar[i++ & (kSamples - 1)]);
    benchmark::DoNotOptimize(date);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LunarToGregorian);

void BM_ObserveLunarBirthday(benchmark::State& state) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> year(1900, 2100);
  std::uniform_int_distribution<unsigned> month(1, 12);
  std::uniform_int_distribution<unsigned> day(1, 30);
  struct Query {
    int year;
    unsigned month;
    unsigned day;
  };
  std::vector<Query> queries;
  for (std::size_t i = 0; i < kSamples; ++i) queries.push_back({year(rng), month(rng), day(rng)});
  std::size_t i = 0;
  for (auto _ : state) {
    const Query& q = queries[i++ & (kSamples - 1)];
    auto date = cadence::observe_lunar_date(q.year, q.month, q.day, false, false);
    benchmark::DoNotOptimize(date);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ObserveLunarBirthday);

}  // namespace

BENCHMARK_MAIN();
