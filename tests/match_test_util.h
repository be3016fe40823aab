// Small hand-made databases and label preparation for the matcher's stage
// tests: each test states the few rows it needs.
#ifndef DORO_TESTS_MATCH_TEST_UTIL_H_
#define DORO_TESTS_MATCH_TEST_UTIL_H_

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>

#include "db/address_row.h"
#include "db/database.h"
#include "match/atoms.h"
#include "match/translations.h"
#include "match/words.h"

namespace doro::testing {

// One building row. `legal_code` (10 digits) places it: its first five
// digits are the 시군구, the first eight the 읍면동.
inline db::AddressRow MakeRow(std::string sido, std::string sigungu, std::string emd,
                              std::string legal_code, std::string road_code, std::string road,
                              int main, int sub = 0, bool underground = false,
                              std::string zip = "04524") {
  static int serial = 0;
  db::AddressRow r;
  r.mgmt_no = legal_code + std::to_string(100000 + ++serial) + "0000000000";
  r.mgmt_no.resize(25, '0');
  r.legal_code = std::move(legal_code);
  r.sido = std::move(sido);
  r.sigungu = std::move(sigungu);
  r.emd = std::move(emd);
  r.road_code = std::move(road_code);
  r.road_name = std::move(road);
  r.underground = underground;
  r.main = main;
  r.sub = sub;
  r.zip = std::move(zip);
  return r;
}

// The row's lot (지번) and 법정리.
inline db::AddressRow WithLot(db::AddressRow r, std::string ri, bool mountain, int main, int sub = 0) {
  r.ri = std::move(ri);
  r.mountain = mountain;
  r.jibun_main = main;
  r.jibun_sub = sub;
  return r;
}

// Writes `rows` as rnaddrkor_test.txt and `related` as
// jibun_rnaddrkor_test.txt (when any) into `dir`, in the official layouts.
inline void WriteOfficialFiles(const std::filesystem::path& dir, const std::vector<db::AddressRow>& rows,
                               const std::vector<db::RelatedLotRow>& related = {}) {
  std::filesystem::create_directories(dir);
  std::ofstream out(dir / "rnaddrkor_test.txt", std::ios::binary | std::ios::trunc);
  for (const auto& r : rows) out << db::FormatAddressRow(r) << "\n";
  if (related.empty()) return;
  std::ofstream lots(dir / "jibun_rnaddrkor_test.txt", std::ios::binary | std::ios::trunc);
  for (const auto& r : related) lots << db::FormatRelatedLotRow(r) << "\n";
}

// A temporary directory for one test, removed with it.
struct TempDir {
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path = std::filesystem::temp_directory_path() /
           ("doro_" + std::string(info->test_suite_name()) + "_" + info->name() + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::filesystem::path path;
};

// Holds what a stage reads of a label: the atoms and their roles.
// Not copyable: the atoms point into `text`.
struct PreparedLabel {
  explicit PreparedLabel(std::string_view label) : text(label) {
    match::ReadAtoms(text, match::WordTable::Builtin(), translations, &atoms);
  }
  PreparedLabel(const PreparedLabel&) = delete;
  PreparedLabel& operator=(const PreparedLabel&) = delete;

  std::string text;
  match::Translations translations =
      match::Translations::Parse("ring\t순환\nhighway\t고속도로\n");
  match::LabelAtoms atoms;
};

// A small database: 관악구 남부순환로 (1721 above ground and underground),
// 중구 세종대로 110, 퇴계로 170 in 서울 중구 and in 춘천시, 퇴계로36번길 12, 종로구 삼일대로 and
// 삼일대로30길 (no 15 on the main road), and in 대전 동구 중앙로 186 (two
// buildings of one complex, one address).
inline std::unique_ptr<db::Database> SmallDatabase() {
  std::vector<db::AddressRow> rows = {
      MakeRow("서울특별시", "관악구", "신림동", "1162010200", "116203005001", "남부순환로", 1721, 0, false, "08826"),
      MakeRow("서울특별시", "관악구", "신림동", "1162010200", "116203005001", "남부순환로", 1721, 0, true, "08826"),
      MakeRow("서울특별시", "관악구", "봉천동", "1162010100", "116203005001", "남부순환로", 1820, 0, false, "08787"),
      MakeRow("서울특별시", "중구", "태평로1가", "1114010300", "111403101001", "세종대로", 110, 0, false, "04524"),
      MakeRow("서울특별시", "중구", "회현동1가", "1114011500", "111403102005", "퇴계로", 170, 0, false, "04627"),
      MakeRow("서울특별시", "중구", "회현동1가", "1114011500", "111403102101", "퇴계로36번길", 12, 0, false, "04627"),
      MakeRow("강원특별자치도", "춘천시", "효자동", "5111010500", "511104200001", "퇴계로", 170, 0, false, "24340"),
      MakeRow("서울특별시", "종로구", "관철동", "1111013800", "111104100285", "삼일대로", 385, 0, false, "03142"),
      MakeRow("서울특별시", "종로구", "낙원동", "1111013700", "111104100300", "삼일대로30길", 15, 0, false, "03133"),
      MakeRow("대전광역시", "동구", "중동", "3011010800", "301103000001", "중앙로", 186, 0, false, "34578"),
      // A second building of the same complex, on another 법정동: one address.
      MakeRow("대전광역시", "동구", "정동", "3011010900", "301103000001", "중앙로", 186, 0, false, "34578"),
  };
  return db::Database::FromRows(rows);
}

}  // namespace doro::testing

#endif  // DORO_TESTS_MATCH_TEST_UTIL_H_
