// Every HTTP request handler (server/handlers.h), without sockets.
//
// Input: byte 0 picks the method (bits 0-2), the peer (bit 3: loopback),
// whether a reload fails (bit 4) and a path to start the target with (bits
// 5-7, so that the fuzzer reaches every endpoint at once); the bytes up to
// the first '\n' complete the target; the rest is the body.
//
// Properties: Handle() returns; the status is one the endpoint documents for
// that method (a 500 only from a failing reload); a JSON response is valid
// JSON of the endpoint's shape: the contest HEADER with RESULT_CODE "S" only
// on 200 and one BODY item per requestList item, {"status":"error","code"}
// equal to the HTTP status otherwise, one answer object per address.
#include <simdjson.h>

#include <memory>
#include <set>
#include <string>

#include "fuzz_util.h"
#include "match/engine.h"
#include "server/handlers.h"
#include "server/web_assets.h"
#include "text/utf8.h"

namespace {

using doro::server::Handlers;
using doro::server::Request;
using doro::server::Response;

bool reload_fails = false;

Handlers& TheHandlers() {
  static const std::shared_ptr<const doro::Engine> engine = [] {
    std::string error;
    std::shared_ptr<const doro::Engine> e = doro::Engine::Open("", &error);
    if (!e) doro::fuzz::Fail("Engine::Open", error);
    return e;
  }();
  // Small limits, so that the 413 paths are reachable with small inputs.
  static Handlers handlers(
      doro::server::Limits{.max_body_bytes = 1 << 16, .max_items = 32}, engine,
      [](std::string* error) -> std::shared_ptr<const doro::Engine> {
        if (reload_fails) {
          *error = "reload failure asked for by the fuzz input";
          return nullptr;
        }
        return engine;
      },
      nullptr);
  return handlers;
}

// The statuses `path` may answer `method` with.
std::set<int> Expected(std::string_view path, std::string_view method, bool loopback) {
  const bool get = method == "GET", post = method == "POST";
  if (path == "/v1/batch" || path == "/v1/refine/batch") return post ? std::set{200, 400, 413} : std::set{405};
  if (path == "/v1/refine") return get ? std::set{200, 400} : post ? std::set{200, 400, 413} : std::set{405};
  if (path == "/healthz" || path == "/metrics") return get ? std::set{200} : std::set{405};
  if (path == "/admin/reload") {
    if (!post) return {405};
    if (!loopback) return {403};
    return reload_fails ? std::set{500} : std::set{200};
  }
  // The operator page and its files (server/web_assets.h).
  if (doro::server::FindWebAsset(path) != nullptr) return get ? std::set{200} : std::set{405};
  return {404};
}

// The length of the array `field` of the JSON object `body`, or -1. A
// label's invalid UTF-8 or bad escape makes that item no-answer, not the
// request a failure, so this count must not fail on them: bytes are made
// valid UTF-8 first, and elements are counted without decoding strings.
int64_t ArrayLength(std::string_view body, const char* field) {
  static simdjson::ondemand::parser parser;
  simdjson::padded_string padded(doro::text::ToValidUtf8(body));
  simdjson::ondemand::document doc;
  simdjson::ondemand::array a;
  size_t n = 0;
  if (parser.iterate(padded).get(doc) != simdjson::SUCCESS || doc[field].get_array().get(a) != simdjson::SUCCESS ||
      a.count_elements().get(n) != simdjson::SUCCESS) {
    return -1;
  }
  return static_cast<int64_t>(n);
}

void CheckShape(std::string_view path, const Request& req, const Response& r, const std::string& what) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(r.body);
  simdjson::dom::element doc;
  FUZZ_CHECK(parser.parse(padded).get(doc) == simdjson::SUCCESS, what);
  FUZZ_CHECK(doc.is_object(), what);
  if (path == "/v1/batch") {
    std::string_view code;
    FUZZ_CHECK(doc["HEADER"]["RESULT_CODE"].get(code) == simdjson::SUCCESS, what);
    FUZZ_CHECK(code == (r.status == 200 ? "S" : "F"), what);
    if (r.status == 200) {
      simdjson::dom::array items;
      FUZZ_CHECK(doc["BODY"].get(items) == simdjson::SUCCESS, what);
      FUZZ_CHECK(static_cast<int64_t>(items.size()) == ArrayLength(req.body, "requestList"), what);
      for (simdjson::dom::element item : items) {
        FUZZ_CHECK(item["seq"].is_string() && item["resultAddress"].is_string(), what);
      }
    }
    return;
  }
  if (r.status != 200) {
    std::string_view status;
    int64_t code = 0;
    FUZZ_CHECK(doc["status"].get(status) == simdjson::SUCCESS && status == "error", what);
    FUZZ_CHECK(doc["code"].get(code) == simdjson::SUCCESS && code == r.status, what);
    FUZZ_CHECK(doc["message"].is_string(), what);
    return;
  }
  auto check_answer = [&](simdjson::dom::element a) {
    std::string_view status;
    FUZZ_CHECK(a["status"].get(status) == simdjson::SUCCESS, what);
    FUZZ_CHECK(status == "ok" || status == "no_answer", what);
    FUZZ_CHECK(a["input"].is_string(), what);
  };
  if (path == "/v1/refine") {
    check_answer(doc);
  } else if (path == "/v1/refine/batch") {
    simdjson::dom::array results;
    uint64_t count = 0;
    FUZZ_CHECK(doc["results"].get(results) == simdjson::SUCCESS, what);
    FUZZ_CHECK(doc["count"].get(count) == simdjson::SUCCESS && count == results.size(), what);
    FUZZ_CHECK(static_cast<int64_t>(count) == ArrayLength(req.body, "addresses"), what);
    for (simdjson::dom::element a : results) check_answer(a);
  } else {
    std::string_view status;
    FUZZ_CHECK(doc["status"].get(status) == simdjson::SUCCESS && status == "ok", what);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static constexpr std::string_view kMethods[] = {"GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "", "post"};
  static constexpr std::string_view kPaths[] = {"",         "/v1/batch", "/v1/refine",    "/v1/refine/batch",
                                                "/healthz", "/metrics",  "/admin/reload", "/v1/refine?address="};
  const uint8_t flags = data[0];
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  const size_t nl = rest.find('\n');
  const std::string target = std::string(kPaths[flags >> 5]) + std::string(rest.substr(0, nl));
  Request req;
  req.method = kMethods[flags & 7];
  req.target = target;
  req.body = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  req.loopback_peer = (flags & 8) != 0;
  reload_fails = (flags & 16) != 0;

  const Response r = TheHandlers().Handle(req);

  const std::string_view path = std::string_view(target).substr(0, target.find('?'));
  const std::string what = std::string(req.method) + " " + target + " -> " + std::to_string(r.status) + " " +
                           r.content_type + "\n" + r.body;
  FUZZ_CHECK(Expected(path, req.method, req.loopback_peer).count(r.status) == 1, what);
  if (r.status == 405) FUZZ_CHECK(!r.allow.empty(), what);
  if (path == "/metrics" && r.status == 200) {
    FUZZ_CHECK(r.content_type.starts_with("text/plain") && !r.body.empty(), what);
    return 0;
  }
  if (const auto* asset = doro::server::FindWebAsset(path); asset != nullptr && r.status == 200) {
    FUZZ_CHECK(r.content_type == asset->content_type && r.body == asset->body, what);
    return 0;
  }
  FUZZ_CHECK(r.content_type == "application/json", what);
  CheckShape(path, req, r, what);
  return 0;
}
