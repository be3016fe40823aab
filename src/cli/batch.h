// `doro batch`: one label per input line -> one JSON object per output line,
// in input order, refined on several threads.
#ifndef DORO_CLI_BATCH_H_
#define DORO_CLI_BATCH_H_

#include <cstdint>
#include <functional>
#include <istream>
#include <ostream>

#include "match/engine.h"

namespace doro::cli {

enum class BatchFailure { kNone, kRead, kWrite };

struct BatchStats {
  uint64_t lines = 0;
  uint64_t ok = 0;
  uint64_t no_answer = 0;
  double seconds = 0;
  // kNone unless reading `in` or writing `out` failed; the counts then say
  // how far it got.
  BatchFailure failure = BatchFailure::kNone;
};

// Reads `in` to the end, or stops at the first read or write failure (see
// BatchStats::failure). `progress(done)` is called after each block, from
// the calling thread. threads == 0 uses every core.
BatchStats RunBatch(const Engine& engine, std::istream& in, std::ostream& out,
                    unsigned threads,
                    const std::function<void(uint64_t done)>& progress = {});

}  // namespace doro::cli

#endif  // DORO_CLI_BATCH_H_
