// Stage 4: building-number readings. Every run of digits that can be a
// building number ("93", "15-25", "B93", "B, 93", "93B", "지하 300",
// "G/F 160") becomes a reading; numbers that a unit, floor or road word
// claims ("1203-ho", "3F", "Apt 302", "16-gil", "#302") do not, and
// five-digit numbers and old six-digit postcodes ("151-742", "(700-809)",
// "700809") are kept as postal codes, and phone numbers ("042-869-2114")
// give nothing. Digits inside a region's name ("Jongno 1-ga", "일도2동";
// not a weak span) are never building numbers. Which reading is the
// building number is decided later, by the database (score.h).
#ifndef DORO_MATCH_NUMBERS_H_
#define DORO_MATCH_NUMBERS_H_

#include <cstdint>
#include <vector>

#include "match/atoms.h"
#include "match/regions.h"

namespace doro::match {

struct NumberReading {
  int begin, end;    // atoms [begin, end), marker included
  int main_atom;     // the atom holding the main number
  uint32_t main, sub;
  bool basement;
  bool dropped_sub = false;  // "15-1203" read as 15 (the 1203 taken for a unit)
  // "113-99" read as 113: kept so that the answer can name it, but it never
  // makes the answer (the label said 113-99, which does not exist).
  bool partial = false;
};

// The stage's result.
struct NumberReadings {
  std::vector<NumberReading> numbers;
  std::vector<uint32_t> zips;  // postal codes seen: 5 digits, or 6 (2013 and before)
  std::vector<int> zip_atoms;  // and their atoms
  std::vector<uint8_t> zip_sure;  // and whether nothing else reads them (not "101-302")
  std::vector<uint8_t> consumed;  // scratch: atoms read as a sub-number

  // True when a number stands right before or after atoms [begin, end).
  bool AdjacentTo(int begin, int end) const;
};

// Reads the numbers of `label` into *out (cleared first); `regions` are the
// label's region spans (their digits are part of a name).
void ReadNumbers(const LabelAtoms& label, const RegionEvidence& regions, NumberReadings* out);

}  // namespace doro::match

#endif  // DORO_MATCH_NUMBERS_H_
