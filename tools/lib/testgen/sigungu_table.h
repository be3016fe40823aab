// The real 시군구 (second-level divisions) of Korea, as the official address
// files name them (about 2024-02: 252 entries, 일반구 of a 시 listed as
// "수원시 장안구", Sejong as one entry with an empty name). Public facts,
// written here by hand; tests check them against the admin area tables.
#ifndef DORO_TESTGEN_SIGUNGU_TABLE_H_
#define DORO_TESTGEN_SIGUNGU_TABLE_H_

#include <span>
#include <string_view>

namespace doro::gen {

struct SigunguInfo {
  std::string_view code;  // 5-digit 시군구 code; its first 2 digits are the 시도 code
  std::string_view name;  // 시군구명 as in rnaddrkor files ("" for Sejong)
};

// All entries, in code order.
std::span<const SigunguInfo> AllSigungu();

}  // namespace doro::gen

#endif  // DORO_TESTGEN_SIGUNGU_TABLE_H_
