#include "server/metrics.h"

#include <fmt/format.h>

#include "text/utf8.h"

namespace doro::server {
namespace {

// A label value in the text format: valid UTF-8, backslash, double quote
// and line feed escaped (a file name may hold any of them).
std::string LabelValue(std::string_view raw) {
  const std::string s = text::ToValidUtf8(raw);  // the format is UTF-8
  std::string out;
  for (const char c : s) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

void Metrics::CountRequest(std::string_view endpoint, int status, double seconds) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++requests_[{std::string(endpoint), status}];
  }
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  buckets_[b].fetch_add(1, std::memory_order_relaxed);
  latency_count_.fetch_add(1, std::memory_order_relaxed);
  latency_micros_.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

void Metrics::CountLabels(const LabelCounts& counts) {
  for (size_t i = 0; i < labels_.size(); ++i) {
    if (counts[i] != 0) labels_[i].fetch_add(counts[i], std::memory_order_relaxed);
  }
}

void Metrics::CountReload(bool ok) { (ok ? reloads_ok_ : reloads_failed_).fetch_add(1); }

std::string Metrics::Render(const LoadReport* engine) const {
  std::string out;
  out += "# HELP doro_http_requests_total HTTP requests answered, by endpoint and status code.\n";
  out += "# TYPE doro_http_requests_total counter\n";
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [key, n] : requests_) {
      out += fmt::format("doro_http_requests_total{{endpoint=\"{}\",code=\"{}\"}} {}\n", key.first, key.second, n);
    }
  }
  out += "# HELP doro_labels_total Labels refined, by status and no-answer reason.\n";
  out += "# TYPE doro_labels_total counter\n";
  for (size_t i = 0; i < labels_.size(); ++i) {
    const Reason r = static_cast<Reason>(i);
    out += fmt::format("doro_labels_total{{status=\"{}\",reason=\"{}\"}} {}\n",
                       r == Reason::kNone ? "ok" : "no_answer",
                       r == Reason::kNone ? "none" : ReasonName(r), labels_[i].load());
  }
  out += "# HELP doro_http_request_duration_seconds Time from a parsed request to its response body.\n";
  out += "# TYPE doro_http_request_duration_seconds histogram\n";
  uint64_t cumulative = 0;
  for (size_t b = 0; b < kBuckets.size(); ++b) {
    cumulative += buckets_[b].load();
    out += fmt::format("doro_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n", kBuckets[b], cumulative);
  }
  cumulative += buckets_[kBuckets.size()].load();
  out += fmt::format("doro_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", cumulative);
  out += fmt::format("doro_http_request_duration_seconds_sum {}\n", latency_micros_.load() / 1e6);
  out += fmt::format("doro_http_request_duration_seconds_count {}\n", latency_count_.load());
  out += "# HELP doro_reloads_total Database reloads, by result.\n";
  out += "# TYPE doro_reloads_total counter\n";
  out += fmt::format("doro_reloads_total{{result=\"ok\"}} {}\n", reloads_ok_.load());
  out += fmt::format("doro_reloads_total{{result=\"failed\"}} {}\n", reloads_failed_.load());
  out += "# HELP doro_index_files_refused_total Index files of the watched directory refused by the checks (the old index kept serving).\n";
  out += "# TYPE doro_index_files_refused_total counter\n";
  out += fmt::format("doro_index_files_refused_total {}\n", index_files_refused_.load());
  out += "# HELP doro_request_body_bytes_buffered Bytes of request bodies being received or handled.\n";
  out += "# TYPE doro_request_body_bytes_buffered gauge\n";
  out += fmt::format("doro_request_body_bytes_buffered {}\n", buffered_body_bytes_.load());
  out += "# HELP doro_request_bodies_over_budget_total Request bodies refused (503) because the body budget was used up.\n";
  out += "# TYPE doro_request_bodies_over_budget_total counter\n";
  out += fmt::format("doro_request_bodies_over_budget_total {}\n", bodies_over_budget_.load());
  if (engine != nullptr) {
    out += "# HELP doro_db_rows Address rows in the database being served.\n";
    out += "# TYPE doro_db_rows gauge\n";
    out += fmt::format("doro_db_rows {}\n", engine->rows);
    out += "# HELP doro_db_bad_lines Rows rejected while loading the database being served.\n";
    out += "# TYPE doro_db_bad_lines gauge\n";
    out += fmt::format("doro_db_bad_lines {}\n", engine->bad_lines);
    out += "# HELP doro_db_roads Distinct roads in the database being served.\n";
    out += "# TYPE doro_db_roads gauge\n";
    out += fmt::format("doro_db_roads {}\n", engine->roads);
    out += "# HELP doro_db_load_seconds Time it took to load the database being served.\n";
    out += "# TYPE doro_db_load_seconds gauge\n";
    out += fmt::format("doro_db_load_seconds {}\n", engine->seconds);
    if (!engine->index_path.empty()) {
      out += "# HELP doro_db_index_info The index file being served (always 1).\n";
      out += "# TYPE doro_db_index_info gauge\n";
      out += fmt::format("doro_db_index_info{{path=\"{}\",built_at=\"{}\"}} 1\n", LabelValue(engine->index_path),
                         UtcTime(engine->built_at));
      out += "# HELP doro_db_index_built_timestamp_seconds Build time of the index file being served.\n";
      out += "# TYPE doro_db_index_built_timestamp_seconds gauge\n";
      out += fmt::format("doro_db_index_built_timestamp_seconds {}\n", engine->built_at);
    }
  }
  return out;
}

}  // namespace doro::server
