// Stage 7: the unit (상세주소) a label names — 동, 층, 호 — read from the
// words the address itself did not use: "101-dong 1203-ho", "101동 1203호",
// "Apt. 101-dong 1203-ho", "1001ho1001동", "#302", "Room 301", "Suite
// 2401", "3F", "B1 floor", "지하1층", "3층", and "101-1203" after the
// building number of an apartment (a guess, said as such).
#ifndef DORO_MATCH_UNITS_H_
#define DORO_MATCH_UNITS_H_

#include <cstdint>
#include <vector>

#include "api/unit.h"
#include "match/atoms.h"

namespace doro::match {

// The stage's result.
struct UnitReading {
  Unit unit;
  std::vector<uint8_t> atoms;  // per atom: part of the unit
  bool guessed = false;        // read from a bare "101-1203"
};

// `taken`: per atom, used by the address (road, number, regions, lot); those
// are never the unit's. `after` is the first atom past the building number
// (-1 when there is none), where a bare "101-1203" may stand; it is read as
// 동-호 only when `apartment`.
void ReadUnit(const LabelAtoms& label, const std::vector<uint8_t>& taken, int after, bool apartment,
              UnitReading* out);

}  // namespace doro::match

#endif  // DORO_MATCH_UNITS_H_
