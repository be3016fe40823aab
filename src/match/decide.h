// Stage 6: the decision. One address when a clean candidate is ahead of
// every other by the tie margin; otherwise a no-answer with its reason:
// no_road, no_building, region_conflict, ambiguous. Equals are never
// guessed between. With Detail::kFull the answer also carries the
// reference part, English, management number, the candidates and which
// label parts were used.
#ifndef DORO_MATCH_DECIDE_H_
#define DORO_MATCH_DECIDE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "db/database.h"
#include "match/engine.h"
#include "match/lots.h"
#include "match/names.h"
#include "match/score.h"

namespace doro::match {

// What made an answer, for the stages after the decision (the unit) and
// the lists of used and ignored words.
struct Decision {
  uint32_t building = db::kNone;  // the answer's, or kNone
  std::vector<uint8_t> used;      // per atom: made the answer
  int number_end = -1;            // the first atom past the building number, or -1
  std::vector<std::string> rivals;  // ambiguous: the addresses tied (any detail)
};

// `have_road`: a road was found as written (an exact-tier hit), so a
// missing number is no_building rather than no_road. Reorders *cands.
Answer Decide(const db::Database& db, const ScoreInput& in, bool have_road,
              std::vector<ScoredBuilding>* cands, Detail detail, Decision* decision);

// The decision from lot readings (lots.h): the one road address standing on
// the lot, ambiguous when several do, no_building when the lot holds none.
Answer DecideLot(const db::Database& db, const LabelAtoms& label, const RegionEvidence& regions,
                 const LotReadings& lots, Detail detail, Decision* decision);

// The decision from building names (names.h): the one road address of the
// name found; with `rivals` (a tie to break), the one of them it names.
Answer DecideName(const db::Database& db, const LabelAtoms& label, const RegionEvidence& regions,
                  const NameHits& names, const std::vector<std::string>& rivals, Detail detail,
                  Decision* decision);

// Marks in *used the region spans naming building `b`'s 시도, 시군구 or
// 읍면동 (or `also_area`, e.g. the 읍/면 of its 리).
void MarkRegions(const db::Database& db, const RegionEvidence& regions, uint32_t b, uint32_t also_area,
                 std::vector<uint8_t>* used);

// True when building `b` stands on one of the lots read.
bool OnLot(const db::Database& db, const LotReadings& lots, uint32_t b);

// Fills the address fields of an answer for building `b` (Detail::kFull).
void FillAddress(const db::Database& db, uint32_t b, Answer* a);

// a->used and a->ignored: the label's words as written, a word used when
// one of its atoms is; the unit's words are in neither list.
void ListWords(const LabelAtoms& label, const std::vector<uint8_t>& used,
               const std::vector<uint8_t>& unit, Answer* a);

}  // namespace doro::match

#endif  // DORO_MATCH_DECIDE_H_
