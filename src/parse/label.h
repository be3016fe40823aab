// Tokenizing a messy label into atoms: maximal runs of one script — Latin
// letters, digits, or Hangul syllables — with what separated each atom from
// the previous one. "B1721, Nambu Ring-ro" -> b|1721|,nambu| ring|-ro.
// Splitting at every script change un-glues "Seoul경비실", "B93" and
// "Bangok1-gil" without knowing any vocabulary; the matcher then joins atoms
// back into spans and looks the spans up.
#ifndef DORO_PARSE_LABEL_H_
#define DORO_PARSE_LABEL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace doro::parse {

enum class AtomKind : uint8_t { kLatin, kDigits, kHangul };

// What stood between an atom and the one before it, strongest first.
enum class Sep : uint8_t {
  kGlued = 0,  // nothing: "B1721", "Seoul경비실"
  kHyphen,     // "-"
  kSpace,      // white space, dots, other punctuation
  kSlash,      // "/"
  kHash,       // "#" (a unit number follows)
  kComma,      // "," or ";": a field boundary
  kParen,      // "(", ")", "[", "]": a field boundary
};

struct Atom {
  AtomKind kind;
  Sep sep;            // separator before this atom (kComma for the first)
  uint32_t begin;     // byte offsets in the label
  uint32_t end;
  std::string text;   // Latin lower-cased (diacritics dropped), digits, Hangul
  std::string key;    // match key: Latin and digits as text; Hangul romanized
};

// True when a span may not run across this separator.
inline bool IsFieldBoundary(Sep s) { return s == Sep::kComma || s == Sep::kParen; }

// Splits a valid UTF-8 label into atoms. Full-width forms are folded to
// ASCII; apostrophes inside Latin words (McCune-Reischauer "Ch'ŏng") vanish.
std::vector<Atom> Tokenize(std::string_view label);
// The same into *atoms (cleared first; its capacity is reused).
void Tokenize(std::string_view label, std::vector<Atom>* atoms);

// Number of Hangul syllables in a Hangul atom's text.
inline size_t SyllableCount(const Atom& a) { return a.text.size() / 3; }

}  // namespace doro::parse

#endif  // DORO_PARSE_LABEL_H_
