// English words that stand, on labels, for a translated part of a Korean
// name: "Nambu Ring-ro" is 남부순환로, "South Mountain" is 남산. The table is
// data (data/translations.tsv, compiled in); this module turns it into
// romanized keys the matcher can splice into a span.
#ifndef DORO_MATCH_TRANSLATIONS_H_
#define DORO_MATCH_TRANSLATIONS_H_

#include <bitset>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace doro::match {

class Translations {
 public:
  // Parses "english<TAB>korean" lines; '#' lines and blank lines are skipped,
  // malformed lines are ignored (the table is ours and tested separately).
  static Translations Parse(std::string_view tsv);

  struct Phrase {
    std::vector<std::string> words;  // lower-case English words
    std::string key;                 // romanized key of the Korean word
  };

  // Phrases whose first word is `word`, longest first.
  const std::vector<Phrase>* StartingWith(std::string_view word) const;

  size_t size() const { return count_; }

  // True when `word` ends a phrase whose Korean ends a road name (로, 길):
  // "highway" (고속도로), so the matcher treats it like "-ro".
  bool EndsRoadName(std::string_view word) const {
    return road_shapes_.MayHold(word) && road_words_.find(word) != road_words_.end();
  }

 private:
  // Both lookups run for every Latin atom of every label and nearly all
  // miss: a bit set, hashed from each word's length, first and last letter,
  // rules most words out before hashing the whole word (no false negatives;
  // shapes may share a bit).
  class Shapes {
   public:
    void Add(std::string_view w) { bits_.set(Bit(w)); }
    bool MayHold(std::string_view w) const { return !w.empty() && bits_.test(Bit(w)); }

   private:
    static size_t Bit(std::string_view w) {
      if (w.empty()) return 0;
      const size_t h = (w.size() * 0x9E37u) ^ (static_cast<unsigned char>(w.front()) * 0x2F1u) ^
                       (static_cast<unsigned char>(w.back()) * 0x61u);
      return h % kBits;
    }
    static constexpr size_t kBits = 8192;
    std::bitset<kBits> bits_;
  };
  Shapes first_shapes_, road_shapes_;
  // Looked up by string_view without building a std::string (every Latin
  // atom of every label is looked up).
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::vector<Phrase>, Hash, std::equal_to<>> by_first_word_;
  size_t count_ = 0;
  std::unordered_set<std::string, Hash, std::equal_to<>> road_words_;
};

}  // namespace doro::match

#endif  // DORO_MATCH_TRANSLATIONS_H_
