// Translations: parsing the phrase table, phrases by first word (longest
// first), and the words that end a road name.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "db/embedded.h"
#include "match/translations.h"

namespace doro::match {
namespace {

constexpr std::string_view kTable =
    "# comment lines and blank lines are skipped\n"
    "\n"
    "South Mountain\t남산\n"
    "seoul\t서울\n"
    "Seoul Forest\t서울숲\n"
    "university\t대학\n"
    "university\t대학교\n"
    "Express Highway\t고속도로\n"
    "a line without a tab\n"
    "...\t없음\n";

std::vector<std::vector<std::string>> WordsOf(const std::vector<Translations::Phrase>* phrases) {
  std::vector<std::vector<std::string>> out;
  if (phrases != nullptr) {
    for (const auto& p : *phrases) out.push_back(p.words);
  }
  return out;
}

TEST(Translations, ParsesPhrasesAndSkipsWhatIsNotOne) {
  const Translations t = Translations::Parse(kTable);
  EXPECT_EQ(t.size(), 6u);  // no tab, or no English word: not a phrase
  const auto* south = t.StartingWith("south");
  ASSERT_NE(south, nullptr);
  ASSERT_EQ(south->size(), 1u);
  EXPECT_EQ((*south)[0].words, (std::vector<std::string>{"south", "mountain"}));
  EXPECT_EQ((*south)[0].key, "namsan");
  // Only the first word finds a phrase; words are lower case.
  EXPECT_EQ(t.StartingWith("mountain"), nullptr);
  EXPECT_EQ(t.StartingWith("South"), nullptr);
  EXPECT_EQ(t.StartingWith(""), nullptr);
}

TEST(Translations, MultiWordPhrasesComeFirst) {
  const Translations t = Translations::Parse(kTable);
  EXPECT_EQ(WordsOf(t.StartingWith("seoul")),
            (std::vector<std::vector<std::string>>{{"seoul", "forest"}, {"seoul"}}));
  // One word, two translations: both, in table order.
  const auto* university = t.StartingWith("university");
  ASSERT_NE(university, nullptr);
  ASSERT_EQ(university->size(), 2u);
  EXPECT_EQ((*university)[0].key, "daehak");
  EXPECT_EQ((*university)[1].key, "daehakgyo");
}

TEST(Translations, EndsRoadNameOnlyForTheLastWordOfARoadPhrase) {
  const Translations t = Translations::Parse(kTable);
  EXPECT_TRUE(t.EndsRoadName("highway"));  // 고속도로 ends in 로
  EXPECT_FALSE(t.EndsRoadName("express"));
  EXPECT_FALSE(t.EndsRoadName("mountain"));
  EXPECT_FALSE(t.EndsRoadName("university"));
  EXPECT_FALSE(t.EndsRoadName(""));
}

TEST(Translations, TheBuiltInTableParses) {
  const Translations t = Translations::Parse(embedded::Translations());
  EXPECT_GT(t.size(), 10u);
}

}  // namespace
}  // namespace doro::match
