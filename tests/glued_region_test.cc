// A 시도 glued to its 시군구 ("대구남구", "울산중구"), as labels often write
// them, on the real 2013 rows of 대구, 대전, 광주 and 울산, four cities that
// share the 시군구 names 중구, 동구, 서구, 남구 and 북구 and many road names.
//
//  - The right city: the label answers that building.
//  - Another city glued to the same 시군구 name, where that city's 시군구
//    has no such road and number: the label must not answer the building
//    of the city it does not name (written apart, "광주 남구 ...", it gets
//    region_conflict; glued, it used to answer the other city's building).
//
// Expected answers come from the rows, never from the engine.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "db/address_row.h"
#include "db/sido.h"
#include "match/engine.h"
#include "match_test_util.h"
#include "real_rows_util.h"
#include "shared_data.h"
#include "testgen/official_labels.h"

namespace doro {
namespace {

namespace fs = std::filesystem;
using testing::AddressOf;
using testing::NumberOf;

TEST(GluedRegionTest, ASidoGluedToItsSigunguNamesThatCityOnly) {
  const std::string koreapost = testing::SharedPath("data/koreapost2013");
  if (!fs::exists(koreapost)) GTEST_SKIP() << "../shared/data not present";
  std::vector<db::AddressRow> rows;
  for (const char* city : {"daegu", "daejeon", "gwangju", "ulsan"}) {
    testgen::OfficialNames names;
    std::vector<std::string> files;
    std::string error;
    ASSERT_TRUE(testgen::LoadDataPath(koreapost + "/" + city, &rows, &names, &files, &error)) << error;
  }
  const fs::path dir = fs::temp_directory_path() / ("glued_region." + std::to_string(::getpid()));
  fs::remove_all(dir);
  testing::WriteOfficialFiles(dir, rows);
  std::string error;
  auto engine = Engine::Open(dir.string(), &error);
  fs::remove_all(dir);
  ASSERT_NE(engine, nullptr) << error;

  // How many buildings each (시도, 시군구, road, number) names, and which
  // 시군구 names each 시도 has.
  auto key = [](const std::string& sido, const std::string& sigungu, const db::AddressRow& r) {
    return sido + "|" + sigungu + "|" + r.road_name + "|" + NumberOf(r);
  };
  std::map<std::string, int> count;
  std::map<std::string, std::set<std::string>> sigungu_of;
  for (const auto& r : rows) {
    ++count[key(r.sido, r.sigungu, r)];
    sigungu_of[r.sido].insert(r.sigungu);
  }
  int right = 0, wrong = 0, missed = 0, other_city = 0, crossed = 0, answered_other = 0;
  std::vector<std::string> failures;
  for (size_t i = 0; i < rows.size(); i += 97) {
    const auto& r = rows[i];
    if (r.sigungu.empty() || count[key(r.sido, r.sigungu, r)] != 1) continue;
    const std::string tail = r.road_name + " " + NumberOf(r);
    const std::string label = std::string(db::FindSidoByKorean(r.sido)->short_ko) + r.sigungu + " " + tail;
    const Answer a = engine->Refine(label);
    if (!a.ok()) {
      ++missed;
    } else if (a.address == AddressOf(r)) {
      ++right;
    } else {
      ++wrong;
      if (failures.size() < 10) failures.push_back("wrong: " + label + " -> " + a.address);
    }
    // The same 시군구 name in another city without this road and number.
    for (const auto& [sido, names] : sigungu_of) {
      if (sido == r.sido || !names.count(r.sigungu) || count.count(key(sido, r.sigungu, r))) continue;
      const std::string other = std::string(db::FindSidoByKorean(sido)->short_ko) + r.sigungu + " " + tail;
      const Answer o = engine->Refine(other);
      ++other_city;
      if (!o.ok()) continue;
      ++answered_other;
      if (o.address == AddressOf(r)) {
        ++crossed;
        if (failures.size() < 10) failures.push_back("crossed: " + other + " -> " + o.address);
      }
      break;
    }
  }
  const int total = right + wrong + missed;
  std::cout << "glued 시도+시군구, the right city: " << total << " labels, " << right << " right, " << wrong
            << " wrong, " << missed << " missed\n"
            << "glued, another city's 시군구 of that name: " << other_city << " labels, " << crossed
            << " answered with the building of the city not named, " << answered_other
            << " answered at all (a respelled road of the city named)\n";
  for (const auto& f : failures) std::cout << "  " << f << "\n";
  ASSERT_GT(total, 2000);
  ASSERT_GT(other_city, 1000);
  EXPECT_EQ(wrong, 0);
  EXPECT_GE(right, total * 995 / 1000);
  EXPECT_EQ(crossed, 0);
  // The rest are one-edit respellings of a road of the city named: few.
  EXPECT_LE(answered_other, other_city * 2 / 100);
}

}  // namespace
}  // namespace doro
