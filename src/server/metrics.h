// Counters for GET /metrics, rendered in the Prometheus text format (0.0.4).
// All methods are thread-safe.
#ifndef DORO_SERVER_METRICS_H_
#define DORO_SERVER_METRICS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "match/engine.h"

namespace doro::server {

class Metrics {
 public:
  // Upper bounds of the latency histogram, in seconds.
  static constexpr std::array<double, 12> kBuckets = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5};

  // One finished request. `endpoint` must be a fixed route name (not a raw
  // client path) so that label sets stay bounded.
  void CountRequest(std::string_view endpoint, int status, double seconds);
  // Labels by Reason (its value as index). A batch worker counts into its
  // own LabelCounts and adds them once per chunk: one shared counter bumped
  // by every label of every thread would bounce between the cores.
  using LabelCounts = std::array<uint64_t, 6>;
  static void Tally(LabelCounts* counts, Reason reason) {
    const auto i = static_cast<size_t>(reason);
    if (i < counts->size()) ++(*counts)[i];
  }
  void CountLabels(const LabelCounts& counts);
  void CountReload(bool ok);
  // Index files of a watched directory refused by the checks (`serve --watch`).
  void CountIndexRefused(uint64_t n) { index_files_refused_.fetch_add(n); }
  // Bytes of request bodies being received or handled (the server's body
  // budget), and bodies refused because that budget was used up.
  int64_t AddBufferedBodyBytes(int64_t delta) { return buffered_body_bytes_.fetch_add(delta) + delta; }
  int64_t buffered_body_bytes() const { return buffered_body_bytes_.load(); }
  void CountBodyOverBudget() { bodies_over_budget_.fetch_add(1); }

  // The whole exposition text; `engine` may be null.
  std::string Render(const LoadReport* engine) const;

 private:
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;
  std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets_{};  // last = +Inf
  std::atomic<uint64_t> latency_count_{0};
  std::atomic<uint64_t> latency_micros_{0};
  std::array<std::atomic<uint64_t>, std::tuple_size_v<LabelCounts>> labels_{};  // by Reason
  std::atomic<uint64_t> reloads_ok_{0};
  std::atomic<uint64_t> reloads_failed_{0};
  std::atomic<uint64_t> index_files_refused_{0};
  std::atomic<int64_t> buffered_body_bytes_{0};
  std::atomic<uint64_t> bodies_over_budget_{0};
};

}  // namespace doro::server

#endif  // DORO_SERVER_METRICS_H_
