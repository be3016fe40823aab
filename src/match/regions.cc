#include "match/regions.h"

#include <algorithm>
#include <cstring>

#include "db/region_keys.h"
#include "text/keys.h"

namespace doro::match {

using db::HashKey;
using db::RegionKind;
using parse::Atom;
using parse::AtomKind;
using parse::Sep;

namespace {

constexpr int kMaxRegionSpanAtoms = 4;

}  // namespace

bool RegionEvidence::Allows(uint32_t region, uint32_t sido, int begin, int end) const {
  for (const auto& c : constraints) {
    if (c.begin < end && c.end > begin) continue;  // part of the road's own words
    bool matched = false;
    for (uint32_t v : ValuesOf(spans[c.span])) {
      const uint32_t id = db::RegionIdOf(v);
      matched |= db::RegionKindOf(v) == RegionKind::kSido ? id == sido : id == region;
    }
    if (!matched) return false;
  }
  return true;
}

RoadRegions::RoadRegions(const db::Database& db) : db_(db) {
  const auto& t = db.tables();
  if (t.regions.size() <= UINT16_MAX) {
    small_.reserve(t.roads.size());
    for (const auto& r : t.roads) small_.push_back(static_cast<uint16_t>(r.region));
  }
}

RegionFinder::RegionFinder(const db::Database& db) : db_(db) {
  for (auto& [key, value] : db::RegionKeys::LatinNames(db_)) typo_keys_.push_back({std::move(key), value});
}

void RegionFinder::Find(const LabelAtoms& label, Scratch* scratch, RegionEvidence* out) const {
  const auto& atoms = label.atoms;
  const auto& map = db_.tables().region_keys;
  const int n = label.size();
  const WordTable& words = WordTable::Builtin();
  out->Clear();
  // Every span's keys first, then all lookups after prefetching their slots.
  auto& lookups = scratch->lookups;
  lookups.clear();
  auto add = [&](int b, int e, uint64_t hash) { lookups.push_back({b, e, hash}); };
  // A name of several words ends in a region-name ending ("Seoul Special
  // City", "Jung gu", "Jeolla-namdo"): other multi-word spans cannot be one,
  // and each lookup into the region table may be a cache miss.
  auto& unit_end = scratch->unit_end;
  unit_end.resize(n);
  for (int j = 0; j < n; ++j) unit_end[j] = words.EndsWith(atoms[j].key, kRegionEnd);
  for (int i = 0; i < n; ++i) {
    if (atoms[i].kind == AtomKind::kDigits || label.Has(i, kNotName)) continue;
    // The span's keys are hashed as they grow, one atom at a time.
    db::KeyHasher key, korean;
    bool korean_ok = true;
    for (int j = i; j < n && j - i < kMaxRegionSpanAtoms; ++j) {
      if (j > i && (parse::IsFieldBoundary(atoms[j].sep) || label.Has(j, kNotName))) break;
      key.Add(atoms[j].key);
      if (j > i && atoms[j].sep != Sep::kGlued) korean_ok = false;
      if (atoms[j].kind == AtomKind::kLatin) korean_ok = false;
      if (korean_ok) korean.Add(atoms[j].text);
      if (atoms[j].kind == AtomKind::kDigits) continue;  // 종로1가: digits inside only
      if (j > i && !unit_end[j]) continue;
      add(i, j + 1, key.Hash());
      if (korean_ok && j > i) add(i, j + 1, korean.Hash());
    }
    // Korean written without spaces: "서울특별시관악구" holds two names,
    // each ending in a region syllable.
    const Atom& a = atoms[i];
    const size_t syl = parse::SyllableCount(a);
    if (a.kind == AtomKind::kHangul && syl >= 3) {
      for (size_t e = 2; e <= syl; ++e) {
        if ((words.RolesOf(std::string_view(a.text.data() + (e - 1) * 3, 3)) & kRegionSyllable) == 0) continue;
        for (size_t b = 0; b + 2 <= e; ++b) {
          if (b == 0 && e == syl) continue;  // the whole atom: done above
          add(i, i + 1, HashKey(std::string_view(a.text.data() + b * 3, (e - b) * 3)));
        }
      }
    }
  }
  for (const auto& l : lookups) map.Prefetch(l.hash);
  auto& found = scratch->found;
  found.clear();
  for (const auto& l : lookups) {
    for (const auto& f : map.Find(l.hash)) found.push_back({l.begin, l.end, f.value});
  }
  // One span per (begin, end), its values sorted and distinct.
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  for (const auto& f : found) {
    if (out->spans.empty() || out->spans.back().begin != f.begin || out->spans.back().end != f.end) {
      out->spans.push_back({f.begin, f.end, static_cast<uint32_t>(out->values.size()), 0, false});
    }
    out->values.push_back(f.value);
    ++out->spans.back().count;
  }
  // A region word in an organisation's name says little of where the
  // organisation is ("Chungnam National University" is in 대전): the spans
  // right before an organisation word are weak, and so are 시도 names right
  // before those ("Daegu Gyeongbuk Institute"); a 구 or 동 before them
  // ("Yuseong-gu Daejeon University") is still the address's.
  auto names_sido_only = [&](const RegionSpan& r) {
    for (uint32_t v : out->ValuesOf(r)) {
      if (db::RegionKindOf(v) != RegionKind::kSido) return false;
    }
    return true;
  };
  for (int s = static_cast<int>(out->spans.size()) - 1; s >= 0; --s) {
    auto& r = out->spans[s];
    const int e = r.end;
    if (e >= n || parse::IsFieldBoundary(atoms[e].sep)) continue;
    if (label.Has(e, kOrganisation)) {
      r.weak = true;
      continue;
    }
    if (!names_sido_only(r)) continue;
    for (const auto& o : out->spans) {
      if (o.weak && o.begin == e) {
        r.weak = true;
        break;
      }
    }
  }
  // The constraints: spans naming a 시도 or 시군구 and no 읍면동 (a city's bare
  // name beside them changes nothing); Score applies the same rule to
  // candidates.
  for (int s = 0; s < static_cast<int>(out->spans.size()); ++s) {
    const auto& r = out->spans[s];
    if (r.weak) continue;
    bool strong = false, area = false;
    for (uint32_t v : out->ValuesOf(r)) {
      const RegionKind k = db::RegionKindOf(v);
      strong |= k == RegionKind::kSido || k == RegionKind::kSigungu;
      area |= k == RegionKind::kArea;
    }
    if (strong && !area) out->constraints.push_back({r.begin, r.end, s});
  }
}

void RegionFinder::FindTypos(const LabelAtoms& label, RegionEvidence* out) const {
  const auto& atoms = label.atoms;
  const int n = label.size();
  for (int i = 0; i < n; ++i) {
    if (atoms[i].kind == AtomKind::kDigits) continue;
    std::string key;
    for (int j = i; j < n && j - i < 2; ++j) {
      if (j > i && parse::IsFieldBoundary(atoms[j].sep)) break;
      if (atoms[j].kind == AtomKind::kDigits) break;
      key += atoms[j].key;
      if (key.size() < 4) continue;
      const int max_d = key.size() >= 6 ? 2 : 1;
      RegionSpan span{i, j + 1, static_cast<uint32_t>(out->values.size()), 0, true};
      for (const auto& nk : typo_keys_) {
        const int d = text::EditDistance(key, nk.key, max_d);
        if (d >= 1 && d <= max_d) {
          out->values.push_back(nk.value);
          ++span.count;
        }
      }
      if (span.count > 0) out->spans.push_back(span);
    }
  }
}

}  // namespace doro::match
