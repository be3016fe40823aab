#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

#include "db/address_row.h"
#include "db/database.h"
#include "db/flat_map.h"
#include "db/format.h"
#include "db/index_file.h"
#include "match_test_util.h"
#include "text/encoding.h"
#include "text/utf8.h"

namespace doro::db {
namespace {

AddressRow Row(std::string sido, std::string sigungu, std::string emd, std::string road_code,
               std::string road, bool underground, int main, int sub) {
  AddressRow r = testing::MakeRow(std::move(sido), std::move(sigungu), std::move(emd), "1114010100",
                                  std::move(road_code), std::move(road), main, sub, underground);
  r.mgmt_no = "1111" + std::to_string(main) + "00" + std::to_string(sub);
  return r;
}

TEST(AddressRow, RoundTripsThroughTheOfficialLayout) {
  AddressRow r = Row("서울특별시", "중구", "태평로1가", "111403101001", "세종대로", false, 110, 0);
  r.building_name = "서울특별시청";
  const std::string line = FormatAddressRow(r);
  EXPECT_EQ(std::count(line.begin(), line.end(), '|'), 23);
  AddressRow back;
  std::string why;
  ASSERT_TRUE(ParseAddressRow(line, &back, &why)) << why;
  EXPECT_EQ(back.road_name, "세종대로");
  EXPECT_EQ(back.main, 110);
  EXPECT_EQ(back.building_name, "서울특별시청");
}

TEST(AddressRow, RejectsBadLinesWithAReason) {
  AddressRow r;
  std::string why;
  EXPECT_FALSE(ParseAddressRow("a|b|c", &r, &why));
  EXPECT_NE(why.find("24 fields"), std::string::npos);
  AddressRow good = Row("서울특별시", "중구", "태평로1가", "111403101001", "세종대로", false, 110, 0);
  std::string line = FormatAddressRow(good);
  std::string bad_number = line;
  bad_number.replace(bad_number.find("|110|"), 5, "|x1|");
  EXPECT_FALSE(ParseAddressRow(bad_number, &r, &why));
  EXPECT_NE(why.find("building number"), std::string::npos);
}

TEST(AddressRow, ReadsCp949AndCrlfAndCountsBadLines) {
  AddressRow a = Row("서울특별시", "중구", "태평로1가", "111403101001", "세종대로", false, 110, 0);
  AddressRow b = Row("서울특별시", "중구", "태평로1가", "111403101001", "세종대로", true, 2, 0);
  const std::string utf8 = FormatAddressRow(a) + "\r\nnot a row\r\n" + FormatAddressRow(b) + "\r\n";
  const auto cp949 = text::Cp949ToUtf8(*text::Utf8ToCp949(utf8));
  ASSERT_TRUE(cp949.has_value());
  const std::string bytes = *text::Utf8ToCp949(utf8);
  ASSERT_FALSE(text::IsValidUtf8(bytes));  // really CP949
  LoadReport report;
  std::vector<AddressRow> rows;
  ReadAddressBytes("test.txt", bytes, [&](AddressRow&& r) { rows.push_back(std::move(r)); }, &report);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].road_name, "세종대로");
  EXPECT_EQ(report.bad_lines, 1u);
  ASSERT_EQ(report.bad_line_samples.size(), 1u);
  EXPECT_EQ(report.bad_line_samples[0].rfind("test.txt:2:", 0), 0u) << report.bad_line_samples[0];
}

TEST(AddressRow, MissingPathIsAnErrorNotACrash) {
  LoadReport report;
  std::string error;
  EXPECT_FALSE(ReadAddressPath("/nonexistent/doro", [](AddressRow&&) {}, &report, &error));
  EXPECT_NE(error.find("/nonexistent/doro"), std::string::npos);
}

TEST(Format, RoadAddressAndReference) {
  AddressRow r = Row("세종특별자치시", "", "조치원읍", "361103258022", "충현로", false, 38, 0);
  EXPECT_EQ(RoadAddress(r), "세종특별자치시 조치원읍 충현로 38");
  EXPECT_EQ(ReferencePart(r), "");
  AddressRow s = Row("서울특별시", "관악구", "신림동", "116203005001", "남부순환로", true, 1721, 0);
  EXPECT_EQ(RoadAddress(s), "서울특별시 관악구 남부순환로 지하 1721");
  EXPECT_EQ(ReferencePart(s), "(신림동)");
  s.apartment = true;
  s.building_name = "관악아파트";
  s.sub = 3;
  EXPECT_EQ(RoadAddress(s), "서울특별시 관악구 남부순환로 지하 1721-3");
  EXPECT_EQ(ReferencePart(s), "(신림동, 관악아파트)");
}

TEST(FlatMultiMap, FindsAllValuesOfAKeyAndNothingElse) {
  std::vector<std::pair<uint64_t, uint32_t>> pairs;
  for (uint32_t i = 0; i < 1000; ++i) pairs.emplace_back(HashKey(std::to_string(i % 300)), i);
  const FlatMultiMap m = FlatMultiMap::Build(pairs);
  for (uint32_t k = 0; k < 300; ++k) {
    const auto found = m.Find(HashKey(std::to_string(k)));
    std::vector<uint32_t> values;
    for (const auto& e : found) values.push_back(e.value);
    std::sort(values.begin(), values.end());
    std::vector<uint32_t> expected;
    for (uint32_t i = k; i < 1000; i += 300) expected.push_back(i);
    EXPECT_EQ(values, expected) << k;
  }
  EXPECT_TRUE(m.Find(HashKey("absent")).empty());
  EXPECT_TRUE(FlatMultiMap().Find(HashKey("x")).empty());
}

// Index files store these hashes: the function may never change silently.
TEST(FlatMultiMap, HashKeyIsStableAndFedInPieces) {
  EXPECT_EQ(HashKey("seoulro"), 0xa1598e4066d42924ull);
  EXPECT_EQ(KeyHasher().Add("seo").Add("").Add("ulro").Hash(), HashKey("seoulro"));
  EXPECT_NE(HashKey("seoulro"), HashKey("seoulr"));
}

uint32_t One(const Database& db, uint32_t road, bool underground, uint32_t main, uint32_t sub) {
  const auto found = db.FindBuildings(road, underground, main, sub);
  return found.size() == 1 ? db.IndexOf(found[0]) : kNone;
}

TEST(Database, IndexesRoadsAndFormatsAnswers) {
  std::vector<AddressRow> rows = {
      Row("서울특별시", "관악구", "신림동", "116203005001", "남부순환로", true, 1721, 0),
      Row("서울특별시", "관악구", "신림동", "116203005001", "남부순환로", false, 1721, 0),
      Row("서울특별시", "관악구", "봉천동", "116203005001", "남부순환로", false, 1800, 5),
      Row("세종특별자치시", "", "조치원읍", "361103258022", "충현로", false, 38, 0),
  };
  auto db = Database::FromRows(rows);
  const auto& t = db->tables();
  ASSERT_EQ(t.roads.size(), 2u);
  ASSERT_EQ(t.buildings.size(), 4u);
  const auto found = t.road_keys.Find(HashKey("남부순환로"));
  ASSERT_EQ(found.size(), 1u);
  const uint32_t road = found[0].value;
  const uint32_t under = One(*db, road, true, 1721, 0);
  const uint32_t ground = One(*db, road, false, 1721, 0);
  ASSERT_NE(under, kNone);
  ASSERT_NE(ground, kNone);
  EXPECT_NE(under, ground);
  EXPECT_EQ(One(*db, road, false, 1800, 0), kNone);
  EXPECT_EQ(db->RoadAddress(under), "서울특별시 관악구 남부순환로 지하 1721");
  EXPECT_EQ(db->Reference(under), "(신림동)");
  EXPECT_EQ(db->Zip(under), "04524");
  EXPECT_EQ(db->RoadAddress(One(*db, road, false, 1800, 5)),
            "서울특별시 관악구 남부순환로 1800-5");
  const uint32_t sejong_road = t.road_keys.Find(HashKey("충현로"))[0].value;
  const uint32_t s = One(*db, sejong_road, false, 38, 0);
  EXPECT_EQ(db->RoadAddress(s), "세종특별자치시 조치원읍 충현로 38");
  EXPECT_EQ(db->English(s), "38, Chunghyeon-ro, Jochiwon-eup, Sejong-si");
}

TEST(Database, BuildingIdsSurvivePacking) {
  // Road 111403101001; the first id has the official shape (시군구 11140,
  // 읍면동 101, road 3101001, 지하 0, 본번 00001, 부번 00000) and is rebuilt
  // from the road and number; the others are kept as written.
  const std::vector<std::string> ids = {"11140101310100100000100000", "01110101200000200181100009",
                                        "123", "0000000000000", "12345678901234", "not-a-number"};
  std::vector<AddressRow> rows;
  for (size_t i = 0; i < ids.size(); ++i) {
    AddressRow r = Row("서울특별시", "중구", "태평로1가", "111403101001", "세종대로", false,
                       static_cast<int>(i + 1), 0);
    r.mgmt_no = ids[i];
    rows.push_back(r);
  }
  auto db = Database::FromRows(rows);
  ASSERT_EQ(db->tables().buildings.size(), ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    const uint32_t b = static_cast<uint32_t>(i);  // one road, sorted by number
    EXPECT_EQ(db->BuildingId(b), ids[i]);
  }
  EXPECT_EQ(db->tables().buildings[0].id_ref & kExplicitId, 0u);
  EXPECT_EQ(db->tables().ids.size(), ids.size() - 1);
}

TEST(Database, ARoadThroughTwoTownsMayRepeatANumber) {
  std::vector<AddressRow> rows = {
      Row("세종특별자치시", "", "장군면", "361103258099", "의당전의로", false, 618, 0),
      Row("세종특별자치시", "", "전의면", "361103258099", "의당전의로", false, 618, 0),
  };
  auto db = Database::FromRows(rows);
  const uint32_t road = db->tables().road_keys.Find(HashKey("의당전의로"))[0].value;
  const auto found = db->FindBuildings(road, false, 618, 0);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_NE(db->RoadAddress(db->IndexOf(found[0])), db->RoadAddress(db->IndexOf(found[1])));
}

// FindBuildings searches packed numbers; numbers past the packed range
// (main >= 2^17 - 1 or sub >= 2^14 - 1) share a packed value, and must still
// be told apart. Every number of two roads is compared with a plain scan.
TEST(Database, FindBuildingsAgreesWithAScanPastThePackedRange) {
  const std::vector<int> mains = {1, 2, 9999, 131069, 131070, 131071, 131072, 200000};
  const std::vector<int> subs = {0, 1, 16381, 16382, 16383, 16384, 20000, 65535};
  std::vector<AddressRow> rows;
  uint32_t seed = 7;
  auto coin = [&] { return ((seed = seed * 1103515245u + 12345u) >> 16) % 3 == 0; };
  for (const char* code : {"111403101001", "111403101002"}) {
    for (bool under : {false, true}) {
      for (int m : mains) {
        for (int s : subs) {
          if (coin()) rows.push_back(Row("서울특별시", "중구", "태평로1가", code,
                                         code[11] == '1' ? "세종대로" : "세종대로1길", under, m, s));
        }
      }
    }
  }
  auto db = Database::FromRows(rows);
  const auto& t = db->tables();
  ASSERT_EQ(t.buildings.size(), rows.size());
  ASSERT_EQ(t.building_numbers.size(), t.buildings.size());
  ASSERT_EQ(t.road_starts.size(), t.roads.size() + 1);
  size_t found_total = 0;
  for (uint32_t road = 0; road < t.roads.size(); ++road) {
    for (bool under : {false, true}) {
      for (int m : mains) {
        for (int s : subs) {
          std::vector<uint32_t> expected;
          for (uint32_t i = 0; i < t.buildings.size(); ++i) {
            const auto& b = t.buildings[i];
            if (b.road == road && (b.underground != 0) == under && b.main == static_cast<uint32_t>(m) &&
                b.sub == s) {
              expected.push_back(i);
            }
          }
          std::vector<uint32_t> got;
          for (const auto& b : db->FindBuildings(road, under, m, s)) got.push_back(db->IndexOf(b));
          EXPECT_EQ(got, expected) << road << " " << under << " " << m << "-" << s;
          found_total += got.size();
        }
      }
    }
  }
  EXPECT_EQ(found_total, rows.size());
  EXPECT_TRUE(db->FindBuildings(static_cast<uint32_t>(t.roads.size()), false, 1, 0).empty());

  // The same through a compiled index file.
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("doro_db_test_packed_" + std::to_string(::getpid()) + ".doroidx")).string();
  std::string error;
  ASSERT_TRUE(IndexFile::Write(*db, LoadReport{}, path, &error)) << error;
  LoadReport report;
  auto opened = Database::Load(path, &report, &error);
  std::filesystem::remove(path);
  ASSERT_NE(opened, nullptr) << error;
  for (uint32_t road = 0; road < t.roads.size(); ++road) {
    for (bool under : {false, true}) {
      for (int m : mains) {
        for (int s : subs) {
          std::vector<uint32_t> a, b;
          for (const auto& x : db->FindBuildings(road, under, m, s)) a.push_back(db->IndexOf(x));
          for (const auto& x : opened->FindBuildings(road, under, m, s)) b.push_back(opened->IndexOf(x));
          EXPECT_EQ(a, b) << road << " " << under << " " << m << "-" << s;
        }
      }
    }
  }
}

TEST(Database, OfficialEnglishNamesReplaceRomanization) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("doro_db_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  AddressRow r = Row("서울특별시", "종로구", "명륜3가", "111104100319", "성균관로", false, 25, 2);
  {
    std::ofstream(dir / "rnaddrkor_seoul.txt") << FormatAddressRow(r) << "\n";
    // Road-name code file: 시군구코드|도로명번호|읍면동일련번호|도로명|영문도로명|...
    std::ofstream(dir / "TN_SPRD_RDNM.txt") << "11110|4100319|00|성균관로|Sungkyunkwan-ro|서울특별시|종로구|1\n"
                                             << "garbage line\n";
  }
  LoadReport report;
  std::string error;
  auto db = Database::Load(dir.string(), &report, &error);
  fs::remove_all(dir);
  ASSERT_NE(db, nullptr) << error;
  EXPECT_EQ(report.bad_lines, 1u);
  ASSERT_EQ(db->tables().buildings.size(), 1u);
  EXPECT_EQ(db->English(0), "25-2, Sungkyunkwan-ro, Jongno-gu, Seoul");
  // The official spelling is a match key even though the rules spell it otherwise.
  EXPECT_EQ(db->tables().road_keys.Find(HashKey("sungkyunkwanro")).size(), 1u);
}

// A database that only serves drops the rows it was built from: the same
// tables and data date, no row store, and an index cannot be written from it.
TEST(DatabaseTest, DroppedRowsServeTheSameButWriteNoIndex) {
  LoadReport kept_report, dropped_report;
  std::string error;
  auto kept = Database::Load("", &kept_report, &error);
  ASSERT_NE(kept, nullptr) << error;
  auto dropped = Database::Load("", &dropped_report, &error, Database::Rows::kDrop);
  ASSERT_NE(dropped, nullptr) << error;
  EXPECT_FALSE(kept->tables().row_store.empty());
  EXPECT_TRUE(dropped->tables().row_store.empty());
  EXPECT_EQ(dropped->data_date(), kept->data_date());
  ASSERT_EQ(dropped->tables().buildings.size(), kept->tables().buildings.size());
  for (uint32_t b = 0; b < kept->tables().buildings.size(); ++b) {
    EXPECT_EQ(dropped->RoadAddress(b), kept->RoadAddress(b));
  }
  const std::string path =
      (std::filesystem::temp_directory_path() / ("doro_db_test_dropped_" + std::to_string(::getpid()) + ".doroidx"))
          .string();
  EXPECT_FALSE(IndexFile::Write(*dropped, dropped_report, path, &error));
  EXPECT_NE(error.find("without its rows"), std::string::npos) << error;
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace doro::db
