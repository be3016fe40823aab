#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "text/hangul.h"
#include "text/romanize.h"
#include "shared_data.h"

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

TEST(Hangul, Arithmetic) {
  EXPECT_TRUE(IsHangulSyllable(U'가'));
  EXPECT_TRUE(IsHangulSyllable(U'힣'));
  EXPECT_FALSE(IsHangulSyllable(U'ㄱ'));  // compatibility jamo, not a syllable
  const Syllable s = Decompose(U'닭');
  EXPECT_EQ(s.lead, kLD);
  EXPECT_EQ(s.vowel, kVA);
  EXPECT_EQ(s.tail, kTLG);
  for (char32_t cp = kHangulFirst; cp <= kHangulLast; ++cp) {
    const Syllable d = Decompose(cp);
    ASSERT_EQ(Compose(d.lead, d.vowel, d.tail), cp);
  }
  EXPECT_TRUE(ContainsHangul("12-ro 로"));
  EXPECT_FALSE(ContainsHangul("Sejong-ro \xff"));
}

TEST(Romanize, MoreOfficialRoadNames) {
  EXPECT_EQ(RomanizeRoadName("왕십리로"), "Wangsimni-ro");
  EXPECT_EQ(RomanizeRoadName("신라대로"), "Silla-daero");
  EXPECT_EQ(RomanizeRoadName("백마로"), "Baengma-ro");
  EXPECT_EQ(RomanizeRoadName("학동로"), "Hakdong-ro");
  EXPECT_EQ(RomanizeRoadName("세종대로"), "Sejong-daero");
  EXPECT_EQ(RomanizeRoadName("삼일대로12길"), "Samil-daero 12-gil");
  EXPECT_EQ(RomanizeRoadName("남부순환로"), "Nambusunhwan-ro");
  EXPECT_EQ(RomanizeRoadName("중앙로"), "Jungang-ro");
  EXPECT_EQ(RomanizeRoadName("탑골길"), "Tapgol-gil");
  EXPECT_EQ(RomanizeRoadName("진등1길"), "Jindeung 1-gil");
  EXPECT_EQ(RomanizeRoadName("63로"), "63-ro");
}

TEST(Romanize, SoundChangeRules) {
  EXPECT_EQ(RomanizeWord("묵호"), "mukho");        // no aspiration in nouns
  EXPECT_EQ(RomanizeWord("집현"), "jiphyeon");
  EXPECT_EQ(RomanizeWord("별내"), "byeollae");     // ㄹ+ㄴ -> ll
  EXPECT_EQ(RomanizeWord("물레"), "mulle");        // ㄹㄹ -> ll
  EXPECT_EQ(RomanizeWord("독립"), "dongnip");      // ㄱ+ㄹ -> ng-n
  EXPECT_EQ(RomanizeWord("협력"), "hyeomnyeok");   // ㅂ+ㄹ -> m-n
  EXPECT_EQ(RomanizeWord("침류"), "chimnyu");      // ㅁ+ㄹ -> n
  EXPECT_EQ(RomanizeWord("법무"), "beommu");       // ㅂ+ㅁ -> m
  EXPECT_EQ(RomanizeWord("옷맵시"), "onmaepsi");   // ㅅ+ㅁ -> n
  EXPECT_EQ(RomanizeWord("해돋이"), "haedoji");    // palatalisation
  EXPECT_EQ(RomanizeWord("같이"), "gachi");
  EXPECT_EQ(RomanizeWord("좋고"), "joko");         // ㅎ+ㄱ -> k
  EXPECT_EQ(RomanizeWord("많이"), "mani");         // ㄶ before a vowel
  EXPECT_EQ(RomanizeWord("닭알"), "dalgal");       // second consonant of a cluster links
  EXPECT_EQ(RomanizeWord("값이"), "gapsi");
  EXPECT_EQ(RomanizeWord("라면"), "ramyeon");      // initial ㄹ -> r
  EXPECT_EQ(RomanizeWord("달"), "dal");            // final ㄹ -> l
  EXPECT_EQ(RomanizeWord("의정부"), "uijeongbu");
  EXPECT_EQ(RomanizeWord("학교"), "hakgyo");       // tensing not written
  EXPECT_EQ(RomanizeWord("신문로"), "sinmunno");   // 로 ending a name: n-n, not ll
  EXPECT_EQ(RomanizeWord("신문로 2가"), "sinmunno 2ga");
  EXPECT_EQ(RomanizeWord("신문로가"), "sinmulloga");
}

TEST(Romanize, AreaForms) {
  EXPECT_EQ(RomanizeAreaName("서울특별시"), "Seoul-teukbyeolsi");
  EXPECT_EQ(RomanizeAreaName("부산광역시"), "Busan-gwangyeoksi");
  EXPECT_EQ(RomanizeAreaName("경기도"), "Gyeonggi-do");
  EXPECT_EQ(RomanizeAreaName("전라남도"), "Jeollanam-do");
  EXPECT_EQ(RomanizeAreaName("중구"), "Jung-gu");
  EXPECT_EQ(RomanizeAreaName("교리"), "Gyo-ri");
  EXPECT_EQ(RomanizeAreaName("세종로"), "Sejongno");   // a 동 named after a road
  EXPECT_EQ(RomanizeAreaName("을지로6가"), "Euljiro 6(yuk)-ga");
  EXPECT_EQ(RomanizeAreaName("상도1동"), "Sangdo1(il)-dong");
  EXPECT_EQ(RomanizeAreaName("수원시 장안구"), "Jangan-gu, Suwon-si");
  EXPECT_EQ(RomanizeAreaName("일도일동"), "Ildo 1(il)-dong");      // number written out
  EXPECT_EQ(RomanizeAreaName("범일동"), "Beomil-dong");            // ... but not in short names
  EXPECT_EQ(RomanizeAreaName("창신제1동"), "Changsin1(il)-dong"); // 제 not written
  EXPECT_EQ(RomanizeAreaName("금호1가동"), "Geumho1(il)-ga-dong");
  EXPECT_EQ(RomanizeAreaName("중계2.3동"), "Junggye2.3(i.sam)-dong");  // merged 동
  EXPECT_EQ(RomanizationKeys("중계2.3동")[0], "junggye23isamdong");
  EXPECT_EQ(RomanizeAreaName("을지로16가"), "Euljiro 16(simnyuk)-ga");
  EXPECT_EQ(RomanizeAreaName("기암리(26)"), "Giam-ri");            // namesake marker dropped
  EXPECT_EQ(RomanizeAreaName("평(坪)사리"), "Pyeongsa-ri");
}

TEST(Romanize, KeysHoldTheUsualSpellings) {
  auto has = [](const std::vector<std::string>& keys, const char* k) {
    return std::find(keys.begin(), keys.end(), k) != keys.end();
  };
  const auto seoul = RomanizationKeys("서울특별시");
  EXPECT_EQ(seoul[0], "seoulteukbyeolsi");
  EXPECT_TRUE(has(seoul, "seoul"));                   // the customary English
  const auto sejong = RomanizationKeys("세종로");
  EXPECT_EQ(sejong[0], "sejongro");
  EXPECT_TRUE(has(sejong, "sejongno"));               // the 동 spelling
  const auto doum = RomanizationKeys("도움1로");
  EXPECT_EQ(doum[0], "doum1ro");
  EXPECT_TRUE(has(doum, "toum1ro"));                  // MR: initial plain stop voiceless
  const auto yak = RomanizationKeys("약령시로");
  EXPECT_TRUE(has(yak, "yangnyongsiro"));             // MR without shi, as the header says
  const auto jongno = RomanizationKeys("종로1가");
  EXPECT_TRUE(has(jongno, "jongno1ga"));              // without the reading
  for (const char* name : {"왕십리로", "김해대로2325번길", "광나루로30다길", "성북구"}) {
    const auto keys = RomanizationKeys(name);
    ASSERT_FALSE(keys.empty()) << name;
    EXPECT_LE(keys.size(), 6u);
    const bool area = std::string_view(name).ends_with("구");
    EXPECT_EQ(keys[0], MatchKey(area ? RomanizeAreaName(name) : RomanizeRoadName(name))) << name;
    for (size_t i = 0; i < keys.size(); ++i) {
      EXPECT_EQ(keys[i], MatchKey(keys[i]));
      for (size_t j = 0; j < i; ++j) EXPECT_NE(keys[i], keys[j]);
    }
  }
  for (const auto& k : RomanizationKeys("테헤란로 5길")) {
    EXPECT_TRUE(k.starts_with("teheran")) << k;  // road parts keep their order
  }
  EXPECT_EQ(RomanizationKeys("왕십리로", 2).size(), 2u);
  EXPECT_TRUE(RomanizationKeys("왕십리로", 0).empty());
}

TEST(Romanize, ArbitraryBytesNeverCrash) {
  uint64_t x = 88172645463325252ull;
  for (int i = 0; i < 3000; ++i) {
    std::string s;
    const int len = static_cast<int>(x % 24);
    for (int j = 0; j < len; ++j) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      // Mix Hangul syllables, digits, suffixes and raw bytes.
      switch (x % 5) {
        case 0: s += static_cast<char>(x >> 8); break;
        case 1: s += static_cast<char>('0' + (x >> 8) % 10); break;
        case 2: s += "로"; break;
        case 3: s += "길"; break;
        default: {
          const char32_t cp = kHangulFirst + static_cast<char32_t>((x >> 8) % kSyllableCount);
          s += static_cast<char>(0xE0 | (cp >> 12));
          s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
          s += static_cast<char>(0x80 | (cp & 0x3F));
        }
      }
    }
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    (void)RomanizeWord(s);
    (void)RomanizeRoadName(s);
    (void)RomanizeAreaName(s);
    for (const auto& k : RomanizationKeys(s)) EXPECT_EQ(k, MatchKey(k));
  }
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> f;
  size_t pos = 0;
  while (true) {
    const size_t tab = line.find('\t', pos);
    f.push_back(line.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos));
    if (tab == std::string::npos) return f;
    pos = tab + 1;
  }
}

bool HasKey(const std::vector<std::string>& keys, const std::string& k) {
  return std::find(keys.begin(), keys.end(), k) != keys.end();
}

// Exact and key figures of one kind of name. Misses go to stdout (the first
// few) and, when DORO_ROMANIZE_MISSES names a file, all of them to it.
struct Tally {
  int total = 0, exact = 0, keyed = 0;
  std::vector<std::string> misses;
  void Add(const std::string& ko, const std::string& official, const std::string& ours,
           const std::vector<std::string>& keys) {
    ++total;
    if (ours == official) ++exact;
    else misses.push_back(ko + "\tofficial " + official + "\tours " + ours);
    if (HasKey(keys, MatchKey(official))) ++keyed;
  }
  double ExactPct() const { return 100.0 * exact / std::max(1, total); }
  double KeyPct() const { return 100.0 * keyed / std::max(1, total); }
};

void Report(const std::map<std::string, Tally>& tallies) {
  std::FILE* dump = nullptr;
  if (const char* path = std::getenv("DORO_ROMANIZE_MISSES")) dump = std::fopen(path, "a");
  for (const auto& [kind, t] : tallies) {
    std::printf("%-22s %6d names, exact %6.2f%%, official key among ours %6.2f%%\n", kind.c_str(),
                t.total, t.ExactPct(), t.KeyPct());
    for (size_t i = 0; i < t.misses.size(); ++i) {
      if (i < 20) std::printf("    miss: %s\n", t.misses[i].c_str());
      if (dump) std::fprintf(dump, "%s\t%s\n", kind.c_str(), t.misses[i].c_str());
    }
  }
  if (dump) std::fclose(dump);
}

// The share of ~13,000 official names (juso.go.kr road and area files) our
// rules reproduce exactly, and whose spelling is among our keys.
TEST(Romanize, OfficialNames) {
  const std::string path = doro::testing::SharedPath("data/romanization/official_names.tsv");
  if (!std::filesystem::exists(path)) {
    GTEST_SKIP() << "../shared/data not present: " << path << " is needed for this test";
  }
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header: korean, official_english, source, kind
  std::map<std::string, Tally> tallies;
  Tally areas;  // 시군구, 법정동/읍/면 and 리 together
  while (std::getline(in, line)) {
    const auto f = SplitTabs(line);
    if (f.size() < 4) continue;
    const std::string& ko = f[0];
    const std::string& en = f[1];
    const std::string& kind = f[3];
    // Spellings seen in the wild, not official ones (see the data README).
    if (f[2].find("human-written") != std::string::npos) continue;
    const bool road = kind == "road";
    const std::string ours = road ? RomanizeRoadName(ko) : RomanizeAreaName(ko);
    const auto keys = RomanizationKeys(ko);
    tallies[kind].Add(ko, en, ours, keys);
    if (kind == "sigungu" || kind == "legal_dong_eup_myeon" || kind == "ri") {
      areas.Add(ko, en, ours, keys);
    }
  }
  Report(tallies);
  std::printf("sigungu+emd+ri          %6d names, exact %6.2f%%, official key among ours %6.2f%%\n",
              areas.total, areas.ExactPct(), areas.KeyPct());
  const Tally& roads = tallies["road"];
  ASSERT_GT(roads.total, 500);
  ASSERT_GT(areas.total, 10000);
  // Official names break the rules now and then (Sungkyunkwan-ro); the
  // customary English of 시도 (Seoul) and the loosely written 행정동 names
  // are reported above but not held to a figure.
  EXPECT_GE(roads.ExactPct(), 99.0);
  EXPECT_GE(roads.KeyPct(), 99.0);
  EXPECT_GE(areas.ExactPct(), 96.0);
  EXPECT_GE(areas.KeyPct(), 99.0);
}

// Second real source: the official English of every 시군구, 법정 읍면동, 리
// and 행정동 from the area shapefiles. Two-part 시군구 read small to large:
// 수원시 장안구 -> Jangan-gu, Suwon-si.
TEST(Romanize, OfficialAreaTables) {
  const std::string dir = doro::testing::SharedPath("data/admin/");
  if (!std::filesystem::exists(dir + "admin_legal_emd_li_en.tsv")) {
    GTEST_SKIP() << "../shared/data not present: " << dir << " is needed for this test";
  }
  std::map<std::string, Tally> tallies;
  for (const char* file :
       {"admin_sido_sigungu_en.tsv", "admin_legal_emd_li_en.tsv", "admin_hjd_en.tsv"}) {
    const bool hjd = std::string_view(file) == "admin_hjd_en.tsv";
    std::ifstream in(dir + file);
    std::string line;
    std::getline(in, line);  // header: [level,] code, name_ko, name_en
    while (std::getline(in, line)) {
      auto f = SplitTabs(line);
      if (hjd) f.insert(f.begin(), "hjd");
      if (f.size() < 4 || f[0] == "sido") continue;
      tallies[f[0]].Add(f[2], f[3], RomanizeAreaName(f[2]), RomanizationKeys(f[2]));
    }
  }
  Report(tallies);
  for (const char* level : {"sigungu", "emd", "li"}) {
    ASSERT_GT(tallies[level].total, 200) << level;
    EXPECT_GE(tallies[level].ExactPct(), 95.0) << level;
    EXPECT_GE(tallies[level].KeyPct(), 99.0) << level;
  }
  // 행정동 English is written loosely (Ichon Je1(iI)-dong): keys only.
  ASSERT_GT(tallies["hjd"].total, 3000);
  EXPECT_GE(tallies["hjd"].KeyPct(), 94.0);
}

}  // namespace
}  // namespace doro::text
