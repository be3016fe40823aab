#include "cli/batch.h"

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "json/answer_json.h"
#include "util/work_pool.h"

namespace doro::cli {

BatchStats RunBatch(const Engine& engine, std::istream& in, std::ostream& out,
                    unsigned threads, const std::function<void(uint64_t)>& progress) {
  const auto start = std::chrono::steady_clock::now();
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  constexpr size_t kBlock = 16384;  // lines held in memory at once
  util::WorkPool pool(threads - 1);  // the calling thread is the last worker
  BatchStats stats;
  std::vector<std::string> lines;
  std::vector<std::string> results;
  std::vector<uint8_t> ok;
  std::string line;
  while (true) {
    lines.clear();
    while (lines.size() < kBlock && std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines.push_back(std::move(line));
    }
    // After a read error the last line may be cut short: drop the block.
    if (in.bad()) {
      stats.failure = BatchFailure::kRead;
      break;
    }
    if (lines.empty()) break;
    results.assign(lines.size(), std::string());
    ok.assign(lines.size(), 0);
    // Small chunks keep every core busy to the end of the block.
    pool.ParallelFor(lines.size(), 64, [&](size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) {
        const Answer a = engine.Refine(lines[i]);
        ok[i] = a.ok();
        results[i] = json::AnswerToJson(lines[i], a);
      }
    });
    for (size_t i = 0; i < results.size(); ++i) {
      out << results[i] << '\n';
      ++(ok[i] ? stats.ok : stats.no_answer);
    }
    stats.lines += lines.size();
    if (!out) {
      stats.failure = BatchFailure::kWrite;
      break;
    }
    if (progress) progress(stats.lines);
  }
  if (stats.failure == BatchFailure::kNone && !out.flush()) stats.failure = BatchFailure::kWrite;
  stats.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

}  // namespace doro::cli
