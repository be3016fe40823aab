// gen_national: writes a synthetic nationwide address database (17 files
// rnaddrkor_<region>.txt in the official layout) for scale tests.
//
//   gen_national --out /tmp/national --scale 1.0 --seed 1
//       --sejong ../shared/data/juso/sejong/rnaddrkor_sejong.txt   (one line)
#include <chrono>
#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>

#include "testgen/national.h"

int main(int argc, char** argv) {
  CLI::App app{"Generate a synthetic nationwide road-address database"};
  doro::gen::NationalOptions options;
  std::string out;
  bool utf8 = false;
  bool per_file = false;
  app.add_option("--out", out, "output directory (created if missing)")->required();
  app.add_option("--scale", options.scale, "1.0 = about 6.4 million rows")
      ->check(CLI::Range(0.0, 20.0));
  app.add_option("--seed", options.seed, "random seed");
  app.add_option("--sejong", options.sejong_path,
                 "real Sejong file to learn syllable statistics from (default: built-in)");
  app.add_option("--threads", options.threads, "worker threads")->check(CLI::Range(1, 16));
  app.add_flag("--utf8", utf8, "write UTF-8 instead of CP949");
  app.add_flag("--per-file", per_file, "print rows, roads and bytes of each file");
  CLI11_PARSE(app, argc, argv);
  options.cp949 = !utf8;

  const auto start = std::chrono::steady_clock::now();
  doro::gen::NationalCounts counts;
  std::string error;
  if (!doro::gen::WriteNational(options, out, &counts, &error)) {
    std::fprintf(stderr, "gen_national: %s\n", error.c_str());
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (per_file) {
    for (const auto& f : counts.files) {
      std::printf("%-26s rows %9llu  roads %7llu  bytes %11llu\n", f.file.c_str(),
                  static_cast<unsigned long long>(f.rows),
                  static_cast<unsigned long long>(f.roads),
                  static_cast<unsigned long long>(f.bytes));
    }
  }
  std::printf("rows %llu  files %zu  roads %llu  bytes %llu  syllables %s  seconds %.2f\n",
              static_cast<unsigned long long>(counts.rows), counts.files.size(),
              static_cast<unsigned long long>(counts.roads),
              static_cast<unsigned long long>(counts.bytes),
              counts.learned ? "learned" : "built-in", seconds);
  return 0;
}
