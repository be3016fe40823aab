// The real 시군구 (second-level divisions) of Korea, as the official address
// files name them (about 2024-02: 252 entries, 일반구 of a 시 listed as
// "수원시 장안구", Sejong as one entry with an empty name). Public facts,
// written here by hand; tests check them against the admin area tables.
// The engine knows a 시도 its database does not cover by these names, so that
// a label naming one of them is not answered from another city.
#ifndef DORO_DB_SIGUNGU_TABLE_H_
#define DORO_DB_SIGUNGU_TABLE_H_

#include <span>
#include <string_view>

namespace doro::db {

struct SigunguInfo {
  std::string_view code;  // 5-digit 시군구 code; its first 2 digits are the 시도 code
  std::string_view name;  // 시군구명 as in rnaddrkor files ("" for Sejong)
};

// All entries, in code order.
std::span<const SigunguInfo> AllSigungu();

}  // namespace doro::db

#endif  // DORO_DB_SIGUNGU_TABLE_H_
