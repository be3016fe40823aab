// Stage 3b: heavy typos ("Samseoyeon-ro" for Samseongyo-ro). With the
// district known, a road span is compared with every road of that district
// (by romanization skeleton, bounded edit distance) and only the road
// clearly closer than every other counts.
#ifndef DORO_MATCH_DISTRICT_SCAN_H_
#define DORO_MATCH_DISTRICT_SCAN_H_

#include <vector>

#include "db/database.h"
#include "match/atoms.h"
#include "match/regions.h"
#include "match/road_hit.h"
#include "match/road_scan.h"

namespace doro::match {

class DistrictScan {
 public:
  // Both must outlive the scan.
  DistrictScan(const db::Database& db, const RoadScanTable& scan) : db_(db), scan_(scan) {}

  struct Scratch {
    std::vector<const RoadScanTable::Entry*> near;  // roads within the bounds
  };

  // Appends Tier::kDistrict hits to *hits. Runs only when the label names
  // one to eight districts (시군구, or 세종 which has none; a town narrows
  // them, or stands alone when it names one or two).
  void Find(const LabelAtoms& label, const RegionEvidence& regions, Scratch* scratch,
            std::vector<RoadHit>* hits) const;

 private:
  const db::Database& db_;
  const RoadScanTable& scan_;
};

}  // namespace doro::match

#endif  // DORO_MATCH_DISTRICT_SCAN_H_
