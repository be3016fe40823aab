#include "testgen/unit_forms.h"

#include <cstdlib>

namespace doro::testgen {
namespace {

using F = UnitForm;

//                      form                name               dong  above below ho   ko     compact
const std::vector<FormInfo> kForms = {
    {F::kDongHoEn,       "dong_ho_en",       true,  false, false, true,  false, false},
    {F::kDongHoKo,       "dong_ho_ko",       true,  false, false, true,  true,  false},
    {F::kDongHoKoTight,  "dong_ho_ko_tight", true,  false, false, true,  true,  true},
    {F::kAptDongHoEn,    "apt_dong_ho_en",   true,  false, false, true,  false, false},
    {F::kHoDongCompact,  "ho_dong_compact",  true,  false, false, true,  true,  true},
    {F::kDongHoDash,     "dong_ho_dash",     true,  false, false, true,  false, true},
    {F::kHash,           "hash",             false, false, false, true,  false, false},
    {F::kRoom,           "room",             false, false, false, true,  false, false},
    {F::kSuite,          "suite",            false, false, false, true,  false, false},
    {F::kHoKo,           "ho_ko",            false, false, false, true,  true,  false},
    {F::kHoEn,           "ho_en",            false, false, false, true,  false, false},
    {F::kFloorF,         "floor_f",          false, true,  false, false, false, false},
    {F::kFloorKo,        "floor_ko",         false, true,  false, false, true,  false},
    {F::kFloorEn,        "floor_en",         false, true,  false, false, false, false},
    {F::kBasementB,      "basement_b",       false, false, true,  false, false, false},
    {F::kBasementBFloor, "basement_b_floor", false, false, true,  false, false, false},
    {F::kBasementBF,     "basement_bf",      false, false, true,  false, false, false},
    {F::kBasementKo,     "basement_ko",      false, false, true,  false, true,  false},
    {F::kDongKo,         "dong_ko",          true,  false, false, false, true,  false},
    {F::kDongEn,         "dong_en",          true,  false, false, false, false, false},
    {F::kFloorHoEn,      "floor_ho_en",      false, true,  false, true,  false, false},
    {F::kFloorHoKo,      "floor_ho_ko",      false, true,  false, true,  true,  false},
};

std::string Ordinal(int n) {
  const int last2 = n % 100, last = n % 10;
  const char* suffix = (last2 >= 11 && last2 <= 13) ? "th"
                       : last == 1                  ? "st"
                       : last == 2                  ? "nd"
                       : last == 3                  ? "rd"
                                                    : "th";
  return std::to_string(n) + suffix;
}

}  // namespace

std::string DetailAddr(const Unit& u) {
  std::string out;
  auto add = [&](const std::string& part) {
    if (!out.empty()) out += ' ';
    out += part;
  };
  if (u.dong > 0) add(std::to_string(u.dong) + "동");
  if (u.floor > 0) add(std::to_string(u.floor) + "층");
  if (u.floor < 0) add("지하" + std::to_string(-u.floor) + "층");
  if (u.ho > 0) add(std::to_string(u.ho) + "호");
  return out;
}

const std::vector<FormInfo>& UnitForms() { return kForms; }

const FormInfo& Info(UnitForm form) {
  for (const auto& f : kForms) {
    if (f.form == form) return f;
  }
  std::abort();  // every enumerator is in kForms
}

bool FormFits(const Unit& u, UnitForm form) {
  const FormInfo& f = Info(form);
  return f.dong == (u.dong > 0) && f.floor_above == (u.floor > 0) && f.floor_below == (u.floor < 0) &&
         f.ho == (u.ho > 0);
}

std::string WriteUnit(const Unit& u, UnitForm form) {
  if (!FormFits(u, form)) return "";
  const std::string d = std::to_string(u.dong), h = std::to_string(u.ho);
  const std::string fl = std::to_string(u.floor > 0 ? u.floor : -u.floor);
  switch (form) {
    case F::kDongHoEn: return d + "-dong " + h + "-ho";
    case F::kDongHoKo: return d + "동 " + h + "호";
    case F::kDongHoKoTight: return d + "동" + h + "호";
    case F::kAptDongHoEn: return "Apt. " + d + "-dong " + h + "-ho";
    case F::kHoDongCompact: return h + "ho" + d + "동";
    case F::kDongHoDash: return d + "-" + h;
    case F::kHash: return "#" + h;
    case F::kRoom: return "Room " + h;
    case F::kSuite: return "Suite " + h;
    case F::kHoKo: return h + "호";
    case F::kHoEn: return h + "-ho";
    case F::kFloorF: return fl + "F";
    case F::kFloorKo: return fl + "층";
    case F::kFloorEn: return Ordinal(u.floor) + " floor";
    case F::kBasementB: return "B" + fl;
    case F::kBasementBFloor: return "B" + fl + " floor";
    case F::kBasementBF: return "B" + fl + "F";
    case F::kBasementKo: return "지하" + fl + "층";
    case F::kDongKo: return d + "동";
    case F::kDongEn: return d + "-dong";
    case F::kFloorHoEn: return fl + "F #" + h;
    case F::kFloorHoKo: return fl + "층 " + h + "호";
  }
  return "";
}

}  // namespace doro::testgen
