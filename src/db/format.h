// How the official system writes a road address, from its parts.
#ifndef DORO_DB_FORMAT_H_
#define DORO_DB_FORMAT_H_

#include <cstdint>
#include <string>

#include "db/address_row.h"

namespace doro::db {

// True for 읍/면 names (조치원읍, 금남면): such areas are part of the address.
bool IsEupMyeon(std::string_view emd);

// "시도 시군구 [읍/면] 도로명 [지하 ]본번[-부번]" (roadAddrPart1):
// "세종특별자치시 조치원읍 충현로 38", "서울특별시 관악구 남부순환로 지하 1721".
std::string RoadAddress(const AddressRow& row);

// The reference part (roadAddrPart2): "(법정동[, 공동주택명])" in 동 areas,
// "(공동주택명)" for an apartment in 읍/면 areas, else "".
std::string ReferencePart(const AddressRow& row);

// The 도로명주소관리번호 the official layout gives a building on this road,
// with `emd` as its 읍면동 part: 시군구(5) 읍면동(3) 도로번호(7) 지하(1)
// 본번(5) 부번(5), 26 digits.
std::string OfficialBuildingId(uint64_t road_code, uint32_t emd, bool underground, uint32_t main,
                               uint32_t sub);

// The 도로명코드 (시군구 + 도로번호) an id of that shape names, or 0 when `id`
// is not 26 digits.
uint64_t RoadCodeOfOfficialId(std::string_view id);

// A code of the official files (법정동코드: 10 digits, 도로명코드: 12), or 0
// when `s` is not `digits` digits long.
uint64_t ParseCode(std::string_view s, size_t digits);

}  // namespace doro::db

#endif  // DORO_DB_FORMAT_H_
