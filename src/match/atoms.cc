#include "match/atoms.h"

namespace doro::match {

using parse::Atom;
using parse::AtomKind;

namespace {

uint32_t RolesOf(const Atom& a, const WordTable& words) {
  constexpr uint32_t kFromKey = kGenericRoad | kMeansRo | kNotRoadEnd | kBranchBeon;
  switch (a.kind) {
    case AtomKind::kDigits: return 0;
    case AtomKind::kLatin: return words.RolesOf(a.key);  // the key is the text
    case AtomKind::kHangul:
      return static_cast<uint32_t>((words.RolesOf(a.text) & ~kFromKey) | (words.RolesOf(a.key) & kFromKey));
  }
  return 0;
}

// May the atom end a road name: a road-name ending (-ro, 길), a generic road
// word, one glued to a name ("toegyerd"), or a translated road word
// ("highway").
bool IsRoadTerminal(const Atom& a, uint32_t roles, const WordTable& words, const Translations& tr) {
  if (a.kind == AtomKind::kLatin) {
    if (tr.EndsRoadName(a.key)) return true;
    if (roles & kNotRoadEnd) return false;  // 리 (a village) far more often than a road
    uint32_t glued = 0;
    return words.EndsWith(a.key, kRoadEnd) || (roles & kGenericRoad) ||
           !words.GluedRoadStem(a.key, &glued).empty();
  }
  return a.kind == AtomKind::kHangul && words.EndsWith(a.text, kRoadEnd);
}

// "Jongno 1(il)-ga", "Ildo 2(i)-dong": official English names repeat a
// digit's Korean reading in parentheses. The reading goes, and what follows
// joins the digit as in "Jongno 1-ga", so the name reads as one span.
void DropNumeralReadings(std::vector<Atom>* atoms, const WordTable& words) {
  auto& v = *atoms;
  size_t out = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    const bool reading = i > 0 && v[i].kind == AtomKind::kLatin && v[i].sep == parse::Sep::kParen &&
                         v[i - 1].kind == AtomKind::kDigits &&
                         (words.RolesOf(v[i].key) & kNumeralReading) != 0 &&
                         (i + 1 == v.size() || v[i + 1].sep == parse::Sep::kParen);
    if (reading) {
      if (i + 1 < v.size()) v[i + 1].sep = parse::Sep::kHyphen;
      continue;
    }
    if (out != i) v[out] = std::move(v[i]);
    ++out;
  }
  v.resize(out);
}

}  // namespace

void ReadAtoms(std::string_view label, const WordTable& words, const Translations& translations,
               LabelAtoms* out) {
  out->label = label;
  parse::Tokenize(label, &out->atoms);
  DropNumeralReadings(&out->atoms, words);
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
