#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "text/romanize.h"

namespace doro::text {
namespace {

TEST(Romanize, SoundChangesInsideAWord) {
  EXPECT_EQ(RomanizeWord("왕십리"), "wangsimni");
  EXPECT_EQ(RomanizeWord("신라"), "silla");
  EXPECT_EQ(RomanizeWord("약령시"), "yangnyeongsi");
  EXPECT_EQ(RomanizeWord("백마"), "baengma");
  EXPECT_EQ(RomanizeWord("별내"), "byeollae");
  EXPECT_EQ(RomanizeWord("종로"), "jongno");
  EXPECT_EQ(RomanizeWord("석암"), "seogam");
  EXPECT_EQ(RomanizeWord("밝은"), "balgeun");
  EXPECT_EQ(RomanizeWord("국책연구원"), "gukchaegyeonguwon");
}

TEST(Romanize, RoadNames) {
  EXPECT_EQ(RomanizeRoadName("삼선교로16길"), "Samseongyo-ro 16-gil");
  EXPECT_EQ(RomanizeRoadName("도움1로"), "Doum 1-ro");
  EXPECT_EQ(RomanizeRoadName("한누리대로"), "Hannuri-daero");
  EXPECT_EQ(RomanizeRoadName("김해대로2325번길"), "Gimhae-daero 2325beon-gil");
  EXPECT_EQ(RomanizeRoadName("세종로"), "Sejong-ro");
  EXPECT_EQ(RomanizeRoadName("종로"), "Jong-ro");
  EXPECT_EQ(RomanizeRoadName("왕십리로"), "Wangsimni-ro");
  EXPECT_EQ(RomanizeRoadName("국책연구원5로"), "Gukchaegyeonguwon 5-ro");
  EXPECT_EQ(RomanizeRoadName("광나루로30다길"), "Gwangnaru-ro 30da-gil");
  EXPECT_EQ(RomanizeRoadName("석대로"), "Seokdae-ro");
  EXPECT_EQ(RomanizeRoadName("정부2청사로"), "Jeongbu 2cheongsa-ro");
}

TEST(Romanize, AreaNames) {
  EXPECT_EQ(RomanizeAreaName("성북구"), "Seongbuk-gu");
  EXPECT_EQ(RomanizeAreaName("조치원읍"), "Jochiwon-eup");
  EXPECT_EQ(RomanizeAreaName("반곡동"), "Bangok-dong");
  EXPECT_EQ(RomanizeAreaName("종로1가"), "Jongno 1(il)-ga");
  EXPECT_EQ(RomanizeAreaName("신문로2가"), "Sinmunno 2(i)-ga");
  EXPECT_EQ(RomanizeAreaName("회현동1가"), "Hoehyeon-dong 1(il)-ga");
}

TEST(Romanize, VariantKeys) {
  const auto keys = RomanizationKeys("약령시로");
  ASSERT_FALSE(keys.empty());
  EXPECT_EQ(keys[0], "yangnyeongsiro");
  EXPECT_NE(std::find(keys.begin(), keys.end(), "yakryeongsiro"), keys.end());  // letter by letter
  EXPECT_NE(std::find(keys.begin(), keys.end(), "yangnyongshiro"), keys.end());  // McCune-Reischauer-like
  EXPECT_EQ(MatchKey("Samseongyo-ro 16-gil"), "samseongyoro16gil");
  EXPECT_EQ(RomanizationKeys("종로1가")[0], "jongno1ilga");
}

TEST(Romanize, NonHangulPassesThrough) {
  EXPECT_EQ(RomanizeWord("ABC-12"), "abc-12");
  EXPECT_EQ(RomanizeWord(""), "");
  EXPECT_EQ(RomanizeRoadName(""), "");
  (void)RomanizeAreaName("\xff\xfe");
  (void)RomanizationKeys("로");
}

// The share of official names our rules reproduce, on ~13,000 real ones.
TEST(Romanize, OfficialNames) {
  const std::string path = "../shared/data/romanization/official_names.tsv";
  if (!std::filesystem::exists(path)) {
    GTEST_SKIP() << "../shared/data not present: " << path << " is needed for this test";
  }
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  int roads = 0, roads_exact = 0, areas = 0, areas_exact = 0, covered = 0;
  std::vector<std::string> misses;
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::string ko, en, source, kind;
    std::getline(ss, ko, '\t');
    std::getline(ss, en, '\t');
    std::getline(ss, source, '\t');
    std::getline(ss, kind, '\t');
    if (source.find("human") != std::string::npos) continue;  // seen in the wild, not official
    const bool road = kind == "road";
    const std::string got = road ? RomanizeRoadName(ko) : RomanizeAreaName(ko);
    (road ? roads : areas)++;
    if (got == en) {
      (road ? roads_exact : areas_exact)++;
    } else if (misses.size() < 20) {
      misses.push_back(ko + " official " + en + " ours " + got);
    }
    const auto keys = RomanizationKeys(ko);
    if (std::find(keys.begin(), keys.end(), MatchKey(en)) != keys.end()) ++covered;
  }
  const double road_pct = 100.0 * roads_exact / std::max(1, roads);
  const double area_pct = 100.0 * areas_exact / std::max(1, areas);
  const double key_pct = 100.0 * covered / std::max(1, roads + areas);
  std::printf("official roads: %d, exact %.2f%%; areas: %d, exact %.2f%%; official key among ours: %.2f%%\n",
              roads, road_pct, areas, area_pct, key_pct);
  for (const auto& m : misses) std::printf("  miss: %s\n", m.c_str());
  ASSERT_GT(roads, 500);
  EXPECT_GE(road_pct, 95.0);
  EXPECT_GE(area_pct, 85.0);
  EXPECT_GE(key_pct, 88.0);
}

}  // namespace
}  // namespace doro::text
