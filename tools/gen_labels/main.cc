// gen_labels: writes messy test labels for an address database, one case a
// line: label, class, expected road address ("" = no answer), expected reason.
//
//   gen_labels --db ../shared/data/juso/sejong/rnaddrkor_sejong.txt --count 5000
//   gen_labels --db ... --count 50000 --score   # run the engine, print the table
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "testgen/accuracy.h"
#include "testgen/labels.h"
#include "match/engine.h"

int main(int argc, char** argv) {
  CLI::App app{"Generate messy address labels with their expected answers"};
  std::string db_path;
  size_t count = 1000;
  uint64_t seed = 1;
  std::string format = "tsv";
  std::string translations_path;
  app.add_option("--db", db_path, "official rnaddrkor file or directory (default: built-in demo)");
  app.add_option("--count", count, "number of cases")->check(CLI::Range(size_t{0}, size_t{10000000}));
  app.add_option("--seed", seed, "random seed");
  app.add_option("--format", format, "tsv or jsonl")->check(CLI::IsMember({"tsv", "jsonl"}));
  app.add_option("--translations", translations_path,
                 "translation table (default: the compiled-in data/translations.tsv)");
  bool score = false;
  size_t show = 10;
  app.add_flag("--score", score,
               "instead of the cases, run the engine on them and print the per-class table "
               "and failures");
  app.add_option("--show", show, "with --score: failures listed per class");
  CLI11_PARSE(app, argc, argv);

  std::vector<doro::db::AddressRow> rows;
  std::string error;
  if (!doro::gen::LoadRows(db_path, &rows, &error)) {
    std::cerr << "gen_labels: " << error << "\n";
    return 1;
  }
  if (rows.empty()) {
    std::cerr << "gen_labels: the database has no rows\n";
    return 1;
  }
  std::string tsv;
  const std::string* tr = nullptr;
  if (!translations_path.empty()) {
    std::FILE* f = std::fopen(translations_path.c_str(), "rb");
    if (f == nullptr) {
      std::cerr << "gen_labels: cannot read " << translations_path << "\n";
      return 1;
    }
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) tsv.append(buf, n);
    std::fclose(f);
    tr = &tsv;
  }
  doro::gen::LabelGenerator gen(std::move(rows), tr);
  if (score) {
    auto engine = doro::Engine::Open(db_path, &error);
    if (engine == nullptr) {
      std::cerr << "gen_labels: " << error << "\n";
      return 1;
    }
    const auto report = doro::gen::Score(
        gen.Generate(count, seed),
        [&](std::string_view label) {
          doro::Answer a = engine->Refine(label);
          return doro::gen::Outcome{a.ok(), a.address, doro::ReasonName(a.reason), ""};
        },
        100000);
    std::cout << report.Table() << "\n" << report.FailureList(show);
    return 0;
  }
  std::string out;
  for (const auto& c : gen.Generate(count, seed)) {
    out += format == "jsonl" ? doro::gen::CaseToJson(c) : doro::gen::CaseToTsv(c);
    out += '\n';
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
