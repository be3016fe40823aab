// RoadScanTable: each road's English match key and skeleton, laid out for
// comparing one misspelled name with every road of a district (the district
// scan) or with the roads a deletion lookup returns (one-edit tier).
//
// Most roads of a district are ruled out by cheap lower bounds on the edit
// distance before any distance is computed: a different set of digits, a
// length difference, or letter counts too far apart (half the L1 distance of
// two letter histograms bounds the edit distance from below). The bounds sit
// in small sequential records, so that a scan streams through memory instead
// of chasing one string per road.
#ifndef DORO_MATCH_ROAD_SCAN_H_
#define DORO_MATCH_ROAD_SCAN_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace doro::match {

class RoadScanTable {
 public:
  // Letter counts a..z, then everything else; padded to 32 bytes.
  using Histogram = std::array<uint8_t, 32>;

  // A name to compare with roads; the views must outlive the query.
  struct Query {
    std::string_view key, skeleton;
    uint64_t digits;  // HashKey of the skeleton's digits
    Histogram key_hist, skeleton_hist;
  };
  static Query MakeQuery(std::string_view key, std::string_view skeleton);

  // Roads are added in road-id order: `key` is text::MatchKey of the English
  // name, `skeleton` its text::SkeletonKey.
  void Reserve(size_t roads);
  void Add(std::string_view key, std::string_view skeleton);
  size_t size() const { return hot_.size(); }

  std::string_view key(uint32_t road) const { return Slice(road, 0); }
  std::string_view skeleton(uint32_t road) const { return Slice(road, 1); }

  // HashKey of the digits in the road's name (Query::digits to compare).
  uint64_t digits(uint32_t road) const { return hot_[road].digits; }

  // False when neither the key nor the skeleton of `road` can be within `d`
  // edits of the query's (by the length and letter-count bounds).
  bool MayBeWithin(const Query& q, uint32_t road, int d) const;

  // min(edit distance of the keys, of the skeletons), capped at d + 1.
  int Distance(const Query& q, uint32_t road, int d) const;

 private:
  struct Hot {
    uint64_t digits;
    uint8_t key_len, skeleton_len;
  };
  struct Hists {
    Histogram key, skeleton;
  };
  std::string_view Slice(uint32_t road, int which) const {
    const uint32_t b = offsets_[2 * road + which];
    return std::string_view(chars_).substr(b, offsets_[2 * road + which + 1] - b);
  }

  std::vector<Hot> hot_;
  std::vector<Hists> hists_;
  std::vector<uint32_t> offsets_ = {0};  // key of road r, then its skeleton
  std::string chars_;
};

}  // namespace doro::match

#endif  // DORO_MATCH_ROAD_SCAN_H_
