// Stage 4: building-number readings. Every run of digits that can be a
// building number ("93", "15-25", "B93", "B, 93", "93B", "지하 300",
// "G/F 160") becomes a reading; numbers that a unit, floor or road word
// claims ("1203-ho", "3F", "Apt 302", "16-gil", "#302") do not, and
// five-digit numbers are also kept as postal codes. Which reading is the
// building number is decided later, by the database (score.h).
#ifndef DORO_MATCH_NUMBERS_H_
#define DORO_MATCH_NUMBERS_H_

#include <cstdint>
#include <vector>

#include "match/atoms.h"

namespace doro::match {

struct NumberReading {
  int begin, end;    // atoms [begin, end), marker included
  int main_atom;     // the atom holding the main number
  uint32_t main, sub;
  bool basement;
  bool dropped_sub = false;  // "15-25" read as 15 (the 25 taken for a unit)
};

// The stage's result.
struct NumberReadings {
  std::vector<NumberReading> numbers;
  std::vector<uint32_t> zips;  // 5-digit numbers seen
  std::vector<int> zip_atoms;  // and their atoms
  std::vector<uint8_t> consumed;  // scratch: atoms read as a sub-number

  // True when a number stands right before or after atoms [begin, end).
  bool AdjacentTo(int begin, int end) const;
};

// Reads the numbers of `label` into *out (cleared first).
void ReadNumbers(const LabelAtoms& label, NumberReadings* out);

}  // namespace doro::match

#endif  // DORO_MATCH_NUMBERS_H_
