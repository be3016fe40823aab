// What the engine says about one label: the answer, or why there is none,
// and how it got there. Plain data, filled by doro::Engine::Refine.
#ifndef DORO_API_ANSWER_H_
#define DORO_API_ANSWER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "api/reason.h"
#include "api/warning.h"

namespace doro {

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
  std::vector<Warning> warnings;     // parts of the label that disagree with the answer

  bool ok() const { return reason == Reason::kNone; }
};

// How much of an Answer to fill. kAddress fills reason, address and detail
// only: what the contest endpoint and accuracy runs need, without building
// the reference, English, management number, token lists and candidates.
enum class Detail : uint8_t { kFull, kAddress };

}  // namespace doro

#endif  // DORO_API_ANSWER_H_
