// Romanizer throughput: a national index romanizes ~350,000 road names and
// several keys for each. Reports names/second.
#include <benchmark/benchmark.h>

#include <string_view>

#include "text/romanize.h"

namespace {

// A fixed mix of road-name shapes: plain, 대로, numbered base, N길, N번길,
// branch letters, numbers inside, area names.
constexpr std::string_view kNames[] = {
    "세종대로",         "왕십리로",        "신라대로",        "백마로",
    "학동로",           "한누리대로",      "국책연구원5로",   "삼선교로16길",
    "김해대로2325번길", "도움1로",         "남부순환로",      "광나루로30다길",
    "정부2청사로",      "약령시로",        "별내중앙로",      "묵호진동길",
    "을지로",           "퇴계로",          "테헤란로",        "올림픽로",
    "강남대로94길",     "봉은사로114길",   "압구정로",        "논현로",
    "서초중앙로",       "반포대로",        "양재천로",        "동일로",
    "망우로",           "중랑천로",        "노해로",          "동소문로",
    "창경궁로",         "대학로",          "성균관로13길",    "인사동길",
    "율곡로",           "돈화문로",        "삼일대로",        "청계천로",
    "남대문로",         "소공로",          "퇴계로36길",      "다산로",
    "뚝섬로",           "광나루로",        "능동로",          "천호대로",
    "성북구",           "조치원읍",        "반곡동",          "종로1가",
    "서울특별시",       "경상북도",        "신문로2가",       "회현동1가",
    "덕고개길",         "남지중앙안길",    "낫질길",          "청수골길",
    "절재로",           "충현로",          "진등1길",         "한별리",
};

void BM_RomanizeRoadName(benchmark::State& state) {
  for (auto _ : state) {
    for (std::string_view name : kNames) benchmark::DoNotOptimize(doro::text::RomanizeRoadName(name));
  }
  const double n = static_cast<double>(state.iterations()) * std::size(kNames);
  state.counters["names/s"] = benchmark::Counter(n, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RomanizeRoadName);

void BM_RomanizationKeys(benchmark::State& state) {
  size_t keys = 0;
  for (auto _ : state) {
    for (std::string_view name : kNames) {
      auto k = doro::text::RomanizationKeys(name);
      keys += k.size();
      benchmark::DoNotOptimize(k);
    }
  }
  const double n = static_cast<double>(state.iterations()) * std::size(kNames);
  state.counters["names/s"] = benchmark::Counter(n, benchmark::Counter::kIsRate);
  state.counters["keys/name"] = static_cast<double>(keys) / std::max(1.0, n);
}
BENCHMARK(BM_RomanizationKeys);

void BM_MatchKey(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(doro::text::MatchKey("Gimhae-daero 2325beon-gil"));
  }
  state.counters["names/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MatchKey);

}  // namespace

BENCHMARK_MAIN();
