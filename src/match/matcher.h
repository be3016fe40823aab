// Matcher: label -> Answer over one Database. The pipeline for one label:
//   1. tokenize (parse/label.h) into atoms;
//   2. find region evidence: spans naming a 시도, 시군구 or 읍면동;
//   3. find roads: spans ending in a road-type word (-ro, -gil, Road, 로, 길)
//      looked up by exact key, then by romanization skeleton, then within one
//      edit, then (with a region known) by similarity within that region;
//   4. read the building number next to each road and verify it exists;
//   5. score each verified building by road match, number position and
//      agreement with the region evidence, and decide: one address, or a
//      no-answer with a reason. Equals are never guessed between.
#ifndef DORO_MATCH_MATCHER_H_
#define DORO_MATCH_MATCHER_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"
#include "match/engine.h"
#include "match/road_scan.h"
#include "match/translations.h"

namespace doro::match {

class Matcher {
 public:
  // Both must outlive the matcher.
  Matcher(const db::Database& db, const Translations& translations,
          EngineOptions options);

  Answer Refine(std::string_view label, Detail detail = Detail::kFull) const;

 private:
  struct Work;
  void FindRegions(Work& w) const;
  void FindRoads(Work& w, int tier) const;
  void CollectSpanLookups(Work& w, int tier) const;
  void CollectTranslatedLookups(Work& w) const;
  static void MergeDuplicateHits(Work& w);
  void ScanRegionRoads(Work& w) const;
  void FindNumbers(Work& w) const;
  void Verify(Work& w) const;  // candidates, scored (VerifyHits + ScoreRegions)
  void VerifyHits(Work& w, bool agreeing_only) const;
  void ScoreRegions(Work& w) const;
  void FuzzyRegions(Work& w) const;
  Answer Decide(Work& w, std::string_view label, Detail detail) const;
  static bool IsCloseCall(const Work& w);
  static bool HasAdjacentNumber(const Work& w, int begin, int end);
  bool RoadAgrees(const Work& w, uint32_t road, int begin, int end) const;
  static void FindConstraints(Work& w);  // the region spans RoadAgrees tests

  const db::Database& db_;
  const Translations& translations_;
  EngineOptions options_;
  RoadScanTable scan_;  // each road's English key and skeleton, with bounds
  // The region of each road, 2 bytes a road (0.7 MB for the whole country,
  // where RoadRec is 48 bytes): every road hit is checked against the
  // label's regions, and a common name has hundreds. Empty when the regions
  // do not fit 16 bits; RegionOfRoad then reads RoadRec.
  std::vector<uint16_t> road_region_;
  uint32_t RegionOfRoad(uint32_t road) const;
  struct NamedKey {
    std::string key;
    uint32_t value;  // db::PackRegion
  };
  std::vector<NamedKey> fuzzy_region_keys_;  // 시도 and 시군구 keys, for typos
};

}  // namespace doro::match

#endif  // DORO_MATCH_MATCHER_H_
