#include "match/atoms.h"

namespace doro::match {

using parse::Atom;
using parse::AtomKind;

namespace {

uint16_t RolesOf(const Atom& a, const WordTable& words) {
  constexpr uint16_t kFromKey = kGenericRoad | kMeansRo | kNotRoadEnd;
  switch (a.kind) {
    case AtomKind::kDigits: return 0;
    case AtomKind::kLatin: return words.RolesOf(a.key);  // the key is the text
    case AtomKind::kHangul:
      return static_cast<uint16_t>((words.RolesOf(a.text) & ~kFromKey) | (words.RolesOf(a.key) & kFromKey));
  }
  return 0;
}

// May the atom end a road name: a road-name ending (-ro, 길), a generic road
// word, one glued to a name ("toegyerd"), or a translated road word
// ("highway").
bool IsRoadTerminal(const Atom& a, uint16_t roles, const WordTable& words, const Translations& tr) {
  if (a.kind == AtomKind::kLatin) {
    if (tr.EndsRoadName(a.key)) return true;
    if (roles & kNotRoadEnd) return false;  // 리 (a village) far more often than a road
    uint16_t glued = 0;
    return words.EndsWith(a.key, kRoadEnd) || (roles & kGenericRoad) ||
           !words.GluedRoadStem(a.key, &glued).empty();
  }
  return a.kind == AtomKind::kHangul && words.EndsWith(a.text, kRoadEnd);
}

}  // namespace

void ReadAtoms(std::string_view label, const WordTable& words, const Translations& translations,
               LabelAtoms* out) {
  out->label = label;
  parse::Tokenize(label, &out->atoms);
  const size_t n = out->atoms.size();
  out->roles.resize(n);
  out->terminal.resize(n);
  out->phrases.resize(n);
  out->first_phrase = -1;
  for (size_t i = 0; i < n; ++i) {
    const Atom& a = out->atoms[i];
    out->roles[i] = RolesOf(a, words);
    out->terminal[i] = IsRoadTerminal(a, out->roles[i], words, translations);
    out->phrases[i] = a.kind == AtomKind::kLatin ? translations.StartingWith(a.key) : nullptr;
    if (out->phrases[i] != nullptr && out->first_phrase < 0) out->first_phrase = static_cast<int>(i);
  }
}

}  // namespace doro::match
