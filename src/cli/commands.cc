#include "cli/commands.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "cli/answer_columns.h"
#include "cli/batch.h"
#include "cli/exit_codes.h"
#include "db/changes.h"
#include "db/database.h"
#include "db/index_file.h"
#include "match/engine.h"

#ifdef DORO_HAVE_SERVER
#include "cli/serve_command.h"
#endif

#ifndef DORO_VERSION
#define DORO_VERSION "0.0.0"
#endif

namespace doro::cli {

void Fail(ExitCode code, const std::string& message) {
  std::cerr << "doro: " << message << "\n";
  throw CLI::RuntimeError(code);
}

namespace {

constexpr const char* kDbHelp =
    "Directory or file of official rnaddrkor_*.txt files, or an index file (default: built-in demo)";

std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

// Without --db the demo database answers: say so, since it knows a few
// streets only and an operator might otherwise trust its "no answer"s.
void NoteDemo(const std::string& db) {
  if (db.empty()) {
    std::cerr << "doro: note: no --db given, using the built-in demo database (a few streets, for trying doro "
                 "out; give --db for real addresses)\n";
  }
}

std::unique_ptr<Engine> OpenOrFail(const std::string& db) {
  NoteDemo(db);
  std::string error;
  auto engine = Engine::Open(db, &error);
  if (!engine) Fail(kExitRuntime, error);
  const auto& r = engine->report();
  if (r.bad_lines > 0) {
    std::cerr << "doro: " << r.bad_lines << " bad line(s) skipped while loading";
    if (!r.bad_line_samples.empty()) std::cerr << ", first: " << r.bad_line_samples[0];
    std::cerr << "\n";
  }
  return engine;
}

}  // namespace

std::string FieldsHelp() { return "Output fields (JSON): " + Join(AnswerFieldNames()); }

std::string ReasonsHelp() {
  return "Reasons (no answer): " + Join(ReasonNames()) +
         "\nWarnings (answered, but part of the label disagrees): " + Join(WarningNames());
}

std::string VersionText() {
  // __DATE__ is "Dec  1 2026": written as 2026-12-01.
  static constexpr const char* kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  const std::string d = __DATE__;
  const int month = static_cast<int>(std::string_view(kMonths).find(d.substr(0, 3)) / 3 + 1);
  char date[16];
  std::snprintf(date, sizeof(date), "%s-%02d-%02d", d.substr(7, 4).c_str(), month, std::stoi(d.substr(4, 2)));
  return std::string("doro ") + DORO_VERSION + " (index format " + std::to_string(db::IndexFile::FormatVersion()) +
         ", built " + date + ")";
}

void AddRefineCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("refine", "Refine labels given on the command line");
  auto db = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto labels = std::make_shared<std::vector<std::string>>();
  cmd->add_option("--db", *db, kDbHelp);
  cmd->add_flag("--json", *json, "Print one JSON object per label");
  cmd->add_option("labels", *labels, "Labels to refine")->required();
  cmd->footer(
      "Prints one line per label: the road address with its reference part, or\n"
      "`답 없음 (REASON: why)`. With --json, one JSON object per label.\n" +
      FieldsHelp() + "\n" + ReasonsHelp() + "\n" + kExitCodesHelp +
      "; 3 when not one label got an answer\n"
      "\nExamples:\n"
      "  doro refine \"B 93, Wangsan-ro, Dongdaemun-gu, Seoul\"\n"
      "  doro refine --json --db korea.idx \"229, 당산로, Yeongdeungpo-gu\"");
  cmd->callback([db, json, labels] {
    auto engine = OpenOrFail(*db);
    size_t answered = 0;
    for (const auto& label : *labels) {
      const Answer a = engine->Refine(label);
      answered += a.ok();
      if (*json) {
        std::cout << AnswerJson(label, a) << "\n";
      } else if (a.ok()) {
        std::cout << a.address_full << "\n";
      } else {
        std::cout << "답 없음 (" << ReasonName(a.reason) << ": " << AnswerWhy(a) << ")\n";
      }
    }
    std::cout.flush();
    if (!std::cout) Fail(kExitRuntime, "cannot write to stdout");
    if (answered == 0) throw CLI::RuntimeError(kExitNoAnswer);
  });
}

namespace {

[[noreturn]] void BatchIoError(const std::string& what, const std::string& path, const std::string& why) {
  Fail(kExitRuntime, "batch: " + what + " " + path + ": " + why);
}

}  // namespace

void AddBatchCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("batch", "Refine many labels: lines to JSON Lines, or CSV/TSV to CSV/TSV");
  struct Opts {
    std::string db, input = "-", output = "-", format = "jsonl", encoding = "auto", column;
    unsigned threads = 0;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--db", o->db, kDbHelp);
  cmd->add_option("--input", o->input, "Input file ('-' = stdin)")->capture_default_str();
  cmd->add_option("--output", o->output, "Output file ('-' = stdout)")->capture_default_str();
  cmd->add_option("--format", o->format,
                  "jsonl: one label per line in, JSON Lines out; csv/tsv: a table with a header row in, the same "
                  "table with the answer's columns added out")
      ->check(CLI::IsMember({"jsonl", "csv", "tsv"}))
      ->capture_default_str();
  cmd->add_option("--column", o->column,
                  "csv/tsv: the address column, by header name or number (1 = first); default: the column named "
                  "address or 주소, or the only one");
  cmd->add_option("--encoding", o->encoding, "Input encoding; auto tells CP949 (Korean Excel) from UTF-8")
      ->check(CLI::IsMember({"auto", "utf-8", "cp949"}))
      ->capture_default_str();
  cmd->add_option("--threads", o->threads, "Worker threads (0 = all cores)")->capture_default_str();
  cmd->footer(
      "Answers leave in input order. From a pipe or a terminal each line is answered as soon\n"
      "as it is read; a file is read in large blocks (faster). A UTF-8 byte order mark is skipped;\n"
      "output is UTF-8. With csv/tsv every input column is written back unchanged, then one\n"
      "column per output field (lists and objects as JSON). A summary and, on a terminal, a\n"
      "progress counter go to stderr (never over the answers).\n" +
      FieldsHelp() + "\n" + ReasonsHelp() + "\n" + kExitCodesHelp +
      "\n"
      "\nExamples:\n"
      "  doro batch --db korea.idx --input labels.txt --output answers.jsonl\n"
      "  tail -f labels.txt | doro batch --db korea.idx\n"
      "  doro batch --db korea.idx --format csv --column 배송지 --input orders.csv --output out.csv");
  cmd->callback([o] {
    BatchOptions options;
    options.threads = o->threads;
    options.format = o->format == "csv" ? BatchFormat::kCsv : o->format == "tsv" ? BatchFormat::kTsv : BatchFormat::kJsonl;
    options.encoding = o->encoding == "cp949"   ? InputEncoding::kCp949
                       : o->encoding == "utf-8" ? InputEncoding::kUtf8
                                                : InputEncoding::kAuto;
    options.column = o->column;
    if (!o->column.empty() && options.format == BatchFormat::kJsonl) {
      Fail(kExitUsage, "batch: --column needs --format csv or tsv");
    }
    auto engine = OpenOrFail(o->db);
    std::ifstream fin;
    std::ofstream fout;
    std::istream* in = &std::cin;
    std::ostream* out = &std::cout;
    int in_fd = STDIN_FILENO;
    if (o->input != "-") {
      // A directory opens for reading but reads as empty: refuse it first.
      std::error_code ec;
      if (std::filesystem::is_directory(o->input, ec)) BatchIoError("cannot read input", o->input, "is a directory");
      fin.open(o->input, std::ios::binary);
      if (!fin) BatchIoError("cannot open input", o->input, std::strerror(errno));
      in = &fin;
      in_fd = -1;
    }
    if (o->output != "-") {
      fout.open(o->output, std::ios::binary);
      if (!fout) BatchIoError("cannot open output", o->output, std::strerror(errno));
      out = &fout;
    }
    // Stream unless the input is a regular file (then the fast path).
    struct stat st {};
    options.streaming = in_fd >= 0 ? !(fstat(in_fd, &st) == 0 && S_ISREG(st.st_mode))
                                   : !(stat(o->input.c_str(), &st) == 0 && S_ISREG(st.st_mode));
    // Progress only when stderr is a terminal and the answers are not going
    // to one: a progress line redrawn with \r would overwrite them.
    const bool show_progress = isatty(STDERR_FILENO) != 0 && !(out == &std::cout && isatty(STDOUT_FILENO) != 0);
    std::streamoff total = 0;
    if (fin.is_open() && !options.streaming) {
      fin.seekg(0, std::ios::end);
      total = fin.tellg();
      fin.seekg(0, std::ios::beg);
    }
    auto progress = [show_progress, total, &fin](uint64_t done) {
      if (!show_progress) return;
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
    const auto stats = RunBatch(*engine, *in, *out, options, progress);
    if (show_progress && stats.lines > 0) std::fprintf(stderr, "\n");
    const std::string after = "failed after " + std::to_string(stats.lines) + " labels";
    if (stats.failure == BatchFailure::kColumn) Fail(kExitUsage, "batch: " + stats.message);
    if (stats.failure == BatchFailure::kRead)
      BatchIoError("cannot read input", o->input == "-" ? "(stdin)" : o->input, after);
    if (stats.failure == BatchFailure::kWrite)
      BatchIoError("cannot write output", o->output == "-" ? "(stdout)" : o->output, after);
    std::fprintf(stderr, "doro batch: %llu labels, %llu answered, %llu no answer, %.3f s (%.0f labels/s)\n",
                 static_cast<unsigned long long>(stats.lines), static_cast<unsigned long long>(stats.ok),
                 static_cast<unsigned long long>(stats.no_answer), stats.seconds,
                 stats.seconds > 0 ? stats.lines / stats.seconds : 0.0);
  });
}

namespace {

std::string IndexOutPath(const std::string& command, std::string out);

void IndexBuild(const std::string& db, std::string out) {
  out = IndexOutPath("index build", out);
  LoadReport report;
  std::string error;
  auto database = db::Database::Load(db, &report, &error);
  if (!database) Fail(kExitRuntime, error);
  if (!db::IndexFile::Write(*database, report, out, &error)) Fail(kExitRuntime, "index build: " + error);
  std::fprintf(stderr, "doro index build: %s, %.2f s -> %s\n", LoadSummary(report).c_str(), report.seconds,
               out.c_str());
}

// A directory given as --out gets the conventional file name inside it.
std::string IndexOutPath(const std::string& command, std::string out) {
  std::error_code ec;
  if (std::filesystem::is_directory(out, ec)) out = (std::filesystem::path(out) / "doro.idx").string();
  if (std::filesystem::is_directory(out, ec)) Fail(kExitRuntime, command + ": " + out + " is a directory; give a file name");
  return out;
}

void IndexUpdate(const std::string& index, const std::vector<std::string>& changes, const std::string& out_arg,
                 bool rebuild) {
  const std::string out = IndexOutPath("index update", out_arg);
  std::error_code ec;
  if (!db::IndexFile::LooksLikeIndex(index)) {
    Fail(kExitRuntime, "index update: " + index +
                           (std::filesystem::exists(index, ec) ? ": not a doro index file (build one with `doro index build`)"
                                                               : ": no such file"));
  }
  LoadReport old_report;
  std::string error;
  auto old = db::IndexFile::Open(index, &old_report, &error);
  if (!old) Fail(kExitRuntime, "index update: " + error);
  std::vector<db::ChangeFile> files;
  if (!db::ReadChangeFiles(changes, &files, &error)) Fail(kExitRuntime, "index update: " + error);
  LoadReport report;
  db::ChangeStats stats;
  auto updated = db::ApplyChanges(*old, old_report, files, &report, &stats, &error,
                                  rebuild ? db::UpdateMethod::kRebuild : db::UpdateMethod::kPatchRoads);
  if (!updated) Fail(kExitRuntime, "index update: " + index + ": " + error);
  old.reset();  // the old tables are not needed while writing
  if (!db::IndexFile::Write(*updated, report, out, &error)) Fail(kExitRuntime, "index update: " + error);
  std::string dates;
  for (const auto& f : files) {
    std::fprintf(stderr, "doro index update: %s: %s, %llu rows, %llu bad lines%s\n", f.path.c_str(),
                 f.date.empty() ? "no date" : DataDate(f.date).c_str(), static_cast<unsigned long long>(f.rows.size()),
                 static_cast<unsigned long long>(f.report.bad_lines), f.no_data ? " (No Data)" : "");
    if (f.report.bad_lines > 0 && !f.report.bad_line_samples.empty()) {
      std::fprintf(stderr, "doro index update:   first bad line: %s\n", f.report.bad_line_samples[0].c_str());
    }
  }
  for (const auto& [code, n] : stats.unknown_codes) {
    std::fprintf(stderr, "doro index update: unknown 이동사유코드 '%s': %llu rows skipped\n", code.c_str(),
                 static_cast<unsigned long long>(n));
  }
  auto u = [](uint64_t v) { return static_cast<unsigned long long>(v); };
  std::fprintf(stderr,
               "doro index update: %zu change files, %llu added, %llu changed, %llu deleted (%llu new for an id "
               "present, %llu changes for an id absent, %llu deletes for an id absent)\n",
               files.size(), u(stats.added), u(stats.changed), u(stats.deleted), u(stats.new_for_present),
               u(stats.change_for_absent), u(stats.delete_for_absent));
  if (stats.rebuild_reason.empty()) {
    std::fprintf(stderr, "doro index update: %llu roads rebuilt, the others kept\n", u(stats.roads_rebuilt));
  } else if (!rebuild) {
    std::fprintf(stderr, "doro index update: every road rebuilt: %s\n", stats.rebuild_reason.c_str());
  }
  std::fprintf(stderr, "doro index update: %s, %.2f s -> %s\n", LoadSummary(report).c_str(), report.seconds,
               out.c_str());
}

void IndexInfo(const std::string& path) {
  if (!db::IndexFile::LooksLikeIndex(path)) {
    std::error_code ec;
    Fail(kExitRuntime, "index info: " + path +
                           (std::filesystem::exists(path, ec) ? ": not a doro index file" : ": no such file"));
  }
  LoadReport r;
  std::string error;
  auto database = db::IndexFile::Open(path, &r, &error);
  if (!database) Fail(kExitRuntime, "index info: " + error);
  std::ostringstream s;
  s << "index:          " << path << "\n"
    << "format version: " << db::IndexFile::FormatVersion() << "\n"
    << "built:          " << UtcTime(r.built_at) << "\n"
    << "rows:           " << r.rows << "\n"
    << "bad lines:      " << r.bad_lines << "\n"
    << "roads:          " << r.roads << "\n"
    << "official English names: " << (r.official_english() ? "yes" : "no") << "\n"
    << "data date:      " << DataDate(r.data_date) << "\n"
    << "source files:   " << r.files.size() << "\n";
  for (const auto& f : r.files) {
    const char* what = f.kind == SourceFile::Kind::kEnglishNames ? " English road names  "
                       : f.kind == SourceFile::Kind::kChangeRows ? " changes  "
                       : f.kind == SourceFile::Kind::kRelatedLots ? " related lots  "
                                                                  : " rows  ";
    s << "  " << UtcTime(f.modified) << "  " << f.rows << what << f.path << "\n";
  }
  std::cout << s.str();
}

}  // namespace

void AddIndexCommand(CLI::App& app) {
  auto* index = app.add_subcommand("index", "Compiled index files: build one, update one with change files, or describe one");
  index->require_subcommand(1);
  auto* build = index->add_subcommand("build", "Compile official text files into one mmap-able index file");
  auto db = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  build->add_option("--db", *db, "Directory or file of official rnaddrkor_*.txt files")->required();
  build->add_option("--out", *out, "Index file to write (a directory: DIR/doro.idx)")->required();
  build->footer(std::string("Writes the file atomically (a temporary file renamed into place; none is left\n"
                            "behind on failure) and prints what it read on stderr.\n") +
                kExitCodesHelp +
                "\n\nExample:\n  doro index build --db ../shared/data/juso/sejong --out sejong.idx");
  build->callback([db, out] { IndexBuild(*db, *out); });
  auto* info = index->add_subcommand("info", "Describe an index file: format, build date, sources, counts");
  auto file = std::make_shared<std::string>();
  info->add_option("file", *file, "Index file")->required();
  info->footer(std::string("Prints format version, build time (UTC), rows, bad lines, roads, whether\n"
                           "official English road names were present, and each source file with its\n"
                           "modification time and row count.\n") +
               kExitCodesHelp + "\n\nExample:\n  doro index info sejong.idx");
  info->callback([file] { IndexInfo(*file); });
  auto* update = index->add_subcommand("update", "Apply official change files (변동분) to an index, writing a new one");
  struct UpdateOpts {
    std::string index, out;
    std::vector<std::string> changes;
    bool rebuild = false;
  };
  auto u = std::make_shared<UpdateOpts>();
  update->add_option("--index", u->index, "The index to start from (format 7)")->required();
  update->add_option("--changes", u->changes,
                     "Change files (AlterD.JUSUKR.YYYYMMDD.TH_SGCO_RNADR_MST.TXT, rnaddrkor layout), or directories of "
                     "them")
      ->required();
  update->add_option("--out", u->out, "Index file to write (a directory: DIR/doro.idx; may be --index itself)")
      ->required();
  update->add_flag("--rebuild", u->rebuild,
                   "Rebuild every road from the rows instead of only those the changes touch (slower; the same "
                   "answers, and tables byte for byte those of `index build`)");
  update->footer(std::string(
                     "Applies the change files in date order (the YYYYMMDD in a file's name, else the latest\n"
                     "효력발생일 of its rows; ties in the order given) to the rows the index was built from:\n"
                     "이동사유코드 31 adds a row, 34 replaces it, 63 deletes it (keyed by 도로명주소관리번호).\n"
                     "The result answers as `index build` over the full files with the same changes made.\n"
                     "Only the roads the changes touch are rebuilt; when that could differ from a full build\n"
                     "(a row in a 시군구 new to the index, say), every road is, and the output says why.\n"
                     "A file holding only `No Data` changes nothing. Bad lines are counted and skipped,\n"
                     "rows with another code are reported and skipped. The new index is written like\n"
                     "`index build` writes one (atomically, checked); on any error nothing is written.\n") +
                 kExitCodesHelp +
                 "\n\nExample:\n  doro index update --index korea.idx --changes daily/ --out korea-new.idx");
  update->callback([u] { IndexUpdate(u->index, u->changes, u->out, u->rebuild); });
}

int RunCli(int argc, char** argv) {
  CLI::App app{"doro: messy English/Korean labels of places in Korea -> official road addresses (도로명주소)"};
  app.name("doro");
  app.set_version_flag("--version", VersionText(), "Print version, index format and build date");
  app.require_subcommand(1);
  app.footer(std::string(kExitCodesHelp) +
             "; 3 refine: no label got an answer\n"
             "\nExamples:\n"
             "  doro refine \"B 93, Wangsan-ro, Dongdaemun-gu, Seoul\"\n"
             "  doro batch --db korea.idx --input labels.txt --output answers.jsonl\n"
             "  doro batch --db korea.idx --format csv --column address --input orders.csv\n"
             "  doro index build --db ../shared/data/juso/sejong --out sejong.idx\n"
             "  doro serve --db sejong.idx --port 8080\n"
             "\n`doro COMMAND --help` lists a command's options, output fields, reasons and exit codes;\n"
             "`man doro` has it all.");
  AddRefineCommand(app);
  AddBatchCommand(app);
  AddIndexCommand(app);
#ifdef DORO_HAVE_SERVER
  AddServeCommand(app);
#endif
  if (argc <= 1) {
    std::cout << app.help();
    return kExitOk;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();  // a command's own failure, already reported
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // help and version to stdout, errors to stderr
    return code == 0 ? kExitOk : kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "doro: " << e.what() << "\n";
    return kExitRuntime;
  }
  return kExitOk;
}

}  // namespace doro::cli
