#include "match/district_scan.h"

#include <algorithm>
#include <iterator>
#include <string>

#include "match/roads.h"
#include "text/keys.h"

namespace doro::match {

using db::RegionKind;
using parse::Atom;
using parse::AtomKind;

void DistrictScan::Find(const LabelAtoms& label, const RegionEvidence& regions, Scratch* scratch,
                        std::vector<RoadHit>* hits) const {
  const auto& t = db_.tables();
  std::vector<uint32_t> districts, towns;
  for (const auto& r : regions.spans) {
    if (r.weak) continue;
    for (uint32_t v : regions.ValuesOf(r)) {
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
  const auto& atoms = label.atoms;
  const int n = label.size();
  for (int j = 0; j < n; ++j) {
    if (!label.terminal[j]) continue;
    // "Paeon-daero 185beon-gil": the name goes on past "daero"; only the
    // span ending at the last road word is compared.
    if (BranchFollows(label, j + 1)) continue;
    std::string key;
    for (int i = j; i >= 0 && j - i < 6; --i) {
      const Atom& a = atoms[i];
      if (label.Has(i, kNotName)) break;
      key.insert(0, (i == j && label.generic(i)) ? std::string_view("ro") : std::string_view(a.key));
      // A name starts at a name: not at "beon" or "gil", nor inside
      // "4gang-ro" or "30-gil".
      const bool starts_name =
          !label.Has(i, kRoadPartAfter) &&
          !(i > 0 && atoms[i - 1].kind == AtomKind::kDigits &&
            (a.sep == parse::Sep::kGlued || a.sep == parse::Sep::kHyphen));
      if (a.kind != AtomKind::kDigits && i < j && starts_name) {
        const std::string sk = text::SkeletonKey(key);
        const RoadScanTable::Query q(key, sk);
        // Evidence in proportion to the distance: one edit in a short name,
        // two from ten letters, three from fourteen.
        const int max_d = sk.size() >= 14 ? 3 : sk.size() >= 10 ? 2 : 1;
        // Only a road clearly closer than every other road of the district
        // counts: a label far from two roads names neither.
        int best_d = max_d + 1, second_d = max_d + 1;
        std::vector<uint32_t> best;  // roads of one name (one per 읍/면 or code)
        for (uint32_t g : scope) {
          const auto& region = t.regions[g];
          // The roads the bounds keep are listed and their names prefetched
          // first, so that their cache misses overlap; the bounds are tested
          // again below as second_d tightens.
          auto& near = scratch->near;  // only grows: [0, kept) is this group's
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
          for (uint32_t r : best) {
            hits->push_back({r, i, j + 1, kDistrictQuality + 3.0f * sim - 2.0f, static_cast<int>(Tier::kDistrict)});
          }
        }
      }
      if (parse::IsFieldBoundary(a.sep)) break;
    }
  }
}

}  // namespace doro::match
