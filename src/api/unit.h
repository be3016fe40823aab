// The unit inside a building (상세주소) as a label gives it: 동, 층, 호.
#ifndef DORO_API_UNIT_H_
#define DORO_API_UNIT_H_

#include <string>

namespace doro {

struct Unit {
  std::string dong;   // "101" of 101동 (a building of a complex)
  std::string floor;  // "3" of 3층, "B1" of 지하1층
  std::string ho;     // "1203" of 1203호, "302" of #302; may hold letters ("B102")
  std::string text;   // the label's words for the unit, as written

  bool empty() const { return dong.empty() && floor.empty() && ho.empty(); }
};

// The unit as a driver reads it, the way juso writes 상세주소: "101동 1203호",
// "3층", "지하1층 102호"; "" for an empty unit.
std::string UnitText(const Unit& unit);

}  // namespace doro

#endif  // DORO_API_UNIT_H_
