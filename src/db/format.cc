#include "db/format.h"

namespace doro::db {

bool IsEupMyeon(std::string_view emd) {
  return emd.ends_with("읍") || emd.ends_with("면");
}

std::string RoadAddress(const AddressRow& row) {
  std::string out = row.sido;
  if (!row.sigungu.empty()) out += " " + row.sigungu;
  if (IsEupMyeon(row.emd)) out += " " + row.emd;
  out += " " + row.road_name + " ";
  if (row.underground) out += "지하 ";
  out += std::to_string(row.main);
  if (row.sub > 0) (out += '-') += std::to_string(row.sub);  // not "-" + ...: GCC 12 -Wrestrict false positive
  return out;
}

std::string ReferencePart(const AddressRow& row) {
  std::string inner;
  if (!IsEupMyeon(row.emd)) inner = row.emd;
  if (row.apartment && !row.building_name.empty()) {
    if (!inner.empty()) inner += ", ";
    inner += row.building_name;
  }
  return inner.empty() ? "" : "(" + inner + ")";
}

}  // namespace doro::db
