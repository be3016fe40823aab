#include "api/reason.h"

namespace doro {

const char* ReasonName(Reason r) {
  switch (r) {
    case Reason::kNone: return "ok";
    case Reason::kNoRoad: return "no_road";
    case Reason::kNoBuilding: return "no_building";
    case Reason::kAmbiguous: return "ambiguous";
    case Reason::kRegionConflict: return "region_conflict";
    case Reason::kBadInput: return "bad_input";
  }
  return "unknown";
}

}  // namespace doro
