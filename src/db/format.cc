#include "db/format.h"

#include <algorithm>

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

uint64_t ParseCode(std::string_view s, size_t digits) {
  if (s.size() != digits) return 0;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return v;
}

uint64_t RoadCodeOfOfficialId(std::string_view id) {
  // 시군구(5) 읍면동(3) 도로번호(7) 지하(1) 본번(5) 부번(5), as written below.
  if (id.size() != 26 || !std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; })) return 0;
  return ParseCode(id.substr(0, 5), 5) * 10000000ull + ParseCode(id.substr(8, 7), 7);
}

std::string OfficialBuildingId(uint64_t road_code, uint32_t emd, bool underground, uint32_t main,
                       uint32_t sub) {
  // Fixed-width digits, written by hand: this runs for every candidate of
  // every label, and snprintf was a tenth of the matcher's time.
  std::string out(26, '0');
  auto put = [&](size_t end, size_t width, uint64_t v) {
    for (size_t k = 0; k < width; ++k, v /= 10) out[end - 1 - k] = static_cast<char>('0' + v % 10);
  };
  put(5, 5, road_code / 10000000ull);
  put(8, 3, emd);
  put(15, 7, road_code % 10000000ull);
  out[15] = underground ? '1' : '0';
  put(21, 5, main);
  put(26, 5, sub);
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
