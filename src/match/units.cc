#include "match/units.h"

#include <string>

namespace doro::match {

using parse::AtomKind;
using parse::Sep;

namespace {

bool Joined(const parse::Atom& a) { return a.sep == Sep::kGlued || a.sep == Sep::kHyphen || a.sep == Sep::kSpace; }

// Ordinal endings between a number and its floor word: "3rd floor".
bool IsOrdinal(const parse::Atom& a) {
  return a.text == "st" || a.text == "nd" || a.text == "rd" || a.text == "th";
}

// True when a '#' stands right before atom `a` (spaces between allowed):
// ", #302" has a comma for its separator, but the '#' still marks a room.
bool HashBefore(std::string_view label, const parse::Atom& a) {
  size_t p = a.begin;
  while (p > 0 && label[p - 1] == ' ') --p;
  return p > 0 && label[p - 1] == '#';
}

}  // namespace

void ReadUnit(const LabelAtoms& label, const std::vector<uint8_t>& taken, int after, bool apartment,
              UnitReading* out) {
  const auto& atoms = label.atoms;
  const int n = label.size();
  out->unit = Unit();
  out->atoms.assign(n, 0);
  out->guessed = false;
  Unit& u = out->unit;
  auto free = [&](int i) { return i >= 0 && i < n && !taken[i] && !out->atoms[i]; };
  auto word_after = [&](int i) {  // the unit word right after atom i, or -1
    int j = i + 1;
    if (j < n && Joined(atoms[j]) && IsOrdinal(atoms[j]) && atoms[j].sep == Sep::kGlued) ++j;
    return j < n && Joined(atoms[j]) && free(j) ? j : -1;
  };
  for (int i = 0; i < n; ++i) {
    if (atoms[i].kind != AtomKind::kDigits || !free(i)) continue;
    const std::string& d = atoms[i].text;
    // A basement floor: "B1 floor", "B1F", "지하1층".
    const bool basement = i > 0 && free(i - 1) && label.Has(i - 1, kBasement) && !parse::IsFieldBoundary(atoms[i].sep);
    const int w = word_after(i);
    if (w >= 0 && (label.Has(w, kUnitDong) || label.Has(w, kUnitHo) || label.Has(w, kUnitFloor))) {
      std::string* slot = label.Has(w, kUnitDong) ? &u.dong : label.Has(w, kUnitHo) ? &u.ho : &u.floor;
      if (!slot->empty()) continue;
      *slot = (slot == &u.floor && basement) ? "B" + d : d;
      for (int k = (slot == &u.floor && basement) ? i - 1 : i; k <= w; ++k) out->atoms[k] = 1;
      continue;
    }
    // "#302", "Room 301", "Suite 2401", "Apt 302".
    const bool hash = HashBefore(label.label, atoms[i]);
    const bool marked = hash ||
                        (i > 0 && free(i - 1) && label.Has(i - 1, kUnitBefore) && label.Has(i - 1, kUnitHo) &&
                         Joined(atoms[i]));
    if (marked && u.ho.empty()) {
      u.ho = d;
      if (!hash) out->atoms[i - 1] = 1;
      out->atoms[i] = 1;
      // "#302-1": the rest of the number is the room's too.
      if (i + 1 < n && atoms[i + 1].sep == Sep::kHyphen && atoms[i + 1].kind == AtomKind::kDigits && free(i + 1)) {
        u.ho += "-" + atoms[i + 1].text;
        out->atoms[i + 1] = 1;
      }
      continue;
    }
    // "B1" beside an address that has its number: a basement floor.
    if (basement && after >= 0 && u.floor.empty() && (i + 1 >= n || !Joined(atoms[i + 1]) || atoms[i + 1].sep == Sep::kSpace)) {
      u.floor = "B" + d;
      out->atoms[i - 1] = out->atoms[i] = 1;
      continue;
    }
    // A bare "101-1203" after an apartment's number: 동 and 호, a guess.
    if (apartment && after >= 0 && i >= after && u.empty() && i + 1 < n && atoms[i + 1].sep == Sep::kHyphen &&
        atoms[i + 1].kind == AtomKind::kDigits && free(i + 1) &&
        (i + 2 >= n || parse::IsFieldBoundary(atoms[i + 2].sep) || atoms[i + 2].sep == Sep::kSpace)) {
      u.dong = d;
      u.ho = atoms[i + 1].text;
      out->atoms[i] = out->atoms[i + 1] = 1;
      out->guessed = true;
    }
  }
  // "Apt." before a unit read above is the unit's word too.
  for (int i = 0; i + 1 < n; ++i) {
    if (out->atoms[i + 1] && free(i) && label.Has(i, kUnitBefore) && atoms[i].kind == AtomKind::kLatin) out->atoms[i] = 1;
  }
  if (u.empty()) {
    out->atoms.assign(n, 0);
    return;
  }
  int first = -1, last = -1;
  for (int i = 0; i < n; ++i) {
    if (!out->atoms[i]) continue;
    if (first < 0) first = i;
    last = i;
  }
  size_t begin = atoms[first].begin;
  if (HashBefore(label.label, atoms[first])) begin = label.label.rfind('#', begin);
  u.text = std::string(label.label.substr(begin, atoms[last].end - begin));
}

}  // namespace doro::match
