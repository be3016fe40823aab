// Stage 1: the label's atoms (parse/label.h) with what the later stages ask
// of each: its word roles (match/words.h), whether it may end a road name,
// and the translated phrases starting at it.
#ifndef DORO_MATCH_ATOMS_H_
#define DORO_MATCH_ATOMS_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "match/translations.h"
#include "match/words.h"
#include "parse/label.h"

namespace doro::match {

struct LabelAtoms {
  std::string_view label;
  std::vector<parse::Atom> atoms;
  // Per atom: WordRole bits. kGenericRoad is read from the match key (a
  // Hangul 리 is "ri"), the other roles from the text of a Latin or Hangul
  // atom; digits have none.
  std::vector<uint32_t> roles;
  std::vector<uint8_t> terminal;  // may end a road name
  std::vector<const std::vector<Translations::Phrase>*> phrases;  // or null
  int first_phrase = -1;  // the first atom that starts a translated phrase

  int size() const { return static_cast<int>(atoms.size()); }
  bool Has(int i, WordRole role) const { return (roles[i] & role) != 0; }
  bool generic(int i) const { return Has(i, kGenericRoad); }
};

// Tokenizes `label` (valid UTF-8) into *out, reusing its capacity.
void ReadAtoms(std::string_view label, const WordTable& words, const Translations& translations,
               LabelAtoms* out);

}  // namespace doro::match

#endif  // DORO_MATCH_ATOMS_H_
