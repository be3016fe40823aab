// Engine speed: load time, single-threaded Refine() throughput on generated
// labels, and resident memory after load. Uses the real Sejong file when
// ../shared is present (run from the repo root), else the built-in demo.
//
//   build/refine_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "testgen/labels.h"
#include "match/engine.h"

namespace {

const char kSejongRelative[] = "../shared/data/juso/sejong/rnaddrkor_sejong.txt";

// The Sejong file from the working directory or the source tree; "" (demo)
// when neither has it.
std::string DbPath() {
  if (std::filesystem::exists(kSejongRelative)) return kSejongRelative;
  const std::string from_source = std::string(DORO_SOURCE_DIR) + "/" + kSejongRelative;
  if (std::filesystem::exists(from_source)) return from_source;
  return "";
}

// VmRSS of this process in kB, 0 when unknown.
double ResidentKb() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (f == nullptr) return 0;
  char line[256];
  double kb = 0;
  while (std::fgets(line, sizeof(line), f) != nullptr) {
    if (std::strncmp(line, "VmRSS:", 6) == 0) {
      kb = std::strtod(line + 6, nullptr);
      break;
    }
  }
  std::fclose(f);
  return kb;
}

void BM_Load(benchmark::State& state) {
  const std::string path = DbPath();
  state.SetLabel(path.empty() ? "demo" : "sejong");
  double rss = 0;
  for (auto _ : state) {
    std::string error;
    auto engine = doro::Engine::Open(path, &error);
    if (engine == nullptr) {
      state.SkipWithError(error.c_str());
      return;
    }
    rss = ResidentKb();
    benchmark::DoNotOptimize(engine.get());
  }
  state.counters["rss_after_load_MB"] = rss / 1024.0;
}
BENCHMARK(BM_Load)->Unit(benchmark::kMillisecond)->Iterations(3);

struct Fixture {
  std::unique_ptr<doro::Engine> engine;
  std::vector<std::string> labels;
  double rss_kb = 0;
  std::string error;
};

const Fixture& Shared() {
  static const Fixture* f = [] {
    auto* fx = new Fixture;
    const std::string path = DbPath();
    fx->engine = doro::Engine::Open(path, &fx->error);
    fx->rss_kb = ResidentKb();
    std::vector<doro::db::AddressRow> rows;
    std::string error;
    if (doro::gen::LoadRows(path, &rows, &error) && !rows.empty()) {
      doro::gen::LabelGenerator gen(std::move(rows));
      for (auto& c : gen.Generate(4000, 42)) fx->labels.push_back(std::move(c.label));
    }
    return fx;
  }();
  return *f;
}

// Arg 0: full answers (doro refine, /v1/refine); 1: address only (/v1/batch).
void BM_Refine(benchmark::State& state) {
  const Fixture& fx = Shared();
  if (fx.engine == nullptr || fx.labels.empty()) {
    state.SkipWithError(fx.engine == nullptr ? fx.error.c_str() : "no labels");
    return;
  }
  state.SetLabel(DbPath().empty() ? "demo" : "sejong");
  const doro::Detail detail = state.range(0) == 0 ? doro::Detail::kFull : doro::Detail::kAddress;
  size_t i = 0;
  for (auto _ : state) {
    doro::Answer a = fx.engine->Refine(fx.labels[i], detail);
    benchmark::DoNotOptimize(a);
    if (++i == fx.labels.size()) i = 0;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["rss_after_load_MB"] = fx.rss_kb / 1024.0;
}
BENCHMARK(BM_Refine)->ArgName("address_only")->Arg(0)->Arg(1);

}  // namespace

BENCHMARK_MAIN();
