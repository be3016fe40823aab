// official_labels: writes test labels whose English comes from the official
// English names in the data (testgen/official_labels.h), one case a line:
// label, class, expected road address ("" = no answer), expected reason —
// the TSV `accuracy --labels FILE` reads.
//
//   official_labels --data ../shared/data/koreapost2013 --count 3000 > cases.tsv
//   official_labels --data ../shared/data/juso/sejong
//       --english ../shared/data/koreapost2013/sejong/TN_SPRD_RDNM.txt --count 1000
//   official_labels --data ../shared/data/koreapost2013/daejeon --score
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "testgen/accuracy.h"
#include "match/engine.h"
#include "testgen/official_labels.h"

int main(int argc, char** argv) {
  CLI::App app{"Generate test labels from the official English names, with expected answers"};
  std::vector<std::string> data_paths, english_paths;
  std::string admin_dir = "../shared/data/admin";
  size_t count = 1000;
  uint64_t seed = 1;
  std::string format = "tsv";
  bool score = false;
  size_t show = 10;
  app.add_option("--data", data_paths,
                 "rnaddrkor file, region folder (with TN_SPRD_RDNM.txt), or koreapost2013/")
      ->required();
  app.add_option("--english", english_paths, "TN_SPRD_RDNM.txt files with the English road names");
  app.add_option("--admin", admin_dir, "folder of the admin *_en.tsv tables");
  app.add_option("--count", count, "number of cases")->check(CLI::Range(size_t{0}, size_t{10000000}));
  app.add_option("--seed", seed, "random seed");
  app.add_option("--format", format, "tsv or jsonl")->check(CLI::IsMember({"tsv", "jsonl"}));
  app.add_flag("--score", score,
               "instead of the cases, open the engine on the same rows, refine them and print "
               "the per-class table and failures");
  app.add_option("--show", show, "with --score: failures listed per class");
  CLI11_PARSE(app, argc, argv);

  std::vector<doro::db::AddressRow> rows;
  doro::testgen::OfficialNames names;
  std::vector<std::string> files;
  std::string error;
  if (!doro::testgen::LoadOfficialSources(data_paths, english_paths, admin_dir, &rows, &names, &files,
                                          &error)) {
    std::cerr << "official_labels: " << error << "\n";
    return 1;
  }
  if (rows.empty() || names.roads.empty()) {
    std::cerr << "official_labels: no rows or no English road names (give --english)\n";
    return 1;
  }
  doro::testgen::OfficialLabelGenerator gen(std::move(rows), std::move(names));
  const auto cases = gen.Generate(count, seed);
  if (score) {
    // The engine opens one folder: link the row files into a temporary one.
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("official_labels_db." + std::to_string(::getpid()));
    fs::create_directories(dir);
    for (const auto& f : files) fs::create_symlink(fs::absolute(f), dir / fs::path(f).filename());
    auto engine = doro::Engine::Open(dir.string(), &error);
    fs::remove_all(dir);
    if (engine == nullptr) {
      std::cerr << "official_labels: " << error << "\n";
      return 1;
    }
    const auto report = doro::gen::Score(
        cases,
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
