// The lot / building-name / unit label generator (testgen/lot_labels.h) and
// the unit forms (testgen/unit_forms.h): determinism, each class, and the
// honesty of every expected answer, recomputed here from the rows with plain
// maps (on a hand-made database, and on real data when ../shared is present).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "db/format.h"
#include "testgen/accuracy.h"
#include "testgen/lot_labels.h"

namespace doro::testgen {
namespace {

namespace fs = std::filesystem;

bool Has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// ------------------------------------------------------------------ units

TEST(UnitFormsTest, WritesEachForm) {
  const Unit dong_ho{101, 0, 1203}, ho{0, 0, 302}, floor3{0, 3, 0}, b1{0, -1, 0}, dong{101, 0, 0},
      floor_ho{0, 3, 302};
  const std::vector<std::pair<std::pair<Unit, UnitForm>, std::string>> want = {
      {{dong_ho, UnitForm::kDongHoEn}, "101-dong 1203-ho"},
      {{dong_ho, UnitForm::kDongHoKo}, "101동 1203호"},
      {{dong_ho, UnitForm::kDongHoKoTight}, "101동1203호"},
      {{dong_ho, UnitForm::kAptDongHoEn}, "Apt. 101-dong 1203-ho"},
      {{dong_ho, UnitForm::kHoDongCompact}, "1203ho101동"},
      {{dong_ho, UnitForm::kDongHoDash}, "101-1203"},
      {{ho, UnitForm::kHash}, "#302"},
      {{ho, UnitForm::kRoom}, "Room 302"},
      {{ho, UnitForm::kSuite}, "Suite 302"},
      {{ho, UnitForm::kHoKo}, "302호"},
      {{ho, UnitForm::kHoEn}, "302-ho"},
      {{floor3, UnitForm::kFloorF}, "3F"},
      {{floor3, UnitForm::kFloorKo}, "3층"},
      {{floor3, UnitForm::kFloorEn}, "3rd floor"},
      {{b1, UnitForm::kBasementB}, "B1"},
      {{b1, UnitForm::kBasementBFloor}, "B1 floor"},
      {{b1, UnitForm::kBasementBF}, "B1F"},
      {{b1, UnitForm::kBasementKo}, "지하1층"},
      {{dong, UnitForm::kDongKo}, "101동"},
      {{dong, UnitForm::kDongEn}, "101-dong"},
      {{floor_ho, UnitForm::kFloorHoEn}, "3F #302"},
      {{floor_ho, UnitForm::kFloorHoKo}, "3층 302호"},
  };
  EXPECT_EQ(want.size(), UnitForms().size());
  for (const auto& [in, text] : want) EXPECT_EQ(WriteUnit(in.first, in.second), text);
  // A form never writes a unit with other parts.
  EXPECT_EQ(WriteUnit(ho, UnitForm::kDongHoEn), "");
  EXPECT_EQ(WriteUnit(dong_ho, UnitForm::kHash), "");
  EXPECT_EQ(WriteUnit(floor3, UnitForm::kBasementB), "");
  EXPECT_EQ(WriteUnit(Unit{0, 11, 0}, UnitForm::kFloorEn), "11th floor");
  EXPECT_EQ(WriteUnit(Unit{0, 22, 0}, UnitForm::kFloorEn), "22nd floor");
}

TEST(UnitFormsTest, DetailAddrIsTheDriversForm) {
  EXPECT_EQ(DetailAddr(Unit{101, 0, 1203}), "101동 1203호");
  EXPECT_EQ(DetailAddr(Unit{0, 0, 302}), "302호");
  EXPECT_EQ(DetailAddr(Unit{0, 3, 0}), "3층");
  EXPECT_EQ(DetailAddr(Unit{0, -2, 0}), "지하2층");
  EXPECT_EQ(DetailAddr(Unit{101, 0, 0}), "101동");
  EXPECT_EQ(DetailAddr(Unit{0, 3, 302}), "3층 302호");
  EXPECT_EQ(DetailAddr(Unit{}), "");
}

// An independent reading of the unit forms (regular expressions, not the
// generator's code): what a unit written in any form means.
bool ParseUnit(const std::string& text, Unit* u) {
  std::smatch m;
  *u = Unit{};
  auto n = [&](int i) { return std::stoi(m[i].str()); };
  if (std::regex_match(text, m, std::regex(R"((?:Apt\. )?(\d+)-dong (\d+)-ho)")) ||
      std::regex_match(text, m, std::regex(R"((\d+)동 ?(\d+)호)")) ||
      std::regex_match(text, m, std::regex(R"((\d+)-(\d+))"))) {
    u->dong = n(1);
    u->ho = n(2);
    return true;
  }
  if (std::regex_match(text, m, std::regex(R"((\d+)ho(\d+)동)"))) {
    u->ho = n(1);
    u->dong = n(2);
    return true;
  }
  if (std::regex_match(text, m, std::regex(R"((?:#|Room |Suite )(\d+)|(\d+)(?:호|-ho))"))) {
    u->ho = m[1].matched ? n(1) : n(2);
    return true;
  }
  if (std::regex_match(text, m, std::regex(R"((\d+)(?:F|층|st floor|nd floor|rd floor|th floor))"))) {
    u->floor = n(1);
    return true;
  }
  if (std::regex_match(text, m, std::regex(R"(B(\d+)(?: floor|F)?|지하(\d+)층)"))) {
    u->floor = -(m[1].matched ? n(1) : n(2));
    return true;
  }
  if (std::regex_match(text, m, std::regex(R"((\d+)(?:동|-dong))"))) {
    u->dong = n(1);
    return true;
  }
  if (std::regex_match(text, m, std::regex(R"((\d+)F #(\d+)|(\d+)층 (\d+)호)"))) {
    u->floor = m[1].matched ? n(1) : n(3);
    u->ho = m[1].matched ? n(2) : n(4);
    return true;
  }
  return false;
}

TEST(UnitFormsTest, EveryFormReadsBackAsItsParts) {
  const std::vector<Unit> units = {{101, 0, 1203}, {0, 0, 302}, {0, 3, 0}, {0, -1, 0},
                                   {115, 0, 0},    {0, 25, 2508}, {0, 21, 0}, {0, -3, 0}};
  size_t written = 0;
  for (const auto& u : units) {
    for (const auto& f : UnitForms()) {
      const std::string text = WriteUnit(u, f.form);
      if (text.empty()) continue;
      ++written;
      Unit back;
      ASSERT_TRUE(ParseUnit(text, &back)) << f.name << ": " << text;
      EXPECT_EQ(DetailAddr(back), DetailAddr(u)) << f.name << ": " << text;
    }
  }
  EXPECT_GE(written, UnitForms().size());
}

// ------------------------------------------------------------------ TSV and scoring

TEST(LotLabelsTsvTest, DetailIsAFifthColumnOnlyWhenPresent) {
  LabelCase c{"대전 동구 판암로 12 101동 1203호", "unit_ko", "대전광역시 동구 판암로 12", "", 0,
              "101동 1203호"};
  EXPECT_EQ(gen::CaseToTsv(c), "대전 동구 판암로 12 101동 1203호\tunit_ko\t대전광역시 동구 판암로 12\t\t101동 1203호");
  LabelCase back;
  ASSERT_TRUE(gen::CaseFromTsv(gen::CaseToTsv(c), &back));
  EXPECT_EQ(back.expected_detail, "101동 1203호");
  EXPECT_EQ(back.expected, c.expected);
  EXPECT_TRUE(Has(gen::CaseToJson(c), "\"expected_detail\":\"101동 1203호\""));
  c.expected_detail.clear();
  EXPECT_EQ(gen::CaseToTsv(c), "대전 동구 판암로 12 101동 1203호\tunit_ko\t대전광역시 동구 판암로 12\t");
  EXPECT_FALSE(Has(gen::CaseToJson(c), "expected_detail"));
  ASSERT_TRUE(gen::CaseFromTsv("x\tlot_ko\tA\t\t3층\textra", &back));
  EXPECT_EQ(back.expected_detail, "3층");
}

TEST(LotLabelsScoreTest, AUnitCaseIsRightOnlyWithItsDetail) {
  std::vector<LabelCase> cases = {
      {"a", "unit_ko", "X", "", 0, "101동 1203호"},  // right address, right detail
      {"b", "unit_ko", "X", "", 0, "302호"},         // right address, other detail
      {"c", "unit_ko", "X", "", 0, "3층"},           // no answer
      {"d", "lot_ko", "X", "", 0, ""},               // no unit: detail not looked at
  };
  const auto r = gen::Score(cases, [](std::string_view label) {
    if (label == "a") return gen::Outcome{true, "X", "ok", "101동 1203호"};
    if (label == "b") return gen::Outcome{true, "X", "ok", "301호"};
    if (label == "c") return gen::Outcome{false, "", "no_road", "3층"};
    return gen::Outcome{true, "X", "ok", "junk"};
  });
  EXPECT_EQ(r.total.right, 2u);
  EXPECT_EQ(r.total.wrong, 1u);
  EXPECT_EQ(r.total.missed, 1u);
  EXPECT_EQ(r.total.detail_wrong, 1u);
  EXPECT_EQ(r.total.detail_total, 3u);
  EXPECT_EQ(r.total.detail_right, 2u);  // the detail alone, answered or not
  EXPECT_EQ(r.by_class.at("unit_ko").detail_total, 3u);
  EXPECT_EQ(r.by_class.at("lot_ko").detail_total, 0u);
  EXPECT_TRUE(Has(r.Table(), "detail%"));
  EXPECT_TRUE(Has(r.FailureList(5), "X / 302호\tX / 301호"));
}

// ------------------------------------------------------------------ honesty

// Recomputes every case's expected answer from the rows with plain maps.
class Checker {
 public:
  explicit Checker(const std::vector<db::AddressRow>& rows) : rows_(rows) {
    for (const auto& r : rows) {
      const std::string addr = db::RoadAddress(r);
      lots_[LotKey(r.sido, r.sigungu, r.emd, r.ri, r.mountain, r.jibun_main, r.jibun_sub)].insert(addr);
      mains_[AreaKey(r.sido, r.sigungu, r.emd, r.ri)].insert(r.jibun_main);
      auto& names = district_names_[r.sido + "|" + r.sigungu];
      names.insert(r.emd);
      names.insert(r.ri);
      if (r.apartment || Apartment(r.building_name) || Apartment(r.register_name)) apartments_.insert(addr);
      for (const std::string* n : {&r.building_name, &r.register_name}) {
        if (!n->empty()) by_name_[NameKey(*n)].push_back(&r);
      }
    }
  }

  void Check(const LotCase& lc) const {
    const LabelCase& c = lc.c;
    SCOPED_TRACE(c.error_class + ": " + c.label);
    const bool positive = !c.expected.empty();
    if (c.error_class.starts_with("neg_") || c.error_class.ends_with("_multi")) {
      EXPECT_FALSE(positive);
      EXPECT_TRUE(c.expected_detail.empty());
    }
    if (lc.kind == "lot") {
      std::string lot = std::to_string(lc.lot_main);
      if (lc.lot_sub) (lot += '-') += std::to_string(lc.lot_sub);  // not "-" + ...: GCC 12 -Wrestrict false positive
      EXPECT_TRUE(Has(c.label, lot));
      if (lc.mountain) {
        EXPECT_TRUE(Has(c.label, "산") || Has(c.label, "San") || Has(c.label, "Mt."));
      }
      const auto it = lots_.find(LotKey(lc.sido, lc.sigungu, lc.emd, lc.ri, lc.mountain, lc.lot_main, lc.lot_sub));
      if (c.error_class == "neg_lot_missing") {
        EXPECT_EQ(c.expected_reason, "no_building");
        EXPECT_EQ(mains_.at(AreaKey(lc.sido, lc.sigungu, lc.emd, lc.ri)).count(lc.lot_main), 0u);
      } else if (c.error_class == "neg_lot_area") {
        EXPECT_EQ(c.expected_reason, "no_road");
        const auto& names = district_names_.at(lc.sido + "|" + lc.sigungu);
        EXPECT_EQ(names.count(lc.ri.empty() ? lc.emd : lc.ri), 0u);
      } else if (c.error_class == "lot_multi") {
        EXPECT_EQ(c.expected_reason, "ambiguous");
        ASSERT_NE(it, lots_.end());
        EXPECT_GE(it->second.size(), 2u);
      } else {
        ASSERT_TRUE(positive);
        ASSERT_NE(it, lots_.end());
        EXPECT_EQ(it->second, std::set<std::string>{c.expected});
      }
    }
    if (lc.kind == "name") {
      EXPECT_TRUE(Has(c.label, lc.name));
      EXPECT_EQ(NameKey(lc.name), NameKey(lc.row_name));
      std::set<std::string> fit;
      auto it = by_name_.find(NameKey(lc.name));
      ASSERT_NE(it, by_name_.end());
      for (const db::AddressRow* r : it->second) {
        if (!lc.sido.empty() && r->sido != lc.sido) continue;
        if (!lc.sigungu.empty() && r->sigungu != lc.sigungu) continue;
        if (!lc.emd.empty() && r->emd != lc.emd) continue;
        fit.insert(db::RoadAddress(*r));
      }
      if (c.error_class == "name_multi") {
        EXPECT_EQ(c.expected_reason, "ambiguous");
        EXPECT_GE(fit.size(), 2u);
      } else {
        EXPECT_EQ(fit, std::set<std::string>{c.expected});
      }
    }
    if (lc.kind == "road") {
      EXPECT_TRUE(positive);
      EXPECT_FALSE(Has(c.expected, "지하"));
    }
    if (c.error_class.starts_with("unit_")) {
      ASSERT_FALSE(lc.unit_text.empty());
      EXPECT_TRUE(Has(c.label, lc.unit_text));
      Unit read;
      ASSERT_TRUE(ParseUnit(lc.unit_text, &read)) << lc.unit_text;
      EXPECT_EQ(DetailAddr(read), c.expected_detail);
      EXPECT_EQ(DetailAddr(lc.unit), c.expected_detail);
      if (lc.unit.dong > 0) {
        EXPECT_TRUE(apartments_.count(c.expected)) << "동 on a non-apartment";
      }
      if (std::regex_match(lc.unit_text, std::regex(R"(\d+-\d+)"))) {
        EXPECT_EQ(lc.kind, "road");
      }
      if (lc.unit.floor < 0) {
        EXPECT_TRUE(c.label.ends_with(", " + lc.unit_text));
      }
    } else {
      EXPECT_TRUE(c.expected_detail.empty());
    }
  }

 private:
  // 공동주택 by its name: 아파트 or APT in any case.
  static bool Apartment(const std::string& name) {
    return Has(name, "아파트") || std::regex_search(name, std::regex("apt", std::regex::icase));
  }
  static std::string AreaKey(const std::string& sido, const std::string& sgg, const std::string& emd,
                             const std::string& ri) {
    return sido + "|" + sgg + "|" + emd + "|" + ri;
  }
  static std::string LotKey(const std::string& sido, const std::string& sgg, const std::string& emd,
                            const std::string& ri, bool m, int main, int sub) {
    return AreaKey(sido, sgg, emd, ri) + "|" + (m ? "산" : "") + std::to_string(main) + "-" +
           std::to_string(sub);
  }
  const std::vector<db::AddressRow>& rows_;
  std::map<std::string, std::set<std::string>> lots_;
  std::map<std::string, std::set<int>> mains_;
  std::map<std::string, std::set<std::string>> district_names_;
  std::set<std::string> apartments_;
  std::map<std::string, std::vector<const db::AddressRow*>> by_name_;
};

// One 24-column rnaddrkor line.
std::string Row(const std::string& legal, const std::string& sido, const std::string& sgg,
                const std::string& emd, const std::string& ri, bool san, int jmain, int jsub,
                const std::string& road_code, const std::string& road, int main, int sub,
                const std::string& name, bool apt = false) {
  static int serial = 0;
  return std::to_string(++serial) + "|" + legal + "|" + sido + "|" + sgg + "|" + emd + "|" + ri + "|" +
         (san ? "1" : "0") + "|" + std::to_string(jmain) + "|" + std::to_string(jsub) + "|" + road_code +
         "|" + road + "|0|" + std::to_string(main) + "|" + std::to_string(sub) + "|||300100|||" +
         (apt ? "1" : "0") + "|||" + name + "|\n";
}

std::string Tn(const std::string& code, const std::string& ko, const std::string& en,
               const std::string& sido_en, const std::string& sgg_en) {
  return code.substr(0, 5) + "|" + code.substr(5) + "|01|" + ko + "|" + en + "|x|y|1|101|z|0||||" +
         sido_en + "|" + sgg_en + "|||||\n";
}

class LotLabelsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("lot_labels_test." + std::to_string(::getpid()));
    fs::create_directories(dir_ / "admin");
    const std::string dj = "대전광역시", sj = "세종특별자치시";
    std::ofstream(dir_ / "rnaddrkor_test.txt")
        // 판암동 15-3: one address, an apartment.
        << Row("3011011200", dj, "동구", "판암동", "", false, 15, 3, "301104000010", "판암로", 12, 0,
               "판암주공아파트")
        // 판암동 20: two rows of one address (a campus).
        << Row("3011011200", dj, "동구", "판암동", "", false, 20, 0, "301104000010", "판암로", 14, 0,
               "동구도서관")
        << Row("3011011200", dj, "동구", "판암동", "", false, 20, 0, "301104000010", "판암로", 14, 0,
               "동구도서관")
        // 판암동 30: two addresses; one name on both.
        << Row("3011011200", dj, "동구", "판암동", "", false, 30, 0, "301104000010", "판암로", 16, 0,
               "한밭빌라")
        << Row("3011011200", dj, "동구", "판암동", "", false, 30, 0, "301104000010", "판암로", 18, 0,
               "한밭빌라")
        // 판암동 산5: a mountain lot.
        << Row("3011011200", dj, "동구", "판암동", "", true, 5, 0, "301104000010", "판암로", 40, 0, "")
        // 삼성동 15-3: the same number in another 동; a name of a part of a building.
        << Row("3011011300", dj, "동구", "삼성동", "", false, 15, 3, "301104000020", "삼성로", 5, 0, "101동")
        // 중구 은행동: the same name in another district.
        << Row("3014010100", dj, "중구", "은행동", "", false, 10, 0, "301404000001", "중앙로", 100, 0,
               "한밭빌라")
        // 세종 조치원읍 신안리: 리 lots.
        << Row("3611025031", sj, "", "조치원읍", "신안리", false, 300, 0, "361103000001", "세종로", 2639, 0,
               "홍익대학교 세종캠퍼스")
        << Row("3611025031", sj, "", "조치원읍", "신안리", false, 301, 0, "361103000001", "세종로", 2641, 0,
               "신안빌딩")
        << Row("3611025031", sj, "", "조치원읍", "신안리", false, 302, 0, "361103000001", "세종로", 2643, 0,
               "신안아파트", true);
    std::ofstream(dir_ / "TN_SPRD_RDNM.txt")
        << Tn("301104000010", "판암로", "Panam-ro", "Daejeon", "Dong-gu")
        << Tn("301104000020", "삼성로", "Samseong-ro", "Daejeon", "Dong-gu")
        << Tn("301404000001", "중앙로", "Jungang-ro", "Daejeon", "Jung-gu")
        << Tn("361103000001", "세종로", "Sejong-ro", "Sejong-si", "");
    std::ofstream(dir_ / "admin" / "admin_sido_sigungu_en.tsv")
        << "level\tcode\tname_ko\tname_en\n"
        << "sido\t11\t서울특별시\tSeoul\nsido\t30\t대전광역시\tDaejeon\nsido\t36\t세종특별자치시\tSejong-si\n"
        << "sigungu\t11110\t종로구\tJongno-gu\nsigungu\t30110\t동구\tDong-gu\n"
        << "sigungu\t30140\t중구\tJung-gu\nsigungu\t36110\t세종특별자치시\tSejong-si\n";
    std::ofstream(dir_ / "admin" / "admin_legal_emd_li_en.tsv")
        << "level\tcode\tname_ko\tname_en\n"
        << "emd\t30110112\t판암동\tPanam-dong\nemd\t30110113\t삼성동\tSamseong-dong\n"
        << "emd\t30140101\t은행동\tEunhaeng-dong\nemd\t36110250\t조치원읍\tJochiwon-eup\n"
        << "li\t3611025031\t신안리\tSinan-ri\nemd\t11110101\t청운동\tCheongun-dong\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<LotLabelGenerator> Make() {
    std::vector<db::AddressRow> rows;
    OfficialNames names;
    std::vector<std::string> files;
    std::string error;
    EXPECT_TRUE(LoadDataPath(dir_.string(), &rows, &names, &files, &error)) << error;
    EXPECT_TRUE(ReadAdminEnglish((dir_ / "admin").string(), &names, &error)) << error;
    EXPECT_EQ(rows.size(), 11u);
    return std::make_unique<LotLabelGenerator>(std::move(rows), std::move(names));
  }

  fs::path dir_;
};

TEST_F(LotLabelsTest, SameSeedSameCases) {
  auto gen = Make();
  const auto a = gen->Generate(800, 11), b = gen->Generate(800, 11), c = gen->Generate(800, 12);
  ASSERT_EQ(a.size(), b.size());
  ASSERT_GT(a.size(), 0u);
  bool differs = a.size() != c.size();
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(gen::CaseToTsv(a[i]), gen::CaseToTsv(b[i]));
    if (!differs && i < c.size() && a[i].label != c[i].label) differs = true;
  }
  EXPECT_TRUE(differs);
  // A second generator on the same rows: nothing hangs on hash order.
  const auto other = Make()->Generate(800, 11);
  ASSERT_EQ(other.size(), a.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(gen::CaseToTsv(other[i]), gen::CaseToTsv(a[i]));
  const auto d = gen->GenerateDetailed(800, 11);
  ASSERT_EQ(d.size(), a.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(gen::CaseToTsv(d[i].c), gen::CaseToTsv(a[i]));
}

TEST_F(LotLabelsTest, EveryCaseIsHonest) {
  auto gen = Make();
  const Checker check(gen->rows());
  for (const auto& lc : gen->GenerateDetailed(1600, 3)) check.Check(lc);
}

TEST_F(LotLabelsTest, EachClassMakesItsCases) {
  auto gen = Make();
  std::map<std::string, std::vector<LotCase>> by;
  for (auto& lc : gen->GenerateDetailed(3200, 5)) by[lc.c.error_class].push_back(lc);
  EXPECT_EQ(gen->AvailableClasses(), LotClasses());
  for (const auto& cls : LotClasses()) EXPECT_FALSE(by[cls].empty()) << cls;
  auto all = [&](const std::string& cls, auto pred) {
    for (const auto& lc : by[cls]) EXPECT_TRUE(pred(lc.c)) << cls << ": " << lc.c.label;
  };
  auto any = [&](const std::string& cls, auto pred) {
    bool seen = false;
    for (const auto& lc : by[cls]) seen = seen || pred(lc.c);
    EXPECT_TRUE(seen) << cls;
  };
  // The campus lot is one address; the lot of two addresses is ambiguous.
  any("lot_ko", [](const LabelCase& c) {
    return Has(c.label, "판암동 20") && c.expected == "대전광역시 동구 판암로 14";
  });
  all("lot_multi", [](const LabelCase& c) { return Has(c.label, "30") && c.expected_reason == "ambiguous"; });
  all("lot_en", [](const LabelCase& c) { return Has(c.label, "Panam-dong") || Has(c.label, "Samseong-dong") ||
                                                Has(c.label, "Eunhaeng-dong") || Has(c.label, "Sinan-ri, Jochiwon-eup") ||
                                                Has(c.label, "Jochiwon-eup Sinan-ri") ||
                                                std::regex_search(c.label, std::regex(R"(Sinan-ri \d+, Jochiwon-eup)")); });
  any("lot_en", [](const LabelCase& c) { return c.label == "15-3 Panam-dong, Dong-gu, Daejeon"; });
  all("lot_san", [](const LabelCase& c) { return c.expected == "대전광역시 동구 판암로 40"; });
  all("lot_ri", [](const LabelCase& c) { return Has(c.expected, "세종특별자치시 조치원읍 세종로 26"); });
  any("lot_ri", [](const LabelCase& c) { return Has(c.label, "세종 조치원읍 신안리 300") || Has(c.label, "세종시 조치원읍 신안리 300"); });
  all("neg_lot_missing", [](const LabelCase& c) { return c.expected_reason == "no_building"; });
  // Another district's 동 named in this one: 은행동 in 동구, 판암동/삼성동 in 중구,
  // or the admin table's 청운동 in any.
  all("neg_lot_area", [](const LabelCase& c) {
    return Has(c.label, "은행동") || Has(c.label, "Eunhaeng-dong") || Has(c.label, "청운동") ||
           Has(c.label, "Cheongun-dong") || Has(c.label, "판암동") || Has(c.label, "Panam-dong") ||
           Has(c.label, "삼성동") || Has(c.label, "Samseong-dong");
  });
  // Names: 한밭빌라 is two addresses in 동구 (ambiguous) and one in 중구; 101동
  // names a part and never makes a label.
  for (const auto& [cls, list] : by) {
    for (const auto& lc : list) {
      if (lc.kind == "name") {
        EXPECT_NE(lc.name, "101동") << lc.c.label;
        EXPECT_NE(lc.row_name, "101동") << lc.c.label;
      }
      if (cls != "name_multi" && lc.name == "한밭빌라") {
        EXPECT_EQ(lc.c.expected, "대전광역시 중구 중앙로 100") << lc.c.label;
        EXPECT_TRUE(Has(lc.c.label, "중구") || Has(lc.c.label, "Jung-gu")) << lc.c.label;
      }
    }
  }
  all("name_multi", [](const LabelCase& c) { return Has(c.label, "한밭빌라") && Has(c.label, "동구"); });
  any("name_ko", [](const LabelCase& c) { return c.label == "홍익대학교 세종캠퍼스"; });
  any("name_ko_variant", [](const LabelCase& c) { return Has(c.label, "홍익대학교세종캠퍼스"); });
  any("name_ko_variant", [](const LabelCase& c) {
    return Has(c.label, "신안B/D") || Has(c.label, "신안 B/D") || Has(c.label, "신안Bldg") ||
           Has(c.label, "신안 Bldg") || Has(c.label, "신안 BLDG");
  });
  any("name_ko_variant", [](const LabelCase& c) { return Has(c.label, "APT") || Has(c.label, "apt") || Has(c.label, "Apt"); });
  all("name_mixed", [](const LabelCase& c) { return Has(c.label, "Daejeon") || Has(c.label, "Sejong-si"); });
  // Units: 동+호 only on the two apartments; the dash form only after a road number.
  all("unit_compact", [](const LabelCase& c) {
    return c.expected == "대전광역시 동구 판암로 12" || c.expected == "세종특별자치시 조치원읍 세종로 2643";
  });
  any("unit_compact", [](const LabelCase& c) { return std::regex_search(c.label, std::regex(R"((판암로|세종로) \d+ \d+-\d+)")); });
  all("unit_en", [](const LabelCase& c) { return !c.expected_detail.empty(); });
  any("unit_en", [](const LabelCase& c) { return Has(c.label, "Suite") || Has(c.label, "Room") || Has(c.label, "#"); });
  any("unit_ko", [](const LabelCase& c) { return Has(c.expected_detail, "지하"); });
}

// Real rows: the honesty of every case on Sejong (juso) and Ulsan (Korea
// Post 2013, 리 of 읍/면, several districts). About 2 s in a Release build.
#define DORO_SHARED DORO_SOURCE_DIR "/../shared/data"

void CheckRealData(const std::vector<std::string>& data, const char* english) {
  std::vector<db::AddressRow> rows;
  OfficialNames names;
  std::vector<std::string> files;
  std::string error;
  for (const auto& d : data) {
    if (!fs::exists(d)) GTEST_SKIP() << "../shared/data not present: " << d;
    ASSERT_TRUE(LoadDataPath(d, &rows, &names, &files, &error)) << error;
  }
  if (english != nullptr) {
    ASSERT_TRUE(ReadRoadEnglish(english, &names, &error)) << error;
  }
  ASSERT_TRUE(ReadAdminEnglish(DORO_SHARED "/admin", &names, &error)) << error;
  LotLabelGenerator gen(std::move(rows), std::move(names));
  const auto cases = gen.GenerateDetailed(1600, 2024);
  std::map<std::string, size_t> by;
  for (const auto& lc : cases) ++by[lc.c.error_class];
  for (const auto& cls : gen.AvailableClasses()) EXPECT_GE(by[cls], 80u) << cls;
  const Checker check(gen.rows());
  for (const auto& lc : cases) check.Check(lc);
}

TEST(LotLabelsRealDataTest, SejongCasesAreHonest) {
  CheckRealData({DORO_SHARED "/juso/sejong"}, DORO_SHARED "/koreapost2013/sejong/TN_SPRD_RDNM.txt");
}

TEST(LotLabelsRealDataTest, UlsanCasesAreHonest) {
  CheckRealData({DORO_SHARED "/koreapost2013/ulsan"}, nullptr);
}

// All five Korea Post regions (about 15 s; run by hand with
// --gtest_also_run_disabled_tests).
TEST(LotLabelsRealDataTest, DISABLED_FiveRegionsCasesAreHonest) {
  CheckRealData({DORO_SHARED "/koreapost2013"}, nullptr);
}

}  // namespace
}  // namespace doro::testgen
