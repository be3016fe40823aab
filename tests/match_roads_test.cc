// Stage 3: road lookups by tier, and the district scan.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "match/district_scan.h"
#include "match/regions.h"
#include "match/road_scan.h"
#include "match/roads.h"
#include "match_test_util.h"
#include "text/keys.h"
#include "text/romanize.h"

namespace doro::match {
namespace {

class RoadsTest : public ::testing::Test {
 protected:
  RoadsTest() : db_(testing::SmallDatabase()), finder_(*db_, scan_), district_(*db_, scan_) {
    const auto& t = db_->tables();
    for (const auto& r : t.roads) {
      const std::string key = text::MatchKey(db_->str(r.name_en));
      scan_.Add(key, text::SkeletonKey(key));
    }
    for (const auto& region : t.regions) scan_.Group(region.first_road, region.road_count);
  }

  // The Korean names of the roads a tier finds, with their spans.
  std::vector<std::string> Find(std::string_view label, Tier tier) {
    testing::PreparedLabel p(label);
    std::vector<RoadHit> hits;
    finder_.Find(p.atoms, tier, &scratch_, &hits);
    return Names(hits);
  }
  std::vector<std::string> Scan(std::string_view label) {
    testing::PreparedLabel p(label);
    RegionFinder regions(*db_);
    RegionFinder::Scratch rs;
    RegionEvidence ev;
    regions.Find(p.atoms, &rs, &ev);
    std::vector<RoadHit> hits;
    DistrictScan::Scratch ss;
    district_.Find(p.atoms, ev, &ss, &hits);
    return Names(hits);
  }
  std::vector<std::string> Names(const std::vector<RoadHit>& hits) const {
    std::vector<std::string> out;
    for (const auto& h : hits) {
      out.push_back(std::string(db_->str(db_->tables().roads[h.road].name_ko)) + "@" +
                    std::to_string(h.begin) + "-" + std::to_string(h.end));
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  std::unique_ptr<db::Database> db_;
  RoadScanTable scan_;
  RoadFinder finder_;
  DistrictScan district_;
  RoadFinder::Scratch scratch_;
};

using ::testing::ElementsAre;

TEST_F(RoadsTest, ExactTierReadsEnglishKoreanAndTranslations) {
  EXPECT_THAT(Find("110, Sejong-daero, Jung-gu", Tier::kExact), ElementsAre("세종대로@1-3"));
  EXPECT_THAT(Find("110 세종대로", Tier::kExact), ElementsAre("세종대로@1-2"));
  EXPECT_THAT(Find("B1721, Nambu Ring-ro", Tier::kExact), ElementsAre("남부순환로@2-5"));
  EXPECT_THAT(Find("1721 Nambusunhwan Road", Tier::kExact), ElementsAre("남부순환로@1-3"));
  EXPECT_THAT(Find("서울특별시관악구남부순환로 1721", Tier::kExact), ElementsAre("남부순환로@0-1"));
  EXPECT_TRUE(Find("110, Sejong-deaero", Tier::kExact).empty());
}

TEST_F(RoadsTest, ASpanInsideALongerOneIsDropped) {
  EXPECT_THAT(Find("15, Samil-daero 30-gil", Tier::kExact), ElementsAre("삼일대로30길@1-5"));
}

TEST_F(RoadsTest, ARoadFollowedByItsBranchIsNotThatRoad) {
  EXPECT_THAT(Find("15, Samil-daero 30 gil", Tier::kExact), ElementsAre("삼일대로30길@1-5"));
  EXPECT_TRUE(Find("Samil-daero 66bon-gil 4", Tier::kExact).empty()) << "66번길 is not in the database";
  EXPECT_TRUE(Find("Samil-daero 57dong-gil 4", Tier::kExact).empty());
  EXPECT_TRUE(Find("Samil-daero 382beon St 4", Tier::kExact).empty());
  EXPECT_THAT(Find("Samil-daero 385, 12 Gil-dong", Tier::kExact), ElementsAre("삼일대로@0-2"));
  EXPECT_THAT(Find("Samil-daero 385 Hanaro Mart", Tier::kExact), ElementsAre("삼일대로@0-2"))
      << "a name that merely ends like a road word is not a branch";
  EXPECT_THAT(Find("삼일대로 385 상서사거리", Tier::kExact), ElementsAre("삼일대로@0-1"));
  EXPECT_TRUE(Find("Samil-daero 385 Street", Tier::kExact).empty()) << "385 Street: 385길";
}

TEST_F(RoadsTest, NoSpanTakesInTheCountryOrANote) {
  testing::PreparedLabel p("170 Republic of Korea Toegye-ro 경비실 Nambu Ring-ro");
  std::vector<RoadHit> hits;
  finder_.Find(p.atoms, Tier::kExact, &scratch_, &hits);
  ASSERT_FALSE(scratch_.lookups.empty());
  for (const auto& l : scratch_.lookups) {
    for (int i = l.begin; i < l.end; ++i) EXPECT_FALSE(p.atoms.Has(i, kNotName)) << i;
  }
  EXPECT_THAT(Names(hits), ElementsAre("남부순환로@7-10", "퇴계로@4-6", "퇴계로@4-6"));
}

TEST_F(RoadsTest, SkeletonAndOneEditTiersTolerateSpellings) {
  EXPECT_TRUE(Find("170 Teogye-lo", Tier::kExact).empty());
  EXPECT_THAT(Find("170 Toegye-lo", Tier::kSkeleton), ElementsAre("퇴계로@1-3", "퇴계로@1-3"));
  EXPECT_THAT(Find("1721 Nambusunhwn-ro", Tier::kOneEdit), ElementsAre("남부순환로@1-3"));
  EXPECT_TRUE(Find("1721 Nambusunhwn-ro", Tier::kSkeleton).empty());
  EXPECT_TRUE(Find("1721 Nmbusnhwn-ro", Tier::kOneEdit).empty()) << "three edits";
}

TEST_F(RoadsTest, DistrictScanFindsTheUniqueClosestRoadOfTheDistrict) {
  EXPECT_THAT(Scan("1721, Nambusunhwaan-rro, Gwanak-gu, Seoul"), ElementsAre("남부순환로@1-3"));
  EXPECT_TRUE(Scan("1721, Nambusunhwaan-rro").empty()) << "no district, no scan";
  EXPECT_TRUE(Scan("1721, Bukbu-ro, Gwanak-gu").empty()) << "too far from every road";
}

}  // namespace
}  // namespace doro::match
