// Units (상세주소) for test labels: the ways people write a unit on a label,
// and the one normal form the engine is expected to give back as detailAddr.
//
//   doro::testgen::Unit u{.dong = 101, .ho = 1203};
//   WriteUnit(u, UnitForm::kDongHoEn)  -> "101-dong 1203-ho"
//   DetailAddr(u)                      -> "101동 1203호"
//
// The normal form (what a driver reads at the door), parts in the order
// 동, 층, 호, joined by one space, numbers without leading zeros:
//   dong + ho     "101동 1203호"      (101-dong 1203-ho, 1203ho101동, 101-1203)
//   ho            "302호"             (#302, Room 302, Suite 2401 -> "2401호", 302-ho)
//   floor         "3층"               (3F, 3층, 3rd floor)
//   basement      "지하1층"           (B1, B1 floor, B1F, 지하1층, 지하 1층)
//   dong          "101동"
//   floor + ho    "3층 302호"
// Room, Suite, Unit and # all name a 호: the building's own numbering.
#ifndef DORO_TESTGEN_UNIT_FORMS_H_
#define DORO_TESTGEN_UNIT_FORMS_H_

#include <string>
#include <vector>

namespace doro::testgen {

struct Unit {
  int dong = 0;   // 동 number; 0 = none
  int floor = 0;  // > 0 above ground, < 0 basement (B1 = -1); 0 = none
  int ho = 0;     // 호 number; 0 = none

  bool empty() const { return dong == 0 && floor == 0 && ho == 0; }
};

// The normal form above; "" for an empty unit.
std::string DetailAddr(const Unit& u);

enum class UnitForm {
  kDongHoEn,       // 101-dong 1203-ho
  kDongHoKo,       // 101동 1203호
  kDongHoKoTight,  // 101동1203호
  kAptDongHoEn,    // Apt. 101-dong 1203-ho
  kHoDongCompact,  // 1203ho101동 (ho first, no space)
  kDongHoDash,     // 101-1203 (only right after an apartment's building number)
  kHash,           // #302
  kRoom,           // Room 302
  kSuite,          // Suite 2401
  kHoKo,           // 302호
  kHoEn,           // 302-ho
  kFloorF,         // 3F
  kFloorKo,        // 3층
  kFloorEn,        // 3rd floor
  kBasementB,      // B1
  kBasementBFloor, // B1 floor
  kBasementBF,     // B1F
  kBasementKo,     // 지하1층
  kDongKo,         // 101동
  kDongEn,         // 101-dong
  kFloorHoEn,      // 3F #302
  kFloorHoKo,      // 3층 302호
};

// Which parts a form writes: a form writes a unit only when the unit has
// exactly these parts (see FormFits).
struct FormInfo {
  UnitForm form;
  const char* name;  // "dong_ho_en", ... (stable, for tests and reports)
  bool dong, floor_above, floor_below, ho;
  bool korean;   // written with Hangul (동/호/층/지하)
  bool compact;  // a run without the usual markers (101-1203, 1203ho101동, 101동1203호)
};
const std::vector<FormInfo>& UnitForms();
const FormInfo& Info(UnitForm form);

// True when `form` writes exactly the parts `u` has.
bool FormFits(const Unit& u, UnitForm form);

// `u` written in `form`; "" when the form does not fit the unit.
std::string WriteUnit(const Unit& u, UnitForm form);

}  // namespace doro::testgen

#endif  // DORO_TESTGEN_UNIT_FORMS_H_
