// Old (and new) district names on real rows (data/district_changes.tsv):
// labels that name a 시도/시군구 as it was on the other side of a change get
// the current address of the database with a renamed_district warning, and
// never an address elsewhere.
//
//  - 연기군 -> 세종 (2012): the real Sejong rows of 2013 and of today.
//  - 인천 남구 <-> 미추홀구 (2018), 군위군 경북 <-> 대구 (2023), 전라북도 ->
//    전북특별자치도 (2024), 강원도 -> 강원특별자치도 (2023): the data sets hold
//    no such area, so real rows of another area are renamed as the area was
//    before or after the change, beside real rows of the same bare name
//    (2013 대구, with its own 남구) that must keep their answers.
//
// Expected answers are computed from the rows (one address for the road and
// number in the area named), never by asking the engine.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "api/warning.h"
#include "db/address_row.h"
#include "db/district_changes.h"
#include "db/embedded.h"
#include "db/sido.h"
#include "match/engine.h"
#include "match_test_util.h"
#include "real_rows_util.h"
#include "shared_data.h"
#include "testgen/official_labels.h"

namespace doro {
namespace {

namespace fs = std::filesystem;

const std::string kKoreaPost = testing::SharedPath("data/koreapost2013");
const std::string kSejongJuso = testing::SharedPath("data/juso/sejong");

std::vector<db::AddressRow> LoadRows(const std::string& path) {
  std::vector<db::AddressRow> rows;
  testgen::OfficialNames names;
  std::vector<std::string> files;
  std::string error;
  EXPECT_TRUE(testgen::LoadDataPath(path, &rows, &names, &files, &error)) << error;
  return rows;
}

using testing::AddressOf;
using testing::NumberOf;

struct Tally {
  int right = 0, wrong = 0, missed = 0, unwarned = 0;
  std::vector<std::string> failures;
  int Total() const { return right + wrong + missed; }
  double RightPct() const { return Total() == 0 ? 0 : 100.0 * right / Total(); }
};

// Refines `label`: `expected` (empty: no answer is right), with the
// renamed_district warning when `warn`.
void Check(const Engine& engine, const std::string& label, const std::string& expected, bool warn, Tally* t) {
  const Answer a = engine.Refine(label);
  const bool warned =
      std::find(a.warnings.begin(), a.warnings.end(), Warning::kRenamedDistrict) != a.warnings.end();
  if (expected.empty()) {
    if (a.ok()) {
      ++t->wrong;
      t->failures.push_back("wrong: " + label + " -> " + a.address);
    } else {
      ++t->right;
    }
    return;
  }
  if (!a.ok()) {
    ++t->missed;
    if (t->failures.size() < 12) t->failures.push_back("missed: " + label + " (" + a.why + ")");
  } else if (a.address != expected) {
    ++t->wrong;
    t->failures.push_back("wrong: " + label + " -> " + a.address + " (expected " + expected + ")");
  } else {
    ++t->right;
    if (warned != warn) {
      ++t->unwarned;
      if (t->failures.size() < 12) t->failures.push_back(std::string(warn ? "no warning: " : "warning: ") + label);
    }
  }
}

// An engine over `rows`, written in the official layout into a temporary
// folder.
std::unique_ptr<Engine> Open(const std::vector<db::AddressRow>& rows) {
  const fs::path dir = fs::temp_directory_path() / ("renamed_district." + std::to_string(::getpid()));
  fs::remove_all(dir);
  testing::WriteOfficialFiles(dir, rows);
  std::string error;
  auto engine = Engine::Open(dir.string(), &error);
  fs::remove_all(dir);
  EXPECT_NE(engine, nullptr) << error;
  return engine;
}

// Every `stride`-th row of `rows` that fits the filter, whose road and number
// name one address among the rows of its 시군구 (the label names no town).
std::vector<const db::AddressRow*> Sample(const std::vector<db::AddressRow>& rows, size_t stride,
                                          const std::function<bool(const db::AddressRow&)>& keep) {
  std::map<std::string, std::set<std::string>> addresses;  // 시도|시군구|road|number -> addresses
  auto key = [](const db::AddressRow& r) { return r.sido + "|" + r.sigungu + "|" + r.road_name + "|" + NumberOf(r); };
  for (const auto& r : rows) addresses[key(r)].insert(AddressOf(r));
  std::vector<const db::AddressRow*> out;
  size_t seen = 0;
  for (const auto& r : rows) {
    if (!keep(r) || seen++ % stride != 0) continue;
    if (addresses[key(r)].size() == 1) out.push_back(&r);
  }
  return out;
}

void Report(const char* name, const Tally& t) {
  std::printf("%-44s cases %5d  right %5d (%.2f%%)  wrong %d  missed %d  warning off %d\n", name, t.Total(), t.right,
              t.RightPct(), t.wrong, t.missed, t.unwarned);
  for (const auto& f : t.failures) std::printf("  %s\n", f.c_str());
}

void ExpectGood(const Tally& t, int min_cases) {
  EXPECT_GE(t.Total(), min_cases);
  EXPECT_GE(t.RightPct(), 98.0);
  EXPECT_EQ(t.wrong, 0);
  EXPECT_LE(t.unwarned, t.Total() / 50);
}

TEST(DistrictChangesTest, EmbeddedTableParsesAndNamesKnownProvinces) {
  const auto table = db::AllDistrictChanges();
  ASSERT_GE(table.size(), 20u);
  for (const auto& c : table) {
    EXPECT_FALSE(c.date.empty());
    EXPECT_FALSE(c.source.empty()) << c.from_area;
    EXPECT_GE(c.date, "2010") << c.from_area;
  }
  std::vector<db::DistrictChange> out;
  std::string error;
  EXPECT_FALSE(db::ParseDistrictChanges("2018-07-01\trename\t없는도\t남구\t인천광역시\t미추홀구\t\tx\n", &out, &error));
  EXPECT_NE(error.find("line 1"), std::string::npos) << error;
  EXPECT_FALSE(db::ParseDistrictChanges("2018-07-01\trename\n", &out, &error));
}

// 연기군 -> 세종특별자치시 (2012-07-01), on the real Sejong rows of 2013 and of
// today: "충청남도 연기군 ..." and "..., Yeongi-gun, Chungcheongnam-do".
TEST(RenamedDistrictTest, YeongiGunLabelsAnswerInSejong) {
  if (!fs::exists(kKoreaPost) || !fs::exists(kSejongJuso)) GTEST_SKIP() << "../shared/data not present";
  for (const std::string& path : {kKoreaPost + "/sejong", kSejongJuso}) {
    const auto rows = LoadRows(path);
    ASSERT_FALSE(rows.empty());
    auto engine = Open(rows);
    ASSERT_NE(engine, nullptr);
    Tally t;
    for (const auto* r : Sample(rows, 97, [](const db::AddressRow&) { return true; })) {
      const std::string expected = AddressOf(*r);
      Check(*engine, "충청남도 연기군 " + r->road_name + " " + NumberOf(*r), expected, true, &t);
      Check(*engine, NumberOf(*r) + ", " + r->road_name + ", Yeongi-gun, Chungcheongnam-do", expected, true, &t);
      Check(*engine, "연기군 " + r->road_name + " " + NumberOf(*r), expected, true, &t);
      // Today's name, for comparison: no warning.
      Check(*engine, "세종특별자치시 " + r->road_name + " " + NumberOf(*r), expected, false, &t);
    }
    Report(("연기군 on " + fs::path(path).parent_path().filename().string() + "/sejong").c_str(), t);
    ExpectGood(t, 600);
  }
}

// Real rows of one area renamed into another `sido`/`sigungu`.
std::vector<db::AddressRow> Renamed(const std::vector<db::AddressRow>& rows, const std::string& from_sigungu,
                                    const std::string& sido, const std::string& sigungu) {
  std::vector<db::AddressRow> out;
  for (const auto& r : rows) {
    if (r.sigungu != from_sigungu) continue;
    out.push_back(r);
    out.back().sido = sido;
    out.back().sigungu = sigungu;
  }
  return out;
}

// 인천 남구 -> 미추홀구 (2018-07-01), both ways, beside 대구 남구: real rows of
// 울산 남구 (2013) renamed into 인천 as 미추홀구 (today's database; labels
// write 남구) or as 남구 (an older one; labels write 미추홀구), with real
// 2013 대구 rows (남구, 중구), whose 남구 must still answer as 대구 남구 and never
// for a label naming 인천.
TEST(RenamedDistrictTest, IncheonNamGuAndMichuholGuBothWays) {
  if (!fs::exists(kKoreaPost)) GTEST_SKIP() << "../shared/data not present";
  const auto daegu = LoadRows(kKoreaPost + "/daegu");
  const auto ulsan = LoadRows(kKoreaPost + "/ulsan");
  ASSERT_FALSE(daegu.empty());
  ASSERT_FALSE(ulsan.empty());
  struct Direction {
    const char* db_name;     // the area's name in the database
    const char* label_ko;    // and on the labels
    const char* label_en;
  };
  for (const Direction& d : {Direction{"미추홀구", "남구", "Nam-gu"}, Direction{"남구", "미추홀구", "Michuhol-gu"}}) {
    // 대구's 남구 and 중구 (their road names recur in the other districts; the
    // whole city would only make the test slower).
    std::vector<db::AddressRow> rows;
    for (const auto& r : daegu) {
      if (r.sigungu == "남구" || r.sigungu == "중구") rows.push_back(r);
    }
    const auto incheon = Renamed(ulsan, "남구", "인천광역시", d.db_name);
    rows.insert(rows.end(), incheon.begin(), incheon.end());
    auto engine = Open(rows);
    ASSERT_NE(engine, nullptr);
    // The addresses of each road and number in 인천, for the guard labels.
    std::map<std::string, std::string> in_incheon;
    for (const auto& r : incheon) in_incheon[r.road_name + "|" + NumberOf(r)] = AddressOf(r);
    Tally renamed, guard, daegu_nam;
    for (const auto* r : Sample(rows, 37, [](const db::AddressRow& r) { return r.sido == "인천광역시"; })) {
      const std::string expected = AddressOf(*r);
      Check(*engine, std::string("인천광역시 ") + d.label_ko + " " + r->road_name + " " + NumberOf(*r), expected, true,
            &renamed);
      Check(*engine, NumberOf(*r) + ", " + r->road_name + ", " + d.label_en + ", Incheon", expected, true, &renamed);
      Check(*engine, std::string("인천 ") + d.label_ko + " " + r->road_name + " " + NumberOf(*r), expected, true,
            &renamed);
    }
    for (const auto* r : Sample(rows, 23, [](const db::AddressRow& r) { return r.sido == "대구광역시" && r.sigungu == "남구"; })) {
      // 대구 남구 still answers for itself, without a warning...
      Check(*engine, "대구광역시 남구 " + r->road_name + " " + NumberOf(*r), AddressOf(*r), false, &daegu_nam);
      Check(*engine, NumberOf(*r) + ", " + r->road_name + ", Nam-gu, Daegu", AddressOf(*r), false, &daegu_nam);
      // ...and a label naming 인천 never gets a 대구 address.
      const auto it = in_incheon.find(r->road_name + "|" + NumberOf(*r));
      const std::string expected = it == in_incheon.end() ? "" : it->second;
      Check(*engine, NumberOf(*r) + ", " + r->road_name + ", " + d.label_en + ", Incheon", expected, true, &guard);
      Check(*engine, std::string("인천 ") + d.label_ko + " " + r->road_name + " " + NumberOf(*r), expected, true, &guard);
    }
    Report((std::string("인천 ") + d.label_ko + " labels, DB " + d.db_name).c_str(), renamed);
    Report((std::string("대구 남구 rows, labels 인천 ") + d.label_ko).c_str(), guard);
    Report("대구 남구 rows, labels 대구 남구", daegu_nam);
    ExpectGood(renamed, 1000);
    EXPECT_EQ(guard.wrong, 0);
    ExpectGood(daegu_nam, 400);
  }
}

// 군위군: 경상북도 -> 대구광역시 (2023-07-01), both ways: real rows of 2013
// 달성군 renamed as 군위군 of 대구 (today; labels write 경상북도 군위군) or of
// 경북 (an older database; labels write 대구광역시 군위군), beside real 2013
// 대구 rows (남구, 중구).
TEST(RenamedDistrictTest, GunwiGunMovedToDaeguBothWays) {
  if (!fs::exists(kKoreaPost)) GTEST_SKIP() << "../shared/data not present";
  const auto daegu = LoadRows(kKoreaPost + "/daegu");
  ASSERT_FALSE(daegu.empty());
  struct Direction {
    const char* db_sido;
    const char* label_sido_ko;
    const char* label_sido_en;
  };
  for (const Direction& d : {Direction{"대구광역시", "경상북도", "Gyeongsangbuk-do"},
                             Direction{"경상북도", "대구광역시", "Daegu"}}) {
    std::vector<db::AddressRow> rows;
    for (const auto& r : daegu) {
      if (r.sigungu == "남구" || r.sigungu == "중구") rows.push_back(r);
    }
    const auto gunwi = Renamed(daegu, "달성군", d.db_sido, "군위군");
    rows.insert(rows.end(), gunwi.begin(), gunwi.end());
    auto engine = Open(rows);
    ASSERT_NE(engine, nullptr);
    Tally t;
    for (const auto* r : Sample(rows, 23, [](const db::AddressRow& r) { return r.sigungu == "군위군"; })) {
      const std::string expected = AddressOf(*r);
      Check(*engine, std::string(d.label_sido_ko) + " 군위군 " + r->road_name + " " + NumberOf(*r), expected, true, &t);
      Check(*engine, NumberOf(*r) + ", " + r->road_name + ", Gunwi-gun, " + d.label_sido_en, expected, true, &t);
      // The name the database has: no warning.
      Check(*engine, std::string(d.db_sido) + " 군위군 " + r->road_name + " " + NumberOf(*r), expected, false, &t);
    }
    Report((std::string("군위군 labels with ") + d.label_sido_ko + ", DB " + d.db_sido).c_str(), t);
    ExpectGood(t, 600);
  }
}

// 시도 renamed as a whole: real rows of 2013 광주 서구 renamed into
// 전북특별자치도 전주시 완산구 and into 강원특별자치도 춘천시; labels write
// 전라북도 / Jeollabuk-do and 강원도.
TEST(RenamedDistrictTest, RenamedProvinces) {
  if (!fs::exists(kKoreaPost)) GTEST_SKIP() << "../shared/data not present";
  const auto gwangju = LoadRows(kKoreaPost + "/gwangju");
  ASSERT_FALSE(gwangju.empty());
  std::vector<db::AddressRow> rows = Renamed(gwangju, "서구", "전북특별자치도", "전주시 완산구");
  const auto gangwon = Renamed(gwangju, "북구", "강원특별자치도", "춘천시");
  rows.insert(rows.end(), gangwon.begin(), gangwon.end());
  auto engine = Open(rows);
  ASSERT_NE(engine, nullptr);
  Tally t;
  for (const auto* r : Sample(rows, 61, [](const db::AddressRow&) { return true; })) {
    const std::string expected = AddressOf(*r);
    const std::string place = r->sido == "전북특별자치도" ? "전주시 완산구 " : "춘천시 ";
    const std::string old_ko = r->sido == "전북특별자치도" ? "전라북도 " : "강원도 ";
    Check(*engine, old_ko + place + r->road_name + " " + NumberOf(*r), expected, true, &t);
    if (r->sido == "전북특별자치도") {
      Check(*engine, NumberOf(*r) + ", " + r->road_name + ", Wansan-gu, Jeonju-si, Jeollabuk-do", expected, true, &t);
    }
    Check(*engine, std::string(db::FindSidoByKorean(r->sido)->korean) + " " + place + r->road_name + " " + NumberOf(*r),
          expected, false, &t);
  }
  Report("전라북도 / 강원도 labels", t);
  ExpectGood(t, 600);
}

}  // namespace
}  // namespace doro
