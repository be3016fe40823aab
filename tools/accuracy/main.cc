// accuracy: generate messy labels from a database's rows, refine them with
// the engine on N threads, and print accuracy by error class and speed.
//
//   accuracy --rows ../shared/data/juso/sejong --count 20000
//   accuracy --rows /tmp/national --db /tmp/national.doroidx --count 50000 --threads 2
//   accuracy --labels cases.tsv --db /tmp/national.doroidx --repeat 5   (gen_labels output)
#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "testgen/accuracy.h"
#include "testgen/labels.h"
#include "match/engine.h"

int main(int argc, char** argv) {
  CLI::App app{"Accuracy and speed of the engine on generated messy labels"};
  std::string rows_path, db_path, labels_path;
  unsigned repeat = 1;
  size_t count = 20000;
  uint64_t seed = 1;
  unsigned threads = 1;
  size_t show = 5;
  app.add_option("--rows", rows_path, "Official text files to generate labels from ('' = demo)");
  app.add_option("--db", db_path, "Database the engine opens (default: --rows)");
  app.add_option("--count", count, "Labels to generate");
  app.add_option("--seed", seed, "Generator seed");
  app.add_option("--threads", threads, "Refining threads");
  app.add_option("--show", show, "Failures to list per class");
  app.add_option("--labels", labels_path,
                 "Read cases from this gen_labels TSV file instead of generating them");
  bool address_only = false;
  app.add_flag("--address-only", address_only,
               "Score addresses only: ignore the expected detailAddr of unit cases (lot_labels TSV)");
  app.add_option("--repeat", repeat, "Refine all cases this many times; the median pass counts")
      ->check(CLI::Range(1u, 1000u));
  CLI11_PARSE(app, argc, argv);
  if (db_path.empty()) db_path = rows_path;

  auto t0 = std::chrono::steady_clock::now();
  std::vector<doro::gen::LabelCase> cases;
  std::string error;
  if (!labels_path.empty()) {
    std::ifstream in(labels_path);
    if (!in) {
      std::fprintf(stderr, "accuracy: cannot read %s\n", labels_path.c_str());
      return 2;
    }
    size_t line_no = 0;
    for (std::string line; std::getline(in, line);) {
      ++line_no;
      doro::gen::LabelCase c;
      if (!doro::gen::CaseFromTsv(line, &c)) {
        std::fprintf(stderr, "accuracy: %s:%zu: not a label case line\n", labels_path.c_str(), line_no);
        return 2;
      }
      cases.push_back(std::move(c));
    }
  } else {
    std::vector<doro::db::AddressRow> rows;
    if (!doro::gen::LoadRows(rows_path, &rows, &error)) {
      std::fprintf(stderr, "accuracy: %s\n", error.c_str());
      return 2;
    }
    doro::gen::LabelGenerator generator(std::move(rows));
    cases = generator.Generate(count, seed);
  }
  if (address_only) {
    for (auto& c : cases) c.expected_detail.clear();
  }
  auto t1 = std::chrono::steady_clock::now();
  auto engine = doro::Engine::Open(db_path, &error);
  if (!engine) {
    std::fprintf(stderr, "accuracy: %s\n", error.c_str());
    return 2;
  }
  auto t2 = std::chrono::steady_clock::now();

  // Refine everything first (timed, on `threads` threads), then score.
  std::vector<doro::gen::Outcome> outcomes(cases.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(64)) < cases.size();) {
      for (size_t k = i; k < std::min(cases.size(), i + 64); ++k) {
        // The unit is read with the full answer only; without units the
        // address alone (the contest's path) is timed.
        const bool unit = !cases[k].expected_detail.empty();
        doro::Answer a = engine->Refine(cases[k].label, unit ? doro::Detail::kFull : doro::Detail::kAddress);
        outcomes[k] = {a.ok(), std::move(a.address), doro::ReasonName(a.reason), std::move(a.detail_address)};
      }
    }
  };
  std::vector<double> runs;
  for (unsigned run = 0; run < repeat; ++run) {
    next = 0;
    auto t3 = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t3).count();
    runs.push_back(s);
  }
  // The median pass: this host's speed varies from run to run, and the
  // fastest pass flatters.
  std::sort(runs.begin(), runs.end());
  const double median = runs[runs.size() / 2];

  size_t k = 0;
  const auto report = doro::gen::Score(cases, [&](std::string_view) { return outcomes[k++]; }, 100000);
  auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  std::printf("%s\n", report.Table().c_str());
  std::printf("failures (class, verdict, label, expected, got):\n%s\n", report.FailureList(show).c_str());
  std::printf("rows+labels %.2f s, engine open %.2f s (%llu rows), refine %zu labels in %.3f s on %u thread(s): %.0f labels/s",
              secs(t0, t1), secs(t1, t2), static_cast<unsigned long long>(engine->report().rows),
              cases.size(), median, threads, cases.size() / median);
  if (runs.size() > 1) {
    std::printf(" (median of %zu passes; fastest %.0f, slowest %.0f labels/s)", runs.size(),
                cases.size() / runs.front(), cases.size() / runs.back());
  }
  std::printf("\n");
  return 0;
}
