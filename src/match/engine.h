// The doro engine: one object that holds a loaded address database and turns
// messy labels into official road addresses.
//
//   std::string error;
//   auto engine = doro::Engine::Open("", &error);   // "" = built-in demo DB
//   doro::Answer a = engine->Refine("B 93, Wangsan-ro, Dongdaemun-gu, Seoul");
//   if (a.ok()) puts(a.address.c_str());   // 서울특별시 동대문구 왕산로 지하 93
//
// Refine() is const and thread-safe: one Engine serves many threads.
#ifndef DORO_MATCH_ENGINE_H_
#define DORO_MATCH_ENGINE_H_

#include <memory>
#include <string>
#include <string_view>

#include "api/answer.h"
#include "api/load_report.h"
#include "api/options.h"
#include "api/reason.h"

namespace doro {

class Engine {
 public:
  // Opens `db_path`: a directory of official rnaddrkor_*.txt files (CP949 or
  // UTF-8), a single such file, or a compiled index file. An empty path opens
  // the built-in demo database. Returns nullptr and sets *error on failure.
  static std::unique_ptr<Engine> Open(const std::string& db_path,
                                      std::string* error,
                                      EngineOptions options = {});
  virtual ~Engine() = default;

  // Refines one label. Never throws for any input bytes. A label that is
  // not UTF-8 or longer than options().max_label_bytes gets kBadInput here,
  // the one place labels are checked, and is not matched. The decision
  // does not depend on `detail`.
  Answer Refine(std::string_view label, Detail detail = Detail::kFull) const;

  const EngineOptions& options() const { return options_; }
  virtual const LoadReport& report() const = 0;

 protected:
  explicit Engine(EngineOptions options) : options_(options) {}

  // Refine() for a label that passed its checks.
  virtual Answer RefineChecked(std::string_view label, Detail detail) const = 0;

 private:
  EngineOptions options_;
};

}  // namespace doro

#endif  // DORO_MATCH_ENGINE_H_
