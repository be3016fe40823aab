// Stage 3: road lookups. Spans of atoms ending in a road word (-ro, -gil,
// Road, 로, 길) are looked up in the road maps, one tier at a time: exact
// keys (official English, our romanization and its variants, the Korean
// name) and spliced translations ("Nambu Ring-ro" -> nambu+sunhwan+ro);
// romanization skeletons; within one edit of a skeleton.
#ifndef DORO_MATCH_ROADS_H_
#define DORO_MATCH_ROADS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "db/database.h"
#include "match/atoms.h"
#include "match/road_hit.h"
#include "match/road_scan.h"

namespace doro::match {

class RoadFinder {
 public:
  // Both must outlive the finder.
  RoadFinder(const db::Database& db, const RoadScanTable& scan) : db_(db), scan_(scan) {}

  // A key to look up in one of the road maps, and what a match means.
  struct Lookup {
    enum Kind : uint8_t {
      kHit,           // the roads found are hits of the span
      kKoreanWhole,   // the same, for the span's glued Hangul
      kKoreanPart,    // a suffix of that Hangul; only when the whole found none
      kNearSkeleton,  // roads to compare with Scratch::near[near] by edit distance
    };
    const db::FlatMultiMap* map;
    uint64_t hash;
    int begin, end;  // the span, atoms [begin, end)
    float quality;
    Kind kind;
    uint32_t near;
  };

  // Reusable buffers, one per thread.
  struct Scratch {
    std::vector<Lookup> lookups;
    // The skeletons the one-edit tier compares with (in near_chars).
    struct Near {
      uint32_t offset, size;  // in near_chars
      uint64_t digits;        // HashKey(DigitsOf(skeleton))
      int max_d;
    };
    std::vector<Near> near;
    std::vector<uint32_t> near_roads;  // roads one near lookup found, with its digits
    std::string near_chars, prefix, korean, key, skeleton;
    // Translated readings of a span in progress (atoms from `next` on still
    // to read) and done, their keys in partial_chars.
    struct Partial {
      int next;
      uint32_t offset, size;
      bool translated;
    };
    std::vector<Partial> partials, partials_done;
    std::string partial_chars;
    // Duplicate and inner-span removal.
    std::vector<uint32_t> hit_table;
    std::vector<uint8_t> hit_keep;
    struct HitSpan {
      int begin, end;
      bool inner;  // inside a longer span that also found roads
    };
    std::vector<HitSpan> spans;
    std::vector<RoadHit> kept;
  };

  // The hits of one tier (kExact, kSkeleton or kOneEdit) into *hits
  // (cleared first): one per (road, span), with its best quality; none
  // whose span lies inside a longer span that also found roads
  // ("Samil-daero" inside "Samil-daero 30-gil"), and none followed by the
  // name of one of its branches ("Jungang-ro" of "Jungang-ro 66bon-gil 4"
  // when that branch was not found: the label names the branch).
  void Find(const LabelAtoms& label, Tier tier, Scratch* scratch, std::vector<RoadHit>* hits) const {
    FindIn(label, tier, db_.tables().road_keys, scratch, hits);
  }

  // The same spans as Find(kExact), looked up among the old road names
  // (Tables::old_road_keys): hits whose `road` is an OldRoadRec.
  void FindOld(const LabelAtoms& label, Scratch* scratch, std::vector<RoadHit>* hits) const {
    FindIn(label, Tier::kExact, db_.tables().old_road_keys, scratch, hits);
  }

 private:
  // `keys`: the exact-key map (current or old road names); translated
  // phrases are looked up for current roads only.
  void FindIn(const LabelAtoms& label, Tier tier, const db::FlatMultiMap& keys, Scratch* scratch,
              std::vector<RoadHit>* hits) const;
  void CollectSpanLookups(const LabelAtoms& label, Tier tier, const db::FlatMultiMap& keys, Scratch* s) const;
  void CollectTranslatedLookups(const LabelAtoms& label, Scratch* s) const;

  const db::Database& db_;
  const RoadScanTable& scan_;
};

// One hit per (road, span), at its first place, with its best quality.
void MergeDuplicateHits(RoadFinder::Scratch* scratch, std::vector<RoadHit>* hits);

// Drops the hits whose span lies inside a longer span that also found roads.
void DropInnerHits(RoadFinder::Scratch* scratch, std::vector<RoadHit>* hits);

// True when atoms from `end` on name a branch of the road that ends there:
// a number, then a road-name part ("332 gil", "30번길"), or a word glued to
// the number and then one ("66bon-gil", "57dong-gil", "20beonga-gil"), all
// in one field.
bool BranchFollows(const LabelAtoms& label, int end);

}  // namespace doro::match

#endif  // DORO_MATCH_ROADS_H_
