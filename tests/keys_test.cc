// Match keys: the text/keys.h functions, and the db/ key classes whose
// build side (the tables) and query side (the matcher) must agree.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "db/address_row.h"
#include "db/database.h"
#include "db/flat_map.h"
#include "db/one_edit_keys.h"
#include "db/region_keys.h"
#include "text/keys.h"
#include "text_test_util.h"

namespace doro {
namespace {

using db::FlatMultiMap;
using db::HashKey;
using db::OneEditKeys;
using db::RegionKeys;
using testing_util::ReferenceDistance;

TEST(Keys, SkeletonFoldsRomanizationSystems) {
  EXPECT_EQ(text::SkeletonKey("yangnyeongsiro"), text::SkeletonKey("yangnyongsiro"));
  EXPECT_EQ(text::SkeletonKey("chunghyeonro"), text::SkeletonKey("chunghyonro"));
  EXPECT_EQ(text::SkeletonKey("kil"), text::SkeletonKey("gil"));
  EXPECT_NE(text::SkeletonKey("dosandaero"), text::SkeletonKey("dobongro"));
  EXPECT_EQ(text::DigitsOf("samseongyoro16gil"), "16");
  EXPECT_EQ(text::DigitsOf("a1b22c"), "1 22");
}

TEST(Keys, EditDistanceMatchesTheFullTable) {
  // Small alphabets make close pairs, transpositions and ties common.
  testing_util::Lcg lcg(12345);
  auto next = [&lcg](uint64_t bound) { return lcg.Next(bound); };
  for (int round = 0; round < 20000; ++round) {
    const char* alphabet = round % 2 ? "ab" : "abcd";
    const uint64_t letters = round % 2 ? 2 : 4;
    std::string a, b;
    const uint64_t n = next(12), m = round % 3 == 0 ? n : next(12);
    for (uint64_t i = 0; i < n; ++i) a.push_back(alphabet[next(letters)]);
    for (uint64_t i = 0; i < m; ++i) b.push_back(alphabet[next(letters)]);
    if (round % 3 == 0 && n >= 2) {  // a copy of a with a few edits
      b = a;
      for (uint64_t e = next(3); e > 0; --e) {
        const size_t p = next(b.size() - 1);
        if (next(2) == 0) std::swap(b[p], b[p + 1]); else b[p] = alphabet[next(letters)];
      }
    }
    const int truth = ReferenceDistance(a, b);
    const text::PatternDistance pattern(a);
    for (int max_d = 0; max_d <= 5; ++max_d) {
      ASSERT_EQ(text::EditDistance(a, b, max_d), std::min(truth, max_d + 1))
          << a << " " << b << " max " << max_d;
      ASSERT_EQ(pattern.Distance(b, max_d), std::min(truth, max_d + 1))
          << a << " " << b << " max " << max_d;
    }
  }
}

TEST(Keys, PatternDistanceOnLongAndEdgePatterns) {
  const std::string p64(64, 'a');
  EXPECT_EQ(text::PatternDistance(p64).Distance(std::string(63, 'a') + "b", 3), 1);
  EXPECT_EQ(text::PatternDistance(p64).Distance(std::string(62, 'a'), 3), 2);
  const std::string p70 = std::string(35, 'a') + std::string(35, 'b');
  EXPECT_EQ(text::PatternDistance(p70).Distance(std::string(35, 'a') + "ab" + std::string(33, 'b'), 3), 1);
  EXPECT_EQ(text::PatternDistance("").Distance("abc", 5), 3);
  EXPECT_EQ(text::PatternDistance("abc").Distance("", 1), 2);
  EXPECT_EQ(text::PatternDistance("sejongdaero").Distance("sejnogdaero", 2), 1);
}

TEST(Keys, EditDistanceStopsEarly) {
  EXPECT_EQ(text::EditDistance("seoul", "soul", 2), 1);
  EXPECT_EQ(text::EditDistance("junggu", "gunggu", 2), 1);
  EXPECT_EQ(text::EditDistance("ab", "ba", 2), 1);  // transposition
  EXPECT_EQ(text::EditDistance("abcdef", "uvwxyz", 2), 3);
  EXPECT_EQ(text::EditDistance("", "abc", 5), 3);
}


// --- OneEditKeys -----------------------------------------------------------

// The build side: a map from `stored` skeletons (as the builder files them).
FlatMultiMap OneEditMap(const std::vector<std::string>& stored) {
  std::vector<std::pair<uint64_t, uint32_t>> pairs;
  for (uint32_t id = 0; id < stored.size(); ++id) {
    OneEditKeys::ForEachKey(stored[id], [&](uint64_t h) { pairs.emplace_back(h, id); });
  }
  return FlatMultiMap::Build(std::move(pairs));
}

// The query side: every stored id that shares a key with `query`.
std::set<uint32_t> OneEditHits(const FlatMultiMap& map, std::string_view query) {
  std::set<uint32_t> hits;
  OneEditKeys::ForEachKey(query, [&](uint64_t h) {
    for (const auto& f : map.Find(h)) hits.insert(f.value);
  });
  return hits;
}

TEST(OneEditKeys, KeysAreTheSkeletonAndItsDistinctDeletions) {
  std::vector<uint64_t> keys;
  OneEditKeys::ForEachKey("sejongdaero", [&](uint64_t h) { keys.push_back(h); });
  std::vector<uint64_t> expected = {HashKey("sejongdaero")};
  for (size_t i = 0; i < 11; ++i) expected.push_back(HashKey(std::string("sejongdaero").erase(i, 1)));
  EXPECT_EQ(keys, expected);
  // Deleting either of two equal neighbours is one key.
  keys.clear();
  OneEditKeys::ForEachKey("ab11cd", [&](uint64_t h) { keys.push_back(h); });
  EXPECT_EQ(keys.size(), 1u + 5u);
  EXPECT_EQ(std::set<uint64_t>(keys.begin(), keys.end()).size(), keys.size());
  // Short skeletons stand for themselves only.
  keys.clear();
  OneEditKeys::ForEachKey("jung", [&](uint64_t h) { keys.push_back(h); });
  EXPECT_EQ(keys, std::vector<uint64_t>{HashKey("jung")});
}

TEST(OneEditKeys, OneEditAwayIsFoundTwoAreNot) {
  const FlatMultiMap map = OneEditMap({"sejongdaero", "toegyero", "jung"});
  for (const char* one : {"sejongdaero", "sejongdero", "sejongdaaero", "sejongdauro", "sejnogdaero",
                          "toegyro", "toegyeero"}) {
    const std::set<uint32_t> hits = OneEditHits(map, one);
    EXPECT_EQ(hits.size(), 1u) << one;
  }
  EXPECT_EQ(OneEditHits(map, "sejongdaero"), std::set<uint32_t>{0});
  EXPECT_EQ(OneEditHits(map, "toegyro"), std::set<uint32_t>{1});
  for (const char* two : {"sezongdaexo", "sejongdxxro", "tuegyeru", "jang"}) {
    EXPECT_TRUE(OneEditHits(map, two).empty()) << two;
  }
}

// Any stored skeleton within one edit of a query is among its hits.
TEST(OneEditKeys, NoOneEditNeighbourIsMissed) {
  testing_util::Lcg lcg(99);
  auto next = [&lcg](uint64_t bound) { return lcg.Next(bound); };
  for (int round = 0; round < 2000; ++round) {
    std::string a;
    for (uint64_t n = 5 + next(8); n > 0; --n) a.push_back("abcd"[next(4)]);
    std::string b = a;
    switch (next(4)) {
      case 0: b[next(b.size())] = "abcd"[next(4)]; break;
      case 1: b.insert(next(b.size() + 1), 1, "abcd"[next(4)]); break;
      case 2: b.erase(next(b.size()), 1); break;
      default: { const size_t p = next(b.size() - 1); std::swap(b[p], b[p + 1]); }
    }
    if (b.size() < OneEditKeys::kMinLength) continue;
    ASSERT_LE(ReferenceDistance(a, b), 1);
    EXPECT_EQ(OneEditHits(OneEditMap({a}), b), std::set<uint32_t>{0}) << a << " " << b;
  }
}

// --- RegionKeys ------------------------------------------------------------

TEST(RegionKeys, SharedRules) {
  EXPECT_EQ(RegionKeys::SidoStem("gyeonggido"), "gyeonggi");
  EXPECT_EQ(RegionKeys::SidoStem("sejongsi"), "sejong");
  EXPECT_EQ(RegionKeys::SidoStem("seoul"), "seoul");
  EXPECT_EQ(RegionKeys::CityStem("수원시"), "수원");
  EXPECT_EQ(RegionKeys::CityStem("양시"), "");  // a one-syllable stem names nothing
  EXPECT_EQ(RegionKeys::CityStem("시"), "");
  EXPECT_EQ(RegionKeys::CityStem("장안구"), "");
  std::vector<std::string> parts;
  RegionKeys::ForEachPart("수원시 장안구", [&](std::string_view p) { parts.emplace_back(p); });
  EXPECT_EQ(parts, (std::vector<std::string>{"수원시", "장안구"}));
}

db::AddressRow RegionRow(std::string sido, std::string sigungu, std::string emd) {
  db::AddressRow r;
  r.mgmt_no = "4111110100100010000100000";
  r.sido = std::move(sido);
  r.sigungu = std::move(sigungu);
  r.emd = std::move(emd);
  r.road_code = "411113000001";
  r.road_name = "정조로";
  r.main = 1;
  r.zip = "16200";
  return r;
}

// Every Latin name the query side compares with a label's words is also an
// exact key of the table the build side made, with the same value.
TEST(RegionKeys, QuerySideNamesAreBuildSideKeys) {
  const auto database = db::Database::FromRows(
      {RegionRow("경기도", "수원시 장안구", "영화동"), RegionRow("서울특별시", "종로구", "청운동"),
       RegionRow("세종특별자치시", "", "조치원읍")});
  const FlatMultiMap& map = database->tables().region_keys;
  const auto names = RegionKeys::LatinNames(*database);
  ASSERT_FALSE(names.empty());
  for (const auto& [key, value] : names) {
    bool found = false;
    for (const auto& f : map.Find(HashKey(key))) found |= f.value == value;
    EXPECT_TRUE(found) << key;
  }
  // The city's bare name is a weak key of its own kind.
  bool stem = false;
  for (const auto& f : map.Find(HashKey("수원"))) stem |= db::RegionKindOf(f.value) == db::RegionKind::kCityStem;
  EXPECT_TRUE(stem);
}

}  // namespace
}  // namespace doro
