#include <gtest/gtest.h>

#include "parse/label.h"

namespace doro::parse {
namespace {

std::vector<std::string> Texts(const std::vector<Atom>& atoms) {
  std::vector<std::string> out;
  for (const auto& a : atoms) out.push_back(a.text);
  return out;
}

TEST(Tokenize, SplitsAtEveryScriptChange) {
  const auto atoms = Tokenize("B1721, Nambu Ring-ro, Seoul경비실");
  EXPECT_EQ(Texts(atoms),
            (std::vector<std::string>{"b", "1721", "nambu", "ring", "ro", "seoul", "경비실"}));
  EXPECT_EQ(atoms[1].sep, Sep::kGlued);
  EXPECT_EQ(atoms[2].sep, Sep::kComma);
  EXPECT_EQ(atoms[3].sep, Sep::kSpace);
  EXPECT_EQ(atoms[4].sep, Sep::kHyphen);
  EXPECT_EQ(atoms[6].sep, Sep::kGlued);
  EXPECT_EQ(atoms[0].kind, AtomKind::kLatin);
  EXPECT_EQ(atoms[1].kind, AtomKind::kDigits);
  EXPECT_EQ(atoms[6].kind, AtomKind::kHangul);
}

TEST(Tokenize, KeepsByteOffsets) {
  const std::string label = "229, 당산로";
  const auto atoms = Tokenize(label);
  ASSERT_EQ(atoms.size(), 2u);
  EXPECT_EQ(label.substr(atoms[1].begin, atoms[1].end - atoms[1].begin), "당산로");
}

TEST(Tokenize, StrongestSeparatorWins) {
  const auto atoms = Tokenize("Seoul (Sinsa-dong)Republic");
  ASSERT_EQ(atoms.size(), 4u);
  EXPECT_EQ(atoms[1].sep, Sep::kParen);  // " (" -> paren
  EXPECT_EQ(atoms[3].sep, Sep::kParen);  // ")" glued to the next word
}

TEST(Tokenize, FoldsFullWidthDiacriticsAndApostrophes) {
  EXPECT_EQ(Texts(Tokenize("Ｓｅｏｕｌ １２")), (std::vector<std::string>{"seoul", "12"}));
  EXPECT_EQ(Texts(Tokenize("Ch'ŏnggye-ch'ŏn")), (std::vector<std::string>{"chonggye", "chon"}));
}

TEST(Tokenize, HashAndSlash) {
  const auto atoms = Tokenize("G/F #302");
  ASSERT_EQ(atoms.size(), 3u);
  EXPECT_EQ(atoms[1].sep, Sep::kSlash);
  EXPECT_EQ(atoms[2].sep, Sep::kHash);
}

TEST(Tokenize, SurvivesGarbage) {
  EXPECT_TRUE(Tokenize("").empty());
  EXPECT_TRUE(Tokenize("!!! ,,, ###").empty());
  std::string bad = "abc\xff\xfe 12";
  EXPECT_EQ(Texts(Tokenize(bad)), (std::vector<std::string>{"abc", "12"}));
}

}  // namespace
}  // namespace doro::parse
