#include "match/matcher.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <optional>

#include "db/sido.h"
#include "parse/label.h"
#include "text/keys.h"
#include "text/romanize.h"
#include "text/utf8.h"

namespace doro::match {

using db::FlatEntry;
using db::HashKey;
using db::kNone;
using db::RegionKind;
using parse::Atom;
using parse::AtomKind;
using parse::Sep;

namespace {

// How a road was found, best first; the value is the base score.
constexpr float kExact = 10.0f;
constexpr float kTranslated = 9.5f;
constexpr float kSkeleton = 9.0f;
constexpr float kOneEdit = 7.5f;
constexpr float kRegionScan = 6.0f;

// Scores below the best by less than this are equals: no guessing.
constexpr float kTieMargin = 0.75f;

constexpr size_t kMaxSpanAtoms = 8;
constexpr size_t kMaxRegionSpanAtoms = 4;

// s ends with the literal: inlined to a length test and a fixed-size
// compare (string_view::ends_with was an out-of-line call per test, and
// these run for every atom of every label).
template <size_t N>
[[gnu::always_inline]] inline bool EndsWith(std::string_view s, const char (&lit)[N]) {
  return s.size() >= N - 1 && std::memcmp(s.data() + s.size() - (N - 1), lit, N - 1) == 0;
}

// Always inlined: with the list known at the call site, most words are
// rejected by their length alone.
[[gnu::always_inline]] inline bool IsOneOf(std::string_view s, std::initializer_list<std::string_view> list) {
  for (auto x : list) {
    if (s == x) return true;
  }
  return false;
}

// Words that mean "road" without saying which kind.
bool IsGenericRoadWord(std::string_view w) {
  return IsOneOf(w, {"road", "rd", "street", "st", "str", "avenue", "ave", "av",
                     "boulevard", "blvd", "way", "lane", "ln", "ri"});
}

// "toegyerd", "seosomunroad": a generic road word glued to the name. Returns
// the name part, or "" when there is none.
std::string_view GluedGenericStem(std::string_view w) {
  auto stem = [&](size_t suffix) { return w.substr(0, w.size() - suffix); };
  if (w.size() >= 7 && EndsWith(w, "road")) return stem(4);
  if (w.size() >= 9 && EndsWith(w, "street")) return stem(6);
  if (w.size() >= 5 && EndsWith(w, "rd")) return stem(2);
  if (w.size() >= 5 && EndsWith(w, "st")) return stem(2);
  return {};
}

// Region names of several atoms end in one of these (as the last atom or
// its end: "namdo", "bukdo").
bool EndsWithUnitWord(std::string_view key) {
  if (key.empty()) return false;
  switch (key.back()) {  // called for every atom: the last letter first
    case 'i': return EndsWith(key, "si") || EndsWith(key, "ri");
    case 'u': return EndsWith(key, "gu");
    case 'n': return EndsWith(key, "gun") || EndsWith(key, "myeon") || EndsWith(key, "town");
    case 'p': return EndsWith(key, "eup");
    case 'g': return EndsWith(key, "dong");
    case 'a': return EndsWith(key, "ga");
    case 'o': return EndsWith(key, "do");
    case 'y': return EndsWith(key, "city") || EndsWith(key, "county");
    case 'e': return EndsWith(key, "province") || EndsWith(key, "state") || EndsWith(key, "village");
    case 't': return EndsWith(key, "district");
    default: return false;
  }
}

// The syllables that end the name of a 시도, 시군구, 읍면동 or 리 (UTF-8,
// three bytes each).
bool IsUnitSyllable(std::string_view s) {
  return s.size() == 3 && IsOneOf(s, {"시", "도", "구", "군", "읍", "면", "동", "리", "가"});
}


// `generic`: IsGenericRoadWord(a.key), computed once per atom.
bool IsRoadTerminal(const Atom& a, bool generic, const Translations& tr) {
  if (a.kind == AtomKind::kLatin && tr.EndsRoadName(a.key)) return true;
  if (a.kind == AtomKind::kLatin) {
    const std::string_view k = a.key;
    if (k == "ri") return false;  // 리 (a village) far more often than a road
    return EndsWith(k, "ro") || EndsWith(k, "gil") || EndsWith(k, "kil") ||
           EndsWith(k, "lo") || generic || !GluedGenericStem(k).empty();
  }
  if (a.kind == AtomKind::kHangul) {
    return EndsWith(a.text, "로") || EndsWith(a.text, "길");
  }
  return false;
}

bool IsBasementWord(const Atom& a) {
  if (a.kind == AtomKind::kLatin) {
    return IsOneOf(a.key, {"b", "gf", "jiha", "underground", "basement", "bsmt", "ug"});
  }
  return a.kind == AtomKind::kHangul && a.text == "지하";
}

// Words after a number that make it a unit, floor or block, not a building.
bool IsUnitWordAfter(const Atom& a) {
  if (a.kind == AtomKind::kLatin) {
    return IsOneOf(a.key, {"ho", "dong", "f", "fl", "floor", "cheung", "th", "nd",
                           "rd", "st", "stfloor", "ndfloor", "rdfloor", "thfloor",
                           "danji", "cha", "flr", "bl", "block"});
  }
  if (a.kind == AtomKind::kHangul) {
    return IsOneOf(a.text, {"호", "동", "층", "단지", "차", "블럭", "블록", "호실", "번지"});
  }
  return false;
}

// Words before a number that make it a unit.
bool IsUnitWordBefore(const Atom& a) {
  if (a.kind != AtomKind::kLatin) return false;
  return IsOneOf(a.key, {"apt", "apartment", "unit", "room", "rm", "suite", "ste",
                         "floor", "fl", "flat", "ho", "po", "box", "pobox", "tel",
                         "phone", "zip", "zipcode", "postal", "code", "dong"});
}

// Words after a number that make it part of a road name ("16-gil").
bool IsRoadPartAfter(const Atom& a) {
  if (a.kind == AtomKind::kLatin) {
    return IsOneOf(a.key, {"gil", "kil", "ro", "lo", "beon", "beongil", "bungil",
                           "bun", "ga", "daero", "road", "rd", "street", "st"});
  }
  if (a.kind == AtomKind::kHangul) {
    // Exact words only: "8 가마골길" is a sub-number before a road name.
    return IsOneOf(a.text, {"길", "로", "번길", "가", "대로", "번가", "번"});
  }
  return false;
}

int ToInt(std::string_view digits) {
  if (digits.empty() || digits.size() > 6) return -1;
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

// How an atom reads inside a road span, before the span's last atom.
// `generic`: IsGenericRoadWord(a.key), computed once per atom.
std::string_view MiddleKey(const Atom& a, bool generic) {
  if (a.kind == AtomKind::kLatin && generic) return "ro";
  if (a.key == "bun" || a.key == "beon") return "beon";
  return a.key;
}

// One reading of the last atom of a road span: stem + suffix, and what the
// reading costs.
struct Tail {
  std::string_view stem, suffix;
  float penalty = 0;
};

// The readings of the last atom of a road span, into out[0..3]; returns
// how many. "Road" is most often 로; "Street" as often 길 as 로.
int TailsOf(const Atom& a, bool generic, Tail* out) {
  auto readings = [&](std::string_view stem, std::string_view word) {
    const bool road_word = word == "road" || word == "rd";
    out[0] = {stem, "ro", 0.0f};
    out[1] = {stem, "daero", road_word ? 1.0f : 0.5f};
    out[2] = {stem, "gil", road_word ? 1.0f : 0.0f};
  };
  if (a.kind == AtomKind::kLatin && generic) {
    readings("", a.key);
    return 3;
  }
  const std::string_view stem = GluedGenericStem(a.key);
  if (!stem.empty()) {  // "toegyerd": toegye + ro/daero/gil, or as written
    readings(stem, std::string_view(a.key).substr(stem.size()));
    out[3] = {a.key, "", 0.0f};
    return 4;
  }
  out[0] = {MiddleKey(a, generic), "", 0.0f};
  return 1;
}

// A key to look up in one of the road maps, and what a match means.
struct Lookup {
  enum Kind : uint8_t {
    kHit,           // the roads found are hits of the span
    kKoreanWhole,   // the same, for the span's glued Hangul
    kKoreanPart,    // a suffix of that Hangul; only when the whole found none
    kNearSkeleton,  // roads to compare with Work::near[near] by edit distance
  };
  const db::FlatMultiMap* map;
  uint64_t hash;
  int begin, end;  // the span, atoms [begin, end)
  float quality;
  Kind kind;
  uint32_t near;
};

}  // namespace

struct Matcher::Work {
  std::string_view label;
  std::vector<Atom> atoms;
  std::vector<uint8_t> terminal;  // per atom: may end a road name
  std::vector<uint8_t> generic;   // per atom: IsGenericRoadWord(key) ("road", "street")
  std::vector<const std::vector<Translations::Phrase>*> phrases;  // per atom, or null
  int first_phrase = -1;          // first atom that starts a translated phrase

  struct RegionSpan {
    int begin, end;         // atoms [begin, end)
    uint32_t first, count;  // its values (db::PackRegion): region_values[first, first + count)
    bool fuzzy = false;
  };
  std::vector<RegionSpan> regions;
  struct Constraint {
    int begin, end;  // the span's atoms
    int span;        // in regions
  };
  std::vector<Constraint> constraints;  // FindConstraints
  std::vector<uint32_t> region_values;
  std::span<const uint32_t> ValuesOf(const RegionSpan& r) const {
    return std::span<const uint32_t>(region_values).subspan(r.first, r.count);
  }
  // FindRegions scratch: keys to look up, then what they found.
  struct RegionLookup {
    int begin, end;
    uint64_t hash;
  };
  std::vector<RegionLookup> region_lookups;
  struct RegionFound {
    int begin, end;
    uint32_t value;
    auto operator<=>(const RegionFound&) const = default;
  };
  std::vector<RegionFound> region_found;

  struct RoadHit {
    uint32_t road;
    int begin, end;  // atoms [begin, end)
    float quality;
    int tier = 0;    // 0 exact/translated, 1 skeleton, 2 one edit, 3 district scan
  };
  std::vector<RoadHit> hits;
  struct HitSpan {
    int begin, end;
    bool inner;  // inside a longer span that also found roads
  };
  std::vector<HitSpan> hit_spans;
  std::vector<uint32_t> hit_table;  // MergeDuplicateHits scratch
  std::vector<uint8_t> hit_keep;
  std::vector<int> verify;  // VerifyHits: the hits whose numbers are searched
  std::vector<const RoadScanTable::Entry*> scan_near;  // ScanRegionRoads: roads within the bounds

  // FindRoads scratch: the lookups of one tier, the skeletons the one-edit
  // tier compares with (in near_chars), and key buffers.
  std::vector<Lookup> lookups;
  struct Near {
    uint32_t offset, size;  // in near_chars
    uint64_t digits;        // HashKey(DigitsOf(skeleton))
    int max_d;
  };
  std::vector<Near> near;
  std::vector<uint32_t> near_roads;  // roads one near lookup found, with its digits
  std::string near_chars, prefix, korean, key, skeleton;
  // CollectTranslatedLookups: readings of a span in progress (atoms from
  // `next` on still to read) and done, their keys in partial_chars.
  struct Partial {
    int next;
    uint32_t offset, size;
    bool translated;
  };
  std::vector<Partial> partials, partials_done;
  std::string partial_chars;

  struct Number {
    int begin, end;    // atoms [begin, end), marker included
    int main_atom;     // the atom holding the main number
    uint32_t main, sub;
    bool basement;
    bool dropped_sub = false;  // "15-25" read as 15 (the 25 taken for a unit)
  };
  std::vector<Number> numbers;
  std::vector<uint32_t> zips;       // 5-digit numbers seen
  std::vector<int> zip_atoms;

  struct Cand {
    uint32_t building;
    int hit;
    int number;
    float score;
    bool conflict = false;
    uint64_t region_spans = 0;  // bit s: regions[s] agreed (spans past 63 go unrecorded)
  };
  std::vector<Cand> cands;
  bool have_road = false;

  // Refine scratch: the hits and candidates of the first tier that found
  // any, and the hits a tier keeps.
  std::vector<RoadHit> first_hits, kept_hits;
  std::vector<Cand> first_cands;
  std::vector<uint8_t> consumed;  // FindNumbers: atoms read as a sub-number
  std::vector<uint8_t> scratch_flags;  // FindRegions: atoms ending in a unit word

  // Empties everything for the next label; the capacity stays, so that a
  // thread refining many labels stops allocating after the first few.
  void Reset(std::string_view text) {
    label = text;
    atoms.clear();
    terminal.clear();
    generic.clear();
    phrases.clear();
    first_phrase = -1;
    regions.clear();
    region_values.clear();
    constraints.clear();
    hits.clear();
    numbers.clear();
    zips.clear();
    zip_atoms.clear();
    cands.clear();
    have_road = false;
    first_hits.clear();
    first_cands.clear();
  }
};

Matcher::Matcher(const db::Database& db, const Translations& translations,
                 EngineOptions options)
    : db_(db), translations_(translations), options_(options) {
  const auto& t = db_.tables();
  if (t.regions.size() <= UINT16_MAX) {
    road_region_.reserve(t.roads.size());
    for (const auto& r : t.roads) road_region_.push_back(static_cast<uint16_t>(r.region));
  }
  scan_.Reserve(t.roads.size());
  for (const auto& r : t.roads) {
    const std::string key = text::MatchKey(db_.str(r.name_en));
    scan_.Add(key, text::SkeletonKey(key));
  }
  for (const auto& region : t.regions) scan_.Group(region.first_road, region.road_count);
  const auto sidos = db::AllSido();
  for (uint32_t i = 0; i < sidos.size(); ++i) {
    const uint32_t v = db::PackRegion(RegionKind::kSido, i);
    std::string en = text::MatchKey(sidos[i].english);
    fuzzy_region_keys_.push_back({en, v});
    if (en.ends_with("do") || en.ends_with("si")) {
      fuzzy_region_keys_.push_back({en.substr(0, en.size() - 2), v});
    }
  }
  for (uint32_t id = 0; id < t.regions.size(); ++id) {
    std::string_view ko = db_.str(t.regions[id].name_ko);
    size_t pos = 0;
    while (pos < ko.size()) {
      size_t sp = ko.find(' ', pos);
      if (sp == std::string_view::npos) sp = ko.size();
      fuzzy_region_keys_.push_back(
          {text::MatchKey(text::RomanizeAreaName(ko.substr(pos, sp - pos))),
           db::PackRegion(RegionKind::kSigungu, id)});
      pos = sp + 1;
    }
  }
}

// ---------------------------------------------------------------------------
// 2. Region evidence.

void Matcher::FindRegions(Work& w) const {
  const auto& atoms = w.atoms;
  const auto& map = db_.tables().region_keys;
  const int n = static_cast<int>(atoms.size());
  // Every span's keys first, then all lookups after prefetching their slots.
  w.region_lookups.clear();
  auto add = [&](int b, int e, uint64_t hash) { w.region_lookups.push_back({b, e, hash}); };
  // A name of several words ends in a unit word ("Seoul Special City",
  // "Jung gu", "Jeolla-namdo"): other multi-word spans cannot be one, and
  // each lookup into the region table may be a cache miss.
  auto& unit_end = w.scratch_flags;
  unit_end.resize(n);
  for (int j = 0; j < n; ++j) unit_end[j] = EndsWithUnitWord(atoms[j].key);
  for (int i = 0; i < n; ++i) {
    if (atoms[i].kind == AtomKind::kDigits) continue;
    // The span's keys are hashed as they grow, one atom at a time.
    db::KeyHasher key, korean;
    bool korean_ok = true;
    for (int j = i; j < n && j - i < static_cast<int>(kMaxRegionSpanAtoms); ++j) {
      if (j > i && parse::IsFieldBoundary(atoms[j].sep)) break;
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
    // each ending in a unit syllable.
    const Atom& a = atoms[i];
    const size_t syl = parse::SyllableCount(a);
    if (a.kind == AtomKind::kHangul && syl >= 3) {
      for (size_t e = 2; e <= syl; ++e) {
        if (!IsUnitSyllable(std::string_view(a.text.data() + (e - 1) * 3, 3))) continue;
        for (size_t b = 0; b + 2 <= e; ++b) {
          if (b == 0 && e == syl) continue;  // the whole atom: done above
          add(i, i + 1, HashKey(std::string_view(a.text.data() + b * 3, (e - b) * 3)));
        }
      }
    }
  }
  for (const auto& l : w.region_lookups) map.Prefetch(l.hash);
  w.region_found.clear();
  for (const auto& l : w.region_lookups) {
    for (const auto& f : map.Find(l.hash)) w.region_found.push_back({l.begin, l.end, f.value});
  }
  // One span per (begin, end), its values sorted and distinct.
  std::sort(w.region_found.begin(), w.region_found.end());
  w.region_found.erase(std::unique(w.region_found.begin(), w.region_found.end()), w.region_found.end());
  for (const auto& f : w.region_found) {
    if (w.regions.empty() || w.regions.back().begin != f.begin || w.regions.back().end != f.end) {
      w.regions.push_back({f.begin, f.end, static_cast<uint32_t>(w.region_values.size()), 0, false});
    }
    w.region_values.push_back(f.value);
    ++w.regions.back().count;
  }
}

// ---------------------------------------------------------------------------
// 3. Roads.

// tier 0: exact keys (and translations); 1: skeleton keys; 2: one edit.
// Every key is first collected as a Lookup, then all are resolved in one
// pass that prefetches their slots, so the cache misses of a label's many
// lookups overlap.
void Matcher::FindRoads(Work& w, int tier) const {
  w.lookups.clear();
  w.near.clear();
  w.near_chars.clear();
  CollectSpanLookups(w, tier);
  if (tier == 0) CollectTranslatedLookups(w);
  for (const auto& l : w.lookups) l.map->Prefetch(l.hash);
  auto add_hit = [&](uint32_t road, int b, int e, float q) { w.hits.push_back({road, b, e, q, tier}); };
  bool whole_found = false;
  std::optional<text::PatternDistance> pattern;  // the skeleton of w.near[pattern_near]
  uint32_t pattern_near = ~0u;
  for (const auto& l : w.lookups) {
    if (l.kind == Lookup::kKoreanPart && whole_found) continue;
    const auto found = l.map->Find(l.hash);
    if (l.kind == Lookup::kKoreanWhole) whole_found = !found.empty();
    if (l.kind != Lookup::kNearSkeleton) {
      for (const auto& f : found) add_hit(f.value, l.begin, l.end, l.quality);
      continue;
    }
    const Work::Near& near = w.near[l.near];
    // The roads with the skeleton's digits, their names prefetched together.
    auto& roads = w.near_roads;
    roads.clear();
    for (const auto& f : found) {
      if (scan_.digits(f.value) != near.digits) continue;
      roads.push_back(f.value);
      scan_.Prefetch(f.value);
    }
    if (roads.empty()) continue;
    if (pattern_near != l.near) {  // a group's lookups come one after another
      pattern.emplace(std::string_view(w.near_chars.data() + near.offset, near.size));
      pattern_near = l.near;
    }
    for (uint32_t road : roads) {
      const int d = pattern->Distance(scan_.skeleton(road), near.max_d);
      if (d <= near.max_d) add_hit(road, l.begin, l.end, l.quality - 0.5f * static_cast<float>(d - 1));
    }
  }
  MergeDuplicateHits(w);
  // Only a road as written makes a missing number "no_building"; a road
  // reached through a respelling or a typo may not be the one meant.
  if (tier == 0 && !w.hits.empty()) w.have_road = true;
}

// One hit per (road, span), at its first place, with its best quality. A
// common name (중앙로) finds hundreds of roads through several keys, so the
// first places are kept in a hash table instead of searching the hits for
// each new one.
void Matcher::MergeDuplicateHits(Work& w) {
  auto& hits = w.hits;
  if (hits.size() < 2) return;
  // Open addressing, at least twice as many slots as hits: one pass.
  auto& table = w.hit_table;
  size_t cap = 16;
  while (cap < 2 * hits.size()) cap <<= 1;
  table.assign(cap, kNone);
  auto& keep = w.hit_keep;
  keep.assign(hits.size(), 0);
  for (uint32_t i = 0; i < hits.size(); ++i) {
    const auto& h = hits[i];
    uint64_t k = (uint64_t{h.road} << 32 | static_cast<uint32_t>(h.begin) << 16 | static_cast<uint32_t>(h.end)) *
                 0x9E3779B97F4A7C15ull;
    for (size_t slot = (k >> 32) & (cap - 1);; slot = (slot + 1) & (cap - 1)) {
      const uint32_t j = table[slot];
      if (j == kNone) {
        table[slot] = i;
        keep[i] = 1;
        break;
      }
      auto& first = hits[j];
      if (first.road == h.road && first.begin == h.begin && first.end == h.end) {
        first.quality = std::max(first.quality, h.quality);
        break;
      }
    }
  }
  size_t out = 0;
  for (size_t i = 0; i < hits.size(); ++i) {
    if (keep[i]) hits[out++] = hits[i];
  }
  hits.resize(out);
}

// Spans of atoms ending in a road word, read as written (tier 0), by
// skeleton (1) or within one edit of a skeleton (2).
void Matcher::CollectSpanLookups(Work& w, int tier) const {
  const auto& atoms = w.atoms;
  const auto& t = db_.tables();
  const int n = static_cast<int>(atoms.size());
  const float base = tier == 0 ? kExact : tier == 1 ? kSkeleton : kOneEdit;
  std::string& prefix = w.prefix;    // keys of atoms i..j-1
  std::string& korean = w.korean;    // Hangul of atoms i..j, when glued
  std::string& key = w.key;          // prefix + a tail
  std::string& skeleton = w.skeleton;
  for (int j = 0; j < n; ++j) {
    if (!w.terminal[j]) continue;
    Tail tails[4];
    const int tail_count = TailsOf(atoms[j], w.generic[j], tails);
    prefix.clear();
    korean.clear();
    bool korean_ok = true;
    for (int i = j; i >= 0 && j - i < static_cast<int>(kMaxSpanAtoms); --i) {
      const Atom& a = atoms[i];
      if (i < j) prefix.insert(0, MiddleKey(a, w.generic[i]));
      if (i < j && atoms[i + 1].sep != Sep::kGlued) korean_ok = false;
      if (a.kind == AtomKind::kLatin) korean_ok = false;
      if (korean_ok) korean.insert(0, a.text);

      // Spans start at a name, not a number; a road named by a number
      // ("63-ro") is looked up exactly only.
      const bool can_start = a.kind != AtomKind::kDigits || (tier == 0 && i < j);
      if (can_start) {
        db::KeyHasher prefix_hash;
        prefix_hash.Add(prefix);
        for (int ti = 0; ti < tail_count; ++ti) {
          const Tail& tail = tails[ti];
          const float q = base - tail.penalty;
          if (tier == 0) {
            const uint64_t h = db::KeyHasher(prefix_hash).Add(tail.stem).Add(tail.suffix).Hash();
            w.lookups.push_back({&t.road_keys, h, i, j + 1, q, Lookup::kHit, 0});
            continue;
          }
          key.assign(prefix).append(tail.stem).append(tail.suffix);
          text::SkeletonKeyInto(key, &skeleton);
          if (tier == 1) {
            w.lookups.push_back({&t.road_skeleton, HashKey(skeleton), i, j + 1, q, Lookup::kHit, 0});
            continue;
          }
          if (skeleton.size() < 5) continue;
          // Within one edit (two for long names): the skeleton and each of
          // its deletions against the deletion map of the road skeletons.
          const auto near = static_cast<uint32_t>(w.near.size());
          w.near.push_back({static_cast<uint32_t>(w.near_chars.size()),
                            static_cast<uint32_t>(skeleton.size()),
                            HashKey(text::DigitsOf(skeleton)), skeleton.size() >= 10 ? 2 : 1});
          w.near_chars.append(skeleton);
          w.lookups.push_back({&t.road_fuzzy, HashKey(skeleton), i, j + 1, q, Lookup::kNearSkeleton, near});
          const std::string_view sk = skeleton;
          db::KeyHasher head;
          for (size_t p = 0; p < sk.size(); ++p) {
            const uint64_t h = db::KeyHasher(head).Add(sk.substr(p + 1)).Hash();
            w.lookups.push_back({&t.road_fuzzy, h, i, j + 1, q, Lookup::kNearSkeleton, near});
            head.Add(sk.substr(p, 1));
          }
        }
        if (tier == 0 && korean_ok && !korean.empty()) {
          w.lookups.push_back({&t.road_keys, HashKey(korean), i, j + 1, kExact, Lookup::kKoreanWhole, 0});
          // "서울특별시관악구남부순환로": the road is a suffix of a glued atom
          // (but 구서원길 is a road of its own, not 구 + 서원길): looked up
          // only when the whole is not a road.
          const size_t syl = parse::SyllableCount(a);
          if (a.kind == AtomKind::kHangul && syl >= 3) {
            for (size_t s = 1; s + 2 <= syl; ++s) {
              w.lookups.push_back({&t.road_keys, HashKey(std::string_view(korean).substr(s * 3)), i,
                                   j + 1, kExact - 0.25f, Lookup::kKoreanPart, 0});
            }
          }
        }
      }
      if (parse::IsFieldBoundary(a.sep)) break;
    }
  }
}

// Translated words: splice the romanized Korean for English phrases
// ("Nambu Ring-ro" -> "nambu" + "sunhwan" + "ro") and look up again.
void Matcher::CollectTranslatedLookups(Work& w) const {
  const auto& atoms = w.atoms;
  const auto& t = db_.tables();
  const int n = static_cast<int>(atoms.size());
  for (int j = 0; j < n && w.first_phrase >= 0; ++j) {
    if (!w.terminal[j] || j < w.first_phrase) continue;
    for (int i = j; i >= 0 && j - i < static_cast<int>(kMaxSpanAtoms); --i) {
      if (i > w.first_phrase && w.phrases[i] == nullptr) {
        // no phrase starts at or before i within the span yet: keep extending
        bool any = false;
        for (int k = i; k <= j && !any; ++k) any = w.phrases[k] != nullptr;
        if (!any) {
          if (parse::IsFieldBoundary(atoms[i].sep)) break;
          continue;
        }
      }
      if (atoms[i].kind == AtomKind::kDigits) {
        if (parse::IsFieldBoundary(atoms[i].sep)) break;
        continue;
      }
      // Every way of reading the span with or without each phrase; a word
      // may translate several ways ("university": 대학, 대학교). Partial
      // keys live in one buffer (w.partial_chars), reused across labels.
      auto& stack = w.partials;
      auto& done = w.partials_done;
      auto& chars = w.partial_chars;
      stack.clear();
      done.clear();
      chars.clear();
      stack.push_back({i, 0, 0, false});
      while (!stack.empty() && done.size() < 16) {
        const Work::Partial p = stack.back();
        stack.pop_back();
        if (p.next > j) {
          if (p.translated) done.push_back(p);
          continue;
        }
        const int k = p.next;
        auto extend = [&](int next, std::string_view piece, bool translated) {
          const auto offset = static_cast<uint32_t>(chars.size());
          chars.append(chars, p.offset, p.size);
          chars.append(piece);
          stack.push_back({next, offset, static_cast<uint32_t>(chars.size()) - offset, translated});
        };
        const Atom& a = atoms[k];
        extend(k + 1, (k == j && w.generic[k]) ? std::string_view("ro") : std::string_view(a.key),
               p.translated);
        const auto* phrases = w.phrases[k];
        if (phrases == nullptr) continue;
        for (const auto& ph : *phrases) {
          const int len = static_cast<int>(ph.words.size());
          if (k + len > j + 1) continue;
          bool fits = true;
          for (int m = 0; m < len && fits; ++m) fits = atoms[k + m].key == ph.words[m];
          if (fits) extend(k + len, ph.key, true);
        }
      }
      for (const auto& p : done) {
        const std::string_view key(chars.data() + p.offset, p.size);
        text::SkeletonKeyInto(key, &w.skeleton);
        w.lookups.push_back({&t.road_keys, HashKey(key), i, j + 1, kTranslated, Lookup::kHit, 0});
        w.lookups.push_back({&t.road_skeleton, HashKey(w.skeleton), i, j + 1,
                             kTranslated - 1.0f, Lookup::kHit, 0});
      }
      if (parse::IsFieldBoundary(atoms[i].sep)) break;
    }
  }
}

// Heavy typos ("Samseoyeon-ro" for Samseongyo-ro): with the district known,
// compare the span with every road of that district and keep close ones.
void Matcher::ScanRegionRoads(Work& w) const {
  const auto& t = db_.tables();
  // The districts the label names (시군구, or 세종 which has none); a town
  // (읍면동) narrows them, or stands alone when it names one or two.
  std::vector<uint32_t> districts, towns;
  for (const auto& r : w.regions) {
    if (r.fuzzy) continue;
    for (uint32_t v : w.ValuesOf(r)) {
      const uint32_t id = db::RegionIdOf(v);
      switch (db::RegionKindOf(v)) {
        case RegionKind::kSigungu:
        case RegionKind::kCityStem:
          districts.push_back(id);
          break;
        case RegionKind::kArea:
          towns.push_back(t.areas[id].region);
          break;
        case RegionKind::kSido:
          for (uint32_t g = 0; g < t.regions.size(); ++g) {
            if (t.regions[g].sido == id && t.regions[g].name_ko.size == 0) districts.push_back(g);
          }
          break;
      }
    }
  }
  auto unique = [](std::vector<uint32_t>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  };
  unique(districts);
  unique(towns);
  std::vector<uint32_t> scope;
  if (!districts.empty()) {
    std::set_intersection(districts.begin(), districts.end(), towns.begin(), towns.end(),
                          std::back_inserter(scope));
    if (scope.empty()) scope = districts;
  } else if (towns.size() <= 2) {
    scope = towns;
  }
  if (scope.empty() || scope.size() > 8) return;
  const auto& atoms = w.atoms;
  const int n = static_cast<int>(atoms.size());
  for (int j = 0; j < n; ++j) {
    if (!w.terminal[j]) continue;
    // "Paeon-daero 185beon-gil": the name goes on past "daero"; only the
    // span ending at the last road word is compared.
    if (j + 2 < n && atoms[j + 1].kind == AtomKind::kDigits &&
        !parse::IsFieldBoundary(atoms[j + 1].sep) &&
        (w.terminal[j + 2] || (j + 3 < n && atoms[j + 2].key == "beon" && w.terminal[j + 3]))) {
      continue;
    }
    std::string key;
    for (int i = j; i >= 0 && j - i < 6; --i) {
      const Atom& a = atoms[i];
      key.insert(0, (i == j && w.generic[i]) ? std::string_view("ro") : std::string_view(a.key));
      if (a.kind != AtomKind::kDigits && i < j) {
        const std::string sk = text::SkeletonKey(key);
        const RoadScanTable::Query q(key, sk);
        const int max_d = std::max(1, static_cast<int>(sk.size()) / 4);
        // Only a road clearly closer than every other road of the district
        // counts: a label far from two roads names neither.
        int best_d = max_d + 1, second_d = max_d + 1;
        std::vector<uint32_t> best;  // roads of one name (one per 읍/면 or code)
        for (uint32_t g : scope) {
          const auto& region = t.regions[g];
          // The roads the bounds keep are listed and their names prefetched
          // first, so that their cache misses overlap; the bounds are tested
          // again below as second_d tightens.
          auto& near = w.scan_near;  // only grows: [0, kept) is this group's
          const auto group = scan_.WithDigits(region.first_road, region.road_count, q.digits);
          if (near.size() < group.size()) near.resize(group.size());
          size_t kept = 0;
          for (const auto& e : group) {  // branch-free: few roads pass, in no pattern
            near[kept] = &e;
            kept += scan_.MayBeWithin(q, e, second_d);
          }
          for (size_t k = 0; k < kept; ++k) scan_.Prefetch(near[k]->road);
          for (size_t k = 0; k < kept; ++k) {
            const RoadScanTable::Entry& e = *near[k];
            if (!scan_.MayBeWithin(q, e, second_d)) continue;
            const uint32_t r = e.road;
            const int d = scan_.Distance(q, r, second_d);
            if (d < best_d) {
              second_d = best_d;
              best_d = d;
              best.assign(1, r);
            } else if (d == best_d && !best.empty() && scan_.skeleton(r) == scan_.skeleton(best[0])) {
              best.push_back(r);
            } else if (d < second_d) {
              second_d = d;
            }
          }
        }
        if (!best.empty() && best_d <= max_d && second_d > best_d) {
          const std::string_view rs = scan_.skeleton(best[0]);
          const float sim = 1.0f - static_cast<float>(best_d) /
                                       static_cast<float>(std::max(sk.size(), rs.size()));
          for (uint32_t r : best) w.hits.push_back({r, i, j + 1, kRegionScan + 3.0f * sim - 2.0f, 3});
        }
      }
      if (parse::IsFieldBoundary(a.sep)) break;
    }
  }
}

// ---------------------------------------------------------------------------
// 4. Numbers.

void Matcher::FindNumbers(Work& w) const {
  const auto& atoms = w.atoms;
  const int n = static_cast<int>(atoms.size());
  auto next_of = [&](int i) -> const Atom* { return i + 1 < n ? &atoms[i + 1] : nullptr; };
  auto& consumed = w.consumed;
  consumed.assign(n, 0);
  for (int i = 0; i < n; ++i) {
    const Atom& a = atoms[i];
    if (a.kind != AtomKind::kDigits || consumed[i]) continue;
    const Atom* next = next_of(i);
    const Atom* prev = i > 0 ? &atoms[i - 1] : nullptr;
    if (a.text.size() == 5) {  // a postal code, or now and then a long building number
      w.zips.push_back(static_cast<uint32_t>(ToInt(a.text)));
      w.zip_atoms.push_back(i);
    }
    if (a.text.size() > 5) continue;
    // "12 Dong-gu": the 구 named 동, not block 12.
    const bool district_after = next != nullptr && next->key == "dong" && i + 2 < n &&
                                atoms[i + 2].key == "gu" &&
                                (atoms[i + 2].sep == Sep::kGlued || atoms[i + 2].sep == Sep::kHyphen);
    if (next != nullptr && next->sep != Sep::kComma && next->sep != Sep::kParen && !district_after &&
        (IsUnitWordAfter(*next) || IsRoadPartAfter(*next))) {
      continue;
    }
    if (a.sep == Sep::kHash) continue;
    if (prev != nullptr && a.sep != Sep::kComma && a.sep != Sep::kParen && IsUnitWordBefore(*prev)) {
      continue;
    }
    Work::Number num{i, i + 1, i, static_cast<uint32_t>(ToInt(a.text)), 0, false};
    // "15-25": a sub-number, unless the second part is a unit ("101-1203"
    // is as often dong-ho; the DB check decides, both readings are kept).
    if (next != nullptr && next->kind == AtomKind::kDigits && next->sep == Sep::kHyphen &&
        next->text.size() <= 4) {
      const Atom* after = i + 2 < n ? &atoms[i + 2] : nullptr;
      if (after == nullptr || after->sep == Sep::kComma || after->sep == Sep::kParen ||
          !(IsUnitWordAfter(*after) || IsRoadPartAfter(*after))) {
        Work::Number with_sub = num;
        with_sub.sub = static_cast<uint32_t>(ToInt(next->text));
        with_sub.end = i + 2;
        consumed[i + 1] = true;
        w.numbers.push_back(with_sub);
        num.dropped_sub = true;
      }
    }
    w.numbers.push_back(num);
  }
  // Basement markers: right before the number ("B93", "B 93", "B, 93",
  // "지하 300", "G/F 160") or right after it ("93B", "127, B,").
  for (auto& num : w.numbers) {
    int b = num.begin - 1;
    if (b >= 0 && atoms[b].kind == AtomKind::kLatin && atoms[b].key == "f" && b >= 1 &&
        atoms[b - 1].key == "g") {
      num.basement = true;
      num.begin = b - 1;
      continue;
    }
    if (b >= 0 && IsBasementWord(atoms[b])) {
      num.basement = true;
      num.begin = b;
      continue;
    }
    const int e = num.end;
    if (e < n && atoms[e].kind == AtomKind::kLatin && atoms[e].key == "b" &&
        (atoms[e].sep == Sep::kGlued ||  // "1001B"
         !(e + 1 < n && atoms[e + 1].kind == AtomKind::kDigits &&
           !parse::IsFieldBoundary(atoms[e + 1].sep)))) {
      num.basement = true;
      num.end = e + 1;
    }
  }
}

// ---------------------------------------------------------------------------
// 5. Verification and scoring.

void Matcher::Verify(Work& w) const {
  // Roads in the region the label names first: a common name (중앙로) has
  // hundreds of roads, and the others matter only when none of these fits.
  VerifyHits(w, true);
  ScoreRegions(w);
  bool clean = false;
  for (const auto& c : w.cands) clean |= !c.conflict;
  if (!clean) {
    VerifyHits(w, false);
    ScoreRegions(w);
  }
}

void Matcher::VerifyHits(Work& w, bool agreeing_only) const {
  w.cands.clear();
  if (w.numbers.empty()) return;  // nothing to verify, and no prefetching for it
  auto& verify = w.verify;
  verify.clear();
  for (int h = 0; h < static_cast<int>(w.hits.size()); ++h) {
    const auto& hit = w.hits[h];
    if (agreeing_only && !RoadAgrees(w, hit.road, hit.begin, hit.end)) continue;
    verify.push_back(h);
  }
  // The number searches of all roads overlap their cache misses.
  for (int h : verify) db_.PrefetchRoad(w.hits[h].road);
  for (int h : verify) db_.PrefetchNumbers(w.hits[h].road);
  for (int h : verify) {
    const auto& hit = w.hits[h];
    for (int k = 0; k < static_cast<int>(w.numbers.size()); ++k) {
      const auto& num = w.numbers[k];
      if (num.main_atom >= hit.begin && num.main_atom < hit.end) continue;
      if (num.begin < hit.end && num.end > hit.begin) continue;
      float score = hit.quality;
      // The number written next to the road is the building number; any
      // other number on the label is more likely a unit or a phone.
      if (num.end == hit.begin || num.begin == hit.end ||
          (num.end + 1 == hit.begin && !w.atoms[num.end].key.empty() &&
           IsBasementWord(w.atoms[num.end]))) {
        score += 2.0f;
      }
      auto found = db_.FindBuildings(hit.road, num.basement, num.main, num.sub);
      if (found.empty()) {
        // The other level: "B" left off an underground entrance costs a
        // little; "B" written for a building with no basement costs more.
        found = db_.FindBuildings(hit.road, !num.basement, num.main, num.sub);
        if (found.empty()) continue;
        score -= num.basement ? 2.5f : 1.5f;
      }
      if (num.dropped_sub) score -= 1.5f;
      if (num.main_atom >= 0 && w.atoms[num.main_atom].text.size() == 5) score -= 1.0f;
      for (const auto& b : found) {
        const uint32_t id = db_.IndexOf(b);
        db_.PrefetchBuilding(id);  // ScoreRegions reads it
        w.cands.push_back({id, h, k, score, false, {}});
      }
    }
  }
}

void Matcher::ScoreRegions(Work& w) const {
  const auto& t = db_.tables();
  for (auto& c : w.cands) {
    const auto& hit = w.hits[c.hit];
    const auto& num = w.numbers[c.number];
    const db::BuildingRec& b = t.buildings[c.building];
    const uint32_t region = RegionOfRoad(b.road);
    const uint32_t sido = t.regions[region].sido;
    bool sido_ok = false, sigungu_ok = false, area_ok = false, admin_ok = false, city_ok = false;
    for (int s = 0; s < static_cast<int>(w.regions.size()); ++s) {
      const auto& r = w.regions[s];
      if (r.begin < hit.end && r.end > hit.begin) continue;  // part of the road name
      if (r.begin < num.end && r.end > num.begin) continue;
      bool matched = false, strong = false, soft = false;
      for (uint32_t v : w.ValuesOf(r)) {
        const uint32_t id = db::RegionIdOf(v);
        switch (db::RegionKindOf(v)) {
          case RegionKind::kSido:
            strong = true;
            if (id == sido) matched = sido_ok = true;
            break;
          case RegionKind::kSigungu:
            strong = true;
            if (id == region) matched = sigungu_ok = true;
            break;
          case RegionKind::kCityStem:
            soft = true;
            if (id == region) matched = city_ok = true;
            break;
          case RegionKind::kArea:
            soft = true;
            // The 법정 area is the one the address is written with; a 행정동
            // may straddle two 읍/면, so it says less.
            if (id == b.area) matched = area_ok = true;
            else if (id == b.admin_area) matched = admin_ok = true;
            break;
        }
      }
      if (matched) {
        if (s < 64) c.region_spans |= uint64_t{1} << s;
      } else if (!r.fuzzy && ((strong && !soft) || hit.tier >= 2)) {  // FindConstraints: the same spans
        // A road reached through a typo must agree with every place the
        // label names, town included; an exact road need not (people
        // misremember the 동).
        c.conflict = true;
      }
    }
    if (sido_ok) c.score += 3.0f;
    if (sigungu_ok) c.score += 3.0f;
    if (city_ok && !sigungu_ok) c.score += 1.5f;
    if (area_ok) c.score += 1.5f;
    else if (admin_ok) c.score += 0.5f;
    for (uint32_t z : w.zips) {
      if (z == b.zip) c.score += 2.0f;
    }
  }
}

// Typos in the city or district ("Gung-gu", "SOUL", "새울") break ties only:
// they add to a candidate they fit and never rule one out.
void Matcher::FuzzyRegions(Work& w) const {
  const auto& atoms = w.atoms;
  const int n = static_cast<int>(atoms.size());
  for (int i = 0; i < n; ++i) {
    if (atoms[i].kind == AtomKind::kDigits) continue;
    std::string key;
    for (int j = i; j < n && j - i < 2; ++j) {
      if (j > i && parse::IsFieldBoundary(atoms[j].sep)) break;
      if (atoms[j].kind == AtomKind::kDigits) break;
      key += atoms[j].key;
      if (key.size() < 4) continue;
      const int max_d = key.size() >= 6 ? 2 : 1;
      Work::RegionSpan span{i, j + 1, static_cast<uint32_t>(w.region_values.size()), 0, true};
      for (const auto& nk : fuzzy_region_keys_) {
        const int d = text::EditDistance(key, nk.key, max_d);
        if (d >= 1 && d <= max_d) {
          w.region_values.push_back(nk.value);
          ++span.count;
        }
      }
      if (span.count > 0) w.regions.push_back(span);
    }
  }
}

Answer Matcher::Decide(Work& w, std::string_view label, Detail detail) const {
  Answer a;
  const auto& t = db_.tables();
  if (w.cands.empty()) {
    a.reason = w.have_road ? Reason::kNoBuilding : Reason::kNoRoad;
    a.detail = w.have_road ? "the road exists, but no building with that number"
                           : "no road of the database found in the label";
    return a;
  }
  // One entry per building, its best reading.
  std::sort(w.cands.begin(), w.cands.end(), [](const Work::Cand& x, const Work::Cand& y) {
    if (x.building != y.building) return x.building < y.building;
    if (x.conflict != y.conflict) return !x.conflict;
    return x.score > y.score;
  });
  w.cands.erase(std::unique(w.cands.begin(), w.cands.end(),
                            [](const Work::Cand& x, const Work::Cand& y) {
                              return x.building == y.building;
                            }),
                w.cands.end());
  std::sort(w.cands.begin(), w.cands.end(), [](const Work::Cand& x, const Work::Cand& y) {
    if (x.conflict != y.conflict) return !x.conflict;
    return x.score > y.score;
  });
  const bool full = detail == Detail::kFull;
  for (size_t i = 0; full && i < w.cands.size() && i < 5; ++i) {
    const auto& c = w.cands[i];
    a.candidates.push_back({db_.RoadAddress(c.building),
                            db_.BuildingId(c.building),
                            std::round(c.score * 100.0) / 100.0});
  }
  const Work::Cand& best = w.cands[0];
  if (best.conflict) {
    a.reason = Reason::kRegionConflict;
    a.detail = "the only matching addresses lie outside the city or district on the label";
    return a;
  }
  if (w.cands.size() > 1 && !w.cands[1].conflict &&
      w.cands[1].score > best.score - kTieMargin) {
    a.reason = Reason::kAmbiguous;
    a.detail = "several addresses fit the label equally well";
    return a;
  }
  const uint32_t b = best.building;
  a.reason = Reason::kNone;
  a.address = db_.RoadAddress(b);
  a.detail = "matched";
  if (!full) return a;
  a.reference = db_.Reference(b);
  a.address_full = a.reference.empty() ? a.address : a.address + " " + a.reference;
  a.zip = db_.Zip(b);
  a.english = db_.English(b);
  a.building_id = db_.BuildingId(b);

  // Which parts of the label made the answer.
  const int n = static_cast<int>(w.atoms.size());
  std::vector<bool> used(n, false);
  const auto& hit = w.hits[best.hit];
  const auto& num = w.numbers[best.number];
  for (int i = hit.begin; i < hit.end; ++i) used[i] = true;
  for (int i = num.begin; i < num.end; ++i) used[i] = true;
  for (int s = 0; s < static_cast<int>(w.regions.size()) && s < 64; ++s) {
    if ((best.region_spans >> s & 1) == 0) continue;
    for (int i = w.regions[s].begin; i < w.regions[s].end; ++i) used[i] = true;
  }
  for (size_t z = 0; z < w.zips.size(); ++z) {
    if (w.zips[z] == t.buildings[b].zip) used[w.zip_atoms[z]] = true;
  }
  for (int i = 0; i < n;) {
    int j = i;
    while (j + 1 < n && used[j + 1] == used[i] && !parse::IsFieldBoundary(w.atoms[j + 1].sep)) ++j;
    const std::string piece(label.substr(w.atoms[i].begin, w.atoms[j].end - w.atoms[i].begin));
    (used[i] ? a.used : a.ignored).push_back(piece);
    i = j + 1;
  }
  return a;
}

uint32_t Matcher::RegionOfRoad(uint32_t road) const {
  return road_region_.empty() ? db_.tables().roads[road].region : road_region_[road];
}

// True when no 시도/시군구 named on the label (outside the road's own words)
// contradicts the road's region.
bool Matcher::RoadAgrees(const Work& w, uint32_t road, int begin, int end) const {
  const uint32_t region = RegionOfRoad(road);
  const uint32_t sido = db_.tables().regions[region].sido;
  for (const auto& c : w.constraints) {
    if (c.begin < end && c.end > begin) continue;  // part of the road's own words
    bool matched = false;
    for (uint32_t v : w.ValuesOf(w.regions[c.span])) {
      const uint32_t id = db::RegionIdOf(v);
      matched |= db::RegionKindOf(v) == RegionKind::kSido ? id == sido : id == region;
    }
    if (!matched) return false;
  }
  return true;
}

// The region spans that can contradict a road: those naming only 시도 or
// 시군구 (a town or a bare city name is soft evidence; ScoreRegions applies
// the same "strong and not soft" rule to candidates). Listed once per
// label, as RoadAgrees runs for every road hit and a common name has
// hundreds.
void Matcher::FindConstraints(Work& w) {
  w.constraints.clear();
  for (int s = 0; s < static_cast<int>(w.regions.size()); ++s) {
    const auto& r = w.regions[s];
    if (r.fuzzy) continue;
    bool strong_only = true;
    for (uint32_t v : w.ValuesOf(r)) {
      const RegionKind k = db::RegionKindOf(v);
      strong_only &= k == RegionKind::kSido || k == RegionKind::kSigungu;
    }
    if (strong_only && r.count > 0) w.constraints.push_back({r.begin, r.end, s});
  }
}

// True when a number stands right before or after atoms [begin, end).
bool Matcher::HasAdjacentNumber(const Work& w, int begin, int end) {
  for (const auto& num : w.numbers) {
    if (num.end == begin || num.begin == end) return true;
  }
  return false;
}

// True when the best two clean candidates (distinct buildings) are within
// the tie margin: the decision would be "ambiguous" as things stand.
bool Matcher::IsCloseCall(const Work& w) {
  float best = -1e9f, second = -1e9f;
  uint32_t best_building = kNone;
  for (const auto& c : w.cands) {
    if (c.conflict) continue;
    if (c.score > best) {
      if (c.building != best_building) second = best;
      best = c.score;
      best_building = c.building;
    } else if (c.building != best_building && c.score > second) {
      second = c.score;
    }
  }
  return second > best - kTieMargin;
}

Answer Matcher::Refine(std::string_view label, Detail detail) const {
  if (label.size() > options_.max_label_bytes) {
    Answer a;
    a.reason = Reason::kBadInput;
    a.detail = "label longer than " + std::to_string(options_.max_label_bytes) + " bytes";
    return a;
  }
  if (!text::IsValidUtf8(label)) {
    Answer a;
    a.reason = Reason::kBadInput;
    a.detail = "label is not valid UTF-8";
    return a;
  }
  // One scratch Work per thread, reused: Refine never re-enters itself.
  thread_local Work w;
  w.Reset(label);
  parse::Tokenize(label, &w.atoms);
  w.terminal.resize(w.atoms.size());
  w.generic.resize(w.atoms.size());
  w.phrases.resize(w.atoms.size());
  for (size_t i = 0; i < w.atoms.size(); ++i) {
    const Atom& a = w.atoms[i];
    w.generic[i] = IsGenericRoadWord(a.key);
    w.terminal[i] = IsRoadTerminal(a, w.generic[i], translations_);
    w.phrases[i] = a.kind == AtomKind::kLatin ? translations_.StartingWith(a.key) : nullptr;
    if (w.phrases[i] != nullptr && w.first_phrase < 0) w.first_phrase = static_cast<int>(i);
  }
  if (w.atoms.empty()) {
    Answer a;
    a.reason = Reason::kBadInput;
    a.detail = "empty label";
    return a;
  }
  FindRegions(w);
  FindConstraints(w);
  FindNumbers(w);
  auto has_clean = [&] {
    for (const auto& c : w.cands) {
      if (!c.conflict) return true;
    }
    return false;
  };
  // Cheaper, surer lookups first; a later tier runs only when the earlier
  // ones found nothing that agrees with the label's region.
  auto keep_first = [&] {
    if (w.first_cands.empty() && !w.cands.empty()) {
      w.first_hits = w.hits;
      w.first_cands = w.cands;
    }
  };
  bool found_agreeing_road = false;
  for (int tier = 0; tier < 3; ++tier) {
    w.hits.clear();
    FindRoads(w, tier);
    // A road found only inside a longer road's span is a part of it
    // ("Samil-daero" inside "Samil-daero 30-gil").
    // The hits share a few spans: each span is checked once.
    auto& spans = w.hit_spans;
    spans.clear();
    for (const auto& h : w.hits) spans.push_back({h.begin, h.end, false});
    std::sort(spans.begin(), spans.end(), [](const auto& x, const auto& y) {
      return std::tie(x.begin, x.end) < std::tie(y.begin, y.end);
    });
    spans.erase(std::unique(spans.begin(), spans.end(),
                            [](const auto& x, const auto& y) { return x.begin == y.begin && x.end == y.end; }),
                spans.end());
    for (auto& sp : spans) {
      for (const auto& o : spans) {
        if (o.begin <= sp.begin && o.end >= sp.end && (o.end - o.begin) > (sp.end - sp.begin)) {
          sp.inner = true;
          break;
        }
      }
    }
    auto& kept = w.kept_hits;
    kept.clear();
    for (const auto& h : w.hits) {
      const auto sp = std::lower_bound(spans.begin(), spans.end(), h, [](const auto& x, const auto& hit) {
        return std::tie(x.begin, x.end) < std::tie(hit.begin, hit.end);
      });
      if (!sp->inner) kept.push_back(h);
    }
    w.hits.swap(kept);
    Verify(w);
    if (has_clean()) break;
    keep_first();
    // A road found exactly where the label says, without the number: the
    // answer is no_building, not some other road that has the number. (A
    // road found only through a variant spelling may be the wrong one.)
    if (tier == 0 && std::any_of(w.hits.begin(), w.hits.end(), [&](const Work::RoadHit& h) {
          return RoadAgrees(w, h.road, h.begin, h.end) && HasAdjacentNumber(w, h.begin, h.end);
        })) {
      found_agreeing_road = true;
      break;
    }
  }
  if (!has_clean() && !found_agreeing_road) {
    w.hits.clear();
    ScanRegionRoads(w);
    Verify(w);
    if (!has_clean() && !w.first_cands.empty()) {
      // Only conflicting matches anywhere: report the surest of them.
      w.hits.swap(w.first_hits);
      w.cands.swap(w.first_cands);
    }
  }
  // Close calls: let typo'd region words speak.
  if (IsCloseCall(w)) {
    const size_t before = w.regions.size();
    FuzzyRegions(w);
    if (w.regions.size() > before) {
      Verify(w);
    }
  }
  return Decide(w, label, detail);
}

}  // namespace doro::match
