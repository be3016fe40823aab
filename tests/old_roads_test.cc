// Old road names (이전도로명주소, field 18): the field's parser, the old road
// tables of the builder and the index file, and labels written with old
// names answering on real rows renamed by the test.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "api/warning.h"
#include "db/address_row.h"
#include "db/database.h"
#include "db/format.h"
#include "db/index_file.h"
#include "db/sido.h"
#include "match/engine.h"
#include "json/answer_json.h"
#include "shared_data.h"
#include "testgen/official_labels.h"
#include "text/romanize.h"

namespace doro {
namespace {

namespace fs = std::filesystem;

bool HasWarning(const Answer& a, Warning w) {
  return std::find(a.warnings.begin(), a.warnings.end(), w) != a.warnings.end();
}

// ---- the field's parser -------------------------------------------------

TEST(PreviousAddressTest, ReadsTheRoadAndNumberOfAFullAddress) {
  db::PreviousAddress p;
  ASSERT_TRUE(db::ParsePreviousAddress("세종특별자치시 조치원읍 옛도로 12", &p));
  EXPECT_EQ(p.road_name, "옛도로");
  EXPECT_FALSE(p.underground);
  EXPECT_EQ(p.main, 12);
  EXPECT_EQ(p.sub, 0);
  ASSERT_TRUE(db::ParsePreviousAddress("대전광역시 유성구 대학로 291-3 (구성동)", &p));
  EXPECT_EQ(p.road_name, "대학로");
  EXPECT_EQ(p.main, 291);
  EXPECT_EQ(p.sub, 3);
  ASSERT_TRUE(db::ParsePreviousAddress("대구광역시 중구 국채보상로139길 지하 5", &p));
  EXPECT_EQ(p.road_name, "국채보상로139길");
  EXPECT_TRUE(p.underground);
  EXPECT_EQ(p.main, 5);
}

TEST(PreviousAddressTest, ReadsTheRoadAndNumberAlone) {
  db::PreviousAddress p;
  ASSERT_TRUE(db::ParsePreviousAddress("옛도로 7", &p));
  EXPECT_EQ(p.road_name, "옛도로");
  EXPECT_EQ(p.main, 7);
  ASSERT_TRUE(db::ParsePreviousAddress("옛도로 지하12-1", &p));
  EXPECT_TRUE(p.underground);
  EXPECT_EQ(p.main, 12);
  EXPECT_EQ(p.sub, 1);
  ASSERT_TRUE(db::ParsePreviousAddress("  옛도로,  9 ", &p));
  EXPECT_EQ(p.main, 9);
}

TEST(PreviousAddressTest, RefusesWhatNamesNoRoadAndNumber) {
  db::PreviousAddress p;
  for (const char* bad : {"", " ", "미상", "옛도로", "12", "세종특별자치시 조치원읍", "옛도로 0", "옛도로 12-",
                          "옛도로 x12", "로 12", "옛도로 999999", "신안리 12", "지하 12"}) {
    EXPECT_FALSE(db::ParsePreviousAddress(bad, &p)) << bad;
  }
}

// ---- tables built from rows ---------------------------------------------

db::AddressRow Row(const std::string& mgmt, const std::string& road_code, const std::string& road, int main,
                   const std::string& previous) {
  db::AddressRow r;
  r.mgmt_no = mgmt;
  r.legal_code = "3611025021";
  r.sido = "세종특별자치시";
  r.emd = "조치원읍";
  r.ri = "신안리";
  r.jibun_main = main;
  r.road_code = road_code;
  r.road_name = road;
  r.main = main;
  r.zip = "30000";
  r.previous_address = previous;
  return r;
}

// 새내로 (was 옛내로) 10, 12; 옛내로 is now the name of another road that
// has a 12 but no 10; 한솔로 10 kept its name.
std::vector<db::AddressRow> SmallRows() {
  return {Row("m1", "361104000001", "새내로", 10, "세종특별자치시 조치원읍 옛내로 10"),
          Row("m2", "361104000001", "새내로", 12, "옛내로 12"),
          Row("m3", "361104000002", "옛내로", 12, ""),
          Row("m4", "361104000003", "한솔로", 10, "한솔로 10"),
          Row("m5", "361104000003", "한솔로", 14, "미상")};
}

// A directory holding `rows` as an official file.
fs::path WriteRows(const std::vector<db::AddressRow>& rows, const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / (name + "." + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream out(dir / "rnaddrkor_test.txt");
  for (const auto& r : rows) out << db::FormatAddressRow(r) << "\n";
  return dir;
}

TEST(OldRoadTablesTest, OneOldRoadPerNameAndBadValuesCounted) {
  const fs::path dir = WriteRows(SmallRows(), "old_roads_small");
  LoadReport report;
  std::string error;
  auto db = db::Database::Load(dir.string(), &report, &error);
  fs::remove_all(dir);
  ASSERT_NE(db, nullptr) << error;
  EXPECT_EQ(report.rows, 5u);
  EXPECT_EQ(report.bad_previous_addresses, 1u);  // "미상"; 한솔로 10 = its own address: no old road
  EXPECT_NE(LoadSummary(report).find("1 unreadable previous addresses"), std::string::npos) << LoadSummary(report);
  const auto& t = db->tables();
  ASSERT_EQ(t.old_roads.size(), 1u);
  EXPECT_EQ(db->str(t.old_roads[0].name_ko), "옛내로");
  EXPECT_EQ(t.old_roads[0].count, 2u);
  const auto found = db->FindOldAddresses(0, false, 10, 0);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(db->RoadAddress(found[0].building), "세종특별자치시 조치원읍 새내로 10");
  EXPECT_TRUE(db->FindOldAddresses(0, true, 10, 0).empty());
  EXPECT_TRUE(db->FindOldAddresses(7, false, 10, 0).empty());
  std::string why;
  EXPECT_TRUE(db::IndexFile::CheckTables(t, &why)) << why;
  // A damaged old road table is refused.
  std::vector<db::OldAddressRec> addresses(t.old_addresses.begin(), t.old_addresses.end());
  addresses[0].building = static_cast<uint32_t>(t.buildings.size());
  db::Tables damaged = t;
  damaged.old_addresses = addresses;
  EXPECT_FALSE(db::IndexFile::CheckTables(damaged, &why));
  EXPECT_NE(why.find("old road"), std::string::npos) << why;
  std::swap(addresses[0], addresses[1]);
  addresses[1].building = 0;
  damaged.old_addresses = addresses;
  EXPECT_FALSE(db::IndexFile::CheckTables(damaged, &why));
}

TEST(OldRoadMatchTest, OldNameAnswersOnlyWhereNoCurrentRoadDoes) {
  const fs::path dir = WriteRows(SmallRows(), "old_roads_match");
  std::string error;
  auto engine = Engine::Open(dir.string(), &error);
  fs::remove_all(dir);
  ASSERT_NE(engine, nullptr) << error;
  // 옛내로 10: no current 옛내로 10; the building once there is 새내로 10.
  for (const char* label : {"세종특별자치시 옛내로 10", "옛내로 10", "10 Yennae-ro, Sejong"}) {
    const Answer a = engine->Refine(label);
    ASSERT_TRUE(a.ok()) << label << ": " << ReasonName(a.reason);
    EXPECT_EQ(a.address, "세종특별자치시 조치원읍 새내로 10") << label;
    EXPECT_TRUE(HasWarning(a, Warning::kRenamedRoad)) << label;
    EXPECT_NE(json::AnswerToJson(label, a).find("\"renamed_road\""), std::string::npos);
  }
  // 옛내로 12: the current 옛내로 has a 12; it wins.
  const Answer current = engine->Refine("세종특별자치시 옛내로 12");
  ASSERT_TRUE(current.ok());
  EXPECT_EQ(current.address, "세종특별자치시 조치원읍 옛내로 12");
  EXPECT_FALSE(HasWarning(current, Warning::kRenamedRoad));
  // The current names answer as ever, without the warning.
  const Answer now = engine->Refine("새내로 12");
  ASSERT_TRUE(now.ok());
  EXPECT_FALSE(HasWarning(now, Warning::kRenamedRoad));
  // No old or current building at that number.
  EXPECT_FALSE(engine->Refine("옛내로 99").ok());
}

// ---- real rows, renamed by the test --------------------------------------

struct Case {
  std::string cls;       // old_korean, old_english, old_basement, current_wins
  std::string label;
  std::string expected;  // the address; "" when no answer is expected
  bool renamed;          // the answer must carry renamed_road
};

std::string NumberText(const db::AddressRow& r) {
  std::string s = std::to_string(r.main);
  if (r.sub > 0) s += "-" + std::to_string(r.sub);
  return s;
}

std::string SidoOf(const db::AddressRow& r) {
  const db::SidoInfo* s = db::FindSidoByKorean(r.sido);
  return s != nullptr ? std::string(s->korean) : r.sido;
}

// The address as Database::RoadAddress writes it, for row `r` on road `road`.
std::string AddressOf(const db::AddressRow& r, const std::string& road) {
  std::string s = SidoOf(r);
  if (!r.sigungu.empty()) s += " " + r.sigungu;
  if (db::IsEupMyeon(r.emd)) s += " " + r.emd;
  return s + " " + road + (r.underground ? " 지하 " : " ") + NumberText(r);
}

std::string EnglishRegion(const db::AddressRow& r) {
  std::string s;
  // "수원시 장안구" -> "Jangan-gu, Suwon-si"
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < r.sigungu.size()) {
    size_t sp = r.sigungu.find(' ', i);
    if (sp == std::string::npos) sp = r.sigungu.size();
    parts.push_back(text::RomanizeAreaName(r.sigungu.substr(i, sp - i)));
    i = sp + 1;
  }
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) s += *it + ", ";
  const db::SidoInfo* sido = db::FindSidoByKorean(r.sido);
  return s + (sido != nullptr ? std::string(sido->english) : std::string("Korea"));
}

// A name no road has: 새 + three syllables + 로.
std::string FreshName(size_t i, const std::set<std::string>& taken) {
  static const char* kSyl[] = {"가", "나", "다", "라", "마", "바", "사", "아", "자", "차", "카", "타", "파", "하"};
  for (;; i += 7) {
    std::string n = std::string("새") + kSyl[i % 14] + kSyl[i / 14 % 14] + kSyl[i / 196 % 14] + "로";
    if (!taken.count(n)) return n;
  }
}

struct Score {
  int total = 0, right = 0, wrong = 0;
};

// Renames `want` roads of `rows` (the old name goes to field 18 of each of
// their rows), gives some of the old names to another road of the same
// district that shares a building number with the renamed one, and writes
// the labels. Returns the cases; *rows becomes the renamed copy.
std::vector<Case> Rename(std::vector<db::AddressRow>* rows, size_t want, unsigned seed) {
  std::set<std::string> names;
  std::map<std::string, std::vector<size_t>> by_code;  // road code -> rows
  std::map<std::string, std::map<std::string, std::set<std::string>>> codes_of;  // region -> name -> codes
  for (size_t i = 0; i < rows->size(); ++i) {
    const auto& r = (*rows)[i];
    names.insert(r.road_name);
    by_code[r.road_code].push_back(i);
    codes_of[r.sido + "|" + r.sigungu][r.road_name].insert(r.road_code);
  }
  std::vector<std::string> codes;
  for (const auto& [code, list] : by_code) {
    const auto& r = (*rows)[list[0]];
    // One road of that name in its district, and a name that reads as a road.
    if (codes_of[r.sido + "|" + r.sigungu][r.road_name].size() == 1 && r.road_name.size() >= 6) codes.push_back(code);
  }
  std::mt19937 rng(seed);
  std::shuffle(codes.begin(), codes.end(), rng);
  std::map<std::string, std::string> old_name;  // renamed road code -> its old name
  std::map<std::string, std::string> new_name;
  for (size_t k = 0; k < codes.size() && old_name.size() < want; ++k) {
    const std::string& code = codes[k];
    old_name[code] = (*rows)[by_code[code][0]].road_name;
    new_name[code] = FreshName(old_name.size() * 131, names);
    names.insert(new_name[code]);
  }
  // Old names reused: road Y (not renamed) of the same district, sharing a
  // number with renamed road X, is renamed to X's old name.
  auto number_key = [](const db::AddressRow& r) {
    return std::to_string(r.underground) + ":" + std::to_string(r.main) + "-" + std::to_string(r.sub);
  };
  std::map<std::string, std::string> reused;  // Y code -> X code
  std::set<std::string> reused_x;
  for (const auto& [ycode, ylist] : by_code) {
    if (reused.size() >= want / 10) break;
    if (old_name.count(ycode)) continue;
    const auto& y = (*rows)[ylist[0]];
    if (codes_of[y.sido + "|" + y.sigungu][y.road_name].size() != 1 || y.road_name.size() < 6) continue;
    std::set<std::string> ynums;
    for (size_t i : ylist) ynums.insert(number_key((*rows)[i]));
    for (const auto& [xcode, xname] : old_name) {
      if (reused_x.count(xcode)) continue;
      const auto& x = (*rows)[by_code[xcode][0]];
      if (x.sido != y.sido || x.sigungu != y.sigungu) continue;
      bool shares = false;
      for (size_t i : by_code[xcode]) shares |= ynums.count(number_key((*rows)[i])) > 0;
      if (!shares) continue;
      reused[ycode] = xcode;
      reused_x.insert(xcode);
      break;
    }
  }
  for (const auto& [ycode, xcode] : reused) {
    old_name[ycode] = (*rows)[by_code[ycode][0]].road_name;
    new_name[ycode] = old_name[xcode];
  }
  // Field 18 in the forms the files may use: the whole address, the road
  // and number alone, with a trailing reference.
  size_t form = 0;
  for (const auto& [code, old] : old_name) {
    for (size_t i : by_code[code]) {
      auto& r = (*rows)[i];
      const std::string number = (r.underground ? "지하 " : "") + NumberText(r);
      switch (form++ % 3) {
        case 0: r.previous_address = AddressOf(r, old); break;
        case 1: r.previous_address = old + " " + number; break;
        default: r.previous_address = AddressOf(r, old) + " (" + r.emd + ")"; break;
      }
      r.road_name = new_name[code];
    }
  }
  // Who answers "old name + number" in each district: the current road of
  // that name with the number if any, else the buildings once there.
  std::map<std::string, std::set<std::string>> current, once;  // region|name|number -> addresses
  std::map<std::string, std::set<std::string>> once_in;  // region|name|number|읍면동 -> addresses
  for (const auto& r : *rows) {
    const std::string region = r.sido + "|" + r.sigungu + "|";
    current[region + r.road_name + "|" + number_key(r)].insert(AddressOf(r, r.road_name));
  }
  for (const auto& [code, old] : old_name) {
    for (size_t i : by_code[code]) {
      const auto& r = (*rows)[i];
      const std::string key = r.sido + "|" + r.sigungu + "|" + old + "|" + number_key(r);
      once[key].insert(AddressOf(r, r.road_name));
      once_in[key + "|" + r.emd].insert(AddressOf(r, r.road_name));
    }
  }
  std::vector<Case> cases;
  std::set<std::string> seen;
  for (const auto& [code, old] : old_name) {
    for (size_t i : by_code[code]) {
      const auto& r = (*rows)[i];
      const std::string key = r.sido + "|" + r.sigungu + "|" + old + "|" + number_key(r);
      if (!seen.insert(key).second) continue;
      const auto cur = current.find(key);
      const bool current_wins = cur != current.end();
      const auto& answers = current_wins ? cur->second : once[key];
      const std::string expected = answers.size() == 1 ? *answers.begin() : "";
      const std::string cls = current_wins ? "current_wins" : r.underground ? "old_basement" : "old";
      std::string region_ko = SidoOf(r) + (r.sigungu.empty() ? "" : " " + r.sigungu);
      const std::string number = (r.underground ? "지하 " : "") + NumberText(r);
      cases.push_back({cls + "_korean", region_ko + " " + old + " " + number, expected, !current_wins});
      const std::string number_en = (r.underground ? "B" : "") + NumberText(r);
      const std::string road_en = text::RomanizeRoadName(old);
      cases.push_back({cls + "_english", number_en + ", " + road_en + ", " + EnglishRegion(r), expected, !current_wins});
      // Messier: the 읍/면/동 named too; English in lower case, without the
      // road's hyphens and the commas.
      // (A road through two 읍/면 may repeat a number: the 읍/면 named says which.)
      const auto& in_emd = once_in[key + "|" + r.emd];
      const std::string expected_emd = current_wins || in_emd.size() != 1 ? expected : *in_emd.begin();
      cases.push_back({cls + "_messy", region_ko + " " + r.emd + " " + old + " " + number, expected_emd, !current_wins});
      auto lower = [](std::string t, char drop) {
        std::erase(t, drop);
        for (char& ch : t) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        return t;
      };
      const std::string messy_en = number_en + " " + lower(road_en, '-') + " " + lower(EnglishRegion(r), ',');
      cases.push_back({cls + "_messy", messy_en, expected, !current_wins});
    }
  }
  return cases;
}

void RunRenamed(const std::string& data, size_t want_roads, unsigned seed) {
  if (!fs::exists(data)) GTEST_SKIP() << "../shared/data not present: " << data;
  std::vector<db::AddressRow> rows;
  testgen::OfficialNames names;
  std::vector<std::string> files;
  std::string error;
  ASSERT_TRUE(testgen::LoadDataPath(data, &rows, &names, &files, &error)) << error;
  for (const auto& r : rows) ASSERT_TRUE(r.previous_address.empty()) << "the data already has old names";
  const std::vector<Case> cases = Rename(&rows, want_roads, seed);
  const fs::path dir = fs::temp_directory_path() / ("old_roads." + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "rows");
  {
    std::ofstream out(dir / "rows" / "rnaddrkor_renamed.txt");
    for (const auto& r : rows) out << db::FormatAddressRow(r) << "\n";
  }
  // The text files and the compiled index must give the same answers.
  LoadReport report;
  auto built = db::Database::Load((dir / "rows").string(), &report, &error);
  ASSERT_NE(built, nullptr) << error;
  EXPECT_EQ(report.bad_previous_addresses, 0u);
  ASSERT_TRUE(db::IndexFile::Write(*built, report, (dir / "renamed.doroidx").string(), &error)) << error;
  built.reset();
  auto from_text = Engine::Open((dir / "rows").string(), &error);
  ASSERT_NE(from_text, nullptr) << error;
  auto from_index = Engine::Open((dir / "renamed.doroidx").string(), &error);
  ASSERT_NE(from_index, nullptr) << error;
  fs::remove_all(dir);

  std::map<std::string, Score> by_class;
  std::vector<std::string> failures;
  int differ = 0;
  for (const auto& c : cases) {
    const Answer a = from_text->Refine(c.label);
    const Answer b = from_index->Refine(c.label);
    if (json::AnswerToJson(c.label, a) != json::AnswerToJson(c.label, b)) ++differ;
    Score& s = by_class[c.cls];
    ++s.total;
    const bool right = c.expected.empty() ? !a.ok()
                                          : a.ok() && a.address == c.expected &&
                                                HasWarning(a, Warning::kRenamedRoad) == c.renamed;
    if (right) {
      ++s.right;
    } else if (a.ok()) {
      ++s.wrong;
    }
    if (!right && (failures.size() < 15 || a.ok())) {
      failures.push_back(c.cls + "\t" + c.label + "\texpected " + (c.expected.empty() ? "none" : c.expected) +
                         "\tgot " + (a.ok() ? a.address : ReasonName(a.reason)));
    }
  }
  Score total;
  std::cout << "class                cases   right%  wrong\n";
  for (const auto& [cls, s] : by_class) {
    std::printf("%-20s %6d %8.2f %6d\n", cls.c_str(), s.total, 100.0 * s.right / s.total, s.wrong);
    total.total += s.total;
    total.right += s.right;
    total.wrong += s.wrong;
  }
  std::printf("%-20s %6d %8.2f %6d\n", "TOTAL", total.total, 100.0 * total.right / std::max(total.total, 1),
              total.wrong);
  for (const auto& f : failures) std::cout << f << "\n";
  EXPECT_EQ(differ, 0) << "text and index answers differ";
  ASSERT_GT(by_class["old_korean"].total, 100);
  ASSERT_GT(by_class["current_wins_korean"].total, 0);
  EXPECT_EQ(total.wrong, 0);
  EXPECT_GE(100.0 * total.right / total.total, 98.0);
  for (const auto& [cls, s] : by_class) {
    if (cls.starts_with("current_wins")) {
      EXPECT_EQ(s.right, s.total) << cls;
    }
  }
}

const std::string kSejongJuso = testing::SharedPath("data/juso/sejong");
const std::string kKoreaPost = testing::SharedPath("data/koreapost2013");

TEST(OldRoadAccuracyTest, SejongJusoRenamed) { RunRenamed(kSejongJuso, 100, 15); }

TEST(OldRoadAccuracyTest, KoreaPostRegionsRenamed) { RunRenamed(kKoreaPost, 200, 18); }

}  // namespace
}  // namespace doro
