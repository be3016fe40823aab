// Stage 1: the word table (data/words.tsv) and the atoms' roles.
#include <gtest/gtest.h>

#include <string>

#include "match/atoms.h"
#include "match/words.h"
#include "match_test_util.h"

namespace doro::match {
namespace {

TEST(WordTable, ParsesRolesWordsAndSuffixes) {
  WordTable t;
  std::string error;
  ASSERT_TRUE(WordTable::Parse("# comment\n\nroad\tgeneric_road,means_ro\n-ro\troad_end\n지하\tbasement\n",
                               &t, &error))
      << error;
  EXPECT_EQ(t.RolesOf("road"), kGenericRoad | kMeansRo);
  EXPECT_EQ(t.RolesOf("지하"), kBasement);
  EXPECT_EQ(t.RolesOf("roads"), 0);
  EXPECT_EQ(t.RolesOf(""), 0);
  EXPECT_EQ(t.RolesOf("ro"), 0) << "a suffix is not a word";
  EXPECT_TRUE(t.EndsWith("sejongro", kRoadEnd));
  EXPECT_TRUE(t.EndsWith("ro", kRoadEnd)) << "a suffix ends itself";
  EXPECT_FALSE(t.EndsWith("sejongro", kRegionEnd));
  EXPECT_FALSE(t.EndsWith("", kRoadEnd));
}

TEST(WordTable, RejectsUnknownRolesAndLinesWithoutRoles) {
  WordTable t;
  std::string error;
  EXPECT_FALSE(WordTable::Parse("road\tgeneric_road\nst\tstreetish\n", &t, &error));
  EXPECT_NE(error.find("line 2"), std::string::npos) << error;
  EXPECT_NE(error.find("streetish"), std::string::npos) << error;
  EXPECT_FALSE(WordTable::Parse("road\n", &t, &error));
  EXPECT_FALSE(WordTable::Parse("-\troad_end\n", &t, &error));
}

TEST(WordTable, GluedRoadStemNeedsThreeLettersOfName) {
  WordTable t;
  std::string error;
  ASSERT_TRUE(WordTable::Parse("-road\tglued_road,means_ro\n-st\tglued_road\n", &t, &error)) << error;
  uint32_t roles = 0;
  EXPECT_EQ(t.GluedRoadStem("seosomunroad", &roles), "seosomun");
  EXPECT_EQ(roles, kGluedRoad | kMeansRo);
  EXPECT_EQ(t.GluedRoadStem("itaewonst", &roles), "itaewon");
  EXPECT_EQ(roles, kGluedRoad);
  EXPECT_EQ(t.GluedRoadStem("east", &roles), "") << "two letters are no name";
  EXPECT_EQ(t.GluedRoadStem("toegye", &roles), "");
}

TEST(WordTable, BuiltinTableHasEveryKindOfWord) {
  const WordTable& t = WordTable::Builtin();
  EXPECT_TRUE(t.RolesOf("street") & kGenericRoad);
  EXPECT_TRUE(t.RolesOf("ri") & kNotRoadEnd);
  EXPECT_TRUE(t.RolesOf("underground") & kBasement);
  EXPECT_TRUE(t.RolesOf("지하") & kBasement);
  EXPECT_TRUE(t.RolesOf("ho") & kUnitAfter);
  EXPECT_TRUE(t.RolesOf("호실") & kUnitAfter);
  EXPECT_TRUE(t.RolesOf("suite") & kUnitBefore);
  EXPECT_TRUE(t.RolesOf("번길") & kRoadPartAfter);
  EXPECT_TRUE(t.RolesOf("동") & kRegionSyllable);
  EXPECT_TRUE(t.EndsWith("jeollanamdo", kRegionEnd));
  EXPECT_TRUE(t.EndsWith("남부순환로", kRoadEnd));
  EXPECT_FALSE(t.EndsWith("seoul", kRegionEnd));
  EXPECT_TRUE(t.RolesOf("korea") & kNotName);
  EXPECT_TRUE(t.RolesOf("경비실") & kNotName);
  EXPECT_TRUE(t.RolesOf("university") & kOrganisation);
  EXPECT_TRUE(t.RolesOf("zip") & kPostcodeWord);
  EXPECT_FALSE(t.RolesOf("ring") & kNotName) << "ring translates (Nambu Ring-ro)";
}

TEST(LabelAtoms, RolesAndRoadEndsPerAtom) {
  testing::PreparedLabel p("B1721, Nambu Ring-ro, Gwanak-gu, Seoul 3F highway");
  const LabelAtoms& l = p.atoms;
  ASSERT_EQ(l.size(), 11);  // b 1721 nambu ring ro gwanak gu seoul 3 f highway
  EXPECT_TRUE(l.Has(0, kBasement));
  EXPECT_EQ(l.roles[1], 0) << "digits have no roles";
  EXPECT_FALSE(l.terminal[3]) << "ring";
  EXPECT_TRUE(l.terminal[4]) << "ro";
  EXPECT_NE(l.phrases[3], nullptr) << "ring starts a translated phrase";
  EXPECT_EQ(l.first_phrase, 3);
  EXPECT_TRUE(l.Has(9, kUnitAfter)) << "f of 3F";
  EXPECT_TRUE(l.terminal[10]) << "a translated road word ends a road name";
}

TEST(LabelAtoms, GenericRoadWordsEndRoadsButRiDoesNot) {
  testing::PreparedLabel p("Toegye Road 리 Sinan ri Toegyerd 세종대로");
  const LabelAtoms& l = p.atoms;
  ASSERT_EQ(l.size(), 7);
  EXPECT_TRUE(l.generic(1) && l.terminal[1]) << "road";
  EXPECT_TRUE(l.generic(2)) << "Hangul 리 reads as the key ri";
  EXPECT_FALSE(l.terminal[2]);
  EXPECT_FALSE(l.terminal[4]) << "ri is a village";
  EXPECT_TRUE(l.terminal[5]) << "glued generic word";
  EXPECT_TRUE(l.terminal[6]) << "Hangul road name";
}

TEST(LabelAtoms, ANumeralsReadingInParenthesesIsDropped) {
  testing::PreparedLabel p("Dongin-dong 1(il)-ga, Ildo 2(i)-dong, Suite (o) 5");
  const LabelAtoms& l = p.atoms;
  ASSERT_EQ(l.size(), 10);  // dongin dong 1 ga ildo 2 dong suite o 5
  EXPECT_EQ(l.atoms[3].key, "ga");
  EXPECT_EQ(l.atoms[3].sep, parse::Sep::kHyphen);
  EXPECT_EQ(l.atoms[6].key, "dong");
  EXPECT_EQ(l.atoms[8].key, "o") << "not after a digit: kept";
}

}  // namespace
}  // namespace doro::match
