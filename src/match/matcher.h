// Matcher: label -> Answer over one Database. The pipeline for one label,
// one file per stage, each with one typed result:
//   1. atoms.h          tokenize (parse/label.h); word roles (words.h)
//   2. regions.h        region evidence: spans naming a 시도, 시군구, 읍면동
//   3. roads.h          road hits, tier by tier: exact and translated keys,
//                       romanization skeleton, one edit; then
//      district_scan.h  with a district known, the unique closest name there
//   4. numbers.h        building-number readings beside the roads
//   5. score.h          verified buildings, scored by road match, number
//                       position and agreement with the region evidence
//   6. decide.h         one address, or a no-answer with a reason; equals
//                       are never guessed between
//   lots.h              without a road answer (or beside a road found only
//                       by the district scan), a 동/리 and lot number:
//                       the one road address on that lot
//   names.h             without an answer yet, or to break a tie, a
//                       building's name: the one building of that name
//   7. units.h          the unit (동, 층, 호) from the words left over
// This file only climbs the ladder of tiers: a later, looser tier runs only
// when the earlier ones found nothing that agrees with the label.
#ifndef DORO_MATCH_MATCHER_H_
#define DORO_MATCH_MATCHER_H_

#include <string_view>

#include "db/database.h"
#include "match/district_scan.h"
#include "match/engine.h"
#include "match/lots.h"
#include "match/names.h"
#include "match/regions.h"
#include "match/road_scan.h"
#include "match/roads.h"
#include "match/score.h"
#include "match/translations.h"
#include "match/words.h"

namespace doro::match {

class Matcher {
 public:
  // Both must outlive the matcher.
  Matcher(const db::Database& db, const Translations& translations);

  // `label` is valid UTF-8 within the engine's size limit (Engine::Refine
  // checks both).
  Answer Refine(std::string_view label, Detail detail = Detail::kFull) const;

 private:
  const db::Database& db_;
  const Translations& translations_;
  const WordTable& words_;
  RoadScanTable scan_;  // each road's English key and skeleton, with bounds
  RoadRegions road_regions_;
  RegionFinder regions_;
  RoadFinder roads_;
  DistrictScan district_scan_;
  Scorer scorer_;
  LotFinder lots_;
  NameFinder names_;
};

}  // namespace doro::match

#endif  // DORO_MATCH_MATCHER_H_
