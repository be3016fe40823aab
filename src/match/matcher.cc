#include "match/matcher.h"

#include <algorithm>
#include <string>
#include <vector>

#include "match/atoms.h"
#include "match/decide.h"
#include "match/numbers.h"
#include "match/units.h"
#include "text/keys.h"
#include "text/romanize.h"

namespace doro::match {

namespace {

RoadScanTable MakeScanTable(const db::Database& db) {
  const auto& t = db.tables();
  RoadScanTable scan;
  scan.Reserve(t.roads.size());
  for (const auto& r : t.roads) {
    const std::string key = text::MatchKey(db.str(r.name_en));
    scan.Add(key, text::SkeletonKey(key));
  }
  for (const auto& region : t.regions) scan.Group(region.first_road, region.road_count);
  return scan;
}

// Every stage's result and scratch for one label; one per thread, reused,
// so that a thread refining many labels stops allocating after the first
// few.
struct LabelState {
  LabelAtoms label;
  RegionEvidence regions;
  RegionFinder::Scratch region_scratch;
  NumberReadings numbers;
  std::vector<RoadHit> hits;
  RoadFinder::Scratch road_scratch;
  DistrictScan::Scratch scan_scratch;
  std::vector<ScoredBuilding> cands;
  std::vector<int> verify_scratch;
  // The hits and candidates of the first tier that found any.
  std::vector<RoadHit> first_hits;
  std::vector<ScoredBuilding> first_cands;
  LotReadings lots;
  NameHits names;
  Decision decision;
  UnitReading unit;
  // The old-road fallback's hits, candidates and decision.
  std::vector<RoadHit> old_hits;
  std::vector<ScoredBuilding> old_cands;
  Decision old_decision;
};

bool HasWholeClean(const std::vector<ScoredBuilding>& cands) {
  return std::any_of(cands.begin(), cands.end(), [](const ScoredBuilding& c) { return !c.conflict && !c.partial; });
}

// A label that no current road as written answers may name a road by its
// old name (이전도로명주소): the building that had that number on it, if
// exactly one address fits, answers with its current address. A current
// road of that name and number always wins: this runs only when the exact
// tier found no clean candidate. True when it answered (*a, and st's hits,
// candidates and decision are the old road's).
bool TryOldRoads(const db::Database& db, const RoadFinder& roads, const Scorer& scorer, LabelState& st,
                 Detail detail, Answer* a) {
  if (db.tables().old_roads.empty()) return false;
  roads.FindOld(st.label, &st.road_scratch, &st.old_hits);
  if (st.old_hits.empty()) return false;
  const ScoreInput old_in{st.label, st.regions, st.numbers, st.old_hits};
  scorer.VerifyOld(old_in, &st.old_cands);
  if (!HasClean(st.old_cands)) return false;
  Answer old = Decide(db, old_in, true, &st.old_cands, detail, &st.old_decision);
  if (!old.ok()) return false;  // ambiguous among old addresses: the current roads' word stands
  old.warnings.push_back(Warning::kRenamedRoad);
  *a = std::move(old);
  st.hits.swap(st.old_hits);
  st.cands.swap(st.old_cands);
  std::swap(st.decision, st.old_decision);
  return true;
}

Answer EmptyLabel() {
  Answer a;
  a.reason = Reason::kBadInput;
  a.why = "empty label";
  return a;
}

}  // namespace

Matcher::Matcher(const db::Database& db, const Translations& translations)
    : db_(db),
      translations_(translations),
      words_(WordTable::Builtin()),
      scan_(MakeScanTable(db)),
      road_regions_(db),
      regions_(db),
      roads_(db, scan_),
      district_scan_(db, scan_),
      scorer_(db, road_regions_),
      lots_(db),
      names_(db) {}

Answer Matcher::Refine(std::string_view text, Detail detail) const {
  thread_local LabelState st;  // Refine never re-enters itself
  ReadAtoms(text, words_, translations_, &st.label);
  if (st.label.atoms.empty()) return EmptyLabel();
  regions_.Find(st.label, &st.region_scratch, &st.regions);
  ReadNumbers(st.label, st.regions, &st.numbers);
  const ScoreInput in{st.label, st.regions, st.numbers, st.hits};
  st.first_hits.clear();
  st.first_cands.clear();
  bool have_road = false;
  bool found_agreeing_road = false;
  Answer a;
  bool answered_old = false;
  for (Tier tier : {Tier::kExact, Tier::kSkeleton, Tier::kOneEdit}) {
    roads_.Find(st.label, tier, &st.road_scratch, &st.hits);
    // Only a road as written makes a missing number "no_building"; a road
    // reached through a respelling or a typo may not be the one meant.
    if (tier == Tier::kExact && !st.hits.empty()) have_road = true;
    scorer_.Verify(in, &st.verify_scratch, &st.cands);
    // No current road as written has the number (a main number alone, of
    // "31-14", is not it): the label may name a road by its old name,
    // before any respelling of the current ones is tried.
    if (tier == Tier::kExact && !HasWholeClean(st.cands) && TryOldRoads(db_, roads_, scorer_, st, detail, &a)) {
      answered_old = true;
      break;
    }
    if (HasClean(st.cands)) break;
    if (st.first_cands.empty() && !st.cands.empty()) {
      st.first_hits = st.hits;
      st.first_cands = st.cands;
    }
    // A road found exactly where the label says, without the number: the
    // answer is no_building, not some other road that has the number. (A
    // road found only through a variant spelling may be the wrong one.)
    if (tier == Tier::kExact && std::any_of(st.hits.begin(), st.hits.end(), [&](const RoadHit& h) {
          return scorer_.RoadAgrees(st.regions, h.road, h.begin, h.end) &&
                 st.numbers.AdjacentTo(h.begin, h.end);
        })) {
      found_agreeing_road = true;
      break;
    }
  }
  if (!answered_old && !HasClean(st.cands) && !found_agreeing_road) {
    st.hits.clear();
    district_scan_.Find(st.label, st.regions, &st.scan_scratch, &st.hits);
    scorer_.Verify(in, &st.verify_scratch, &st.cands);
    if (!HasClean(st.cands) && !st.first_cands.empty()) {
      // Only conflicting matches anywhere: report the surest of them.
      st.hits.swap(st.first_hits);
      st.cands.swap(st.first_cands);
    }
  }
  // Close calls: let typo'd region words speak.
  if (!answered_old && IsCloseCall(st.cands)) {
    const size_t before = st.regions.spans.size();
    regions_.FindTypos(st.label, &st.regions);
    if (st.regions.spans.size() > before) scorer_.Verify(in, &st.verify_scratch, &st.cands);
  }
  if (!answered_old) a = Decide(db_, in, have_road, &st.cands, detail, &st.decision);
  // A lot beside a 동/리 answers a label that names no road, and overrules
  // a road the district scan guessed at (its words may be the 동's).
  const bool guessed_road = a.ok() && st.hits[st.cands[0].hit].tier == static_cast<int>(Tier::kDistrict);
  if (!a.ok() || guessed_road || detail == Detail::kFull) lots_.Find(st.label, st.regions, &st.lots);
  else st.lots.Clear();
  if (!st.lots.lots.empty()) {
    // A road the label names, found where it says, without the number:
    // no_building stands (the road's words are not a lot's).
    if ((!a.ok() && !found_agreeing_road) || (guessed_road && !OnLot(db_, st.lots, st.decision.building))) {
      Decision lot_decision;
      Answer lot = DecideLot(db_, st.label, st.regions, st.lots, detail, &lot_decision);
      // The lot's word stands unless it found nothing where a road did.
      if (lot.ok() || !guessed_road || lot.reason != Reason::kNoBuilding) {
        a = std::move(lot);
        st.decision = std::move(lot_decision);
      }
    } else if (a.ok() && detail == Detail::kFull && !OnLot(db_, st.lots, st.decision.building)) {
      a.warnings.push_back(Warning::kLotMismatch);
    }
  }
  // A building's name: for a label that names no road, or to break a tie.
  // (A road the label states stands: no_building and conflicts are kept.)
  if (!a.ok() && (a.reason == Reason::kNoRoad || a.reason == Reason::kAmbiguous)) {
    names_.Find(st.label, st.regions, &st.names);
    if (!st.names.hits.empty()) {
      // A tie is broken among its own rivals only.
      Decision name_decision;
      Answer named = DecideName(db_, st.label, st.regions, st.names, st.decision.rivals, detail, &name_decision);
      if (named.ok() || a.reason == Reason::kNoRoad) {
        a = std::move(named);
        st.decision = std::move(name_decision);
      }
    }
  }
  if (detail != Detail::kFull) return a;
  // An apartment by the register's flag, or by its name (files that leave
  // 공동주택구분 at 0 still name the complex).
  const bool apartment = st.decision.building != db::kNone &&
                         (db_.tables().buildings[st.decision.building].apartment ||
                          db_.BuildingName(st.decision.building).find("아파트") != std::string_view::npos);
  ReadUnit(st.label, st.decision.used, st.decision.number_end, apartment, &st.unit);
  a.unit = st.unit.unit;
  a.detail_address = UnitText(a.unit);
  if (st.unit.guessed && a.ok()) a.warnings.push_back(Warning::kUnitGuessed);
  if (a.ok()) {
    a.delivery = a.address;
    if (!a.detail_address.empty()) (a.delivery += ", ") += a.detail_address;
    if (!a.reference.empty()) (a.delivery += ' ') += a.reference;
    ListWords(st.label, st.decision.used, st.unit.atoms, &a);
  }
  return a;
}

}  // namespace doro::match
