#include "match/regions.h"

#include <algorithm>
#include <cstring>

#include "db/district_changes.h"
#include "db/region_keys.h"
#include "db/sido.h"
#include "text/keys.h"
#include "text/romanize.h"

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
  AddRedirects();
}

namespace {

// True when the 시군구 name `name` ("남구", "창원시", "부천시 원미구") names
// the database region `region_ko`: the same name, or the 시 of its 구.
bool Names(std::string_view region_ko, std::string_view name) {
  if (region_ko == name) return true;
  return region_ko.size() > name.size() && region_ko.starts_with(name) && region_ko[name.size()] == ' ';
}

// The last space-separated part: the 구 of "부천시 원미구".
std::string_view LastPart(std::string_view name) {
  const size_t sp = name.rfind(' ');
  return sp == std::string_view::npos ? name : name.substr(sp + 1);
}

}  // namespace

// Computed when the engine opens (from the embedded table and the
// database's regions), so the index format does not change: a few dozen rows.
void RegionFinder::AddRedirects() {
  const auto& t = db_.tables();
  const auto sidos = db::AllSido();
  auto sido_of = [&](std::string_view ko) {
    return static_cast<uint32_t>(db::FindSidoByKorean(ko) - sidos.data());
  };
  auto regions_named = [&](uint32_t sido, std::string_view name) {
    std::vector<uint32_t> out;
    for (uint32_t id = 0; id < t.regions.size(); ++id) {
      if (t.regions[id].sido != sido) continue;
      const std::string_view ko = db_.str(t.regions[id].name_ko);
      if (name.empty() ? ko.empty() : Names(ko, name)) out.push_back(id);
    }
    return out;
  };
  std::vector<std::pair<uint64_t, uint32_t>> keys;
  // The keys of a name as the region table makes them (Korean and its
  // romanizations), and of its English form of the time.
  auto add_keys = [&](std::string_view korean, std::string_view english, uint32_t index) {
    keys.emplace_back(db::HashKey(korean), index);
    for (const auto& k : text::RomanizationKeys(korean)) {
      if (!k.empty()) keys.emplace_back(db::HashKey(k), index);
    }
    english = english.substr(0, english.find(','));  // "Wonmi-gu, Bucheon-si" -> "Wonmi-gu"
    if (const std::string k = text::MatchKey(english); !k.empty()) keys.emplace_back(db::HashKey(k), index);
  };
  auto names_current = [&](std::string_view korean) {
    if (!t.region_keys.Find(db::HashKey(korean)).empty()) return true;
    for (const auto& k : text::RomanizationKeys(korean)) {
      if (!k.empty() && !t.region_keys.Find(db::HashKey(k)).empty()) return true;
    }
    return false;
  };
  for (const db::DistrictChange& c : db::AllDistrictChanges()) {
    const uint32_t from_sido = sido_of(c.from_sido), to_sido = sido_of(c.to_sido);
    if (c.SidoRenamed()) {
      // 강원도 -> 강원특별자치도: the 시도 table reads both names already
      // (db/sido.h); the row only tells that the label used the old one.
      const auto index = static_cast<uint32_t>(redirects_.size());
      redirects_.push_back({from_sido, to_sido, false, {db::PackRegion(db::RegionKind::kSido, to_sido)}});
      // An English name of the time that is still the current one ("Gangwon-do"
      // in the admin tables of 2024, and the romanization of 강원도) is no old name.
      const std::string current = text::MatchKey(sidos[to_sido].english);
      auto add = [&](const std::string& key) {
        if (!key.empty() && key != current) keys.emplace_back(db::HashKey(key), index);
      };
      keys.emplace_back(db::HashKey(c.from_sido), index);
      for (const auto& k : text::RomanizationKeys(c.from_sido)) add(k);
      add(text::MatchKey(c.from_en));
      continue;
    }
    if (c.from_area.empty()) continue;
    // Old name -> new areas, and (for an older database) new name -> old
    // areas; 세종's new "name" is its 시도, which the 시도 table knows.
    struct Side {
      uint32_t sido;
      std::string_view area, english;
    };
    const Side old_side{from_sido, c.from_area, c.from_en}, new_side{to_sido, c.to_area, ""};
    for (const auto& [from, to] : {std::pair{old_side, new_side}, std::pair{new_side, old_side}}) {
      if (from.area.empty()) continue;
      if (!regions_named(from.sido, from.area).empty()) continue;  // still an area here: never redirected
      const std::vector<uint32_t> targets = regions_named(to.sido, to.area);
      if (targets.empty()) continue;
      Redirect r{from.sido, to.sido, names_current(LastPart(from.area)), {}};
      for (uint32_t id : targets) r.values.push_back(db::PackRegion(db::RegionKind::kSigungu, id));
      const auto index = static_cast<uint32_t>(redirects_.size());
      redirects_.push_back(std::move(r));
      add_keys(LastPart(from.area), from.english, index);
    }
  }
  redirect_keys_ = db::FlatMultiMap::Build(std::move(keys));
}

void RegionFinder::Redirected(const LabelAtoms& label, const std::vector<Scratch::Lookup>& lookups,
                              Scratch* scratch, std::vector<Scratch::Found>* found) const {
  auto& hits = scratch->redirected;
  hits.clear();
  if (redirect_keys_.size() == 0) return;  // no change of the table concerns this database
  for (const auto& l : lookups) {
    for (const auto& f : redirect_keys_.Find(l.hash)) hits.push_back({l.begin, l.end, f.value});
  }
  // A Hangul word's key is its romanization, which an old name may share
  // with the current English ("강원도", "Gangwon-do"): its Korean too.
  for (int i = 0; i < label.size(); ++i) {
    if (label.atoms[i].kind != AtomKind::kHangul) continue;
    for (const auto& f : redirect_keys_.Find(HashKey(label.atoms[i].text))) hits.push_back({i, i + 1, f.value});
  }
  if (hits.empty()) return;
  std::sort(hits.begin(), hits.end());
  hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
  const size_t named = found->size();  // the names found, before any redirect adds to them
  auto names_sido = [&](uint32_t sido) {
    const uint32_t v = db::PackRegion(RegionKind::kSido, sido);
    for (size_t i = 0; i < named; ++i) {
      if ((*found)[i].value == v) return true;
    }
    return false;
  };
  const size_t n_hits = hits.size();
  for (size_t h = 0; h < n_hits; ++h) {
    const auto hit = hits[h];
    const Redirect& r = redirects_[hit.value];
    if (r.needs_sido && !names_sido(r.from_sido)) continue;
    for (uint32_t v : r.values) hits.push_back({hit.begin, hit.end, v});
    if (r.to_sido != r.from_sido) {
      // "Gunwi-gun, Gyeongsangbuk-do": the old 시도 named beside the moved
      // area is evidence for the new one.
      const uint32_t old_sido = db::PackRegion(RegionKind::kSido, r.from_sido);
      for (size_t i = 0; i < named; ++i) {
        const auto f = (*found)[i];
        if (f.value == old_sido) hits.push_back({f.begin, f.end, db::PackRegion(RegionKind::kSido, r.to_sido)});
      }
    }
  }
  hits.erase(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(n_hits));
  found->insert(found->end(), hits.begin(), hits.end());
}

void RegionFinder::FindGluedSido(const LabelAtoms& label, Scratch* scratch) const {
  const auto& map = db_.tables().region_keys;
  const WordTable& words = WordTable::Builtin();
  auto& glued = scratch->glued_sido;
  glued.clear();
  auto sido_of = [&](std::string_view text) -> uint32_t {
    for (const auto& f : map.Find(HashKey(text))) {
      if (db::RegionKindOf(f.value) == RegionKind::kSido) return db::RegionIdOf(f.value);
    }
    return db::kNone;
  };
  auto names_sigungu = [&](std::string_view text) {
    const uint64_t hash = HashKey(text);
    for (const auto& f : map.Find(hash)) {
      if (db::RegionKindOf(f.value) == RegionKind::kSigungu) return true;
    }
    return !redirect_keys_.Find(hash).empty();
  };
  for (int i = 0; i < label.size(); ++i) {
    const Atom& a = label.atoms[i];
    if (a.kind != AtomKind::kHangul) continue;
    const size_t syl = parse::SyllableCount(a);
    // A 시도 of two syllables or more (서울, 인천광역시), then a 시군구 of two
    // or more that ends the word.
    for (size_t e = 2; e + 2 <= syl; ++e) {
      const std::string_view head(a.text.data(), e * 3), rest(a.text.data() + e * 3, (syl - e) * 3);
      if ((words.RolesOf(rest.substr(rest.size() - 3)) & kRegionSyllable) == 0) break;
      const uint32_t sido = sido_of(head);
      if (sido == db::kNone || !names_sigungu(rest)) continue;
      glued.push_back({i, i + 1, db::PackRegion(RegionKind::kSido, sido)});
      break;
    }
  }
}

void RegionFinder::KeepGluedSido(const Scratch& scratch, std::vector<Scratch::Found>* found) const {
  if (scratch.glued_sido.empty()) return;
  const auto& t = db_.tables();
  // The word is the two names whole: another 시도, or a 읍면동 read across
  // their boundary ("대전동구" holds 전동), is no reading of it either.
  std::erase_if(*found, [&](const Scratch::Found& f) {
    const RegionKind kind = db::RegionKindOf(f.value);
    const uint32_t id = db::RegionIdOf(f.value);
    for (const auto& g : scratch.glued_sido) {
      if (g.begin != f.begin || g.end != f.end) continue;
      const uint32_t sido = db::RegionIdOf(g.value);
      if (kind == RegionKind::kSido) return id != sido;  // "경기광주시" holds 광주시, 광주광역시 too
      return kind != RegionKind::kSigungu || t.regions[id].sido != sido;
    }
    return false;
  });
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
  FindGluedSido(label, scratch);
  found.insert(found.end(), scratch->glued_sido.begin(), scratch->glued_sido.end());
  Redirected(label, lookups, scratch, &found);
  KeepGluedSido(*scratch, &found);
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
  for (const auto& f : scratch->redirected) {
    const auto it = std::lower_bound(out->spans.begin(), out->spans.end(), f, [](const RegionSpan& r, const auto& x) {
      return r.begin != x.begin ? r.begin < x.begin : r.end < x.end;
    });
    if (it != out->spans.end() && it->begin == f.begin && it->end == f.end) {
      out->renamed.push_back({static_cast<int>(it - out->spans.begin()), f.value});
    }
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
