#include "server/handlers.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <exception>

#include "server/web_assets.h"
#include "util/work_pool.h"

namespace doro::server {
namespace {

// Labels per chunk when a batch is split across threads.
constexpr size_t kGrain = 256;

std::string_view PathOf(std::string_view target) {
  const size_t q = target.find('?');
  return q == std::string_view::npos ? target : target.substr(0, q);
}

bool IsContestPath(std::string_view target) { return PathOf(target) == "/v1/batch"; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Response Json(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response MethodNotAllowed(std::string_view target, std::string allow) {
  Response r = Json(405, IsContestPath(target)
                             ? ContestError("method not allowed; use " + allow)
                             : GenericError(405, "method not allowed; use " + allow));
  r.allow = std::move(allow);
  return r;
}

}  // namespace

bool UrlDecode(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '+') {
      out->push_back(' ');
    } else if (c == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out->push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out->push_back(c);
    }
  }
  return true;
}

Handlers::Handlers(Limits limits, std::shared_ptr<const Engine> engine, ReloadFn reload, WorkPool* pool)
    : limits_(limits), engine_(std::move(engine)), reload_(std::move(reload)), pool_(pool) {
  parse_limits_.max_items = limits_.max_items;
}

bool Handlers::IsSlow(const Request& request) {
  return PathOf(request.target) == "/admin/reload" && request.method == "POST" && request.loopback_peer;
}

Response Handlers::Handle(const Request& request) {
  const auto start = std::chrono::steady_clock::now();
  std::string_view endpoint = "other";
  Response response;
  try {
    response = Route(request, &endpoint);
  } catch (const std::exception& e) {
    spdlog::error("{} {}: {}", request.method, PathOf(request.target), e.what());
    response = Json(500, IsContestPath(request.target) ? ContestError(std::string("internal error: ") + e.what())
                                                       : GenericError(500, std::string("internal error: ") + e.what()));
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.CountRequest(endpoint, response.status, seconds);
  return response;
}

Response Handlers::Error(std::string_view target, int status, std::string_view message) {
  Response r = Json(status, IsContestPath(target) ? ContestError(message) : GenericError(status, message));
  metrics_.CountRequest("other", status, 0);
  return r;
}

Response Handlers::Route(const Request& request, std::string_view* endpoint) {
  const std::string_view target = request.target;
  const std::string_view path = PathOf(target);
  const std::string_view query = path.size() < target.size() ? target.substr(path.size() + 1) : std::string_view();
  const std::string_view method = request.method;
  if (path == "/v1/batch") {
    *endpoint = "/v1/batch";
    if (method != "POST") return MethodNotAllowed(target, "POST");
    return Batch(request.body);
  }
  if (path == "/v1/refine") {
    *endpoint = "/v1/refine";
    if (method == "GET") return RefineGet(query);
    if (method == "POST") return RefinePost(request.body);
    return MethodNotAllowed(target, "GET, POST");
  }
  if (path == "/v1/refine/batch") {
    *endpoint = "/v1/refine/batch";
    if (method != "POST") return MethodNotAllowed(target, "POST");
    return RefineBatch(request.body);
  }
  if (path == "/healthz") {
    *endpoint = "/healthz";
    if (method != "GET") return MethodNotAllowed(target, "GET");
    return Health();
  }
  if (path == "/metrics") {
    *endpoint = "/metrics";
    if (method != "GET") return MethodNotAllowed(target, "GET");
    return MetricsText();
  }
  if (path == "/admin/reload") {
    *endpoint = "/admin/reload";
    if (method != "POST") return MethodNotAllowed(target, "POST");
    if (!request.loopback_peer) return Json(403, GenericError(403, "reload is accepted from loopback addresses only"));
    return Reload();
  }
  if (const WebAsset* asset = FindWebAsset(path)) {
    *endpoint = "/";  // the page and its files: one metrics label for all
    if (method != "GET") return MethodNotAllowed(target, "GET");
    Response r;
    r.content_type = std::string(asset->content_type);
    r.body = std::string(asset->body);
    return r;
  }
  return Json(404, GenericError(404, "no such path: " + std::string(path.substr(0, 200))));
}

Answer Handlers::RefineOne(const Engine& engine, const LabelIn& label, Detail detail,
                           Metrics::LabelCounts* counts) {
  Answer a = label.bad ? BadInputAnswer(label) : engine.Refine(label.text, detail);
  Metrics::LabelCounts one{};
  Metrics::Tally(counts != nullptr ? counts : &one, a.reason);
  if (counts == nullptr) metrics_.CountLabels(one);
  return a;
}

Response Handlers::Batch(std::string_view body) {
  std::vector<ContestItem> items;
  ParseError error;
  if (!ParseContestBatch(body, parse_limits_, &items, &error)) {
    return Json(error.status, ContestError(error.message));
  }
  const std::shared_ptr<const Engine> engine = engine_.get();
  std::vector<std::string> results(items.size());
  auto run = [&](size_t begin, size_t end) {
    Metrics::LabelCounts counts{};
    for (size_t i = begin; i < end; ++i) {
      Answer a = RefineOne(*engine, items[i].label, Detail::kAddress, &counts);
      if (a.ok()) results[i] = std::move(a.address);
    }
    metrics_.CountLabels(counts);
  };
  if (pool_ != nullptr) {
    pool_->ParallelFor(items.size(), kGrain, run);
  } else {
    run(0, items.size());
  }
  Response r = Json(200, ContestResponse(items, results));
  r.items = items.size();
  return r;
}

Response Handlers::RefineGet(std::string_view query) {
  std::string label;
  bool found = false;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const size_t eq = pair.find('=');
    // `keyword` is the juso API's name for the same parameter.
    const std::string_view name = pair.substr(0, eq);
    if (name != "address" && name != "keyword") continue;
    if (found) return Json(400, GenericError(400, "address given twice (address and keyword are one parameter)"));
    found = true;
    const std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    if (!UrlDecode(value, &label)) return Json(400, GenericError(400, "address has a malformed %-escape"));
  }
  if (!found) return Json(400, GenericError(400, "missing query parameter: address (or keyword)"));
  LabelIn in;
  in.text = std::move(label);  // the engine checks it
  const std::shared_ptr<const Engine> engine = engine_.get();
  Response r = Json(200, RichAnswer(in.text, RefineOne(*engine, in), engine->options().max_label_bytes));
  r.items = 1;
  return r;
}

Response Handlers::RefinePost(std::string_view body) {
  LabelIn label;
  ParseError error;
  if (!ParseRefineOne(body, parse_limits_, &label, &error)) return Json(error.status, GenericError(error.status, error.message));
  const std::shared_ptr<const Engine> engine = engine_.get();
  Response r = Json(200, RichAnswer(label.text, RefineOne(*engine, label), engine->options().max_label_bytes));
  r.items = 1;
  return r;
}

Response Handlers::RefineBatch(std::string_view body) {
  std::vector<LabelIn> labels;
  ParseError error;
  if (!ParseRefineBatch(body, parse_limits_, &labels, &error)) {
    return Json(error.status, GenericError(error.status, error.message));
  }
  const std::shared_ptr<const Engine> engine = engine_.get();
  std::vector<Answer> answers(labels.size());
  auto run = [&](size_t begin, size_t end) {
    Metrics::LabelCounts counts{};
    for (size_t i = begin; i < end; ++i) answers[i] = RefineOne(*engine, labels[i], Detail::kFull, &counts);
    metrics_.CountLabels(counts);
  };
  if (pool_ != nullptr) {
    pool_->ParallelFor(labels.size(), kGrain, run);
  } else {
    run(0, labels.size());
  }
  Response r = Json(200, RichAnswers(labels, answers, engine->options().max_label_bytes));
  r.items = labels.size();
  return r;
}

Response Handlers::Health() {
  const std::shared_ptr<const Engine> engine = engine_.get();
  const LoadReport& r = engine->report();
  // The same facts as the startup log and `doro index info` (LoadSummary).
  const std::string built = r.index_path.empty() ? "null" : "\"" + UtcTime(r.built_at) + "\"";
  const std::string data_date = r.data_date.empty() ? "null" : "\"" + DataDate(r.data_date) + "\"";
  const std::string path = r.index_path.empty() ? "null" : JsonStringLiteral(r.index_path);
  return Json(200, fmt::format(
                       R"({{"status":"ok","rows":{},"roads":{},"files":{},"bad_lines":{},"official_english":{},"index_built_at":{},"index_path":{},"data_date":{}}})",
                       r.rows, r.roads, r.files.size(), r.bad_lines, r.official_english(), built, path, data_date));
}

Response Handlers::MetricsText() {
  const std::shared_ptr<const Engine> engine = engine_.get();
  Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = metrics_.Render(engine ? &engine->report() : nullptr);
  return r;
}

Response Handlers::Reload() {
  std::lock_guard<std::mutex> lock(reload_mu_);
  if (!reload_) {
    metrics_.CountReload(false);
    return Json(500, GenericError(500, "reload is not configured"));
  }
  std::string error;
  std::shared_ptr<const Engine> fresh;
  try {
    fresh = reload_(&error);
  } catch (const std::exception& e) {
    error = e.what();
  }
  if (!fresh) {
    if (error.empty()) error = "unknown error";
    spdlog::error("reload failed, still serving the old database: {}", error);
    metrics_.CountReload(false);
    return Json(500, GenericError(500, "reload failed: " + error));
  }
  const LoadReport& r = fresh->report();
  spdlog::info("reloaded database: {}, {:.3f} s", LoadSummary(r), r.seconds);
  std::string body = fmt::format(R"({{"status":"ok","rows":{},"bad_lines":{},"roads":{},"files":{},"seconds":{}}})",
                                 r.rows, r.bad_lines, r.roads, r.files.size(), r.seconds);
  engine_.set(std::move(fresh));
  metrics_.CountReload(true);
  return Json(200, std::move(body));
}

}  // namespace doro::server
