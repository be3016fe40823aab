// Independent labels that name no road: lot (지번) addresses, building names,
// and units (상세주소) on labels of every kind, each with the answer computed
// from the rows alone (never by asking the engine). English comes only from
// the official names (admin tables for 시도/시군구/읍면동/리, TN_SPRD_RDNM for
// roads; OfficialNames of testgen/official_labels.h), never from our
// romanizer. There is no official English of building names in the data, so
// building-name labels are Korean (with English region words in name_mixed).
//
//   doro::testgen::LoadDataPath(path, &rows, &names, &files, &error);
//   doro::testgen::ReadAdminEnglish("../shared/data/admin", &names, &error);
//   doro::testgen::LotLabelGenerator gen(std::move(rows), std::move(names));
//   for (const auto& c : gen.Generate(3000, /*seed=*/1)) ...
//
// Classes (LotClasses(), positives first, then negatives "neg_*"):
//   lot_ko      대전 동구 판암동 15-3 / 대전광역시 동구 판암동 15-3번지
//   lot_en      15-3 Panam-dong, Dong-gu, Daejeon (official English areas)
//   lot_mixed   판암동 15-3, Dong-gu, Daejeon / 15-3 Panam-dong, 동구, 대전
//   lot_san     대전 동구 판암동 산15 / San 15, Panam-dong ... / Mt. 15-3 ...
//   lot_ri      세종 조치원읍 신안리 300 / 300 Sinan-ri, Jochiwon-eup, Sejong-si
//   lot_noise   a lot label with a country name, a postcode, a company or note
//   lot_multi   a lot holding several road addresses -> "ambiguous"
//   name_ko     세종국제고등학교 / 대전 유성구 X / X, 대전광역시 유성구
//   name_ko_variant  spacing and suffix variants (아파트 -> APT/apt, 빌딩 ->
//               B/D/Bldg, (주) added or dropped)
//   name_mixed  X, Yuseong-gu, Daejeon
//   name_multi  a name that, within the region written, fits several
//               addresses -> "ambiguous"
//   unit_en     a road, lot or name label with an English unit (101-dong
//               1203-ho, #302, Room 301, Suite 2401, 3F, B1, B1 floor, ...)
//   unit_ko     the same with a Korean unit (101동 1203호, 302호, 3층, 지하1층)
//   unit_compact  101-1203 right after an apartment's building number,
//               1203ho101동, 101동1203호
//   neg_lot_missing  a lot number no row has in that 동/리 -> "no_building"
//   neg_lot_area     a real 동/리 of another district named in this one
//                    -> "no_road"
//
// Promises:
//  - Deterministic: the same rows, names, count and seed give the same cases
//    (testgen/rng.h, no unordered iteration).
//  - Honest, from the rows: a lot is (시도, 시군구, 법정읍면동, 법정리, 산,
//    본번, 부번) as the row gives them; its addresses are the distinct
//    db::RoadAddress of its rows (a campus on several rows is one). A lot
//    positive's lot has exactly one; lot_multi's at least two; a
//    neg_lot_missing number is no row's 본번 (산 or not) in that 동/리; a
//    neg_lot_area name is no 법정읍면동, 법정리 or 행정동 of any row in the
//    district written. English lot labels are made only where the official
//    English of the area names one Korean area of the district.
//  - A building name fits an address when NameKey(name) equals NameKey of
//    a row's 시군구용건물명 or 건축물대장건물명 in the region written (시도,
//    시군구, 읍면동 as far as written; the whole rows when none). Names
//    found in five or more 시군구 (마을회관, 빌라), names of parts of a
//    building (101동, A동, 상가동), names shorter than three letters or
//    without Hangul, and names that are also a road's or an area's name
//    make no label.
//  - Unit cases: expected_detail = DetailAddr(unit) (testgen/unit_forms.h);
//    dong+ho units only on apartments (공동주택구분, or a name with 아파트/APT);
//    101-1203 only right after an apartment's building number; basement
//    units (B1) only at the end of a label, after a comma. Unit cases are made
//    on above-ground road addresses and on lots and names that fit one address.
#ifndef DORO_TESTGEN_LOT_LABELS_H_
#define DORO_TESTGEN_LOT_LABELS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "db/address_row.h"
#include "testgen/labels.h"
#include "testgen/official_labels.h"  // OfficialNames, LoadDataPath, ReadAdminEnglish
#include "testgen/unit_forms.h"

namespace doro::testgen {

// All class names, positives first then negatives ("neg_*").
const std::vector<std::string>& LotClasses();

// A building name with spaces dropped, ASCII lower-cased, (주)/㈜/주식회사
// dropped, APT/apt -> 아파트, B/D, Bldg -> 빌딩: two names with the same key
// are the same name written differently.
std::string NameKey(std::string_view name);

// What a case was made from, for checking it against the rows.
struct LotCase {
  LabelCase c;
  std::string kind;  // "lot", "name" or "road": what the label names
  // The area written (Korean, as in the rows; sigungu "" in Sejong; emd is
  // the 읍/면 and ri the 리 in 읍면 areas); for neg_lot_area the district
  // written with the other district's 동/리 name. For names: the region
  // written, as far as written (all "" for a bare name; sido alone for a
  // label naming the city only). For units on road labels: the address's
  // 시도, 시군구 and 읍/면.
  std::string sido, sigungu, emd, ri;
  bool mountain = false;  // lot kinds: the lot written
  int lot_main = 0, lot_sub = 0;  // neg_lot_missing: the absent number written
  std::string name;        // name kinds: the name written (a variant's too)
  std::string row_name;    // name kinds: the row's name it was made from
  Unit unit;               // unit classes: the unit written
  std::string unit_text;   // ... as written in the label
};

class LotLabelGenerator {
 public:
  LotLabelGenerator(std::vector<db::AddressRow> rows, OfficialNames names);
  ~LotLabelGenerator();
  LotLabelGenerator(const LotLabelGenerator&) = delete;
  LotLabelGenerator& operator=(const LotLabelGenerator&) = delete;

  // About `count` cases spread evenly over AvailableClasses(), no label twice
  // in a class; fewer when a class runs out of honest cases (small pools:
  // name_multi, lot_san on one city).
  std::vector<LabelCase> Generate(size_t count, uint64_t seed) const;
  // The same cases (same order) with what each was made from.
  std::vector<LotCase> GenerateDetailed(size_t count, uint64_t seed) const;

  // Classes these rows can produce (no lot_ri without 리, no lot_multi
  // without a lot of several addresses, ...).
  std::vector<std::string> AvailableClasses() const;

  // How many distinct cases each class could draw on (lots of one address,
  // lots of several, names, apartments, ...), for the report.
  std::vector<std::pair<std::string, size_t>> PoolSizes() const;

  const std::vector<db::AddressRow>& rows() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace doro::testgen

#endif  // DORO_TESTGEN_LOT_LABELS_H_
