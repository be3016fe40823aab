#include "api/warning.h"

namespace doro {

const char* WarningName(Warning w) {
  switch (w) {
    case Warning::kZipMismatch: return "zip_mismatch";
    case Warning::kTownMismatch: return "town_mismatch";
    case Warning::kDistrictMismatch: return "district_mismatch";
    case Warning::kLotMismatch: return "lot_mismatch";
    case Warning::kUnitGuessed: return "unit_guessed";
    case Warning::kRenamedDistrict: return "renamed_district";
    case Warning::kRenamedRoad: return "renamed_road";
  }
  return "unknown";
}

}  // namespace doro
