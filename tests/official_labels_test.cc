// The official-English label generator (testgen/official_labels.h) on a tiny
// hand-made database: determinism, each class's transformation, honesty.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "testgen/official_labels.h"

namespace doro::testgen {
namespace {

namespace fs = std::filesystem;

// One 24-column rnaddrkor line.
std::string Row(const std::string& mgmt, const std::string& legal, const std::string& sido,
                const std::string& sgg, const std::string& emd, const std::string& road_code,
                const std::string& road, bool ug, int main, int sub, const std::string& zip) {
  return mgmt + "|" + legal + "|" + sido + "|" + sgg + "|" + emd + "||0|1|0|" + road_code + "|" +
         road + "|" + (ug ? "1" : "0") + "|" + std::to_string(main) + "|" + std::to_string(sub) +
         "|||" + zip + "|||0||||\n";
}

// 시군구코드|도로명번호|serial|도로명|영문도로명|시도|시군구|구분|code|읍면동|0||||sido_en|sgg_en|emd_en||||
std::string Tn(const std::string& code, const std::string& ko, const std::string& en,
               const std::string& sido_en, const std::string& sgg_en) {
  return code.substr(0, 5) + "|" + code.substr(5) + "|01|" + ko + "|" + en + "|x|y|1|101|z|0||||" +
         sido_en + "|" + sgg_en + "|||||\n";
}

class OfficialLabelsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("official_labels_test." + std::to_string(::getpid()));
    fs::create_directories(dir_ / "admin");
    std::ofstream(dir_ / "rnaddrkor_test.txt")
        // One address on two rows (a campus), with different 법정동.
        << Row("1", "3023012100", "대전광역시", "대덕구", "갈전동", "302303010005", "대청호수로",
               false, 1559, 15, "306160")
        << Row("2", "3023012200", "대전광역시", "대덕구", "삼정동", "302303010005", "대청호수로",
               false, 1559, 15, "306160")
        << Row("3", "3023012100", "대전광역시", "대덕구", "갈전동", "302303010005", "대청호수로",
               true, 20, 0, "306160")
        // The same road name and number in two districts of one city.
        << Row("4", "3011010100", "대전광역시", "동구", "원동", "301104000001", "중앙로", false,
               12, 0, "300010")
        << Row("5", "3014010100", "대전광역시", "중구", "은행동", "301404000001", "중앙로", false,
               12, 0, "301010")
        << Row("6", "3011010100", "대전광역시", "동구", "원동", "301104000066", "중앙로66번길",
               false, 7, 0, "300010")
        << Row("7", "2711010100", "대구광역시", "중구", "동인동1가", "271104000001", "동덕로",
               false, 30, 2, "700421");
    std::ofstream(dir_ / "TN_SPRD_RDNM.txt")
        << Tn("302303010005", "대청호수로", "Daecheonghosu-ro", "Daejeon", "Daedeok-gu")
        << Tn("301104000001", "중앙로", "Jungang-ro", "Daejeon", "Dong-gu")
        << Tn("301404000001", "중앙로", "Jungang-ro", "Daejeon", "Jung-gu")
        << Tn("301104000066", "중앙로66번길", "Jungang-ro 66beon-gil", "Daejeon", "Dong-gu")
        << Tn("271104000001", "동덕로", "Dongdeok-ro", "Daegu", "Jung-gu");
    std::ofstream(dir_ / "admin" / "admin_sido_sigungu_en.tsv")
        << "level\tcode\tname_ko\tname_en\n"
        << "sido\t26\t부산광역시\tBusan\nsido\t27\t대구광역시\tDaegu\nsido\t30\t대전광역시\tDaejeon\n"
        << "sigungu\t26110\t중구\tJung-gu\nsigungu\t27110\t중구\tJung-gu\n"
        << "sigungu\t30110\t동구\tDong-gu\nsigungu\t30140\t중구\tJung-gu\n"
        << "sigungu\t30230\t대덕구\tDaedeok-gu\n";
    std::ofstream(dir_ / "admin" / "admin_legal_emd_li_en.tsv")
        << "level\tcode\tname_ko\tname_en\n"
        << "emd\t30230121\t갈전동\tGaljeon-dong\nemd\t30110101\t원동\tWon-dong\n"
        << "emd\t27110101\t동인동1가\tDongin-dong 1(il)-ga\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<OfficialLabelGenerator> Make() {
    std::vector<db::AddressRow> rows;
    OfficialNames names;
    std::vector<std::string> files;
    std::string error;
    EXPECT_TRUE(LoadDataPath(dir_.string(), &rows, &names, &files, &error)) << error;
    EXPECT_TRUE(ReadAdminEnglish((dir_ / "admin").string(), &names, &error)) << error;
    EXPECT_EQ(rows.size(), 7u);
    EXPECT_EQ(files.size(), 1u);
    return std::make_unique<OfficialLabelGenerator>(std::move(rows), std::move(names));
  }

  std::map<std::string, std::vector<LabelCase>> ByClass(const OfficialLabelGenerator& gen) {
    std::map<std::string, std::vector<LabelCase>> by;
    for (auto& c : gen.Generate(4000, 3)) by[c.error_class].push_back(c);
    return by;
  }

  fs::path dir_;
};

bool Has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

const std::vector<std::string> kOfficialRoads = {"Daecheonghosu-ro", "Jungang-ro", "Dongdeok-ro",
                                                 "Jungang-ro 66beon-gil"};

// True when a comma-separated field of the label, less a trailing building
// number, is an official road name as written.
bool HasOfficialRoad(const std::string& label) {
  size_t start = 0;
  while (start <= label.size()) {
    size_t end = label.find(',', start);
    if (end == std::string::npos) end = label.size();
    std::string field = label.substr(start, end - start);
    while (!field.empty() && field.front() == ' ') field.erase(0, 1);
    const size_t sp = field.rfind(' ');
    if (sp != std::string::npos && field.find_first_not_of("0123456789-", sp + 1) == std::string::npos) {
      field.resize(sp);
    }
    for (const auto& r : kOfficialRoads) {
      if (field == r) return true;
    }
    start = end + 1;
  }
  return false;
}

TEST_F(OfficialLabelsTest, SameSeedSameCases) {
  auto gen = Make();
  const auto a = gen->Generate(500, 11), b = gen->Generate(500, 11), c = gen->Generate(500, 12);
  ASSERT_EQ(a.size(), b.size());
  bool differs = a.size() != c.size();
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].label, b[i].label);
    EXPECT_EQ(a[i].expected, b[i].expected);
    if (!differs && i < c.size() && a[i].label != c[i].label) differs = true;
  }
  EXPECT_TRUE(differs);
}

TEST_F(OfficialLabelsTest, CampusRowsAreOneAddress) {
  auto gen = Make();
  EXPECT_EQ(gen->AddressCount(), 6u);  // 7 rows, rows 1 and 2 one address
  size_t seen = 0;
  for (const auto& c : gen->Generate(2000, 1)) {
    if (c.error_class != "official_clean" || !Has(c.label, "1559-15")) continue;
    ++seen;
    EXPECT_EQ(c.label, "1559-15, Daecheonghosu-ro, Daedeok-gu, Daejeon");
    EXPECT_EQ(c.expected, "대전광역시 대덕구 대청호수로 1559-15");
  }
  EXPECT_GT(seen, 0u);
}

TEST_F(OfficialLabelsTest, DistrictMissingIsAmbiguousWhenTwoDistrictsFit) {
  auto gen = Make();
  auto by = ByClass(*gen);
  size_t ambiguous = 0, positive = 0;
  for (const auto& c : by["district_missing"]) {
    EXPECT_FALSE(Has(c.label, "-gu")) << c.label;
    if (Has(c.label, "Jungang-ro") && !Has(c.label, "66")) {
      EXPECT_EQ(c.expected, "") << c.label;
      EXPECT_EQ(c.expected_reason, "ambiguous") << c.label;
      ++ambiguous;
    } else {
      EXPECT_FALSE(c.expected.empty()) << c.label;
      ++positive;
    }
  }
  EXPECT_GT(ambiguous, 0u);
  EXPECT_GT(positive, 0u);
  // With the district the same road and number are one address each.
  for (const auto& c : by["official_clean"]) EXPECT_FALSE(c.expected.empty()) << c.label;
}

TEST_F(OfficialLabelsTest, EachClassMakesItsTransformation) {
  auto gen = Make();
  auto by = ByClass(*gen);
  for (const auto& cls : gen->AvailableClasses()) {
    EXPECT_FALSE(by[cls].empty()) << cls;
  }
  EXPECT_EQ(gen->AvailableClasses().size(), OfficialClasses().size());
  auto all = [&](const std::string& cls, auto pred) {
    for (const auto& c : by[cls]) EXPECT_TRUE(pred(c)) << cls << ": " << c.label;
  };
  all("official_clean", [](const LabelCase& c) { return HasOfficialRoad(c.label) && Has(c.label, ", Dae"); });
  all("number_after", [](const LabelCase& c) { return HasOfficialRoad(c.label); });
  all("suffix_spelling", [](const LabelCase& c) { return !HasOfficialRoad(c.label); });
  all("hyphen_space", [](const LabelCase& c) { return !HasOfficialRoad(c.label); });
  all("mr_spelling", [](const LabelCase& c) { return !HasOfficialRoad(c.label); });
  all("typo1", [](const LabelCase& c) { return !HasOfficialRoad(c.label); });
  all("typo2", [](const LabelCase& c) { return !HasOfficialRoad(c.label); });
  all("korean_road", [](const LabelCase& c) {
    return Has(c.label, "대청호수로") || Has(c.label, "중앙로") || Has(c.label, "동덕로");
  });
  all("number_after", [](const LabelCase& c) { return c.label[0] >= 'A' && c.label[0] <= 'Z'; });
  all("korean_order", [](const LabelCase& c) { return c.label.starts_with("Dae"); });
  all("units_floors", [](const LabelCase& c) {
    for (const char* u : {"#", "F", "floor", "Suite", "Room", "Apt.", "호", "Unit"}) {
      if (Has(c.label, u)) return true;
    }
    return false;
  });
  all("postcode_old", [](const LabelCase& c) {
    return Has(c.label, "306160") || Has(c.label, "306-160") || Has(c.label, "300010") ||
           Has(c.label, "300-010") || Has(c.label, "301010") || Has(c.label, "301-010") ||
           Has(c.label, "700421") || Has(c.label, "700-421");
  });
  all("dong_in_label", [](const LabelCase& c) { return Has(c.label, "-dong"); });
  all("case", [](const LabelCase& c) {
    return Has(c.label, "DAEJEON") || Has(c.label, "daejeon") || Has(c.label, "DAEGU") ||
           Has(c.label, "daegu") || Has(c.label, "-Ro") || Has(c.label, "-Gil");
  });
  all("basement", [](const LabelCase& c) {
    return Has(c.expected, "지하 20") &&
           (Has(c.label, "B") || Has(c.label, "Underground") || Has(c.label, "지하"));
  });
  all("branch_road", [](const LabelCase& c) {
    return Has(c.label, "66") && c.expected == "대전광역시 동구 중앙로66번길 7";
  });
  all("neg_number", [](const LabelCase& c) { return c.expected.empty() && c.expected_reason == "no_building"; });
  all("neg_other_city", [](const LabelCase& c) {
    return c.expected.empty() && c.expected_reason == kAnyNoAnswer;
  });
  all("neg_no_road", [](const LabelCase& c) { return c.expected.empty() && !HasOfficialRoad(c.label); });
  // The numbered 법정동 is written as the admin table writes it.
  bool numbered = false;
  for (const auto& c : by["dong_in_label"]) numbered = numbered || Has(c.label, "Dongin-dong 1(il)-ga");
  EXPECT_TRUE(numbered);
  // Branch-road spellings beyond the official one.
  std::set<std::string> branch;
  for (const auto& c : by["branch_road"]) branch.insert(c.label);
  EXPECT_GE(branch.size(), 4u);
  // Positives never carry a basement marker for an above-ground address.
  for (const auto& [cls, list] : by) {
    for (const auto& c : list) {
      if (cls != "basement" && !c.expected.empty()) {
        EXPECT_FALSE(Has(c.expected, "지하")) << c.label;
      }
    }
  }
}

}  // namespace
}  // namespace doro::testgen
