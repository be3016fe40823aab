// Tests of the messy-label generator (testgen/labels.h): determinism, coverage of
// the classes, and honesty of the expected answers.
#include "testgen/labels.h"

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "db/format.h"
#include "match_test_util.h"
#include "text/hangul.h"
#include "text/romanize.h"
#include "shared_data.h"

namespace doro::gen {
namespace {

const std::string kSejongPath = doro::testing::SharedPath("data/juso/sejong/rnaddrkor_sejong.txt");

db::AddressRow Row(std::string sido, std::string sigungu, std::string emd, std::string road,
                   bool underground, int main, int sub, std::string zip) {
  static int serial = 0;
  db::AddressRow r = testing::MakeRow(std::move(sido), std::move(sigungu), std::move(emd), "", "",
                                      std::move(road), main, sub, underground, std::move(zip));
  r.mgmt_no = std::to_string(++serial);
  return r;
}

// A small made-up database with every feature the classes need: two 시도,
// two 구 sharing a road name, basements, a translatable road, and a road
// that runs through two 읍 repeating its numbers.
std::vector<db::AddressRow> SyntheticRows() {
  std::vector<db::AddressRow> rows;
  for (int n = 1; n <= 40; ++n) {
    rows.push_back(Row("서울특별시", "성북구", "삼선동", "삼선교로16길", false, n, 0, "02860"));
    rows.push_back(Row("서울특별시", "관악구", "신림동", "남부순환로", n % 4 == 0, n * 3, 0, "08800"));
    rows.push_back(Row("서울특별시", "성북구", "돈암동", "동소문로", false, n, n % 3, "02830"));
    rows.push_back(Row("서울특별시", "종로구", "돈암동", "동소문로", false, n, n % 3, "03000"));
    rows.push_back(Row("세종특별자치시", "", "조치원읍", "으뜸로", false, n * 2, 0, "30011"));
    rows.push_back(Row("세종특별자치시", "", "조치원읍", "한누리대로", false, n, 0, "30012"));
    rows.push_back(Row("세종특별자치시", "", "연기면", "한누리대로", false, n, 0, "30099"));
  }
  return rows;
}

const std::string kTranslations = "# test table\nRing\t순환\nBest\t으뜸\n";

std::vector<db::AddressRow> SejongRows() {
  std::vector<db::AddressRow> rows;
  std::string error;
  if (std::filesystem::exists(kSejongPath)) LoadRows(kSejongPath, &rows, &error);
  return rows;
}

bool HasBasementMarker(const std::string& label) {
  std::string l;
  for (char c : label) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (l.find("지하") != std::string::npos || l.find("underground") != std::string::npos ||
      l.find("gf") != std::string::npos || l.find("g/f") != std::string::npos) {
    return true;
  }
  for (size_t i = 0; i < l.size(); ++i) {
    if (l[i] != 'b') continue;
    // "b93", "b 93", "b, 93"
    size_t j = i + 1;
    while (j < l.size() && (l[j] == ' ' || l[j] == ',')) ++j;
    if (j < l.size() && std::isdigit(static_cast<unsigned char>(l[j])) &&
        (i == 0 || !std::isalpha(static_cast<unsigned char>(l[i - 1])))) {
      return true;
    }
    // "93b"
    if (i > 0 && std::isdigit(static_cast<unsigned char>(l[i - 1])) &&
        (i + 1 == l.size() || !std::isalpha(static_cast<unsigned char>(l[i + 1])))) {
      return true;
    }
  }
  return false;
}

// "성북구" -> "seongbuk": the part of an area name every written form keeps.
std::string Stem(const std::string& area_ko) {
  std::string en = text::RomanizeAreaName(area_ko);
  return text::MatchKey(en.substr(0, en.rfind('-')));
}

std::string LowerKey(const std::string& s) { return text::MatchKey(s); }

void CheckHonesty(const LabelGenerator& gen, const std::vector<LabelCase>& cases) {
  const auto& rows = gen.rows();
  std::set<std::string> sidos;
  for (const auto& r : rows) sidos.insert(r.sido);
  std::set<std::string> classes(LabelClasses().begin(), LabelClasses().end());
  for (const LabelCase& c : cases) {
    SCOPED_TRACE(c.error_class + ": " + c.label);
    ASSERT_TRUE(classes.count(c.error_class));
    ASSERT_LT(c.source_row, rows.size());
    const db::AddressRow& row = rows[c.source_row];
    EXPECT_FALSE(c.label.empty());
    const bool negative = c.error_class.starts_with("neg_");
    if (!c.expected.empty()) {
      EXPECT_FALSE(negative);
      EXPECT_TRUE(c.expected_reason.empty());
      EXPECT_TRUE(gen.HasAddress(c.expected));
      EXPECT_EQ(c.expected, db::RoadAddress(row));
      if (row.underground) {
        EXPECT_TRUE(HasBasementMarker(c.label));
      }
    } else {
      EXPECT_FALSE(c.expected_reason.empty());
      if (!negative) {
        EXPECT_EQ(c.expected_reason, "ambiguous");
      }
    }
    if (c.error_class == "basement") {
      EXPECT_TRUE(row.underground);
    }
    if (c.error_class == "neg_number") {
      EXPECT_EQ(c.expected_reason, "no_building");
      // The label starts with the invented number.
      int n = 0;
      size_t i = 0;
      while (i < c.label.size() && std::isdigit(static_cast<unsigned char>(c.label[i]))) {
        n = n * 10 + (c.label[i++] - '0');
      }
      ASSERT_GT(i, 0u);
      EXPECT_FALSE(gen.HasRoadNumber(row.road_name, n));
    }
    if (c.error_class == "neg_road" || c.error_class == "neg_no_road") {
      EXPECT_EQ(c.expected_reason, "no_road");
      const std::string key = LowerKey(c.label);
      std::set<std::string> seen;
      for (const auto& r : rows) {
        if (!seen.insert(r.road_name).second) continue;
        EXPECT_EQ(c.label.find(r.road_name), std::string::npos) << r.road_name;
        const std::string road_key = text::MatchKey(text::RomanizeRoadName(r.road_name));
        EXPECT_EQ(key.find(road_key), std::string::npos) << r.road_name;
      }
    }
    if (c.error_class == "neg_other_city") {
      EXPECT_EQ(c.expected_reason, "region_conflict");
      for (const auto& s : sidos) EXPECT_EQ(c.label.find(s), std::string::npos);
    }
  }
}

TEST(LabelsTest, DeterministicPerSeed) {
  LabelGenerator gen(SyntheticRows(), &kTranslations);
  auto a = gen.Generate(600, 7);
  auto b = gen.Generate(600, 7);
  auto c = gen.Generate(600, 8);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].label, b[i].label);
    EXPECT_EQ(a[i].expected, b[i].expected);
    EXPECT_EQ(a[i].error_class, b[i].error_class);
  }
  size_t same = 0;
  for (size_t i = 0; i < std::min(a.size(), c.size()); ++i) same += a[i].label == c[i].label;
  EXPECT_LT(same, a.size() / 2);
}

TEST(LabelsTest, EveryClassProducedOnSyntheticDb) {
  LabelGenerator gen(SyntheticRows(), &kTranslations);
  EXPECT_EQ(gen.AvailableClasses().size(), LabelClasses().size());
  auto cases = gen.Generate(1500, 1);
  EXPECT_GE(cases.size(), 1400u);
  std::map<std::string, int> n;
  for (const auto& c : cases) ++n[c.error_class];
  for (const auto& cls : LabelClasses()) EXPECT_GT(n[cls], 50) << cls;
  CheckHonesty(gen, cases);
}

// Each error-class unit on its own (LabelGenerator::MakeCase): it makes
// cases of its class, and the label shows what the class promises.
TEST(LabelsTest, EachClassUnitKeepsItsPromise) {
  LabelGenerator gen(SyntheticRows(), &kTranslations);
  auto all_one_case = [](const std::string& s) {
    bool upper = false, lower = false;
    for (char c : s) {
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
    }
    return !(upper && lower);
  };
  for (const std::string& cls : LabelClasses()) {
    int made = 0;
    for (uint64_t seed = 1; seed <= 20; ++seed) {
      LabelCase c;
      if (!gen.MakeCase(cls, seed, &c)) continue;
      ++made;
      SCOPED_TRACE(cls + ": " + c.label);
      ASSERT_LT(c.source_row, gen.rows().size());
      const db::AddressRow& row = gen.rows()[c.source_row];
      const std::string road_en = text::RomanizeRoadName(row.road_name);
      const bool official_road = c.label.find(road_en) != std::string::npos;
      EXPECT_EQ(c.error_class, cls);
      EXPECT_FALSE(c.label.empty());
      if (!cls.starts_with("neg_")) {
        EXPECT_TRUE(c.expected.empty() ? c.expected_reason == "ambiguous"
                                       : gen.HasAddress(c.expected) && c.expected_reason.empty());
      }
      if (cls == "clean") {
        EXPECT_TRUE(official_road);
        EXPECT_FALSE(text::ContainsHangul(c.label));
      } else if (cls == "note_glued" || cls == "mixed_script") {
        EXPECT_TRUE(text::ContainsHangul(c.label));
      } else if (cls == "units_names" || cls == "reordered_missing") {
        EXPECT_TRUE(official_road);
      } else if (cls == "typo") {
        EXPECT_FALSE(c.expected.empty());  // only typos a careful human resolves
      } else if (cls == "romanization_variant" || cls == "translated") {
        EXPECT_FALSE(official_road);
      } else if (cls == "basement") {
        EXPECT_TRUE(row.underground);
        EXPECT_TRUE(HasBasementMarker(c.label));
      } else if (cls == "case") {
        EXPECT_TRUE(all_one_case(c.label));
      } else if (cls == "postal") {
        EXPECT_NE(c.label.find(row.zip), std::string::npos);
      } else if (cls == "neg_number") {
        EXPECT_EQ(c.expected_reason, "no_building");
      } else if (cls == "neg_road" || cls == "neg_no_road") {
        EXPECT_EQ(c.expected_reason, "no_road");
      } else if (cls == "neg_other_city") {
        EXPECT_EQ(c.expected_reason, "region_conflict");
      }
      if (cls.starts_with("neg_")) {
        EXPECT_TRUE(c.expected.empty());
      }
    }
    EXPECT_GE(made, 10) << cls;
  }
  LabelCase c;
  EXPECT_FALSE(gen.MakeCase("no_such_class", 1, &c));
  const std::string empty;
  EXPECT_FALSE(LabelGenerator(SyntheticRows(), &empty).MakeCase("translated", 1, &c));
  // The same stream as the first case of a run.
  ASSERT_TRUE(gen.MakeCase("clean", 9, &c));
  const auto run = gen.Generate(1, 9);
  ASSERT_EQ(run.size(), 1u);
  EXPECT_EQ(CaseToTsv(c), CaseToTsv(run[0]));
}

TEST(LabelsTest, NoTranslationTableMeansNoTranslatedClass) {
  const std::string empty;
  LabelGenerator gen(SyntheticRows(), &empty);
  for (const auto& c : gen.AvailableClasses()) EXPECT_NE(c, "translated");
  for (const auto& c : gen.Generate(300, 3)) EXPECT_NE(c.error_class, "translated");
}

TEST(LabelsTest, TranslatedUsesTheTable) {
  LabelGenerator gen(SyntheticRows(), &kTranslations);
  int n = 0;
  for (const auto& c : gen.Generate(1500, 5)) {
    if (c.error_class != "translated") continue;
    ++n;
    EXPECT_TRUE(c.label.find("Ring") != std::string::npos ||
                c.label.find("Best") != std::string::npos)
        << c.label;
  }
  EXPECT_GT(n, 0);
}

// 한누리대로 runs through 조치원읍 and 연기면 with the same numbers: a label
// that names neither 읍/면 nor a postal code cannot pick one.
TEST(LabelsTest, DroppedAreaMakesRepeatedNumbersAmbiguous) {
  LabelGenerator gen(SyntheticRows(), &kTranslations);
  const std::string a = Stem("조치원읍");
  const std::string b = Stem("연기면");
  int ambiguous = 0, unique = 0;
  for (const auto& c : gen.Generate(3000, 11)) {
    if (c.error_class != "reordered_missing") continue;
    const auto& row = gen.rows()[c.source_row];
    if (row.road_name != "한누리대로") continue;
    const std::string key = text::MatchKey(c.label);
    const bool names_area = key.find(a) != std::string::npos ||
                            key.find(b) != std::string::npos ||
                            c.label.find("조치원") != std::string::npos ||
                            c.label.find("연기") != std::string::npos;
    const bool has_zip = c.label.find(row.zip) != std::string::npos;
    if (!names_area && !has_zip) {
      EXPECT_EQ(c.expected, "") << c.label;
      EXPECT_EQ(c.expected_reason, "ambiguous") << c.label;
      ++ambiguous;
    } else if (!c.expected.empty()) {
      ++unique;
    }
  }
  EXPECT_GT(ambiguous, 0);
  EXPECT_GT(unique, 0);
}

// 동소문로 exists in two 구 with the same numbers: without the 구 it is ambiguous.
TEST(LabelsTest, SameRoadInTwoDistrictsNeedsTheDistrict) {
  LabelGenerator gen(SyntheticRows(), &kTranslations);
  const std::string seongbuk = Stem("성북구");
  const std::string jongno = Stem("종로구");
  int checked = 0;
  for (const auto& c : gen.Generate(3000, 13)) {
    const auto& row = gen.rows()[c.source_row];
    if (row.road_name != "동소문로" || c.error_class.starts_with("neg_")) continue;
    const std::string key = text::MatchKey(c.label);
    const bool names_gu = key.find(seongbuk) != std::string::npos ||
                          key.find(jongno) != std::string::npos ||
                          c.label.find("성북") != std::string::npos ||
                          c.label.find("종로") != std::string::npos;
    // Korean area names with an English suffix ("성북-gu") are caught above.
    const bool has_zip = c.label.find(row.zip) != std::string::npos;
    if (!names_gu && !has_zip) {
      EXPECT_EQ(c.expected, "") << c.error_class << ": " << c.label;
      ++checked;
    }
  }
  EXPECT_GT(checked, 0);
}

TEST(LabelsTest, EmptyDatabaseGivesNoCases) {
  LabelGenerator gen({}, &kTranslations);
  EXPECT_TRUE(gen.Generate(100, 1).empty());
}

TEST(LabelsTest, OutputFormatsEscape) {
  LabelCase c{"a\tb \"q\"", "clean", "x", "", 0, ""};
  EXPECT_EQ(CaseToTsv(c), "a b \"q\"\tclean\tx\t");
  EXPECT_EQ(CaseToJson(c),
            "{\"label\":\"a\\tb \\\"q\\\"\",\"class\":\"clean\",\"expected\":\"x\","
            "\"expected_reason\":\"\"}");
}

TEST(LabelsTest, TsvReadsBack) {
  LabelCase in{"B 93, Wangsan-ro", "basement", "", "ambiguous", 0, ""};
  LabelCase out;
  ASSERT_TRUE(CaseFromTsv(CaseToTsv(in) + "\r", &out));
  EXPECT_EQ(out.label, in.label);
  EXPECT_EQ(out.error_class, in.error_class);
  EXPECT_EQ(out.expected, in.expected);
  EXPECT_EQ(out.expected_reason, in.expected_reason);
  ASSERT_TRUE(CaseFromTsv("x\tclean\t세종특별자치시 한누리대로 1", &out));
  EXPECT_EQ(out.expected, "세종특별자치시 한누리대로 1");
  EXPECT_EQ(out.expected_reason, "");
  EXPECT_FALSE(CaseFromTsv("only\ttwo", &out));
  EXPECT_FALSE(CaseFromTsv("\tclean\tx\t", &out));
}

TEST(LabelsTest, SejongCasesAreHonest) {
  auto rows = SejongRows();
  if (rows.empty()) GTEST_SKIP() << "../shared/data not present: " << kSejongPath;
  LabelGenerator gen(std::move(rows));
  auto cases = gen.Generate(3000, 1);
  EXPECT_GE(cases.size(), 2900u);
  std::map<std::string, int> n;
  for (const auto& c : cases) ++n[c.error_class];
  for (const auto& cls : gen.AvailableClasses()) EXPECT_GT(n[cls], 100) << cls;
  CheckHonesty(gen, cases);
}

}  // namespace
}  // namespace doro::gen
