#include "match/lots.h"

#include <algorithm>
#include <charconv>

namespace doro::match {

using parse::AtomKind;
using parse::Sep;

namespace {

constexpr int kMaxAreaAtoms = 3;

bool IsMountainMarker(const parse::Atom& a) {
  return a.text == "산" || a.text == "san" || a.text == "mt";
}

// 번지 and its romanizations: the lot number's own word.
bool IsLotWord(const parse::Atom& a) {
  return a.text == "번지" || a.text == "bunji" || a.text == "beonji" || a.text == "번";
}

bool ParseNumber(const parse::Atom& a, uint32_t* v) {
  if (a.kind != AtomKind::kDigits || a.text.size() > 5 || a.text.front() == '0') return false;
  std::from_chars(a.text.data(), a.text.data() + a.text.size(), *v);
  return true;
}

// A lot number at atom `i`: N, N-M; *end is past it (and past 번지).
bool ReadLotNumber(const LabelAtoms& label, int i, uint32_t* main, uint32_t* sub, int* end) {
  const auto& atoms = label.atoms;
  const int n = label.size();
  if (i >= n || !ParseNumber(atoms[i], main)) return false;
  *sub = 0;
  int j = i + 1;
  if (j < n && atoms[j].sep == Sep::kHyphen && ParseNumber(atoms[j], sub)) ++j;
  // A number glued to letters is a unit or a road's ("3F", "16-gil").
  if (j < n && atoms[j].sep == Sep::kGlued && !IsLotWord(atoms[j])) return false;
  if (j < n && IsLotWord(atoms[j]) && !parse::IsFieldBoundary(atoms[j].sep)) ++j;
  *end = j;
  return true;
}

}  // namespace

void LotFinder::AreaSpans(const LabelAtoms& label, const RegionEvidence& regions,
                          std::vector<AreaSpan>* out) const {
  const auto& t = db_.tables();
  auto allowed = [&](uint32_t area, int b, int e) {
    const auto& a = t.areas[area];
    return a.legal_code != 0 && regions.Allows(a.region, t.regions[a.region].sido, b, e);
  };
  for (const RegionSpan& r : regions.spans) {
    if (r.weak) continue;
    for (uint32_t v : regions.ValuesOf(r)) {
      if (db::RegionKindOf(v) != db::RegionKind::kArea) continue;
      const uint32_t id = db::RegionIdOf(v);
      if (id < t.areas.size() && allowed(id, r.begin, r.end)) out->push_back({r.begin, r.end, id});
    }
  }
  // 리 names: spans ending in "ri" / 리, looked up in their own table.
  const auto& atoms = label.atoms;
  const int n = label.size();
  for (int i = 0; i < n; ++i) {
    if (atoms[i].kind == AtomKind::kDigits) continue;
    db::KeyHasher key, korean;
    bool korean_ok = true;
    for (int j = i; j < n && j - i < kMaxAreaAtoms; ++j) {
      if (j > i && parse::IsFieldBoundary(atoms[j].sep)) break;
      key.Add(atoms[j].key);
      korean_ok &= atoms[j].kind == AtomKind::kHangul && (j == i || atoms[j].sep == Sep::kGlued);
      if (korean_ok) korean.Add(atoms[j].text);
      if (!atoms[j].key.ends_with("ri")) continue;
      for (uint64_t h : {key.Hash(), korean_ok ? korean.Hash() : 0}) {
        if (h == 0) continue;
        for (const auto& f : t.ri_keys.Find(h)) {
          if (f.value < t.areas.size() && allowed(f.value, i, j + 1)) out->push_back({i, j + 1, f.value});
        }
      }
    }
  }
}

void LotFinder::Find(const LabelAtoms& label, const RegionEvidence& regions, LotReadings* out) const {
  out->Clear();
  thread_local std::vector<AreaSpan> spans;
  spans.clear();
  AreaSpans(label, regions, &spans);
  const auto& atoms = label.atoms;
  const int n = label.size();
  for (const AreaSpan& s : spans) {
    // "Yulhadong-ro", "판암동로": the 동's name inside a road's.
    if (s.end < n && atoms[s.end].sep != Sep::kSpace && !parse::IsFieldBoundary(atoms[s.end].sep) &&
        (label.Has(s.end, kRoadEnd) || label.generic(s.end))) {
      continue;
    }
    uint32_t main = 0, sub = 0;
    int end = 0;
    // After the area: "판암동 15-3", "신안리 산 12".
    int k = s.end;
    bool mountain = false;
    if (k < n && !parse::IsFieldBoundary(atoms[k].sep) && IsMountainMarker(atoms[k])) {
      mountain = true;
      ++k;
    }
    if (k < n && (k == s.end || !parse::IsFieldBoundary(atoms[k].sep)) &&
        (k > s.end || atoms[k].sep != Sep::kParen) && ReadLotNumber(label, k, &main, &sub, &end)) {
      out->lots.push_back({s.begin, end, s.begin, s.end, s.area, mountain, main, sub});
    }
    // Before it: "15-3 Panam-dong", "San 12, Sinan-ri".
    for (int b = s.begin - 1; b >= 0 && b >= s.begin - 3; --b) {
      if (!ReadLotNumber(label, b, &main, &sub, &end) || end != s.begin) continue;
      const bool mt = b > 0 && IsMountainMarker(atoms[b - 1]) && !parse::IsFieldBoundary(atoms[b].sep);
      if (b > 0 && atoms[b - 1].kind == AtomKind::kDigits && atoms[b].sep == Sep::kHyphen) continue;
      out->lots.push_back({mt ? b - 1 : b, s.end, s.begin, s.end, s.area, mt, main, sub});
      break;
    }
  }
  // A 리 name repeats across 읍/면 (신흥리): where the label names the 읍/면,
  // the 리 of the others are not meant.
  const auto& t = db_.tables();
  auto parent_named = [&](const LotReading& r) {
    const uint32_t parent = t.areas[r.area].parent;
    for (const RegionSpan& span : regions.spans) {
      if (span.weak) continue;
      for (uint32_t v : regions.ValuesOf(span)) {
        if (db::RegionKindOf(v) == db::RegionKind::kArea && db::RegionIdOf(v) == parent) return true;
      }
    }
    return false;
  };
  if (std::any_of(out->lots.begin(), out->lots.end(), parent_named)) {
    std::erase_if(out->lots, [&](const LotReading& r) { return t.areas[r.area].ri && !parent_named(r); });
  }
}

}  // namespace doro::match
