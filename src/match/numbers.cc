#include "match/numbers.h"

#include <string_view>

namespace doro::match {

using parse::Atom;
using parse::AtomKind;
using parse::Sep;

namespace {

int ToInt(std::string_view digits) {
  if (digits.empty() || digits.size() > 6) return -1;
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

bool NumberReadings::AdjacentTo(int begin, int end) const {
  for (const auto& num : numbers) {
    if (num.end == begin || num.begin == end) return true;
  }
  return false;
}

void ReadNumbers(const LabelAtoms& label, const RegionEvidence& regions, NumberReadings* out) {
  const auto& atoms = label.atoms;
  const int n = label.size();
  out->numbers.clear();
  out->zips.clear();
  out->zip_atoms.clear();
  out->zip_sure.clear();
  auto& consumed = out->consumed;
  consumed.assign(n, 0);
  // Digits that are part of a region's name: "Dongin-dong 1-ga".
  for (const auto& r : regions.spans) {
    if (r.weak) continue;
    for (int i = r.begin; i < r.end; ++i) consumed[i] |= atoms[i].kind == AtomKind::kDigits;
  }
  // A unit word before a number claims it unless the word has its own
  // ordinal already: "3rd floor 31-15" is floor 3 and building 31-15. (A
  // bare number before the word may be the building's: "100 Apt 201".)
  auto has_own_number = [&](int unit) {
    return unit >= 2 && atoms[unit - 2].kind == AtomKind::kDigits && atoms[unit - 1].sep == Sep::kGlued &&
           label.Has(unit - 1, kUnitAfter) && label.Has(unit, kUnitAfter);  // "3rd floor", "2nd fl"
  };
  // Words after a number that claim it: a unit, floor or block, or a part
  // of a road name ("16-gil").
  // ("12 Dong-gu" is the 구 named 동, not block 12.)
  auto claims_after = [&](int i) {
    const bool district = atoms[i].key == "dong" && i + 1 < n && atoms[i + 1].key == "gu" &&
                          (atoms[i + 1].sep == Sep::kGlued || atoms[i + 1].sep == Sep::kHyphen);
    return !district && (label.Has(i, kUnitAfter) || label.Has(i, kRoadPartAfter));
  };
  for (int i = 0; i < n; ++i) {
    const Atom& a = atoms[i];
    if (a.kind != AtomKind::kDigits || consumed[i]) continue;
    const Atom* next = i + 1 < n ? &atoms[i + 1] : nullptr;
    if (a.text.size() == 5 || a.text.size() == 6) {  // a postal code, or now and then a long building number
      out->zips.push_back(static_cast<uint32_t>(ToInt(a.text)));
      out->zip_atoms.push_back(i);
      out->zip_sure.push_back(true);
    }
    if (a.text.size() > 5) continue;
    // "151-742", "(700-809)": an old six-digit postcode. In parentheses it
    // is nothing else; elsewhere 700-809 may still be a building, never 700.
    const bool old_zip = a.text.size() == 3 && next != nullptr && next->kind == AtomKind::kDigits &&
                         next->sep == Sep::kHyphen && next->text.size() == 3;
    if (old_zip) {
      const bool in_parens = a.sep == Sep::kParen && (i + 2 == n || atoms[i + 2].sep == Sep::kParen);
      out->zips.push_back(static_cast<uint32_t>(ToInt(a.text) * 1000 + ToInt(next->text)));
      out->zip_atoms.push_back(i);
      // Sure only in parentheses or after a postcode word: "101-302" is as
      // often a 동-호.
      out->zip_sure.push_back(in_parens || (i > 0 && label.Has(i - 1, kPostcodeWord)));
      if (in_parens) {
        consumed[i + 1] = true;
        continue;
      }
    }
    // "042-869-2114", "03-123-4567": a phone number, no building in it.
    if (next != nullptr && next->kind == AtomKind::kDigits && next->sep == Sep::kHyphen && i + 2 < n &&
        atoms[i + 2].kind == AtomKind::kDigits && atoms[i + 2].sep == Sep::kHyphen) {
      for (int k = i + 1; k < n && atoms[k].kind == AtomKind::kDigits && atoms[k].sep == Sep::kHyphen; ++k) {
        consumed[k] = true;
      }
      continue;
    }
    if (next != nullptr && next->sep != Sep::kComma && next->sep != Sep::kParen && claims_after(i + 1)) {
      continue;
    }
    // "101-302호": a 동 and a 호, neither of them a building.
    if (old_zip && i + 2 < n && !parse::IsFieldBoundary(atoms[i + 2].sep) && claims_after(i + 2)) {
      consumed[i + 1] = true;
      continue;
    }
    if (a.sep == Sep::kHash) continue;
    if (i > 0 && a.sep != Sep::kComma && a.sep != Sep::kParen && label.Has(i - 1, kUnitBefore) &&
        !has_own_number(i - 1)) {
      continue;
    }
    // "Zip 34141", "Postal code 151-742": only a postcode's shape is claimed
    // ("Zip | 60-10, Gyebaek-ro" still holds building 60-10).
    if (i > 0 && label.Has(i - 1, kPostcodeWord) && (a.text.size() >= 5 || old_zip)) continue;
    // "042-869-2114": the parts after a hyphen belong to the number before.
    if (i > 0 && a.sep == Sep::kHyphen && atoms[i - 1].kind == AtomKind::kDigits) continue;
    NumberReading num{i, i + 1, i, static_cast<uint32_t>(ToInt(a.text)), 0, false};
    // "15-25": a sub-number, unless the second part is a unit. "101-1203"
    // is as often dong-ho (both readings are kept, the DB check decides);
    // "113-99" is 113-99 or nothing, and "700-809" is never 700.
    if (next != nullptr && next->kind == AtomKind::kDigits && next->sep == Sep::kHyphen &&
        next->text.size() <= 4) {
      const bool after = i + 2 < n;
      if (!after || atoms[i + 2].sep == Sep::kComma || atoms[i + 2].sep == Sep::kParen ||
          !claims_after(i + 2)) {
        NumberReading with_sub = num;
        with_sub.sub = static_cast<uint32_t>(ToInt(next->text));
        with_sub.end = i + 2;
        consumed[i + 1] = true;
        out->numbers.push_back(with_sub);
        if (old_zip) continue;
        num.dropped_sub = true;
        num.partial = next->text.size() < 3;
      }
    }
    out->numbers.push_back(num);
  }
  // Basement markers: right before the number ("B93", "B 93", "B, 93",
  // "지하 300", "G/F 160", "B1 127") or right after it ("93B", "127, B,",
  // "127 지하").
  for (auto& num : out->numbers) {
    int b = num.begin - 1;
    if (b >= 0 && atoms[b].kind == AtomKind::kLatin && atoms[b].key == "f" && b >= 1 &&
        atoms[b - 1].key == "g") {
      num.basement = true;
      num.begin = b - 1;
      continue;
    }
    if (b >= 0 && label.Has(b, kBasement)) {
      num.basement = true;
      num.begin = b;
      continue;
    }
    if (b >= 1 && atoms[b].kind == AtomKind::kDigits && atoms[b].text.size() == 1 &&
        atoms[b].sep == Sep::kGlued && label.Has(b - 1, kBasement) && !parse::IsFieldBoundary(atoms[num.begin].sep)) {
      num.basement = true;  // "B1 127": the first basement level, at entrance 127
      num.begin = b - 1;
      continue;
    }
    const int e = num.end;
    if (e < n && label.Has(e, kBasement) &&
        (atoms[e].sep == Sep::kGlued ||  // "1001B"
         !(e + 1 < n && atoms[e + 1].kind == AtomKind::kDigits &&
           !parse::IsFieldBoundary(atoms[e + 1].sep)))) {
      num.basement = true;
      num.end = e + 1;
    }
  }
}

}  // namespace doro::match
