// Tests of the generators' shared random numbers (testgen/rng.h): the
// engines' first outputs are pinned, since every generated label and
// synthetic database depends on them.
#include "testgen/rng.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace doro::gen {
namespace {

TEST(RngTest, SplitMixMatchesTheReferenceOutput) {
  // The published splitmix64 outputs for seed 0.
  SplitMixRng rng(0);
  EXPECT_EQ(rng.Next(), 0xE220A8397B1DCDAFull);
  EXPECT_EQ(rng.Next(), 0x6E789E6AA1B965F4ull);
  EXPECT_EQ(rng.Next(), 0x06C45D188009454Full);
}

TEST(RngTest, XoshiroFirstOutputsArePinned) {
  XoshiroRng rng(1);
  EXPECT_EQ(rng.Next(), 0xB3F2AF6D0FC710C5ull);
  EXPECT_EQ(rng.Next(), 0x853B559647364CEAull);
  EXPECT_EQ(rng.Next(), 0x92F89756082A4514ull);
  EXPECT_EQ(MixSeeds(1, 2), 0x09A23C3A0FFEDFE9ull);
}

TEST(RngTest, ReductionsArePinned) {
  SplitMixRng mod(7);
  for (uint64_t want : {87, 4, 46, 3, 74}) EXPECT_EQ(mod.Mod(100), want);
  XoshiroRng below(7);
  for (uint64_t want : {70, 27, 83, 98, 99}) EXPECT_EQ(below.Below(100), want);
  XoshiroRng ints(7);
  for (int want : {2, -2, 4}) EXPECT_EQ(ints.Int(-5, 5), want);
}

TEST(RngTest, SameSeedSameStream) {
  SplitMixRng a(42), b(42), c(43);
  XoshiroRng x(42), y(42);
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    const uint64_t va = a.Next();
    EXPECT_EQ(va, b.Next());
    differs |= va != c.Next();
    EXPECT_EQ(x.Next(), y.Next());
  }
  EXPECT_TRUE(differs);
}

TEST(RngTest, DrawsStayInRange) {
  XoshiroRng rng(3);
  SplitMixRng small(3);
  const std::vector<int> v = {10, 20, 30};
  const std::array<int, 2> a = {1, 2};
  for (int i = 0; i < 1000; ++i) {
    EXPECT_LT(rng.Below(7), 7u);
    EXPECT_LT(small.Mod(7), 7u);
    const int n = rng.Int(-3, 3);
    EXPECT_GE(n, -3);
    EXPECT_LE(n, 3);
    const double u = rng.Unit();
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, 1.0);
    const int picked = small.Pick(v);
    EXPECT_TRUE(picked == 10 || picked == 20 || picked == 30);
    EXPECT_LE(small.Pick(a), 2);
  }
  EXPECT_EQ(rng.Below(0), 0u);
  EXPECT_EQ(small.Mod(0), 0u);
  EXPECT_FALSE(small.Percent(0));
  EXPECT_TRUE(small.Percent(100));
  EXPECT_FALSE(rng.Chance(0.0));
  EXPECT_TRUE(rng.Chance(1.0));
}

}  // namespace
}  // namespace doro::gen
