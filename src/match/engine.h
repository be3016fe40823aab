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

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace doro {

// Why a label got no answer. Names (ReasonName) are part of the public API.
enum class Reason : uint8_t {
  kNone = 0,        // answered
  kNoRoad,          // "no_road": no road of the database found in the label
  kNoBuilding,      // "no_building": road found, the number is not on it
  kAmbiguous,       // "ambiguous": several addresses fit equally well
  kRegionConflict,  // "region_conflict": the only match contradicts the city
  kBadInput,        // "bad_input": not UTF-8, empty, or over the size limit
};
const char* ReasonName(Reason r);

// One address the engine considered, best first.
struct Candidate {
  std::string address;   // road address, no reference part
  std::string building_id;  // 도로명주소관리번호 / bdMgtSn
  double score = 0;
};

struct Answer {
  Reason reason = Reason::kNoRoad;
  // The answer; empty when !ok().
  std::string address;       // 서울특별시 관악구 남부순환로 지하 1721 (roadAddrPart1)
  std::string reference;     // (신림동) or (반곡동, 수루배마을5단지); may be empty (roadAddrPart2)
  std::string address_full;  // address + " " + reference when reference non-empty (roadAddr)
  std::string zip;           // 5-digit postal code (zipNo)
  std::string english;       // 1721, Nambusunhwan-ro, Gwanak-gu, Seoul (engAddr)
  std::string building_id;   // 도로명주소관리번호 (bdMgtSn)
  std::string detail;        // a human-readable word on the decision
  std::vector<std::string> used;     // label tokens that made the answer
  std::vector<std::string> ignored;  // label tokens that played no part
  std::vector<Candidate> candidates; // best first, at most a few

  bool ok() const { return reason == Reason::kNone; }
};

// What loading a database did.
struct LoadReport {
  std::vector<std::string> files;  // files read
  uint64_t rows = 0;               // rows accepted
  uint64_t bad_lines = 0;          // rows rejected
  std::vector<std::string> bad_line_samples;  // "file:line: why", first few
  uint64_t roads = 0;              // distinct roads
  double seconds = 0;              // wall time to load and index
};

// How much of an Answer to fill. kAddress fills reason, address and detail
// only: what the contest endpoint and accuracy runs need, without building
// the reference, English, management number, token lists and candidates.
enum class Detail : uint8_t { kFull, kAddress };

struct EngineOptions {
  size_t max_label_bytes = 2000;  // longer labels are kBadInput
};

class Engine {
 public:
  // Opens `db_path`: a directory of official rnaddrkor_*.txt files (CP949 or
  // UTF-8), a single such file, or a compiled index file. An empty path opens
  // the built-in demo database. Returns nullptr and sets *error on failure.
  static std::unique_ptr<Engine> Open(const std::string& db_path,
                                      std::string* error,
                                      EngineOptions options = {});
  virtual ~Engine() = default;

  // Refines one label. Never throws for any input bytes. The decision does
  // not depend on `detail`.
  virtual Answer Refine(std::string_view label, Detail detail = Detail::kFull) const = 0;

  virtual const LoadReport& report() const = 0;
};

}  // namespace doro

#endif  // DORO_MATCH_ENGINE_H_
