#include "match/decide.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace doro::match {

namespace {

// Two buildings written as one road address (the rows of one complex).
bool SameAddress(const db::Database& db, uint32_t a, uint32_t b) {
  const auto& x = db.tables().buildings[a];
  const auto& y = db.tables().buildings[b];
  if (x.main != y.main || x.sub != y.sub || x.underground != y.underground) return false;
  return db.RoadAddress(a) == db.RoadAddress(b);
}

// What on the label disagrees with the answer `best`: a postcode of the
// database's shape that is not the building's, a 읍/면/동 or a city named by
// its bare name that is not the building's. (A 시도 or 시군구 that
// disagrees makes a conflict, never an answer.)
void AddWarnings(const db::Database& db, const ScoreInput& in, const ScoredBuilding& best, Answer* a) {
  const db::BuildingRec& b = db.tables().buildings[best.building];
  const auto& hit = in.hits[best.hit];
  const auto& num = in.numbers.numbers[best.number];
  const auto digits = [](uint32_t v) { return v >= 100000 ? 6 : 5; };
  bool zip_seen = false, zip_ok = false;
  for (size_t z = 0; z < in.numbers.zips.size(); ++z) {
    const int atom = in.numbers.zip_atoms[z];
    if (atom >= num.begin && atom < num.end) continue;  // the building number itself
    if (!in.numbers.zip_sure[z]) continue;
    if (digits(in.numbers.zips[z]) != digits(b.zip)) continue;  // 2013 postcodes on today's data
    zip_seen = true;
    zip_ok |= in.numbers.zips[z] == b.zip;
  }
  if (zip_seen && !zip_ok) a->warnings.push_back(Warning::kZipMismatch);
  bool town = false, city = false;
  const auto& spans = in.regions.spans;
  for (int s = 0; s < static_cast<int>(spans.size()) && s < 64; ++s) {
    const auto& r = spans[s];
    if ((best.region_spans >> s & 1) != 0 || r.weak || in.regions.OverlapsAgreed(r, best.region_spans)) continue;
    if ((r.begin < hit.end && r.end > hit.begin) || (r.begin < num.end && r.end > num.begin)) continue;
    bool area_only = true, stem = false;
    for (uint32_t v : in.regions.ValuesOf(r)) {
      const db::RegionKind k = db::RegionKindOf(v);
      area_only &= k == db::RegionKind::kArea;
      stem |= k == db::RegionKind::kCityStem;
    }
    town |= area_only;
    city |= stem && !area_only;
  }
  if (town) a->warnings.push_back(Warning::kTownMismatch);
  if (city) a->warnings.push_back(Warning::kDistrictMismatch);
}

}  // namespace

Answer Decide(const db::Database& db, const ScoreInput& in, bool have_road,
              std::vector<ScoredBuilding>* cands_out, Detail detail) {
  Answer a;
  auto& cands = *cands_out;
  const auto& t = db.tables();
  if (cands.empty()) {
    a.reason = have_road ? Reason::kNoBuilding : Reason::kNoRoad;
    a.why = have_road ? "the road exists, but no building with that number"
                         : "no road of the database found in the label";
    return a;
  }
  // One entry per building, its best reading.
  std::sort(cands.begin(), cands.end(), [](const ScoredBuilding& x, const ScoredBuilding& y) {
    if (x.building != y.building) return x.building < y.building;
    if (x.conflict != y.conflict) return !x.conflict;
    return x.score > y.score;
  });
  cands.erase(std::unique(cands.begin(), cands.end(),
                          [](const ScoredBuilding& x, const ScoredBuilding& y) { return x.building == y.building; }),
              cands.end());
  std::sort(cands.begin(), cands.end(), [](const ScoredBuilding& x, const ScoredBuilding& y) {
    if (x.conflict != y.conflict) return !x.conflict;
    return x.score > y.score;
  });
  const bool full = detail == Detail::kFull;
  // The rows of one complex (a campus, a hospital) may share one road
  // address: such candidates are one answer, listed once.
  for (size_t i = 0; full && i < cands.size() && a.candidates.size() < 5; ++i) {
    const auto& c = cands[i];
    std::string address = db.RoadAddress(c.building);
    if (std::any_of(a.candidates.begin(), a.candidates.end(),
                    [&](const doro::Candidate& x) { return x.address == address; })) {
      continue;
    }
    const std::string reference = db.Reference(c.building);
    std::string full = reference.empty() ? address : address + " " + reference;
    a.candidates.push_back({std::move(address), std::move(full), db.Zip(c.building),
                            db.BuildingId(c.building), std::round(c.score * 100.0) / 100.0});
  }
  const ScoredBuilding& best = cands[0];
  if (best.conflict) {
    a.reason = Reason::kRegionConflict;
    a.why = "the only matching addresses lie outside the city or district on the label";
    return a;
  }
  if (best.partial) {
    a.reason = Reason::kNoBuilding;
    a.why = "no building with the sub-number on the label; the main number alone exists";
    return a;
  }
  // A partial reading close behind is as much a rival as any: the label
  // may mean it, and it does not exist as written.
  for (size_t i = 1; i < cands.size(); ++i) {
    const ScoredBuilding& c = cands[i];
    if (c.conflict || c.score <= best.score - kTieMargin) break;
    if (SameAddress(db, c.building, best.building)) continue;
    a.reason = Reason::kAmbiguous;
    a.why = "several addresses fit the label equally well";
    return a;
  }
  const uint32_t b = best.building;
  a.reason = Reason::kNone;
  a.address = db.RoadAddress(b);
  a.why = "matched";
  if (!full) return a;
  a.reference = db.Reference(b);
  a.address_full = a.reference.empty() ? a.address : a.address + " " + a.reference;
  a.zip = db.Zip(b);
  a.english = db.English(b);
  a.building_id = db.BuildingId(b);
  a.parts = db.Parts(b);
  AddWarnings(db, in, best, &a);

  // Which parts of the label made the answer.
  const auto& atoms = in.label.atoms;
  const int n = in.label.size();
  std::vector<bool> used(n, false);
  const auto& hit = in.hits[best.hit];
  const auto& num = in.numbers.numbers[best.number];
  for (int i = hit.begin; i < hit.end; ++i) used[i] = true;
  for (int i = num.begin; i < num.end; ++i) used[i] = true;
  const auto& spans = in.regions.spans;
  for (int s = 0; s < static_cast<int>(spans.size()) && s < 64; ++s) {
    if ((best.region_spans >> s & 1) == 0) continue;
    for (int i = spans[s].begin; i < spans[s].end; ++i) used[i] = true;
  }
  const auto& zips = in.numbers.zips;
  for (size_t z = 0; z < zips.size(); ++z) {
    if (zips[z] == t.buildings[b].zip) used[in.numbers.zip_atoms[z]] = true;
  }
  const std::string_view label = in.label.label;
  for (int i = 0; i < n;) {
    int j = i;
    while (j + 1 < n && used[j + 1] == used[i] && !parse::IsFieldBoundary(atoms[j + 1].sep)) ++j;
    const std::string piece(label.substr(atoms[i].begin, atoms[j].end - atoms[i].begin));
    (used[i] ? a.used : a.ignored).push_back(piece);
    i = j + 1;
  }
  return a;
}

}  // namespace doro::match
