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
  // A 시도 or 시군구 named as it was before a change (or after it, on an
  // older database) that the answer stands on.
  const auto& t = db.tables();
  const uint32_t region = t.roads[b.road].region;
  for (const auto& r : in.regions.renamed) {
    if (r.span >= 64 || (best.region_spans >> r.span & 1) == 0) continue;
    const uint32_t id = db::RegionIdOf(r.value);
    if (db::RegionKindOf(r.value) == db::RegionKind::kSido ? id == t.regions[region].sido : id == region) {
      a->warnings.push_back(Warning::kRenamedDistrict);
      break;
    }
  }
}

// One candidate of an answer; lots and names are not scored (0).
void AddCandidate(const db::Database& db, uint32_t b, const std::string& address, Answer* a, double score = 0) {
  const std::string reference = db.Reference(b);
  a->candidates.push_back(
      {address, reference.empty() ? address : address + " " + reference, db.Zip(b), db.BuildingId(b), score});
}

}  // namespace

Answer Decide(const db::Database& db, const ScoreInput& in, bool have_road,
              std::vector<ScoredBuilding>* cands_out, Detail detail, Decision* decision) {
  Answer a;
  decision->building = db::kNone;
  decision->used.assign(in.label.size(), 0);
  decision->number_end = -1;
  decision->rivals.clear();
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
    AddCandidate(db, c.building, address, &a, std::round(c.score * 100.0) / 100.0);
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
    decision->rivals.push_back(db.RoadAddress(best.building));
    for (size_t k = 1; k < cands.size(); ++k) {
      if (cands[k].conflict || cands[k].score <= best.score - kTieMargin) break;
      decision->rivals.push_back(db.RoadAddress(cands[k].building));
    }
    return a;
  }
  const uint32_t b = best.building;
  a.reason = Reason::kNone;
  a.address = db.RoadAddress(b);
  a.why = "matched";
  decision->building = b;
  const auto& hit = in.hits[best.hit];
  const auto& num = in.numbers.numbers[best.number];
  decision->number_end = num.end;
  if (!full) return a;
  FillAddress(db, b, &a);
  AddWarnings(db, in, best, &a);

  // Which atoms of the label made the answer.
  auto& used = decision->used;
  for (int i = hit.begin; i < hit.end; ++i) used[i] = 1;
  for (int i = num.begin; i < num.end; ++i) used[i] = 1;
  const auto& spans = in.regions.spans;
  for (int s = 0; s < static_cast<int>(spans.size()) && s < 64; ++s) {
    if ((best.region_spans >> s & 1) == 0) continue;
    for (int i = spans[s].begin; i < spans[s].end; ++i) used[i] = 1;
  }
  const auto& zips = in.numbers.zips;
  for (size_t z = 0; z < zips.size(); ++z) {
    if (zips[z] == t.buildings[b].zip) used[in.numbers.zip_atoms[z]] = 1;
  }
  return a;
}

void FillAddress(const db::Database& db, uint32_t b, Answer* a) {
  a->address = db.RoadAddress(b);
  a->reference = db.Reference(b);
  a->address_full = a->reference.empty() ? a->address : a->address + " " + a->reference;
  a->zip = db.Zip(b);
  a->english = db.English(b);
  a->building_id = db.BuildingId(b);
  a->parts = db.Parts(b);
}

bool OnLot(const db::Database& db, const LotReadings& lots, uint32_t b) {
  for (const auto& r : lots.lots) {
    for (const auto& l : db.FindLots(r.area, r.mountain, r.main, r.sub)) {
      if (l.building == b) return true;
    }
  }
  return false;
}

Answer DecideLot(const db::Database& db, const LabelAtoms& label, const RegionEvidence& regions,
                 const LotReadings& lots, Detail detail, Decision* decision) {
  Answer a;
  decision->building = db::kNone;
  decision->used.assign(label.size(), 0);
  decision->number_end = -1;
  decision->rivals.clear();
  // The buildings on every lot read, representative ones first, one per
  // road address (the rows of one complex are one answer).
  struct Found {
    uint32_t building;
    int reading;
    std::string address;
  };
  std::vector<Found> found;
  for (int r = 0; r < static_cast<int>(lots.lots.size()); ++r) {
    const auto& reading = lots.lots[r];
    for (const auto& l : db.FindLots(reading.area, reading.mountain, reading.main, reading.sub)) {
      std::string address = db.RoadAddress(l.building);
      if (std::none_of(found.begin(), found.end(), [&](const Found& f) { return f.address == address; })) {
        found.push_back({l.building, r, std::move(address)});
      }
    }
  }
  if (found.empty()) {
    a.reason = Reason::kNoBuilding;
    a.why = "the 동/리 exists, but no building stands on that lot";
    return a;
  }
  const bool full = detail == Detail::kFull;
  if (found.size() > 1) {
    a.reason = Reason::kAmbiguous;
    a.why = "several road addresses stand on that lot";
    for (const auto& f : found) decision->rivals.push_back(f.address);
    for (size_t i = 0; full && i < found.size() && i < 5; ++i) AddCandidate(db, found[i].building, found[i].address, &a);
    return a;
  }
  const uint32_t b = found[0].building;
  const LotReading& reading = lots.lots[found[0].reading];
  a.reason = Reason::kNone;
  a.address = found[0].address;
  a.why = "matched by its lot (지번)";
  decision->building = b;
  decision->number_end = reading.end;
  if (!full) return a;
  FillAddress(db, b, &a);
  for (int i = reading.begin; i < reading.end; ++i) decision->used[i] = 1;
  MarkRegions(db, regions, b, db.tables().areas[reading.area].parent, &decision->used);
  return a;
}

Answer DecideName(const db::Database& db, const LabelAtoms& label, const RegionEvidence& regions,
                  const NameHits& names, const std::vector<std::string>& rivals, Detail detail,
                  Decision* decision) {
  Answer a;
  decision->building = db::kNone;
  decision->used.assign(label.size(), 0);
  decision->number_end = -1;
  decision->rivals.clear();
  // One per road address; among rivals (a tie to break) only those.
  std::vector<std::pair<uint32_t, std::string>> found;
  const NameHit* hit = nullptr;
  for (const auto& h : names.hits) {
    std::string address = db.RoadAddress(h.building);
    if (!rivals.empty() && std::find(rivals.begin(), rivals.end(), address) == rivals.end()) {
      continue;
    }
    if (std::none_of(found.begin(), found.end(), [&](const auto& f) { return f.second == address; })) {
      found.emplace_back(h.building, std::move(address));
      hit = &h;
    }
  }
  if (found.size() != 1) {
    a.reason = found.empty() ? Reason::kNoRoad : Reason::kAmbiguous;
    a.why = found.empty() ? "no road of the database found in the label"
                          : "several buildings of that name";
    for (size_t i = 0; detail == Detail::kFull && i < found.size() && i < 5; ++i) {
      AddCandidate(db, found[i].first, found[i].second, &a);
    }
    return a;
  }
  const uint32_t b = found[0].first;
  a.reason = Reason::kNone;
  a.address = found[0].second;
  a.why = "matched by its building name";
  decision->building = b;
  decision->number_end = hit->end;
  if (detail != Detail::kFull) return a;
  FillAddress(db, b, &a);
  for (int i = hit->begin; i < hit->end; ++i) decision->used[i] = 1;
  MarkRegions(db, regions, b, db::kNone, &decision->used);
  return a;
}

void MarkRegions(const db::Database& db, const RegionEvidence& regions, uint32_t b, uint32_t also_area,
                 std::vector<uint8_t>* used) {
  const auto& t = db.tables();
  const auto& bld = t.buildings[b];
  const uint32_t region = t.roads[bld.road].region;
  for (const auto& span : regions.spans) {
    if (span.weak) continue;
    bool agrees = false;
    for (uint32_t v : regions.ValuesOf(span)) {
      const uint32_t id = db::RegionIdOf(v);
      switch (db::RegionKindOf(v)) {
        case db::RegionKind::kSido: agrees |= id == t.regions[region].sido; break;
        case db::RegionKind::kSigungu:
        case db::RegionKind::kCityStem: agrees |= id == region; break;
        case db::RegionKind::kArea: agrees |= id == bld.area || id == also_area; break;
      }
    }
    if (!agrees) continue;
    for (int i = span.begin; i < span.end; ++i) (*used)[i] = 1;
  }
}

void ListWords(const LabelAtoms& label, const std::vector<uint8_t>& used,
               const std::vector<uint8_t>& unit, Answer* a) {
  const auto& atoms = label.atoms;
  const int n = label.size();
  // A word of a 시도's official kind right after a used region word is part
  // of its name: "Sejong Special Self-Governing City".
  std::vector<uint8_t> mark(used.begin(), used.end());
  for (int i = 1; i < n; ++i) {
    if (!mark[i] && mark[i - 1] && label.Has(i, kRegionKind) && !parse::IsFieldBoundary(atoms[i].sep)) mark[i] = 1;
  }
  const std::string_view text = label.label;
  for (int i = 0; i < n;) {
    // A word: atoms joined without space ("Ring-ro", "B1721", "#302").
    int j = i;
    while (j + 1 < n && (atoms[j + 1].sep == parse::Sep::kGlued || atoms[j + 1].sep == parse::Sep::kHyphen)) ++j;
    bool any_used = false, all_unit = true;
    for (int k = i; k <= j; ++k) {
      any_used |= mark[k] && !unit[k];
      all_unit &= unit[k] != 0;
    }
    size_t begin = atoms[i].begin;
    if (atoms[i].sep == parse::Sep::kHash) {
      const size_t hash = text.rfind('#', begin);
      if (hash != std::string_view::npos) begin = hash;
    }
    if (!all_unit) {
      (any_used ? a->used : a->ignored).emplace_back(text.substr(begin, atoms[j].end - begin));
    }
    i = j + 1;
  }
}

}  // namespace doro::match
