#include "cli/batch.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "cli/answer_columns.h"
#include "cli/csv.h"
#include "text/encoding.h"
#include "text/utf8.h"
#include "util/work_pool.h"

namespace doro::cli {
namespace {

constexpr size_t kBlock = 16384;        // records refined together on the fast path
constexpr size_t kReadSize = 1 << 16;   // bytes asked for at once

// Reads what `sb` has: in streaming mode whatever has arrived (waiting only
// when nothing has), else up to `cap` bytes. 0 at end of input. Throws what
// the stream buffer throws.
size_t ReadSome(std::streambuf* sb, char* buf, size_t cap, bool streaming) {
  if (!streaming) return static_cast<size_t>(sb->sgetn(buf, static_cast<std::streamsize>(cap)));
  std::streamsize avail = sb->in_avail();
  if (avail == 0) {
    if (std::char_traits<char>::eq_int_type(sb->sgetc(), std::char_traits<char>::eof())) return 0;
    avail = std::max<std::streamsize>(1, sb->in_avail());
  }
  if (avail < 0) return 0;
  return static_cast<size_t>(sb->sgetn(buf, std::min<std::streamsize>(avail, static_cast<std::streamsize>(cap))));
}

// Splits bytes into lines (LF or CRLF), keeping empty ones: output line N
// answers input line N.
class LineReader {
 public:
  void Feed(std::string_view bytes, std::vector<std::string>* out) {
    size_t pos = 0;
    while (true) {
      const size_t nl = bytes.find('\n', pos);
      if (nl == std::string_view::npos) break;
      partial_.append(bytes.substr(pos, nl - pos));
      Emit(out);
      pos = nl + 1;
    }
    partial_.append(bytes.substr(pos));
  }
  void Finish(std::vector<std::string>* out) {
    if (!partial_.empty()) Emit(out);
  }

 private:
  void Emit(std::vector<std::string>* out) {
    if (!partial_.empty() && partial_.back() == '\r') partial_.pop_back();
    out->push_back(std::move(partial_));
    partial_.clear();
  }
  std::string partial_;
};

// Input bytes -> UTF-8, record by record. In auto mode the first record with
// non-ASCII bytes decides (valid UTF-8 -> UTF-8, else CP949) for the rest;
// a record that does not convert stays as it is (its label then gets
// bad_input if it is not UTF-8 either), never dropped.
class Decoder {
 public:
  explicit Decoder(InputEncoding e) : mode_(e) {}
  void Decode(std::string* s) {
    if (mode_ == InputEncoding::kUtf8) return;
    if (std::all_of(s->begin(), s->end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) return;
    if (mode_ == InputEncoding::kAuto) mode_ = text::IsValidUtf8(*s) ? InputEncoding::kUtf8 : InputEncoding::kCp949;
    if (mode_ != InputEncoding::kCp949) return;
    if (auto utf8 = text::Cp949ToUtf8(*s)) *s = std::move(*utf8);
  }

 private:
  InputEncoding mode_;
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The address column of a header row, or nullopt with *why.
std::optional<size_t> FindColumn(const CsvRecord& header, const std::string& wanted, std::string* why) {
  auto names = [&] {
    std::string s;
    for (size_t i = 0; i < header.size(); ++i) s += (i ? ", " : "") + std::to_string(i + 1) + " \"" + header[i] + "\"";
    return s;
  };
  if (wanted.empty()) {
    for (size_t i = 0; i < header.size(); ++i) {
      if (EqualsIgnoreCase(header[i], "address") || header[i] == "주소") return i;
    }
    if (header.size() == 1) return 0;
    *why = "which column holds the address? Give --column NAME or --column N (columns: " + names() + ")";
    return std::nullopt;
  }
  size_t n = 0;
  const auto [end, ec] = std::from_chars(wanted.data(), wanted.data() + wanted.size(), n);
  if (ec == std::errc() && end == wanted.data() + wanted.size()) {
    if (n >= 1 && n <= header.size()) return n - 1;
    *why = "--column " + wanted + ": the header has " + std::to_string(header.size()) + " columns";
    return std::nullopt;
  }
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == wanted) return i;
  }
  *why = "--column " + wanted + ": no such column in the header (columns: " + names() + ")";
  return std::nullopt;
}

}  // namespace

BatchStats RunBatch(const Engine& engine, std::istream& in, std::ostream& out, const BatchOptions& options,
                    const std::function<void(uint64_t)>& progress) {
  const auto start = std::chrono::steady_clock::now();
  const unsigned threads = options.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.threads;
  util::WorkPool pool(threads - 1);  // the calling thread is the last worker
  const bool table = options.format != BatchFormat::kJsonl;
  const char delimiter = options.format == BatchFormat::kTsv ? '\t' : ',';
  BatchStats stats;
  Decoder decoder(options.encoding);
  LineReader line_reader;
  CsvReader csv_reader(delimiter);
  std::vector<std::string> lines;   // jsonl records
  std::vector<CsvRecord> records;   // csv/tsv records
  bool have_header = false;
  size_t column = 0, header_size = 0;
  std::vector<std::string> labels, results;
  std::vector<uint8_t> ok;
  std::string chunk;

  // Refines and writes every record read so far; false when it must stop.
  auto process = [&]() -> bool {
    size_t first = 0;
    if (table && !have_header && !records.empty()) {
      for (auto& f : records[0]) decoder.Decode(&f);
      const auto found = FindColumn(records[0], options.column, &stats.message);
      if (!found) {
        stats.failure = BatchFailure::kColumn;
        return false;
      }
      column = *found;
      header_size = records[0].size();
      have_header = true;
      CsvRecord header = records[0];
      // An answer column named like an input one ("address") gets a prefix,
      // so that a spreadsheet can tell them apart.
      for (const auto& name : AnswerFieldNames()) {
        const bool clash = std::find(records[0].begin(), records[0].end(), name) != records[0].end();
        header.push_back(clash ? "doro_" + name : name);
      }
      chunk.clear();
      AppendCsvRecord(header, delimiter, &chunk);
      out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      first = 1;
    }
    const size_t n = (table ? records.size() : lines.size()) - first;
    if (n > 0) {
      labels.resize(n);
      for (size_t i = 0; i < n; ++i) {
        if (table) {
          for (auto& f : records[first + i]) decoder.Decode(&f);
          const CsvRecord& r = records[first + i];
          labels[i] = column < r.size() ? r[column] : std::string();
        } else {
          decoder.Decode(&lines[i]);
          labels[i] = std::move(lines[i]);
        }
      }
      results.assign(n, std::string());
      ok.assign(n, 0);
      // Small chunks keep every core busy to the end of the block.
      pool.ParallelFor(n, 64, [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
          const Answer a = engine.Refine(labels[i]);
          ok[i] = a.ok();
          results[i] = AnswerJson(labels[i], a);
        }
      });
      chunk.clear();
      for (size_t i = 0; i < n; ++i) {
        if (table) {
          CsvRecord row = std::move(records[first + i]);
          // A short row is padded so that its answer lands under the
          // answer's header (a long one keeps its extra cells: nothing is lost).
          if (row.size() < header_size) row.resize(header_size);
          for (auto& cell : AnswerCells(results[i])) row.push_back(std::move(cell));
          AppendCsvRecord(row, delimiter, &chunk);
        } else {
          (chunk += results[i]) += '\n';
        }
        ++(ok[i] ? stats.ok : stats.no_answer);
      }
      out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      stats.lines += n;
    }
    records.clear();
    lines.clear();
    if (options.streaming) out.flush();
    if (!out) {
      stats.failure = BatchFailure::kWrite;
      return false;
    }
    if (progress && n > 0) progress(stats.lines);
    return true;
  };

  std::vector<char> buf(options.streaming ? kReadSize : kReadSize * 16);
  bool at_start = true;
  std::string bom_probe;  // the first bytes, until we know whether they are a BOM
  while (true) {
    size_t got = 0;
    try {
      got = ReadSome(in.rdbuf(), buf.data(), buf.size(), options.streaming);
    } catch (...) {
      // The bytes of an unfinished record are dropped with the error.
      stats.failure = BatchFailure::kRead;
      break;
    }
    std::string_view bytes(buf.data(), got);
    if (at_start) {
      bom_probe.append(bytes);
      static constexpr std::string_view kBom = "\xEF\xBB\xBF";
      if (got > 0 && bom_probe.size() < kBom.size() && kBom.starts_with(bom_probe)) continue;  // need more
      at_start = false;
      if (bom_probe.starts_with(kBom)) bom_probe.erase(0, kBom.size());
      bytes = bom_probe;
    }
    if (table) {
      csv_reader.Feed(bytes, &records);
      if (got == 0) csv_reader.Finish(&records);
    } else {
      line_reader.Feed(bytes, &lines);
      if (got == 0) line_reader.Finish(&lines);
    }
    const size_t pending = table ? records.size() : lines.size();
    if ((options.streaming || pending >= kBlock || got == 0) && !process()) break;
    if (got == 0) break;
  }
  if (stats.failure == BatchFailure::kNone && !out.flush()) stats.failure = BatchFailure::kWrite;
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

}  // namespace doro::cli
