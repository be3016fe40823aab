// Why a label got no answer. The names ReasonName gives are part of the
// public API: the CLI and the HTTP service print them as they are.
#ifndef DORO_API_REASON_H_
#define DORO_API_REASON_H_

#include <cstdint>

namespace doro {

enum class Reason : uint8_t {
  kNone = 0,        // answered
  kNoRoad,          // "no_road": no road of the database found in the label
  kNoBuilding,      // "no_building": road found, the number is not on it
  kAmbiguous,       // "ambiguous": several addresses fit equally well
  kRegionConflict,  // "region_conflict": the only match contradicts the city
  kBadInput,        // "bad_input": not UTF-8, empty, or over the size limit
};

// "ok", "no_road", ...: never null.
const char* ReasonName(Reason r);

}  // namespace doro

#endif  // DORO_API_REASON_H_
