// Real rows (../shared) written back as labels: the road address the engine
// gives a row and the row's building number as a label writes it.
#ifndef DORO_TESTS_REAL_ROWS_UTIL_H_
#define DORO_TESTS_REAL_ROWS_UTIL_H_

#include <string>

#include "db/address_row.h"
#include "db/sido.h"

namespace doro::testing {

inline bool EupMyeon(const std::string& emd) { return emd.ends_with("읍") || emd.ends_with("면"); }

// The road address of a row as the engine writes it (roadAddrPart1), with
// the current name of its 시도.
inline std::string AddressOf(const db::AddressRow& r) {
  std::string out(db::FindSidoByKorean(r.sido)->korean);
  if (!r.sigungu.empty()) out += " " + r.sigungu;
  if (EupMyeon(r.emd)) out += " " + r.emd;
  out += " " + r.road_name + " ";
  if (r.underground) out += "지하 ";
  out += std::to_string(r.main);
  if (r.sub != 0) out += "-" + std::to_string(r.sub);
  return out;
}

// "지하 12-3", "7".
inline std::string NumberOf(const db::AddressRow& r) {
  std::string n = (r.underground ? "지하 " : "") + std::to_string(r.main);
  if (r.sub != 0) n += "-" + std::to_string(r.sub);
  return n;
}

}  // namespace doro::testing

#endif  // DORO_TESTS_REAL_ROWS_UTIL_H_
