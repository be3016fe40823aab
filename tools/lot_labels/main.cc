// lot_labels: writes test labels that name no road — lot (지번) addresses,
// building names — and labels of every kind carrying a unit (상세주소), with
// the answers computed from the rows (testgen/lot_labels.h), one case a line:
//   label <TAB> class <TAB> expected road address ("" = no answer)
//   <TAB> expected reason [<TAB> expected detailAddr, only when the label carries a unit]
// — the TSV `accuracy --labels FILE` reads. Deterministic for a data path,
// count and seed.
//
//   lot_labels --data ../shared/data/koreapost2013 --count 3000 > lots.tsv
//   lot_labels --data ../shared/data/juso/sejong
//       --english ../shared/data/koreapost2013/sejong/TN_SPRD_RDNM.txt --count 1000
//   lot_labels --data ../shared/data/koreapost2013 --count 3000 --summary
//   lot_labels --data ../shared/data/koreapost2013/daejeon --score   (address only:
//       the engine has no detailAddr yet, so unit cases are scored on the address)
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "match/engine.h"
#include "testgen/accuracy.h"
#include "testgen/lot_labels.h"

int main(int argc, char** argv) {
  CLI::App app{"Generate lot, building-name and unit labels from real rows, with expected answers"};
  std::vector<std::string> data_paths, english_paths;
  std::string admin_dir = "../shared/data/admin";
  size_t count = 1000;
  uint64_t seed = 1;
  std::string format = "tsv";
  bool summary = false, score = false;
  size_t show = 10;
  app.add_option("--data", data_paths,
                 "rnaddrkor file, region folder (with TN_SPRD_RDNM.txt), or koreapost2013/")
      ->required();
  app.add_option("--english", english_paths, "TN_SPRD_RDNM.txt files with the English road names");
  app.add_option("--admin", admin_dir, "folder of the admin *_en.tsv tables");
  app.add_option("--count", count, "number of cases")->check(CLI::Range(size_t{0}, size_t{10000000}));
  app.add_option("--seed", seed, "random seed");
  app.add_option("--format", format, "tsv or jsonl")->check(CLI::IsMember({"tsv", "jsonl"}));
  app.add_flag("--summary", summary,
               "instead of the cases, print per class: what it draws on and the cases made");
  app.add_flag("--score", score,
               "instead of the cases, open the engine on the same rows, refine them and print "
               "the per-class table and failures (addresses only)");
  app.add_option("--show", show, "with --score: failures listed per class");
  CLI11_PARSE(app, argc, argv);

  std::vector<doro::db::AddressRow> rows;
  doro::testgen::OfficialNames names;
  std::vector<std::string> files;
  std::string error;
  if (!doro::testgen::LoadOfficialSources(data_paths, english_paths, admin_dir, &rows, &names, &files,
                                          &error)) {
    std::cerr << "lot_labels: " << error << "\n";
    return 1;
  }
  if (rows.empty()) {
    std::cerr << "lot_labels: no rows\n";
    return 1;
  }
  doro::testgen::LotLabelGenerator gen(std::move(rows), std::move(names));
  const auto cases = gen.Generate(count, seed);
  if (summary) {
    std::map<std::string, std::pair<size_t, size_t>> made;  // class -> (cases, positives)
    for (const auto& c : cases) {
      auto& m = made[c.error_class];
      ++m.first;
      m.second += !c.expected.empty();
    }
    std::printf("%-18s %10s %8s %10s\n", "class", "pool", "cases", "positives");
    for (const auto& [cls, pool] : gen.PoolSizes()) {
      std::printf("%-18s %10zu %8zu %10zu\n", cls.c_str(), pool, made[cls].first, made[cls].second);
    }
    std::printf("%-18s %10s %8zu\n", "TOTAL", "", cases.size());
    return 0;
  }
  if (score) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("lot_labels_db." + std::to_string(::getpid()));
    fs::create_directories(dir);
    for (const auto& f : files) fs::create_symlink(fs::absolute(f), dir / fs::path(f).filename());
    auto engine = doro::Engine::Open(dir.string(), &error);
    fs::remove_all(dir);
    if (engine == nullptr) {
      std::cerr << "lot_labels: " << error << "\n";
      return 1;
    }
    // Scored on the address alone until the engine gives a detailAddr: the
    // expected detail is cleared so that it is not counted as wrong.
    auto address_only = cases;
    for (auto& c : address_only) c.expected_detail.clear();
    const auto report = doro::gen::Score(
        address_only,
        [&](std::string_view label) {
          doro::Answer a = engine->Refine(label, doro::Detail::kAddress);
          return doro::gen::Outcome{a.ok(), a.address, doro::ReasonName(a.reason), ""};
        },
        100000);
    std::cout << report.Table() << "\n" << report.FailureList(show);
    return 0;
  }
  std::string out;
  for (const auto& c : cases) {
    out += format == "jsonl" ? doro::gen::CaseToJson(c) : doro::gen::CaseToTsv(c);
    out += '\n';
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
