// The doro command: refine labels, clean batch files, serve HTTP.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "cli/batch.h"
#include "db/database.h"
#include "db/index_file.h"
#include "json/answer_json.h"
#include "match/engine.h"

#ifdef DORO_HAVE_SERVER
#include "cli/serve_command.h"
#endif

namespace {

std::unique_ptr<doro::Engine> OpenOrExit(const std::string& db) {
  std::string error;
  auto engine = doro::Engine::Open(db, &error);
  if (!engine) {
    std::cerr << "doro: " << error << "\n";
    throw CLI::RuntimeError(2);
  }
  const auto& r = engine->report();
  if (r.bad_lines > 0) {
    std::cerr << "doro: " << r.bad_lines << " bad line(s) skipped while loading";
    if (!r.bad_line_samples.empty()) std::cerr << ", first: " << r.bad_line_samples[0];
    std::cerr << "\n";
  }
  return engine;
}

void AddRefine(CLI::App& app) {
  auto* cmd = app.add_subcommand("refine", "Refine labels given on the command line");
  auto db = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto labels = std::make_shared<std::vector<std::string>>();
  cmd->add_option("--db", *db, "Directory or file of official rnaddrkor_*.txt files (default: built-in demo)");
  cmd->add_flag("--json", *json, "Print one JSON object per label");
  cmd->add_option("labels", *labels, "Labels to refine")->required();
  cmd->callback([db, json, labels] {
    auto engine = OpenOrExit(*db);
    for (const auto& label : *labels) {
      const doro::Answer a = engine->Refine(label);
      if (*json) {
        std::cout << doro::json::AnswerToJson(label, a) << "\n";
      } else if (a.ok()) {
        std::cout << a.address_full << "\n";
      } else {
        std::cout << "답 없음 (" << doro::ReasonName(a.reason) << ": " << a.why << ")\n";
      }
    }
  });
}

// Every I/O error of `doro batch` ends it with exit code 1.
[[noreturn]] void BatchIoError(const std::string& what, const std::string& path, const std::string& why) {
  std::cerr << "doro batch: " << what << " " << path << ": " << why << "\n";
  throw CLI::RuntimeError(1);
}

void AddBatch(CLI::App& app) {
  auto* cmd = app.add_subcommand("batch", "Refine one label per line into JSON Lines");
  struct Opts {
    std::string db, input = "-", output = "-";
    unsigned threads = 0;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--db", o->db, "Directory or file of official rnaddrkor_*.txt files (default: built-in demo)");
  cmd->add_option("--input", o->input, "Input file, one label per line ('-' = stdin)");
  cmd->add_option("--output", o->output, "Output JSON Lines file ('-' = stdout)");
  cmd->add_option("--threads", o->threads, "Worker threads (0 = all cores)");
  cmd->callback([o] {
    auto engine = OpenOrExit(o->db);
    std::ifstream fin;
    std::ofstream fout;
    std::istream* in = &std::cin;
    std::ostream* out = &std::cout;
    if (o->input != "-") {
      // A directory opens for reading but reads as empty: refuse it first.
      std::error_code ec;
      if (std::filesystem::is_directory(o->input, ec)) BatchIoError("cannot read input", o->input, "is a directory");
      fin.open(o->input, std::ios::binary);
      if (!fin) BatchIoError("cannot open input", o->input, std::strerror(errno));
      in = &fin;
    }
    if (o->output != "-") {
      fout.open(o->output, std::ios::binary);
      if (!fout) BatchIoError("cannot open output", o->output, std::strerror(errno));
      out = &fout;
    }
    const bool tty = isatty(STDERR_FILENO) != 0;
    // A bar when the input's size is known (a file), a counter otherwise.
    std::streamoff total = 0;
    if (fin.is_open()) {
      fin.seekg(0, std::ios::end);
      total = fin.tellg();
      fin.seekg(0, std::ios::beg);
    }
    auto progress = [tty, total, &fin](uint64_t done) {
      if (!tty) return;
      const std::streamoff at = total > 0 ? static_cast<std::streamoff>(fin.tellg()) : -1;
      if (total > 0) {
        const double f = at < 0 ? 1.0 : std::min(1.0, static_cast<double>(at) / static_cast<double>(total));
        const int width = 30, filled = static_cast<int>(f * width);
        std::fprintf(stderr, "\r\033[Kdoro batch: [%.*s%*s] %3.0f%%  %llu labels", filled,
                     "##############################", width - filled, "", f * 100,
                     static_cast<unsigned long long>(done));
      } else {
        std::fprintf(stderr, "\r\033[Kdoro batch: %llu labels", static_cast<unsigned long long>(done));
      }
    };
    const auto stats = doro::cli::RunBatch(*engine, *in, *out, o->threads, progress);
    if (tty) std::fprintf(stderr, "\n");
    const std::string after = "failed after " + std::to_string(stats.lines) + " labels";
    if (stats.failure == doro::cli::BatchFailure::kRead)
      BatchIoError("cannot read input", o->input == "-" ? "(stdin)" : o->input, after);
    if (stats.failure == doro::cli::BatchFailure::kWrite)
      BatchIoError("cannot write output", o->output == "-" ? "(stdout)" : o->output, after);
    std::fprintf(stderr, "doro batch: %llu labels, %llu answered, %llu no answer, %.3f s (%.0f labels/s)\n",
                 static_cast<unsigned long long>(stats.lines),
                 static_cast<unsigned long long>(stats.ok),
                 static_cast<unsigned long long>(stats.no_answer), stats.seconds,
                 stats.seconds > 0 ? stats.lines / stats.seconds : 0.0);
  });
}

void AddIndex(CLI::App& app) {
  auto* index = app.add_subcommand("index", "Compiled index files");
  index->require_subcommand(1);
  auto* build = index->add_subcommand("build", "Compile official text files into one mmap-able index file");
  auto db = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  build->add_option("--db", *db, "Directory or file of official rnaddrkor_*.txt files")->required();
  build->add_option("--out", *out, "Index file to write")->required();
  build->callback([db, out] {
    doro::LoadReport report;
    std::string error;
    auto database = doro::db::Database::Load(*db, &report, &error);
    if (!database) {
      std::cerr << "doro: " << error << "\n";
      throw CLI::RuntimeError(2);
    }
    if (!doro::db::IndexFile::Write(*database, report, *out, &error)) {
      std::cerr << "doro: " << error << "\n";
      throw CLI::RuntimeError(2);
    }
    std::fprintf(stderr, "doro index build: %zu files, %llu rows, %llu bad lines, %llu roads, %.2f s -> %s\n",
                 report.files.size(), static_cast<unsigned long long>(report.rows),
                 static_cast<unsigned long long>(report.bad_lines),
                 static_cast<unsigned long long>(report.roads), report.seconds, out->c_str());
  });
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"doro: messy English/Korean labels -> official Korean road addresses"};
  app.require_subcommand(1);
  AddRefine(app);
  AddBatch(app);
  AddIndex(app);
#ifdef DORO_HAVE_SERVER
  doro::cli::AddServeCommand(app);
#endif
  CLI11_PARSE(app, argc, argv);
  return 0;
}
