#include "match/names.h"

#include <algorithm>
#include <string>

#include "db/name_keys.h"

namespace doro::match {

using parse::AtomKind;

namespace {

constexpr int kMaxNameAtoms = 8;


}  // namespace

void NameFinder::Find(const LabelAtoms& label, const RegionEvidence& regions, NameHits* out) const {
  out->Clear();
  const auto& t = db_.tables();
  if (t.name_keys.entries().empty()) return;
  const auto& atoms = label.atoms;
  const int n = label.size();
  int longest = 0;
  auto lookup = [&](const std::string& key, bool korean, int b, int e) {
    const size_t min = korean ? db::NameKeys::kMinKoreanKey : db::NameKeys::kMinLatinKey;
    if (key.size() < min) return;
    const std::string_view bare = db::NameKeys::WithoutEnding(key);
    const std::string marked = bare.empty() ? std::string() : db::NameKeys::kBareMark + std::string(bare);
    bool place_checked = false;
    for (std::string_view k : {std::string_view(key), std::string_view(marked)}) {
      if (k.size() < min) continue;
      const auto found = t.name_keys.Find(db::HashKey(k));
      if (found.empty()) continue;
      // A place's name ("Jochiwon-eup") is region evidence, not a building.
      if (!place_checked && !t.region_keys.Find(db::HashKey(key)).empty()) return;
      place_checked = true;
      for (const auto& f : found) {
        if (f.value >= t.buildings.size()) continue;
        const uint32_t region = t.roads[t.buildings[f.value].road].region;
        if (!regions.Allows(region, t.regions[region].sido, b, e)) continue;
        if (e - b > longest) {
          out->hits.clear();
          longest = e - b;
        }
        if (e - b == longest) out->hits.push_back({b, e, f.value});
      }
    }
  };
  std::string korean, latin, translated;
  // Words whole: a window starts and ends where a word does.
  auto joined = [&](int j) { return atoms[j].sep == parse::Sep::kGlued || atoms[j].sep == parse::Sep::kHyphen; };
  for (int i = 0; i < n; ++i) {
    if (label.Has(i, kNotName) || (i > 0 && joined(i))) continue;
    korean.clear();
    latin.clear();
    translated.clear();
    bool korean_ok = true;
    int skip_to = i;  // translated words cover atoms up to here
    for (int j = i; j < n && j - i < kMaxNameAtoms; ++j) {
      // A name may go on in parentheses ("센터(남측)"), not past a comma.
      if (j > i && atoms[j].sep == parse::Sep::kComma) break;
      const auto& a = atoms[j];
      korean_ok &= a.kind != AtomKind::kLatin;
      if (korean_ok) korean += a.text;
      latin += a.key;
      if (j >= skip_to) {
        // The longest translated phrase starting here whose words follow.
        const Translations::Phrase* best = nullptr;
        if (label.phrases[j] != nullptr) {
          for (const auto& p : *label.phrases[j]) {
            const int len = static_cast<int>(p.words.size());
            if (j + len > n) continue;
            bool fits = true;
            for (int k = 0; k < len && fits; ++k) fits = atoms[j + k].text == p.words[k];
            if (fits && (best == nullptr || len > static_cast<int>(best->words.size()))) best = &p;
          }
        }
        if (best != nullptr) {
          translated += best->key;
          skip_to = j + static_cast<int>(best->words.size());
        } else {
          translated += a.key;
          skip_to = j + 1;
        }
      }
      const int e = j + 1;
      if (e < skip_to || (e < n && joined(e))) continue;
      if (korean_ok) lookup(korean, true, i, e);
      lookup(latin, false, i, e);
      if (translated != latin) lookup(translated, false, i, e);
    }
  }
  std::sort(out->hits.begin(), out->hits.end(),
            [](const NameHit& x, const NameHit& y) { return x.building < y.building; });
  out->hits.erase(std::unique(out->hits.begin(), out->hits.end(),
                              [](const NameHit& x, const NameHit& y) { return x.building == y.building; }),
                  out->hits.end());
}

}  // namespace doro::match
