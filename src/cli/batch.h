// `doro batch`: labels in (one per line, or one column of a CSV/TSV table),
// one answer per label out, in input order, refined on several threads.
//
// Two ways of reading, one result: with `streaming` (a pipe or a terminal)
// every group of records that has arrived is answered and flushed at once,
// so a label typed or piped in gets its answer without waiting for the end
// of input; without it (a regular file) blocks of 16,384 records are read
// and refined together, the fast path.
#ifndef DORO_CLI_BATCH_H_
#define DORO_CLI_BATCH_H_

#include <cstdint>
#include <functional>
#include <istream>
#include <ostream>
#include <string>

#include "match/engine.h"

namespace doro::cli {

enum class BatchFormat {
  kJsonl,  // in: one label per line; out: one JSON object per line
  kCsv,    // in: RFC 4180 table with a header row; out: the same columns + the answer's
           // (one named like an input column is prefixed "doro_")
  kTsv,    // the same, tab-separated
};

enum class InputEncoding {
  kAuto,   // UTF-8, unless the first record with non-ASCII bytes is not UTF-8: then CP949
  kUtf8,
  kCp949,  // the usual Korean Excel export
};

struct BatchOptions {
  unsigned threads = 0;  // 0 = every core
  BatchFormat format = BatchFormat::kJsonl;
  InputEncoding encoding = InputEncoding::kAuto;
  // CSV/TSV: the address column, a header name or a 1-based number; empty:
  // the column named "address" or "주소" (any case), else the only column.
  std::string column;
  bool streaming = false;
};

enum class BatchFailure { kNone, kRead, kWrite, kColumn };

struct BatchStats {
  uint64_t lines = 0;  // labels read (a CSV/TSV header is not one)
  uint64_t ok = 0;
  uint64_t no_answer = 0;
  double seconds = 0;
  // kNone unless reading `in` or writing `out` failed (the counts then say
  // how far it got) or the CSV/TSV header has no such column (kColumn).
  BatchFailure failure = BatchFailure::kNone;
  std::string message;  // what went wrong, for kColumn
};

// Reads `in` to the end, or stops at the first failure (BatchStats::failure).
// A UTF-8 byte order mark at the start is skipped. Output is UTF-8 unless
// bytes that are not were forced through (--encoding utf-8 on CP949 input:
// labels then get bad_input, other columns pass as read).
// `progress(done)` is called after each group of records, from the calling
// thread.
BatchStats RunBatch(const Engine& engine, std::istream& in, std::ostream& out, const BatchOptions& options,
                    const std::function<void(uint64_t done)>& progress = {});

}  // namespace doro::cli

#endif  // DORO_CLI_BATCH_H_
