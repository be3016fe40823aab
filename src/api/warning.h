// Something on a label that disagrees with the answer given. The answer
// still stands (the road and number were unique), but an operator may want
// to look: the names WarningName gives are part of the public API.
#ifndef DORO_API_WARNING_H_
#define DORO_API_WARNING_H_

#include <cstdint>

namespace doro {

enum class Warning : uint8_t {
  kZipMismatch,       // "zip_mismatch": a postcode on the label is not the answer's
  kTownMismatch,      // "town_mismatch": a 읍/면/동 on the label is not the answer's
  kDistrictMismatch,  // "district_mismatch": a city named loosely (a bare name, a typo) is not the answer's
  kLotMismatch,       // "lot_mismatch": a lot (지번) on the label is not the answer building's
  kUnitGuessed,       // "unit_guessed": a bare "101-1203" read as 동 and 호 of an apartment
  kRenamedDistrict,   // "renamed_district": the label names the 시도/시군구 by a name of before
                      // (or after) a rename, split or merge (db/district_changes.h)
  kRenamedRoad,       // "renamed_road": the label's road and number are the building's previous
                      // address (이전도로명주소); the answer is its current one
};

// "zip_mismatch", ...: never null.
const char* WarningName(Warning w);

}  // namespace doro

#endif  // DORO_API_WARNING_H_
