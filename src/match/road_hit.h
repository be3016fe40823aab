// A road found on a label: the stages' common currency between the road
// lookups (roads.h, district_scan.h) and verification (score.h).
#ifndef DORO_MATCH_ROAD_HIT_H_
#define DORO_MATCH_ROAD_HIT_H_

#include <cstdint>

namespace doro::match {

// How a road was found, surest first. Later tiers run only when the earlier
// ones found nothing that agrees with the label's region.
enum class Tier : int {
  kExact = 0,     // the key as written, Korean names, translated words
  kSkeleton = 1,  // romanization skeleton (eo/o, k/g, l/r folded)
  kOneEdit = 2,   // within one edit of a skeleton (two for long names)
  kDistrict = 3,  // the unique closest name among the named district's roads
};

// The base score of a hit found each way.
constexpr float kExactQuality = 10.0f;
constexpr float kTranslatedQuality = 9.5f;
constexpr float kSkeletonQuality = 9.0f;
constexpr float kOneEditQuality = 7.5f;
constexpr float kDistrictQuality = 6.0f;

struct RoadHit {
  uint32_t road;
  int begin, end;  // the span, atoms [begin, end)
  float quality;
  int tier = 0;    // a Tier
};

}  // namespace doro::match

#endif  // DORO_MATCH_ROAD_HIT_H_
