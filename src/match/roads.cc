#include "match/roads.h"

#include <algorithm>
#include <optional>
#include <tuple>

#include "db/one_edit_keys.h"
#include "text/keys.h"

namespace doro::match {

using db::HashKey;
using db::kNone;
using parse::Atom;
using parse::AtomKind;
using parse::Sep;

namespace {

constexpr int kMaxSpanAtoms = 8;

// How atom i reads inside a road span, before the span's last atom:
// "Toegye Road 66bun-gil" reads toegye+ro+66+beon+gil.
std::string_view MiddleKey(const LabelAtoms& label, int i) {
  const Atom& a = label.atoms[i];
  if (a.kind == AtomKind::kLatin && label.generic(i)) return "ro";
  if (label.Has(i, kBranchBeon)) return "beon";
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
int TailsOf(const LabelAtoms& label, int j, Tail* out) {
  const Atom& a = label.atoms[j];
  auto readings = [&](std::string_view stem, bool means_ro) {
    out[0] = {stem, "ro", 0.0f};
    out[1] = {stem, "daero", means_ro ? 1.0f : 0.5f};
    out[2] = {stem, "gil", means_ro ? 1.0f : 0.0f};
  };
  if (a.kind == AtomKind::kLatin && label.generic(j)) {
    readings("", label.Has(j, kMeansRo));
    return 3;
  }
  uint32_t glued = 0;
  const std::string_view stem = WordTable::Builtin().GluedRoadStem(a.key, &glued);
  if (!stem.empty()) {  // "toegyerd": toegye + ro/daero/gil, or as written
    readings(stem, (glued & kMeansRo) != 0);
    out[3] = {a.key, "", 0.0f};
    return 4;
  }
  if (label.Has(j, kBranchGil)) {  // "66bungil"
    out[0] = {"beongil", "", 0.0f};
    return 1;
  }
  out[0] = {MiddleKey(label, j), "", 0.0f};
  return 1;
}

}  // namespace

// Every key is first collected as a Lookup, then all are resolved in one
// pass that prefetches their slots, so the cache misses of a label's many
// lookups overlap.
void RoadFinder::FindIn(const LabelAtoms& label, Tier tier, const db::FlatMultiMap& keys, Scratch* s,
                        std::vector<RoadHit>* hits) const {
  hits->clear();
  s->lookups.clear();
  s->near.clear();
  s->near_chars.clear();
  const db::FlatMultiMap& old_keys = db_.tables().old_road_keys;
  CollectSpanLookups(label, tier, keys, s);
  if (tier == Tier::kExact && &keys == &db_.tables().road_keys) CollectTranslatedLookups(label, s);
  for (const auto& l : s->lookups) l.map->Prefetch(l.hash);
  const int t = static_cast<int>(tier);
  auto add_hit = [&](uint32_t road, int b, int e, float q) { hits->push_back({road, b, e, q, t}); };
  bool whole_found = false;
  std::optional<text::PatternDistance> pattern;  // the skeleton of s->near[pattern_near]
  uint32_t pattern_near = ~0u;
  for (const auto& l : s->lookups) {
    if (l.kind == Lookup::kKoreanPart && whole_found) continue;
    const auto found = l.map->Find(l.hash);
    // An old road's name (이전도로명주소) as a whole is as much a name as a
    // current one's: "노송강당길" is not 노송 + 강당길.
    if (l.kind == Lookup::kKoreanWhole) {
      whole_found = !found.empty() || (&keys != &old_keys && old_keys.size() != 0 && !old_keys.Find(l.hash).empty());
    }
    if (l.kind != Lookup::kNearSkeleton) {
      for (const auto& f : found) add_hit(f.value, l.begin, l.end, l.quality);
      continue;
    }
    const Scratch::Near& near = s->near[l.near];
    // The roads with the skeleton's digits, their names prefetched together.
    auto& roads = s->near_roads;
    roads.clear();
    for (const auto& f : found) {
      if (scan_.digits(f.value) != near.digits) continue;
      roads.push_back(f.value);
      scan_.Prefetch(f.value);
    }
    if (roads.empty()) continue;
    if (pattern_near != l.near) {  // a group's lookups come one after another
      pattern.emplace(std::string_view(s->near_chars.data() + near.offset, near.size));
      pattern_near = l.near;
    }
    for (uint32_t road : roads) {
      const int d = pattern->Distance(scan_.skeleton(road), near.max_d);
      if (d <= near.max_d) add_hit(road, l.begin, l.end, l.quality - 0.5f * static_cast<float>(d - 1));
    }
  }
  MergeDuplicateHits(s, hits);
  DropInnerHits(s, hits);
  std::erase_if(*hits, [&](const RoadHit& h) { return BranchFollows(label, h.end); });
}

bool BranchFollows(const LabelAtoms& label, int end) {
  const auto& atoms = label.atoms;
  const int n = label.size();
  if (end + 1 >= n || atoms[end].kind != AtomKind::kDigits || parse::IsFieldBoundary(atoms[end].sep)) {
    return false;
  }
  // The word that ends a branch's name is a road-name part itself (gil,
  // 번길, beongil, ro), never a word that merely ends like one: in
  // "Deogam-ro 99 Hanaro Mart" the road is Deogam-ro.
  auto branch_end = [&](int k) {
    return !parse::IsFieldBoundary(atoms[k].sep) && label.terminal[k] &&
           (label.Has(k, kRoadPartAfter) || label.Has(k, kBranchGil));
  };
  const Atom& mid = atoms[end + 1];
  if (branch_end(end + 1)) return true;  // "332 gil", "30-gil", "30번길", "66beongil"
  if (mid.sep == parse::Sep::kGlued && label.terminal[end + 1]) return true;  // "44beonangil"
  // "66bon-gil", "57dong-gil", "20beonga-gil", "382beon St": a word glued
  // to the number, then the end.
  return end + 2 < n && mid.kind != AtomKind::kDigits && mid.sep == parse::Sep::kGlued && branch_end(end + 2);
}

// A common name (중앙로) finds hundreds of roads through several keys, so
// the first places are kept in a hash table instead of searching the hits
// for each new one.
void MergeDuplicateHits(RoadFinder::Scratch* s, std::vector<RoadHit>* hits_out) {
  auto& hits = *hits_out;
  if (hits.size() < 2) return;
  // Open addressing, at least twice as many slots as hits: one pass.
  auto& table = s->hit_table;
  size_t cap = 16;
  while (cap < 2 * hits.size()) cap <<= 1;
  table.assign(cap, kNone);
  auto& keep = s->hit_keep;
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

// The hits share a few spans: each span is checked once.
void DropInnerHits(RoadFinder::Scratch* s, std::vector<RoadHit>* hits) {
  auto& spans = s->spans;
  spans.clear();
  for (const auto& h : *hits) spans.push_back({h.begin, h.end, false});
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
  auto& kept = s->kept;
  kept.clear();
  for (const auto& h : *hits) {
    const auto sp = std::lower_bound(spans.begin(), spans.end(), h, [](const auto& x, const auto& hit) {
      return std::tie(x.begin, x.end) < std::tie(hit.begin, hit.end);
    });
    if (!sp->inner) kept.push_back(h);
  }
  hits->swap(kept);
}

// Spans of atoms ending in a road word, read as written (kExact), by
// skeleton (kSkeleton) or within one edit of a skeleton (kOneEdit).
void RoadFinder::CollectSpanLookups(const LabelAtoms& label, Tier tier, const db::FlatMultiMap& keys,
                                    Scratch* s) const {
  const auto& atoms = label.atoms;
  const auto& t = db_.tables();
  const int n = label.size();
  const float base = tier == Tier::kExact      ? kExactQuality
                     : tier == Tier::kSkeleton ? kSkeletonQuality
                                               : kOneEditQuality;
  std::string& prefix = s->prefix;  // keys of atoms i..j-1
  std::string& korean = s->korean;  // Hangul of atoms i..j, when glued
  std::string& key = s->key;        // prefix + a tail
  std::string& skeleton = s->skeleton;
  for (int j = 0; j < n; ++j) {
    if (!label.terminal[j]) continue;
    Tail tails[4];
    const int tail_count = TailsOf(label, j, tails);
    prefix.clear();
    korean.clear();
    bool korean_ok = true;
    for (int i = j; i >= 0 && j - i < kMaxSpanAtoms; --i) {
      const Atom& a = atoms[i];
      if (label.Has(i, kNotName)) break;  // "Korea", "경비실": in no road's name
      if (i < j) prefix.insert(0, MiddleKey(label, i));
      if (i < j && atoms[i + 1].sep != Sep::kGlued) korean_ok = false;
      if (a.kind == AtomKind::kLatin) korean_ok = false;
      if (korean_ok) korean.insert(0, a.text);

      // Spans start at a name, not a number; a road named by a number
      // ("63-ro") is looked up exactly only.
      const bool can_start = a.kind != AtomKind::kDigits || (tier == Tier::kExact && i < j);
      if (can_start) {
        db::KeyHasher prefix_hash;
        prefix_hash.Add(prefix);
        for (int ti = 0; ti < tail_count; ++ti) {
          const Tail& tail = tails[ti];
          const float q = base - tail.penalty;
          if (tier == Tier::kExact) {
            const uint64_t h = db::KeyHasher(prefix_hash).Add(tail.stem).Add(tail.suffix).Hash();
            s->lookups.push_back({&keys, h, i, j + 1, q, Lookup::kHit, 0});
            continue;
          }
          key.assign(prefix).append(tail.stem).append(tail.suffix);
          text::SkeletonKeyInto(key, &skeleton);
          if (tier == Tier::kSkeleton) {
            s->lookups.push_back({&t.road_skeleton, HashKey(skeleton), i, j + 1, q, Lookup::kHit, 0});
            continue;
          }
          if (skeleton.size() < db::OneEditKeys::kMinLength) continue;
          // Within one edit (two for long names): the skeleton and each of
          // its deletions against the deletion map of the road skeletons.
          const auto near = static_cast<uint32_t>(s->near.size());
          s->near.push_back({static_cast<uint32_t>(s->near_chars.size()),
                             static_cast<uint32_t>(skeleton.size()),
                             HashKey(text::DigitsOf(skeleton)), skeleton.size() >= 10 ? 2 : 1});
          s->near_chars.append(skeleton);
          db::OneEditKeys::ForEachKey(skeleton, [&](uint64_t h) {
            s->lookups.push_back({&t.road_fuzzy, h, i, j + 1, q, Lookup::kNearSkeleton, near});
          });
        }
        if (tier == Tier::kExact && korean_ok && !korean.empty()) {
          s->lookups.push_back({&keys, HashKey(korean), i, j + 1, kExactQuality, Lookup::kKoreanWhole, 0});
          // "서울특별시관악구남부순환로": the road is a suffix of a glued atom
          // (but 구서원길 is a road of its own, not 구 + 서원길): looked up
          // only when the whole is not a road.
          const size_t syl = parse::SyllableCount(a);
          if (a.kind == AtomKind::kHangul && syl >= 3) {
            for (size_t p = 1; p + 2 <= syl; ++p) {
              s->lookups.push_back({&keys, HashKey(std::string_view(korean).substr(p * 3)), i,
                                    j + 1, kExactQuality - 0.25f, Lookup::kKoreanPart, 0});
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
void RoadFinder::CollectTranslatedLookups(const LabelAtoms& label, Scratch* s) const {
  const auto& atoms = label.atoms;
  const auto& t = db_.tables();
  const int n = label.size();
  for (int j = 0; j < n && label.first_phrase >= 0; ++j) {
    if (!label.terminal[j] || j < label.first_phrase) continue;
    for (int i = j; i >= 0 && j - i < kMaxSpanAtoms; --i) {
      if (label.Has(i, kNotName)) break;
      if (i > label.first_phrase && label.phrases[i] == nullptr) {
        // no phrase starts at or before i within the span yet: keep extending
        bool any = false;
        for (int k = i; k <= j && !any; ++k) any = label.phrases[k] != nullptr;
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
      // keys live in one buffer (partial_chars), reused across labels.
      auto& stack = s->partials;
      auto& done = s->partials_done;
      auto& chars = s->partial_chars;
      stack.clear();
      done.clear();
      chars.clear();
      stack.push_back({i, 0, 0, false});
      while (!stack.empty() && done.size() < 16) {
        const Scratch::Partial p = stack.back();
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
        extend(k + 1, k < j ? MiddleKey(label, k) : label.generic(k) ? std::string_view("ro") : std::string_view(a.key),
               p.translated);
        const auto* phrases = label.phrases[k];
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
        text::SkeletonKeyInto(key, &s->skeleton);
        s->lookups.push_back({&t.road_keys, HashKey(key), i, j + 1, kTranslatedQuality, Lookup::kHit, 0});
        s->lookups.push_back({&t.road_skeleton, HashKey(s->skeleton), i, j + 1,
                              kTranslatedQuality - 1.0f, Lookup::kHit, 0});
      }
      if (parse::IsFieldBoundary(atoms[i].sep)) break;
    }
  }
}

}  // namespace doro::match
