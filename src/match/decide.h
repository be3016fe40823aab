// Stage 6: the decision. One address when a clean candidate is ahead of
// every other by the tie margin; otherwise a no-answer with its reason:
// no_road, no_building, region_conflict, ambiguous. Equals are never
// guessed between. With Detail::kFull the answer also carries the
// reference part, English, management number, the candidates and which
// label parts were used.
#ifndef DORO_MATCH_DECIDE_H_
#define DORO_MATCH_DECIDE_H_

#include <vector>

#include "db/database.h"
#include "match/engine.h"
#include "match/score.h"

namespace doro::match {

// `have_road`: a road was found as written (an exact-tier hit), so a
// missing number is no_building rather than no_road. Reorders *cands.
Answer Decide(const db::Database& db, const ScoreInput& in, bool have_road,
              std::vector<ScoredBuilding>* cands, Detail detail);

}  // namespace doro::match

#endif  // DORO_MATCH_DECIDE_H_
