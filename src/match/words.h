// The words that play a part on a label — road-type words, unit and floor
// words, basement markers, the endings of road and region names — and the
// role each plays. The list is data (data/words.tsv, compiled in); this
// module answers "which roles does this word have" for the matcher's stages.
#ifndef DORO_MATCH_WORDS_H_
#define DORO_MATCH_WORDS_H_

#include <array>
#include <bitset>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace doro::match {

// Roles, as bits; data/words.tsv names them.
enum WordRole : uint32_t {
  kGenericRoad = 1 << 0,     // "road", "st": a road without saying which kind
  kMeansRo = 1 << 1,         // a generic word most often meaning 로 ("Road")
  kNotRoadEnd = 1 << 2,      // generic, yet never ends a road name (리)
  kRoadEnd = 1 << 3,         // suffix: ends a road name (-ro, 길)
  kGluedRoad = 1 << 4,       // suffix: a generic road word glued to a name
  kRegionEnd = 1 << 5,       // suffix of a romanized key: ends a region name
  kRegionSyllable = 1 << 6,  // a syllable ending a region name in glued Hangul
  kBasement = 1 << 7,        // marks a basement entrance next to a number
  kUnitAfter = 1 << 8,       // after a number: a unit, floor or block
  kUnitBefore = 1 << 9,      // before a number: a unit
  kRoadPartAfter = 1 << 10,  // after a number: part of a road name (16-gil)
  kBranchBeon = 1 << 11,     // the 번 of a branch road inside its name (bun, bon)
  kBranchGil = 1 << 12,      // a glued 번길 (bungil)
  kNumeralReading = 1 << 13, // "il" of "1(il)-ga": a digit's Korean reading
  kOrganisation = 1 << 14,   // after a region word, makes it an organisation's name
  kPostcodeWord = 1 << 15,   // before a number, says it is a postcode (Zip, Postal)
  kNotName = 1 << 16,        // the country or a delivery note's word: in no road or region name
  // What a unit word makes of its number (units.h): 101동, 3층, 1203호.
  kUnitDong = 1 << 17,
  kUnitFloor = 1 << 18,
  kUnitHo = 1 << 19,
  kRegionKind = 1 << 20,     // a word of a 시도's official kind: Special, Self-Governing, City
};

class WordTable {
 public:
  // Parses "word<TAB>role,role" lines ('#' and blank lines skipped). Returns
  // false and sets *error (with the line number) on an unknown role or a
  // line without roles.
  static bool Parse(std::string_view tsv, WordTable* out, std::string* error);

  // The table compiled in from data/words.tsv.
  static const WordTable& Builtin();

  // The roles of `word` as a whole word (lower-case Latin or Hangul).
  uint32_t RolesOf(std::string_view word) const {
    if (word.empty() || word.size() > kMaxWord || !shapes_.test(Shape(word))) return 0;
    const auto it = words_.find(word);
    return it == words_.end() ? 0 : it->second;
  }

  // True when `word` ends with (or is) a suffix listed with `role`.
  bool EndsWith(std::string_view word, WordRole role) const;

  // "toegyerd" -> "toegye": the name before a glued generic road word (at
  // least three letters), and the suffix's roles in *roles; "" when none.
  std::string_view GluedRoadStem(std::string_view word, uint32_t* roles) const;

 private:
  struct Suffix {
    std::string text;
    uint32_t roles;
  };
  static constexpr size_t kMaxWord = 32;
  static constexpr size_t kShapeBits = 8192;
  // Most atoms are names, not listed words: a bit per (length, first, last
  // byte) rules them out before hashing.
  static size_t Shape(std::string_view w) {
    return ((w.size() * 0x9E37u) ^ (static_cast<unsigned char>(w.front()) * 0x2F1u) ^
            (static_cast<unsigned char>(w.back()) * 0x61u)) %
           kShapeBits;
  }
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> words_;
  std::bitset<kShapeBits> shapes_;
  // Suffixes by their last byte, in file order.
  std::array<std::vector<Suffix>, 256> suffixes_;
};

}  // namespace doro::match

#endif  // DORO_MATCH_WORDS_H_
