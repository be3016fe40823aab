// What the engine says about one label: the answer, or why there is none,
// and how it got there. Plain data, filled by doro::Engine::Refine.
#ifndef DORO_API_ANSWER_H_
#define DORO_API_ANSWER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "api/reason.h"
#include "api/unit.h"
#include "api/warning.h"

namespace doro {

// One address the engine considered, best first.
struct Candidate {
  std::string address;       // road address, no reference part (roadAddrPart1)
  std::string address_full;  // with the reference part (roadAddr)
  std::string zip;           // zipNo
  std::string building_id;   // 도로명주소관리번호 / bdMgtSn
  double score = 0;
};

// The parts of an answer's building, as the juso search API names them.
struct AddressParts {
  std::string jibun;          // jibunAddr: 세종특별자치시 조치원읍 신안리 300
  std::string building_name;  // bdNm
  std::string sido;           // siNm
  std::string sigungu;        // sggNm ("" in 세종)
  std::string emd;            // emdNm: the 법정 읍면동
  std::string ri;             // liNm
  std::string road;           // rn
  std::string legal_code;     // admCd: 법정동코드, 10 digits
  std::string road_code;      // rnMgtSn: 도로명코드, 12 digits
  bool underground = false;   // udrtYn
  uint32_t main = 0;          // buldMnnm
  uint32_t sub = 0;           // buldSlno
  bool mountain = false;      // mtYn
  uint32_t lot_main = 0;      // lnbrMnnm (0: no lot known)
  uint32_t lot_sub = 0;       // lnbrSlno
  bool official_english = false;  // the English road name is the official one
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
  AddressParts parts;
  Unit unit;                 // the unit the label names, also without an answer
  std::string detail_address;  // UnitText(unit) (detailAddr)
  // As delivered, juso's display form: address, unit, reference:
  // "서울특별시 종로구 세종대로 209, 101동 1203호 (세종로)" (deliveryAddr)
  std::string delivery;
  std::string why;           // a human-readable word on the decision
  std::vector<std::string> used;     // label tokens that made the answer
  std::vector<std::string> ignored;  // label tokens that played no part
  std::vector<Candidate> candidates; // best first, at most a few
  std::vector<Warning> warnings;     // parts of the label that disagree with the answer

  bool ok() const { return reason == Reason::kNone; }
};

// How much of an Answer to fill. kAddress fills reason, address and why
// only: what the contest endpoint and accuracy runs need, without building
// the reference, English, management number, token lists and candidates.
enum class Detail : uint8_t { kFull, kAddress };

}  // namespace doro

#endif  // DORO_API_ANSWER_H_
