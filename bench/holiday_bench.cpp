// Holiday listing: "all holidays of sets cn+us for 200 years" (target < 50 ms),
// plus building the calendar and one-year listings.
//
//   cmake --build BUILD --target holiday_bench && BUILD/bench/holiday_bench
#include <benchmark/benchmark.h>

#include "cadence/calendar.hpp"

namespace {

using cadence::Date;
using cadence::HolidayCalendar;

Date ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

HolidayCalendar cn_us() {
  auto cal = HolidayCalendar::create({"cn", "us"}, {});
  if (!cal.ok()) std::abort();
  return std::move(cal).value();
}

// The whole listing, as `cadencectl calendar holidays --set cn,us --years
// 1901-2100` computes it (without the CSV printing).
void BM_CnUs200Years(benchmark::State& state) {
  const HolidayCalendar cal = cn_us();
  for (auto _ : state) {
    auto holidays = cal.between(ymd(1901, 1, 1), ymd(2100, 12, 31));
    benchmark::DoNotOptimize(holidays.data());
    if (holidays.size() < 200 * 23) state.SkipWithError("too few holidays");
  }
}
BENCHMARK(BM_CnUs200Years)->Unit(benchmark::kMillisecond);

// The same including building the calendar each time.
void BM_CnUs200YearsWithCreate(benchmark::State& state) {
  for (auto _ : state) {
    const HolidayCalendar cal = cn_us();
    auto holidays = cal.between(ymd(1901, 1, 1), ymd(2100, 12, 31));
    benchmark::DoNotOptimize(holidays.data());
  }
}
BENCHMARK(BM_CnUs200YearsWithCreate)->Unit(benchmark::kMillisecond);

void BM_CnUsOneYear(benchmark::State& state) {
  const HolidayCalendar cal = cn_us();
  for (auto _ : state) {
    auto holidays = cal.between(ymd(2026, 1, 1), ymd(2026, 12, 31));
    benchmark::DoNotOptimize(holidays.data());
  }
}
BENCHMARK(BM_CnUsOneYear)->Unit(benchmark::kMicrosecond);

void BM_NextMidAutumn(benchmark::State& state) {
  const HolidayCalendar cal = cn_us();
  for (auto _ : state) {
    auto d = cal.next_on_or_after("mid_autumn", ymd(2026, 10, 1));
    benchmark::DoNotOptimize(d);
  }
}
BENCHMARK(BM_NextMidAutumn)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
