// The data compiled into the binary: the built-in demo database
// (data/demo/*.txt) must read cleanly through the official-file reader and be
// internally consistent like a real rnaddrkor file, and the translation table
// (data/translations.tsv) must keep its simple format.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "db/address_row.h"
#include "db/embedded.h"
#include "db/sido.h"
#include "text/hangul.h"
#include "text/utf8.h"

namespace doro {
namespace {

bool AllDigits(std::string_view s, size_t n) {
  return s.size() == n &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// True when `s` is non-empty and every code point is a precomposed Hangul
// syllable (가..힣).
bool AllHangul(std::string_view s) {
  if (s.empty() || !text::IsValidUtf8(s)) return false;
  size_t pos = 0;
  while (pos < s.size()) {
    const char32_t cp = text::DecodeUtf8(s, &pos);
    if (!text::IsHangulSyllable(cp)) return false;
  }
  return true;
}

class DemoDatabase : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rows_ = new std::vector<db::AddressRow>();
    report_ = new LoadReport();
    for (const auto& f : embedded::DemoDatabase()) {
      db::ReadAddressBytes(f.name, f.content,
                           [](db::AddressRow&& r) { rows_->push_back(std::move(r)); }, report_);
    }
  }
  static void TearDownTestSuite() {
    delete rows_;
    delete report_;
    rows_ = nullptr;
    report_ = nullptr;
  }

  static const db::AddressRow* Find(std::string_view sido, std::string_view sigungu,
                                    std::string_view road, bool underground, int main,
                                    int sub = 0) {
    for (const auto& r : *rows_) {
      if (r.sido == sido && r.sigungu == sigungu && r.road_name == road &&
          r.underground == underground && r.main == main && r.sub == sub) {
        return &r;
      }
    }
    return nullptr;
  }

  static std::vector<db::AddressRow>* rows_;
  static LoadReport* report_;
};
std::vector<db::AddressRow>* DemoDatabase::rows_ = nullptr;
LoadReport* DemoDatabase::report_ = nullptr;

TEST_F(DemoDatabase, EveryLineParses) {
  ASSERT_FALSE(embedded::DemoDatabase().empty());
  for (const auto& f : embedded::DemoDatabase()) {
    // cmake/embed.cmake compiles every data/demo/*.txt in as an address file.
    EXPECT_EQ(f.name.rfind("rnaddrkor_", 0), 0u)
        << f.name << " is embedded as an address file but is not one";
    EXPECT_TRUE(text::IsValidUtf8(f.content)) << f.name << " must be UTF-8";
    EXPECT_EQ(f.content.find('\r'), std::string_view::npos) << f.name << " must use LF";
    EXPECT_TRUE(f.content.empty() || f.content.back() == '\n') << f.name;
  }
  EXPECT_EQ(report_->bad_lines, 0u);
  for (const auto& s : report_->bad_line_samples) ADD_FAILURE() << s;
  EXPECT_EQ(report_->rows, rows_->size());
  EXPECT_GE(rows_->size(), 300u);
  EXPECT_LE(rows_->size(), 600u);
}

TEST_F(DemoDatabase, CodesAreWellFormedAndAgree) {
  std::set<std::string> mgmt;
  for (const auto& r : *rows_) {
    const std::string where = r.road_name + " " + std::to_string(r.main) + " (" + r.mgmt_no + ")";
    ASSERT_TRUE(AllDigits(r.road_code, 12)) << where;
    ASSERT_TRUE(AllDigits(r.legal_code, 10)) << where;
    ASSERT_TRUE(AllDigits(r.mgmt_no, 26)) << where;
    EXPECT_TRUE(mgmt.insert(r.mgmt_no).second) << "duplicate 관리번호 " << where;
    // 도로명코드, 법정동코드 and 관리번호 all start with the 5-digit 시군구 code.
    EXPECT_EQ(r.road_code.substr(0, 5), r.legal_code.substr(0, 5)) << where;
    EXPECT_EQ(r.mgmt_no.substr(0, 5), r.legal_code.substr(0, 5)) << where;
    EXPECT_TRUE(AllDigits(r.admin_code, 10)) << where;
    EXPECT_EQ(r.admin_code.substr(0, 5), r.legal_code.substr(0, 5)) << where;
    EXPECT_TRUE(AllDigits(r.zip, 5)) << where;
    EXPECT_TRUE(AllDigits(r.effective_date, 8)) << where;
    EXPECT_GE(r.effective_date, "20110729") << where;

    const db::SidoInfo* sido = db::FindSidoByKorean(r.sido);
    ASSERT_NE(sido, nullptr) << r.sido;
    EXPECT_EQ(sido->korean, r.sido) << "official name, not a short form: " << where;
    EXPECT_EQ(r.legal_code.substr(0, 2), sido->code) << where;
    // 세종특별자치시 alone has no 시군구.
    EXPECT_EQ(r.sigungu.empty(), sido->code == "36") << where;

    EXPECT_FALSE(r.emd.empty()) << where;
    EXPECT_FALSE(r.admin_name.empty()) << where;
    // A 리 exists only inside a 읍 or 면, and then its code is not 00.
    const bool town = EndsWith(r.emd, "읍") || EndsWith(r.emd, "면");
    if (!r.ri.empty()) {
      EXPECT_TRUE(town) << where;
      EXPECT_NE(r.legal_code.substr(8), "00") << where;
    } else {
      EXPECT_EQ(r.legal_code.substr(8), "00") << where;
    }
    if (r.apartment) {
      EXPECT_FALSE(r.building_name.empty()) << "apartment needs a name: " << where;
    }
  }
}

TEST_F(DemoDatabase, OneCodePerRoadAndOneRoadPerCode) {
  std::map<std::tuple<std::string, std::string, std::string>, std::string> code_of;
  std::map<std::string, std::tuple<std::string, std::string, std::string>> road_of;
  for (const auto& r : *rows_) {
    const auto road = std::tuple(r.sido, r.sigungu, r.road_name);
    auto [c, c_new] = code_of.emplace(road, r.road_code);
    EXPECT_EQ(c->second, r.road_code) << r.sido << " " << r.sigungu << " " << r.road_name;
    auto [n, n_new] = road_of.emplace(r.road_code, road);
    EXPECT_EQ(n->second, road) << r.road_code << " names both " << std::get<2>(n->second)
                               << " and " << r.road_name;
  }
  EXPECT_EQ(code_of.size(), road_of.size());
}

TEST_F(DemoDatabase, NoTwoRowsShareAnEntrance) {
  std::set<std::tuple<std::string, bool, int, int>> seen;
  for (const auto& r : *rows_) {
    EXPECT_TRUE(seen.emplace(r.road_code, r.underground, r.main, r.sub).second)
        << r.road_name << (r.underground ? " 지하 " : " ") << r.main << "-" << r.sub;
  }
}

TEST_F(DemoDatabase, CoversTheCountry) {
  std::set<std::string> sido, sigungu;
  for (const auto& r : *rows_) {
    sido.insert(r.sido);
    sigungu.insert(r.sido + " " + r.sigungu);
  }
  EXPECT_GE(sido.size(), 8u);
  EXPECT_GE(sigungu.size(), 20u);
}

// The examples the project's documentation and engine tests are written
// around must stay in the demo database.
TEST_F(DemoDatabase, HoldsTheDocumentedExamples) {
  struct Want {
    const char* sido;
    const char* sigungu;
    const char* road;
    bool underground;
    int main;
  };
  const Want wants[] = {
      {"서울특별시", "성북구", "삼선교로16길", false, 13},
      {"서울특별시", "영등포구", "당산로", false, 229},
      {"서울특별시", "성동구", "왕십리로", true, 300},
      {"서울특별시", "마포구", "양화로", true, 160},
      {"서울특별시", "관악구", "남부순환로", true, 1721},
      {"서울특별시", "강남구", "도산대로", true, 102},
      {"서울특별시", "중구", "세종대로", true, 2},
      {"서울특별시", "중구", "세종대로", false, 110},
      {"서울특별시", "중구", "서소문로", true, 127},
      {"서울특별시", "동대문구", "왕산로", true, 93},
      {"서울특별시", "중구", "퇴계로", false, 170},
      {"강원특별자치도", "춘천시", "퇴계로", false, 170},
      {"세종특별자치시", "", "충현로", false, 38},
      {"세종특별자치시", "", "한누리대로", false, 2130},
  };
  for (const Want& w : wants) {
    EXPECT_NE(Find(w.sido, w.sigungu, w.road, w.underground, w.main), nullptr)
        << w.sido << " " << w.sigungu << " " << w.road << (w.underground ? " 지하 " : " ") << w.main;
  }
  const db::AddressRow* tax = Find("서울특별시", "성북구", "삼선교로16길", false, 13);
  ASSERT_NE(tax, nullptr);
  EXPECT_EQ(tax->building_name, "성북세무서");
  const db::AddressRow* sinsa = Find("서울특별시", "강남구", "도산대로", true, 102);
  ASSERT_NE(sinsa, nullptr);
  EXPECT_EQ(sinsa->emd, "신사동");
  const db::AddressRow* jochiwon = Find("세종특별자치시", "", "충현로", false, 38);
  ASSERT_NE(jochiwon, nullptr);
  EXPECT_EQ(jochiwon->emd, "조치원읍");
}

// What the matcher's ambiguity handling is tested against.
TEST_F(DemoDatabase, HoldsTheHardCases) {
  std::map<std::string, std::set<std::string>> places_of_road;  // 도로명 -> 시도 시군구
  std::set<std::string> toegye_170;
  std::set<std::tuple<std::string, int, int>> above, below;
  size_t apartments = 0, towns = 0, sub_numbers = 0;
  for (const auto& r : *rows_) {
    places_of_road[r.road_name].insert(r.sido + " " + r.sigungu);
    if (r.road_name == "퇴계로" && r.main == 170 && !r.underground) {
      toegye_170.insert(r.sido + " " + r.sigungu);
    }
    (r.underground ? below : above).emplace(r.road_code, r.main, r.sub);
    if (r.apartment && !EndsWith(r.emd, "읍") && !EndsWith(r.emd, "면")) ++apartments;
    if (EndsWith(r.emd, "읍") || EndsWith(r.emd, "면")) ++towns;
    if (r.sub > 0) ++sub_numbers;
  }
  EXPECT_EQ(toegye_170.size(), 2u) << "퇴계로 170 must be ambiguous without a city";
  EXPECT_GE(places_of_road["중앙로"].size(), 3u);
  EXPECT_GE(places_of_road["시청로"].size(), 2u);
  EXPECT_GE(places_of_road["남부순환로"].size(), 2u);
  for (const char* road : {"남산공원길", "으뜸로", "첨단과기로208번길"}) {
    EXPECT_FALSE(places_of_road[road].empty()) << road;
  }
  std::vector<std::tuple<std::string, int, int>> both;
  std::set_intersection(above.begin(), above.end(), below.begin(), below.end(),
                        std::back_inserter(both));
  EXPECT_GE(both.size(), 1u) << "a number used both above ground and underground";
  EXPECT_GE(apartments, 3u);
  EXPECT_GE(towns, 10u);
  EXPECT_GE(sub_numbers, 10u);
}

TEST(Translations, EveryLineIsEnglishTabHangul) {
  const std::string_view tsv = embedded::Translations();
  ASSERT_FALSE(tsv.empty()) << "data/translations.tsv was not embedded";
  ASSERT_TRUE(text::IsValidUtf8(tsv));
  std::set<std::pair<std::string, std::string>> seen;
  std::set<std::string> korean;
  size_t entries = 0, line_no = 0, pos = 0;
  while (pos < tsv.size()) {
    size_t end = tsv.find('\n', pos);
    if (end == std::string_view::npos) end = tsv.size();
    const std::string_view line = tsv.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    ASSERT_EQ(std::count(line.begin(), line.end(), '\t'), 1) << "line " << line_no << ": " << line;
    const size_t tab = line.find('\t');
    const std::string_view en = line.substr(0, tab);
    const std::string_view ko = line.substr(tab + 1);
    ASSERT_FALSE(en.empty()) << "line " << line_no;
    EXPECT_TRUE(std::all_of(en.begin(), en.end(),
                            [](char c) {
                              return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                     c == ' ' || c == '-';
                            }))
        << "line " << line_no << ": lower-case ASCII English expected: " << en;
    EXPECT_TRUE(en.front() >= 'a' && en.front() <= 'z' && en.back() != ' ' && en.back() != '-')
        << "line " << line_no << ": " << en;
    EXPECT_EQ(en.find("  "), std::string_view::npos) << "line " << line_no;
    EXPECT_TRUE(AllHangul(ko)) << "line " << line_no << ": Hangul expected: " << ko;
    EXPECT_TRUE(seen.emplace(std::string(en), std::string(ko)).second)
        << "line " << line_no << ": duplicate " << en;
    korean.insert(std::string(ko));
    ++entries;
  }
  EXPECT_GE(entries, 200u);
  // The words the documentation's examples depend on.
  for (const auto& [en, ko] : std::vector<std::pair<std::string, std::string>>{
           {"ring", "순환"}, {"south mountain", "남산"}, {"city hall", "시청"},
           {"advanced science and technology", "첨단과기"}, {"best", "으뜸"}}) {
    EXPECT_TRUE(seen.count({en, ko})) << en << " -> " << ko;
  }
  EXPECT_LT(korean.size(), entries) << "some Korean words should have several English forms";
}

}  // namespace
}  // namespace doro
