// Stage 2: region evidence.
#include <gtest/gtest.h>

#include <string>

#include "match/regions.h"
#include "match_test_util.h"

namespace doro::match {
namespace {

class RegionsTest : public ::testing::Test {
 protected:
  RegionsTest() : db_(testing::SmallDatabase()), finder_(*db_) {}

  uint32_t RegionNamed(std::string_view ko) const {
    const auto& t = db_->tables();
    for (uint32_t i = 0; i < t.regions.size(); ++i) {
      if (db_->str(t.regions[i].name_ko) == ko) return i;
    }
    ADD_FAILURE() << "no region " << ko;
    return 0;
  }
  // The spans found, as "begin-end:kinds" (S sido, G 시군구, A 읍면동, C city stem).
  std::string Spans(std::string_view label, bool typos = false) {
    testing::PreparedLabel p(label);
    RegionEvidence ev;
    finder_.Find(p.atoms, &scratch_, &ev);
    if (typos) finder_.FindTypos(p.atoms, &ev);
    std::string out;
    for (const auto& s : ev.spans) {
      out += std::to_string(s.begin) + "-" + std::to_string(s.end) + ":";
      for (uint32_t v : ev.ValuesOf(s)) out += "?SGAC"[static_cast<int>(db::RegionKindOf(v))];
      if (s.weak) out += "~";
      out += " ";
    }
    return out;
  }

  std::unique_ptr<db::Database> db_;
  RegionFinder finder_;
  RegionFinder::Scratch scratch_;
};

TEST_F(RegionsTest, EnglishKoreanAndMixedNames) {
  // 1721 nambu ring ro gwanak gu seoul
  EXPECT_EQ(Spans("1721, Nambu Ring-ro, Gwanak-gu, Seoul"), "4-6:G 6-7:S ");
  EXPECT_EQ(Spans("관악구 서울특별시"), "0-1:G 1-2:S ");
  EXPECT_EQ(Spans("Gwanak구, Seoul Special City"), "0-2:G 2-3:S 2-5:S ");
}

TEST_F(RegionsTest, GluedKoreanHoldsSeveralNames) {
  EXPECT_EQ(Spans("서울특별시관악구남부순환로 1721"), "0-1:SG ");
}

TEST_F(RegionsTest, OnlySidoAndSigunguSpansConstrainRoads) {
  testing::PreparedLabel p("170 Toegye-ro, Hoehyeon-dong 1-ga, Jung-gu, Seoul");
  RegionEvidence ev;
  finder_.Find(p.atoms, &scratch_, &ev);
  ASSERT_FALSE(ev.spans.empty());
  for (const auto& c : ev.constraints) {
    for (uint32_t v : ev.ValuesOf(ev.spans[c.span])) {
      const auto k = db::RegionKindOf(v);
      EXPECT_TRUE(k == db::RegionKind::kSido || k == db::RegionKind::kSigungu);
    }
  }
  const uint32_t jung = RegionNamed("중구"), chuncheon = RegionNamed("춘천시");
  const auto& t = db_->tables();
  EXPECT_TRUE(ev.Allows(jung, t.regions[jung].sido, 1, 3));
  EXPECT_FALSE(ev.Allows(chuncheon, t.regions[chuncheon].sido, 1, 3));
  // The road's own words never contradict it: a span inside [begin, end)
  // is skipped.
  RegionEvidence none;
  EXPECT_TRUE(none.Allows(chuncheon, t.regions[chuncheon].sido, 0, 1));
}

TEST_F(RegionsTest, TyposAreFuzzySpansOnly) {
  EXPECT_EQ(Spans("Gwanal-gu"), "");
  const std::string s = Spans("Gwanal-gu", /*typos=*/true);
  EXPECT_NE(s.find("G~"), std::string::npos) << s;
}

TEST_F(RegionsTest, RegionWordsOfAnOrganisationAreWeak) {
  EXPECT_EQ(Spans("Seoul National University, Gwanak-gu"), "0-1:S~ 3-5:G ");
  EXPECT_EQ(Spans("Seoul Gwanak-gu University"), "0-1:S~ 1-3:G~ ");
  EXPECT_EQ(Spans("Seoul, National University"), "0-1:S ") << "another field";
  testing::PreparedLabel p("Seoul National University, 1721 Nambu Ring-ro, Chuncheon-si");
  RegionEvidence ev;
  finder_.Find(p.atoms, &scratch_, &ev);
  ASSERT_EQ(ev.constraints.size(), 1u) << "the weak span constrains nothing";
  EXPECT_EQ(ev.spans[ev.constraints[0].span].begin, 7);
}

TEST_F(RegionsTest, UncoveredProvincesAreKnownByTheirDistrictsAndSpellings) {
  // The small database has no row in 전라남도: its 시군구 are still known.
  EXPECT_EQ(Spans("Mokpo-si, Jellanam-do"), "0-1:C 0-2:G 2-3:S 2-4:S ");
  EXPECT_EQ(Spans("Mokpo-si, Chollanam-do"), "0-1:C 0-2:G 2-3:S 2-4:S ");
  EXPECT_EQ(Spans("Taegu"), "0-1:S ") << "an older romanization";
}

TEST_F(RegionsTest, RoadRegionsKnowsEachRoadsDistrict) {
  RoadRegions rr(*db_);
  const auto& t = db_->tables();
  for (uint32_t r = 0; r < t.roads.size(); ++r) EXPECT_EQ(rr.Of(r), t.roads[r].region);
}

}  // namespace
}  // namespace doro::match
