// Stages 5 and 6: verification, scoring and the decision, on hand-made
// hits and numbers over the small database.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "match/decide.h"
#include "match/regions.h"
#include "match/road_scan.h"
#include "match/roads.h"
#include "match/score.h"
#include "match_test_util.h"

namespace doro::match {
namespace {

class VerifyDecideTest : public ::testing::Test {
 protected:
  VerifyDecideTest()
      : db_(testing::SmallDatabase()),
        road_regions_(*db_),
        regions_(*db_),
        roads_(*db_, scan_),
        scorer_(*db_, road_regions_) {}

  // Runs the stages before scoring on `label` (exact tier only), then
  // scores and decides.
  Answer Run(std::string_view label, std::vector<ScoredBuilding>* cands_out = nullptr) {
    testing::PreparedLabel p(label);
    RegionEvidence ev;
    RegionFinder::Scratch rs;
    regions_.Find(p.atoms, &rs, &ev);
    NumberReadings nums;
    ReadNumbers(p.atoms, ev, &nums);
    std::vector<RoadHit> hits;
    RoadFinder::Scratch s;
    roads_.Find(p.atoms, Tier::kExact, &s, &hits);
    const ScoreInput in{p.atoms, ev, nums, hits};
    std::vector<ScoredBuilding> cands;
    std::vector<int> scratch;
    scorer_.Verify(in, &scratch, &cands);
    if (cands_out != nullptr) *cands_out = cands;
    Decision decision;
    Answer a = Decide(*db_, in, !hits.empty(), &cands, Detail::kFull, &decision);
    if (a.ok()) ListWords(p.atoms, decision.used, std::vector<uint8_t>(p.atoms.size(), 0), &a);
    return a;
  }

  std::unique_ptr<db::Database> db_;
  RoadScanTable scan_;  // empty: the exact tier does not read it
  RoadRegions road_regions_;
  RegionFinder regions_;
  RoadFinder roads_;
  Scorer scorer_;
};

TEST_F(VerifyDecideTest, OneBuildingThatFitsIsTheAnswer) {
  const Answer a = Run("110, Sejong-daero, Jung-gu, Seoul");
  ASSERT_TRUE(a.ok()) << a.why;
  EXPECT_EQ(a.address, "서울특별시 중구 세종대로 110");
  EXPECT_EQ(a.zip, "04524");
  EXPECT_EQ(a.used, (std::vector<std::string>{"110", "Sejong-daero", "Jung-gu", "Seoul"}));
}

TEST_F(VerifyDecideTest, BasementMarkerPicksTheUndergroundEntrance) {
  EXPECT_EQ(Run("B1721, Nambu Ring-ro, Gwanak-gu, Seoul").address, "서울특별시 관악구 남부순환로 지하 1721");
  EXPECT_EQ(Run("1721, Nambu Ring-ro, Gwanak-gu, Seoul").address, "서울특별시 관악구 남부순환로 1721");
}

TEST_F(VerifyDecideTest, EqualsAreNeverGuessedBetween) {
  const Answer a = Run("170, Toegye-ro");
  EXPECT_EQ(a.reason, Reason::kAmbiguous);
  EXPECT_EQ(a.candidates.size(), 2u);
  EXPECT_EQ(Run("170, Toegye-ro, Chuncheon-si").address, "강원특별자치도 춘천시 퇴계로 170");
}

TEST_F(VerifyDecideTest, TheNamedCityRulesARoadOut) {
  std::vector<ScoredBuilding> cands;
  const Answer a = Run("186, Jungang-ro, Gwanak-gu, Seoul", &cands);
  EXPECT_EQ(a.reason, Reason::kRegionConflict);
  ASSERT_EQ(cands.size(), 2u);
  EXPECT_TRUE(cands[0].conflict && cands[1].conflict);
  EXPECT_FALSE(HasClean(cands));
}

TEST_F(VerifyDecideTest, BuildingsOfOneAddressAreOneAnswer) {
  std::vector<ScoredBuilding> cands;
  const Answer a = Run("186, Jungang-ro, Dong-gu, Daejeon", &cands);
  EXPECT_EQ(cands.size(), 2u);
  ASSERT_TRUE(a.ok()) << a.why;
  EXPECT_EQ(a.address, "대전광역시 동구 중앙로 186");
  EXPECT_EQ(a.candidates.size(), 1u) << "listed once";
}

TEST_F(VerifyDecideTest, NMBesideAMainRoadMayBeItsBranch) {
  EXPECT_EQ(Run("36-12 Toegye-ro, Jung-gu, Seoul").address, "서울특별시 중구 퇴계로36번길 12");
  EXPECT_EQ(Run("36-13 Toegye-ro, Jung-gu, Seoul").reason, Reason::kNoBuilding);
}

TEST_F(VerifyDecideTest, ContradictionsAnswerButWarn) {
  const Answer a = Run("110, Sejong-daero, Hoehyeon-dong 1-ga, Jung-gu, Seoul 04627");
  ASSERT_TRUE(a.ok()) << a.why;
  EXPECT_EQ(a.warnings, (std::vector<Warning>{Warning::kZipMismatch, Warning::kTownMismatch}));
  EXPECT_TRUE(Run("110, Sejong-daero, Taepyeongno 1-ga, Jung-gu, Seoul 04524").warnings.empty());
  EXPECT_TRUE(Run("110, Sejong-daero, Jung-gu, Seoul (700-809)").warnings.empty())
      << "a six-digit postcode says nothing against five-digit data";
}

TEST_F(VerifyDecideTest, ACityNamedLikeAProvinceIsAsStrongAsTheProvince) {
  // "Gwangju" is 광주광역시 and the bare name of 경기 광주시: 대전 동구 is neither.
  EXPECT_EQ(Run("186, Jungang-ro, Dong-gu, Gwangju").reason, Reason::kRegionConflict);
  EXPECT_EQ(Run("186, Jungang-ro, Dong-gu, Mokpo-si").reason, Reason::kRegionConflict)
      << "a district of a province the database does not cover";
  EXPECT_TRUE(Run("170, Toegye-ro, Chuncheon").ok()) << "a bare city name still counts for its city";
}

TEST_F(VerifyDecideTest, ASpanInsideAnAgreeingOneIsNoConflict) {
  // A road reached through a typo must agree with every place named, but
  // "Jeondong" inside "Jeondong-myeon" is the same words read another way.
  const auto& t = db_->tables();
  auto area = [&](std::string_view ko) {
    for (uint32_t i = 0; i < t.areas.size(); ++i) {
      if (db_->str(t.areas[i].name_ko) == ko) return db::PackRegion(db::RegionKind::kArea, i);
    }
    ADD_FAILURE() << ko;
    return 0u;
  };
  uint32_t road = db::kNone;
  for (uint32_t i = 0; i < t.roads.size(); ++i) {
    if (db_->str(t.roads[i].name_ko) == "세종대로") road = i;
  }
  ASSERT_NE(road, db::kNone);
  testing::PreparedLabel p("110 Sejong-daero Taepyeongno 1-ga");  // 110 sejong daero taepyeongno 1 ga
  NumberReadings nums;
  ReadNumbers(p.atoms, RegionEvidence(), &nums);
  const std::vector<RoadHit> hits = {{road, 1, 3, kOneEditQuality, static_cast<int>(Tier::kOneEdit)}};
  auto conflicts = [&](const RegionEvidence& ev) {
    std::vector<ScoredBuilding> cands;
    std::vector<int> scratch;
    scorer_.Verify({p.atoms, ev, nums, hits}, &scratch, &cands);
    EXPECT_EQ(cands.size(), 1u);
    return !HasClean(cands);
  };
  RegionEvidence ev;
  ev.values = {area("태평로1가"), area("회현동1가")};
  ev.spans = {{3, 6, 0, 1, false}, {3, 4, 1, 1, false}};
  EXPECT_FALSE(conflicts(ev)) << "the shorter reading of the same words says nothing against it";
  ev.spans = {{3, 4, 1, 1, false}};
  EXPECT_TRUE(conflicts(ev)) << "a typo'd road must agree with the town named";
}

TEST_F(VerifyDecideTest, NoBuildingOrNoRoad) {
  EXPECT_EQ(Run("999, Sejong-daero, Jung-gu, Seoul").reason, Reason::kNoBuilding);
  EXPECT_EQ(Run("12, Nowhere-ro, Seoul").reason, Reason::kNoRoad);
}

TEST_F(VerifyDecideTest, AMissingSubNumberIsNoBuildingWithTheMainNumberListed) {
  const Answer a = Run("110-7, Sejong-daero, Jung-gu, Seoul");
  EXPECT_EQ(a.reason, Reason::kNoBuilding);
  ASSERT_EQ(a.candidates.size(), 1u);
  EXPECT_EQ(a.candidates[0].address, "서울특별시 중구 세종대로 110");
}

TEST_F(VerifyDecideTest, ThePostalCodeAndTheNumberBesideTheRoadScore) {
  std::vector<ScoredBuilding> with_zip, without;
  Run("170, Toegye-ro 04627", &with_zip);
  Run("170, Toegye-ro", &without);
  ASSERT_EQ(with_zip.size(), 2u);
  float best_with = std::max(with_zip[0].score, with_zip[1].score);
  float best_without = std::max(without[0].score, without[1].score);
  EXPECT_FLOAT_EQ(best_with, best_without + 2.0f);
  EXPECT_FALSE(IsCloseCall(with_zip));
  EXPECT_TRUE(IsCloseCall(without));
}

}  // namespace
}  // namespace doro::match
