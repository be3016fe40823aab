// The contest endpoint without sockets: parsing a 20,000-item /v1/batch body,
// writing the response, and the whole handler (parse, refine on a pool of
// --threads workers, write). Shows where a POST's time goes besides HTTP.
// Labels are generated from the database the engine opens: DORO_BENCH_DB
// (a directory or index file; labels then come from DORO_BENCH_LABELS, one
// per line), else the Sejong file when ../shared is present, else the demo.
//
//   build/batch_bench
//   DORO_BENCH_DB=/tmp/national.doroidx DORO_BENCH_LABELS=/tmp/labels.txt build/batch_bench
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "testgen/labels.h"
#include "match/engine.h"
#include "server/handlers.h"
#include "server/json_io.h"
#include "util/work_pool.h"

namespace {

constexpr size_t kItems = 20000;
const char kSejongRelative[] = "../shared/data/juso/sejong/rnaddrkor_sejong.txt";

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

struct Fixture {
  std::string db_path;
  std::shared_ptr<const doro::Engine> engine;
  std::string body;  // {"requestList":[...]} with kItems labels
  std::vector<doro::server::ContestItem> items;  // the body, parsed
  std::vector<std::string> results;             // their answers ("" for none)
  std::string error;
};

const Fixture& Shared() {
  static const Fixture* f = [] {
    auto* fx = new Fixture;
    fx->db_path = Env("DORO_BENCH_DB");
    if (fx->db_path.empty()) {
      if (std::filesystem::exists(kSejongRelative)) {
        fx->db_path = kSejongRelative;
      } else if (std::filesystem::exists(std::string(DORO_SOURCE_DIR) + "/" + kSejongRelative)) {
        fx->db_path = std::string(DORO_SOURCE_DIR) + "/" + kSejongRelative;
      }
    }
    fx->engine = doro::Engine::Open(fx->db_path, &fx->error);
    std::vector<std::string> labels;
    const std::string labels_path = Env("DORO_BENCH_LABELS");
    if (!labels_path.empty()) {
      std::ifstream in(labels_path);
      for (std::string line; labels.size() < kItems && std::getline(in, line);) labels.push_back(line);
    } else {
      std::vector<doro::db::AddressRow> rows;
      if (doro::gen::LoadRows(fx->db_path, &rows, &fx->error) && !rows.empty()) {
        doro::gen::LabelGenerator gen(std::move(rows));
        for (auto& c : gen.Generate(kItems, 42)) labels.push_back(std::move(c.label));
      }
    }
    if (labels.empty()) {
      fx->error = "no labels";
      return fx;
    }
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    w.StartObject();
    w.Key("requestList");
    w.StartArray();
    for (size_t i = 0; i < kItems; ++i) {
      const std::string& label = labels[i % labels.size()];
      w.StartObject();
      w.Key("seq");
      w.Uint64(i + 1);
      w.Key("requestAddress");
      w.String(label.data(), static_cast<rapidjson::SizeType>(label.size()));
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    fx->body.assign(buf.GetString(), buf.GetSize());
    doro::server::ParseError error;
    if (!doro::server::ParseContestBatch(fx->body, doro::server::ParseLimits{}, &fx->items, &error)) {
      fx->error = error.message;
      fx->body.clear();
      return fx;
    }
    if (fx->engine != nullptr) {
      for (const auto& item : fx->items) {
        fx->results.push_back(fx->engine->Refine(item.label.text, doro::Detail::kAddress).address);
      }
    }
    return fx;
  }();
  return *f;
}

bool Ready(benchmark::State& state, const Fixture& fx) {
  if (fx.engine == nullptr || fx.body.empty()) {
    state.SkipWithError(fx.error.c_str());
    return false;
  }
  state.SetLabel(fx.db_path.empty() ? "demo" : fx.db_path);
  return true;
}

// Times `one(fx)` per iteration over the shared batch; a non-empty return
// is an error that stops the benchmark.
template <typename One>
void EachBatch(benchmark::State& state, One one) {
  const Fixture& fx = Shared();
  if (!Ready(state, fx)) return;
  for (auto _ : state) {
    if (const std::string error = one(fx); !error.empty()) {
      state.SkipWithError(error.c_str());
      return;
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kItems));
}

void BM_ParseContestBatch(benchmark::State& state) {
  const doro::server::ParseLimits limits;
  EachBatch(state, [&](const Fixture& fx) {
    // A fresh vector each time, as the server parses each request into one.
    std::vector<doro::server::ContestItem> items;
    doro::server::ParseError error;
    if (!doro::server::ParseContestBatch(fx.body, limits, &items, &error)) return error.message;
    benchmark::DoNotOptimize(items.data());
    return std::string();
  });
}
BENCHMARK(BM_ParseContestBatch)->Unit(benchmark::kMillisecond);

void BM_ContestResponse(benchmark::State& state) {
  EachBatch(state, [](const Fixture& fx) {
    std::string out = doro::server::ContestResponse(fx.items, fx.results);
    benchmark::DoNotOptimize(out.data());
    return std::string();
  });
}
BENCHMARK(BM_ContestResponse)->Unit(benchmark::kMillisecond);

// Arg: worker threads (the calling thread included).
void BM_BatchHandler(benchmark::State& state) {
  const Fixture& fx = Shared();
  if (!Ready(state, fx)) return;
  const auto threads = static_cast<unsigned>(state.range(0));
  doro::util::WorkPool pool(threads - 1);
  doro::server::Handlers handlers({}, fx.engine, nullptr, threads > 1 ? &pool : nullptr);
  const doro::server::Request request{"POST", "/v1/batch", fx.body, true};
  for (auto _ : state) {
    const doro::server::Response r = handlers.Handle(request);
    if (r.status != 200) {
      state.SkipWithError(r.body.substr(0, 200).c_str());
      return;
    }
    benchmark::DoNotOptimize(r.body.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kItems));
}
BENCHMARK(BM_BatchHandler)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
