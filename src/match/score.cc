#include "match/score.h"

#include <bit>
#include <string>

#include "db/flat_map.h"

namespace doro::match {

using db::kNone;
using db::RegionKind;

namespace {

// The score a reading starts with as the building number of a road hit, or
// false when it cannot be one (it lies inside the road's own words). The
// number written next to the road is the building number; any other number
// on the label is more likely a unit or a phone.
bool StartScore(const RoadHit& hit, const NumberReading& num, const LabelAtoms& label, float* score) {
  if (num.main_atom >= hit.begin && num.main_atom < hit.end) return false;
  if (num.begin < hit.end && num.end > hit.begin) return false;
  *score = hit.quality;
  if (num.end == hit.begin || num.begin == hit.end ||
      (num.end + 1 == hit.begin && !label.atoms[num.end].key.empty() && label.Has(num.end, kBasement))) {
    *score += 2.0f;
  }
  return true;
}

// Charges a reading for being read loosely: a sub-number left out, or a
// five-digit main number (more often a postcode).
void ChargeLooseReading(const NumberReading& num, const LabelAtoms& label, float* score) {
  if (num.dropped_sub) *score -= 1.5f;
  if (num.main_atom >= 0 && label.atoms[num.main_atom].text.size() == 5) *score -= 1.0f;
}

// The buildings `find(basement)` gives at the reading's level, else at the
// other level: "B" left off an underground entrance costs a little; "B"
// written for a building with no basement costs more.
template <typename Find>
auto AtEitherLevel(const Find& find, const NumberReading& num, float* score) {
  auto found = find(num.basement);
  if (found.empty()) {
    found = find(!num.basement);
    if (!found.empty()) *score -= num.basement ? 2.5f : 1.5f;
  }
  return found;
}

}  // namespace

void Scorer::Verify(const ScoreInput& in, std::vector<int>* scratch, std::vector<ScoredBuilding>* out) const {
  VerifyHits(in, true, scratch, out);
  ScoreRegions(in, out);
  if (!HasClean(*out)) {
    VerifyHits(in, false, scratch, out);
    ScoreRegions(in, out);
  }
}

void Scorer::VerifyHits(const ScoreInput& in, bool agreeing_only, std::vector<int>* verify_out,
                        std::vector<ScoredBuilding>* out) const {
  out->clear();
  const auto& numbers = in.numbers.numbers;
  if (numbers.empty()) return;  // nothing to verify, and no prefetching for it
  const auto& hits = in.hits;
  auto& verify = *verify_out;
  verify.clear();
  for (int h = 0; h < static_cast<int>(hits.size()); ++h) {
    const auto& hit = hits[h];
    if (agreeing_only && !RoadAgrees(in.regions, hit.road, hit.begin, hit.end)) continue;
    verify.push_back(h);
  }
  // The number searches of all roads overlap their cache misses.
  for (int h : verify) db_.PrefetchRoad(hits[h].road);
  for (int h : verify) db_.PrefetchNumbers(hits[h].road);
  for (int h : verify) {
    const auto& hit = hits[h];
    for (int k = 0; k < static_cast<int>(numbers.size()); ++k) {
      const auto& num = numbers[k];
      float score;
      if (!StartScore(hit, num, in.label, &score)) continue;
      auto found = AtEitherLevel(
          [&](bool basement) { return db_.FindBuildings(hit.road, basement, num.main, num.sub); }, num, &score);
      if (found.empty()) {
        if (num.end == hit.begin && db_.FindBuildings(hit.road, false, num.main, 0).empty() &&
            db_.FindBuildings(hit.road, true, num.main, 0).empty()) {
          // "989-111 Daedeok-daero" for 대덕대로989번길 111: only when the number
          // stands before the road and the road has no building N at all
          // (else "N-M" is more likely N's sub-number, mistyped).
          if (const uint32_t branch = BranchOf(hit.road, num); branch != db::kNone) {
            found = db_.FindBuildings(branch, num.basement, num.sub, 0);
            score -= 1.0f;
          }
        }
        if (found.empty()) continue;
      }
      ChargeLooseReading(num, in.label, &score);
      for (const auto& b : found) {
        const uint32_t id = db_.IndexOf(b);
        db_.PrefetchBuilding(id);  // ScoreRegions reads it
        out->push_back({id, h, k, score, false, num.partial, {}});
      }
    }
  }
}

void Scorer::VerifyOld(const ScoreInput& in, std::vector<ScoredBuilding>* out) const {
  const auto& t = db_.tables();
  const auto& numbers = in.numbers.numbers;
  for (bool agreeing_only : {true, false}) {
    out->clear();
    for (int h = 0; h < static_cast<int>(in.hits.size()); ++h) {
      const auto& hit = in.hits[h];
      const uint32_t region = t.old_roads[hit.road].region;
      if (agreeing_only && !in.regions.Allows(region, t.regions[region].sido, hit.begin, hit.end)) continue;
      for (int k = 0; k < static_cast<int>(numbers.size()); ++k) {
        const auto& num = numbers[k];
        // As VerifyHits scores a current road's numbers.
        float score;
        if (!StartScore(hit, num, in.label, &score)) continue;
        const auto found = AtEitherLevel(
            [&](bool basement) { return db_.FindOldAddresses(hit.road, basement, num.main, num.sub); }, num, &score);
        if (found.empty()) continue;
        ChargeLooseReading(num, in.label, &score);
        for (const auto& f : found) out->push_back({f.building, h, k, score, false, num.partial, {}});
      }
    }
    ScoreRegions(in, out);
    if (HasClean(*out)) return;
  }
}

void Scorer::ScoreRegions(const ScoreInput& in, std::vector<ScoredBuilding>* cands) const {
  const auto& t = db_.tables();
  const auto& spans = in.regions.spans;
  for (auto& c : *cands) {
    const auto& hit = in.hits[c.hit];
    const auto& num = in.numbers.numbers[c.number];
    const db::BuildingRec& b = t.buildings[c.building];
    const uint32_t region = road_regions_.Of(b.road);
    const uint32_t sido = t.regions[region].sido;
    bool sido_ok = false, sigungu_ok = false, area_ok = false, admin_ok = false, city_ok = false;
    uint64_t against = 0;  // bit s: spans[s] contradicts the candidate
    for (int s = 0; s < static_cast<int>(spans.size()); ++s) {
      const auto& r = spans[s];
      if (r.begin < hit.end && r.end > hit.begin) continue;  // part of the road name
      if (r.begin < num.end && r.end > num.begin) continue;
      bool matched = false, strong = false, soft = false;
      for (uint32_t v : in.regions.ValuesOf(r)) {
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
            // A bare city name alone is weak ("Suwon" may be a road's or a
            // town's name); beside a 시도 of that name ("Gwangju": 광주광역시
            // and 경기 광주시) the span is as strong as the 시도.
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
      } else if (!r.weak && ((strong && !soft) || hit.tier >= static_cast<int>(Tier::kOneEdit))) {
        // The same spans as RegionEvidence::constraints. A road reached
        // through a typo must agree with every place the label names, town
        // included; an exact road need not (people misremember the 동).
        if (s < 64) {
          against |= uint64_t{1} << s;
        } else {
          c.conflict = true;
        }
      }
    }
    // A span against the candidate that overlaps one for it: no conflict.
    for (uint64_t bits = against; bits != 0 && !c.conflict; bits &= bits - 1) {
      c.conflict = !in.regions.OverlapsAgreed(spans[std::countr_zero(bits)], c.region_spans);
    }
    if (sido_ok) c.score += 3.0f;
    if (sigungu_ok) c.score += 3.0f;
    if (city_ok && !sigungu_ok) c.score += 1.5f;
    if (area_ok) c.score += 1.5f;
    else if (admin_ok) c.score += 0.5f;
    for (uint32_t z : in.numbers.zips) {
      if (z == b.zip) c.score += 2.0f;
    }
  }
}

uint32_t Scorer::BranchOf(uint32_t road, const NumberReading& num) const {
  if (num.sub == 0 || num.dropped_sub) return db::kNone;
  const auto& t = db_.tables();
  std::string name(db_.str(t.roads[road].name_ko));
  name += std::to_string(num.main);
  name += "번길";
  uint32_t branch = db::kNone;
  for (const auto& f : t.road_keys.Find(db::HashKey(name))) {
    if (t.roads[f.value].region != t.roads[road].region || db_.str(t.roads[f.value].name_ko) != name) continue;
    if (branch != db::kNone && branch != f.value) return db::kNone;  // two: no reading
    branch = f.value;
  }
  return branch;
}

bool HasClean(const std::vector<ScoredBuilding>& cands) {
  for (const auto& c : cands) {
    if (!c.conflict) return true;
  }
  return false;
}

bool IsCloseCall(const std::vector<ScoredBuilding>& cands) {
  float best = -1e9f, second = -1e9f;
  uint32_t best_building = kNone;
  for (const auto& c : cands) {
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

}  // namespace doro::match
