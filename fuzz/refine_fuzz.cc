// Engine::Refine on any bytes. Properties: it returns (no crash, no UB);
// the full answer and the address-only answer make the same decision (same
// reason, same address), as engine.h promises; an answer has an address and
// a no-answer has none; both JSON shapes of the answer are valid JSON.
// DORO_FUZZ_DB=PATH fuzzes against that database instead of the demo.
#include <cstdlib>
#include <memory>
#include <string>

#include "api/reason.h"
#include "fuzz_util.h"
#include "json/answer_json.h"
#include "match/engine.h"

namespace {

const doro::Engine& TheEngine() {
  static const std::unique_ptr<doro::Engine> engine = [] {
    const char* db = std::getenv("DORO_FUZZ_DB");
    std::string error;
    auto e = doro::Engine::Open(db != nullptr ? db : "", &error);
    if (!e) doro::fuzz::Fail("Engine::Open", error);
    return e;
  }();
  return *engine;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view label(reinterpret_cast<const char*>(data), size);
  const doro::Engine& engine = TheEngine();
  const doro::Answer full = engine.Refine(label, doro::Detail::kFull);
  const doro::Answer brief = engine.Refine(label, doro::Detail::kAddress);
  const std::string json = doro::json::AnswerToJson(label, full);
  FUZZ_CHECK(full.reason == brief.reason, json);
  FUZZ_CHECK(full.address == brief.address, json + "\naddress-only answer: " + brief.address);
  FUZZ_CHECK(full.ok() == !full.address.empty(), json);
  FUZZ_CHECK(doro::fuzz::IsValidJson(json), json);
  // The answer without an address says why, and the delivery form holds it.
  FUZZ_CHECK(full.ok() || !full.why.empty(), json);
  FUZZ_CHECK(!full.ok() || full.delivery.starts_with(full.address), json);
  return 0;
}
