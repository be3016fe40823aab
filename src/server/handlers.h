// Request -> response logic of every endpoint, free of sockets so it can be
// tested directly. The HTTP layer (server.h) parses the request, calls
// Handle(), and writes the Response back.
//
//   POST /v1/batch         the 2023 contest interface (HEADER/BODY)
//   GET  /v1/refine?address=...   one label, rich answer (keyword=... too)
//   POST /v1/refine        {"address": "..."}
//   POST /v1/refine/batch  {"addresses": [...]}
//   GET  /healthz          200 {"status":"ok",...}
//   GET  /metrics          Prometheus text
//   POST /admin/reload     reopen the database; loopback peers only
//   GET  /, /app.js, ...   the operator page (web_assets.h)
//
// Content-Type is not checked: every body is read as JSON (clients that
// send text/plain or nothing still work). Unknown paths -> 404 JSON, known
// paths with another method -> 405 JSON with Allow.
#ifndef DORO_SERVER_HANDLERS_H_
#define DORO_SERVER_HANDLERS_H_

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "match/engine.h"
#include "server/json_io.h"
#include "server/metrics.h"

namespace doro::util {
class WorkPool;
}  // namespace doro::util

namespace doro::server {

using util::WorkPool;

// Limits of a request. A label's own limit is the engine's
// (EngineOptions::max_label_bytes): a longer one gets bad_input there.
struct Limits {
  size_t max_body_bytes = size_t{64} << 20;  // larger body -> 413
  size_t max_items = 100000;                 // longer list -> 413
};

struct Request {
  std::string_view method;  // "GET", "POST", ...
  std::string_view target;  // path and query, as sent
  std::string_view body;
  bool loopback_peer = false;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string allow;        // for 405
  std::string retry_after;  // seconds, for 503
  std::string body;
  size_t items = 0;   // labels answered (for the access log)
};

// The engine being served, swapped atomically on reload. Requests that hold
// the old engine finish with it; it is freed when the last one lets go.
class EngineSlot {
 public:
  explicit EngineSlot(std::shared_ptr<const Engine> engine) : engine_(std::move(engine)) {}
  std::shared_ptr<const Engine> get() const { return engine_.load(); }
  void set(std::shared_ptr<const Engine> engine) { engine_.store(std::move(engine)); }

 private:
  std::atomic<std::shared_ptr<const Engine>> engine_;
};

// Opens a fresh engine (the same --db path) or returns null and sets *error.
using ReloadFn = std::function<std::shared_ptr<const Engine>(std::string* error)>;

class Handlers {
 public:
  // `pool` (may be null) splits large batches across threads.
  Handlers(Limits limits, std::shared_ptr<const Engine> engine, ReloadFn reload, WorkPool* pool);

  // Any request; counts it in the metrics. Never throws.
  Response Handle(const Request& request);

  // True for requests that may take long (reload) and belong off the I/O threads.
  static bool IsSlow(const Request& request);

  // An error response in the shape of the endpoint `target` names, counted.
  Response Error(std::string_view target, int status, std::string_view message);

  // Reopens the database through the reload function and swaps it in; the
  // old engine stays when that fails. One reload runs at a time.
  Response Reload();

  const Limits& limits() const { return limits_; }
  EngineSlot& engine() { return engine_; }
  Metrics& metrics() { return metrics_; }

 private:
  Response Route(const Request& request, std::string_view* endpoint);
  Response Batch(std::string_view body);
  Response RefineGet(std::string_view query);
  Response RefinePost(std::string_view body);
  Response RefineBatch(std::string_view body);
  Response Health();
  Response MetricsText();
  // Refines and counts one label: into *counts when given (batch workers),
  // else straight into the metrics.
  Answer RefineOne(const Engine& engine, const LabelIn& label, Detail detail = Detail::kFull,
                   Metrics::LabelCounts* counts = nullptr);

  Limits limits_;
  ParseLimits parse_limits_;
  EngineSlot engine_;
  ReloadFn reload_;
  WorkPool* pool_;
  Metrics metrics_;
  std::mutex reload_mu_;
};

// Decodes %XX escapes and '+' (as space) of a query component; false on a
// malformed escape.
bool UrlDecode(std::string_view in, std::string* out);

}  // namespace doro::server

#endif  // DORO_SERVER_HANDLERS_H_
