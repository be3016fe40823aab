// RoadScanTable: the lower bounds never rule out a road within reach, the
// digit groups hold exactly the roads with those digits, and Distance is
// the plain edit distance of the keys or of the skeletons.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "db/flat_map.h"
#include "match/road_scan.h"
#include "text/keys.h"
#include "text_test_util.h"

namespace doro::match {
namespace {

using testing_util::ReferenceDistance;

struct Road {
  std::string key, skeleton;
};

RoadScanTable TableOf(const std::vector<Road>& roads) {
  RoadScanTable t;
  t.Reserve(roads.size());
  for (const auto& r : roads) t.Add(r.key, r.skeleton);
  t.Group(0, static_cast<uint32_t>(roads.size()));
  return t;
}

Road RoadOf(std::string key) { return {key, text::SkeletonKey(key)}; }

TEST(RoadScanTable, DigitGroupsHoldExactlyThoseDigits) {
  const std::vector<Road> roads = {RoadOf("samseongyoro16gil"), RoadOf("sejongdaero"),
                                   RoadOf("samseongyoro12gil"), RoadOf("dosandaero16gil"),
                                   RoadOf("toegyero")};
  const RoadScanTable t = TableOf(roads);
  auto roads_with = [&](std::string_view digits) {
    std::set<uint32_t> out;
    for (const auto& e : t.WithDigits(0, 5, db::HashKey(digits))) out.insert(e.road);
    return out;
  };
  EXPECT_EQ(roads_with("16"), (std::set<uint32_t>{0, 3}));
  EXPECT_EQ(roads_with("12"), (std::set<uint32_t>{2}));
  EXPECT_EQ(roads_with(""), (std::set<uint32_t>{1, 4}));
  EXPECT_TRUE(roads_with("7").empty());
  EXPECT_EQ(t.digits(0), db::HashKey("16"));
  EXPECT_EQ(t.key(1), "sejongdaero");
  EXPECT_EQ(t.skeleton(1), text::SkeletonKey("sejongdaero"));
  // A range past the table is empty, not a crash.
  EXPECT_TRUE(t.WithDigits(4, 9, db::HashKey("")).empty());
}

TEST(RoadScanTable, LongNamesAreKeptOutOfLine) {
  const std::string long_key(70, 'a');
  const RoadScanTable t = TableOf({{long_key, "aaa"}, {"short", "sort"}});
  EXPECT_EQ(t.key(0), long_key);
  EXPECT_EQ(t.skeleton(0), "aaa");
  EXPECT_EQ(t.key(1), "short");
  EXPECT_EQ(t.skeleton(1), "sort");
}

// Over random names: the bounds (MayBeWithin, SignatureBound) never exceed
// the true distance, and Distance is min(key distance, skeleton distance)
// capped at d + 1.
TEST(RoadScanTable, BoundsAndDistanceAgreeWithAPlainEditDistance) {
  testing_util::Lcg lcg(7);
  auto next = [&lcg](uint64_t bound) { return lcg.Next(bound); };
  auto word = [&](std::string_view alphabet) {
    std::string w;
    for (uint64_t n = 3 + next(10); n > 0; --n) w.push_back(alphabet[next(alphabet.size())]);
    return w;
  };
  std::vector<Road> roads;
  for (int i = 0; i < 200; ++i) roads.push_back({word("abdegr"), word("abdeg")});
  const RoadScanTable t = TableOf(roads);
  const auto entries = t.WithDigits(0, static_cast<uint32_t>(roads.size()), db::HashKey(""));
  ASSERT_EQ(entries.size(), roads.size());
  for (int round = 0; round < 100; ++round) {
    const std::string key = word("abdegr"), skeleton = word("abdeg");
    const RoadScanTable::Query q(key, skeleton);
    for (const auto& e : entries) {
      const Road& r = roads[e.road];
      const int truth = std::min(ReferenceDistance(key, r.key), ReferenceDistance(skeleton, r.skeleton));
      ASSERT_LE(RoadScanTable::SignatureBound(q.key_sig, e.key_sig), ReferenceDistance(key, r.key));
      ASSERT_LE(RoadScanTable::SignatureBound(q.skeleton_sig, e.skeleton_sig),
                ReferenceDistance(skeleton, r.skeleton));
      for (int d = 0; d <= 3; ++d) {
        if (truth <= d) ASSERT_TRUE(RoadScanTable::MayBeWithin(q, e, d)) << key << " " << r.key;
        ASSERT_EQ(t.Distance(q, e.road, d), std::min(truth, d + 1)) << key << " " << r.key << " d " << d;
      }
    }
  }
}

TEST(RoadScanTable, LengthAloneRulesARoadOut) {
  const RoadScanTable t = TableOf({{"abcdefghij", "abcdefghij"}});
  const RoadScanTable::Query q("abc", "abc");
  const auto e = t.WithDigits(0, 1, db::HashKey(""));
  ASSERT_EQ(e.size(), 1u);
  EXPECT_FALSE(RoadScanTable::MayBeWithin(q, e[0], 2));
  EXPECT_TRUE(RoadScanTable::MayBeWithin(q, e[0], 7));
}

}  // namespace
}  // namespace doro::match
