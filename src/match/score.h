// Stage 5: verification and scoring. Each road hit is paired with each
// number reading outside its span; a pair whose building exists becomes a
// candidate, scored by how the road was found, where the number stands,
// basement agreement, and agreement with the label's region evidence and
// postal code. A candidate that contradicts a city or district the label
// names is marked as a conflict.
#ifndef DORO_MATCH_SCORE_H_
#define DORO_MATCH_SCORE_H_

#include <cstdint>
#include <vector>

#include "db/database.h"
#include "match/atoms.h"
#include "match/numbers.h"
#include "match/regions.h"
#include "match/road_hit.h"

namespace doro::match {

// Scores below the best by less than this are equals: no guessing.
constexpr float kTieMargin = 0.75f;

struct ScoredBuilding {
  uint32_t building;
  int hit;     // in the hits
  int number;  // in NumberReadings::numbers
  float score;
  bool conflict = false;
  bool partial = false;  // from a number read without the sub-number the label gave
  uint64_t region_spans = 0;  // bit s: RegionEvidence::spans[s] agreed (spans past 63 go unrecorded)
};

// What the scorer reads, all of one label.
struct ScoreInput {
  const LabelAtoms& label;
  const RegionEvidence& regions;
  const NumberReadings& numbers;
  const std::vector<RoadHit>& hits;
};

class Scorer {
 public:
  // Both must outlive the scorer.
  Scorer(const db::Database& db, const RoadRegions& road_regions) : db_(db), road_regions_(road_regions) {}

  // True when the label's 시도/시군구 allow the road (RegionEvidence::Allows).
  bool RoadAgrees(const RegionEvidence& regions, uint32_t road, int begin, int end) const {
    const uint32_t region = road_regions_.Of(road);
    return regions.Allows(region, db_.tables().regions[region].sido, begin, end);
  }

  // The candidates into *out (cleared first). Roads in the region the label
  // names first: a common name (중앙로) has hundreds of roads, and the others
  // matter only when none of these fits.
  void Verify(const ScoreInput& in, std::vector<int>* scratch, std::vector<ScoredBuilding>* out) const;

  // The same for hits on old road names (RoadFinder::FindOld): a candidate
  // is a building that had the number read on that old road.
  void VerifyOld(const ScoreInput& in, std::vector<ScoredBuilding>* out) const;

 private:
  void VerifyHits(const ScoreInput& in, bool agreeing_only, std::vector<int>* verify,
                  std::vector<ScoredBuilding>* out) const;
  void ScoreRegions(const ScoreInput& in, std::vector<ScoredBuilding>* cands) const;
  // The branch <road>N번길 of `road`'s district for a reading N-M, when
  // exactly one exists; kNone otherwise.
  uint32_t BranchOf(uint32_t road, const NumberReading& num) const;

  const db::Database& db_;
  const RoadRegions& road_regions_;
};

// True when some candidate agrees with every region the label names.
bool HasClean(const std::vector<ScoredBuilding>& cands);

// True when the best two clean candidates (distinct buildings) are within
// the tie margin: the decision would be "ambiguous" as things stand.
bool IsCloseCall(const std::vector<ScoredBuilding>& cands);

}  // namespace doro::match

#endif  // DORO_MATCH_SCORE_H_
