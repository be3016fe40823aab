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

#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "text/keys.h"

namespace doro::match {

class RoadScanTable {
 public:
  // Letter counts folded into 16 letter classes of 4 bits each (counts over
  // 15 stay 15). Folding and capping only shrink the L1 distance of two
  // histograms, so half of it stays a lower bound on the edit distance.
  using Signature = uint64_t;

  // A name to compare with roads; the views must outlive the query.
  struct Query {
    Query(std::string_view key, std::string_view skeleton);
    std::string_view key, skeleton;
    uint64_t digits;  // HashKey of the skeleton's digits
    Signature key_sig, skeleton_sig;
    text::PatternDistance key_distance, skeleton_distance;
  };

  // Roads are added in road-id order: `key` is text::MatchKey of the English
  // name, `skeleton` its text::SkeletonKey. Then Group() once for each range
  // of roads to be scanned as a whole (a district's roads).
  void Reserve(size_t roads);
  void Add(std::string_view key, std::string_view skeleton);
  void Group(uint32_t first, uint32_t count);
  size_t size() const { return hot_.size(); }

  // A road as the scan sees it.
  struct Entry {
    uint64_t digits;
    uint32_t road;
    uint8_t key_len, skeleton_len;
    Signature key_sig, skeleton_sig;
  };
  // The roads of a range given to Group() whose names hold exactly the
  // query's digits: most names of a district differ in their digits
  // ("...로12번길"), and skipping them in a sorted run costs no branch per road.
  std::span<const Entry> WithDigits(uint32_t first, uint32_t count, uint64_t digits) const;

  std::string_view key(uint32_t road) const {
    const Name& n = names_[road];
    return n.inline_text() ? std::string_view(n.text, n.key_len) : Slice(road, 0);
  }
  std::string_view skeleton(uint32_t road) const {
    const Name& n = names_[road];
    return n.inline_text() ? std::string_view(n.text + n.key_len, n.skeleton_len) : Slice(road, 1);
  }

  // HashKey of the digits in the road's name (Query::digits to compare).
  uint64_t digits(uint32_t road) const { return digits_[road]; }

  // Starts loading what key(road) and skeleton(road) read.
  void Prefetch(uint32_t road) const { __builtin_prefetch(&names_[road]); }

  // False when neither the key nor the skeleton of `road` can be within `d`
  // edits of the query's (by the length and letter-count bounds).
  // Inline: called for every road of a district in the scan's inner loop.
  static bool MayBeWithin(const Query& q, const Entry& e, int d) {
    // Distance() is the smaller of the skeletons' and the keys' distances,
    // so the road stays only when one pair passes both bounds: the lengths,
    // then the folded letter counts (nearly as sharp as full counts and,
    // like the lengths, read from the record: no cache miss).
    // Branch-free: which roads pass is data, not a pattern a predictor learns.
    auto near = [d](int len_a, int len_b, Signature a, Signature b) {
      return static_cast<int>(std::abs(len_a - len_b) <= d) & static_cast<int>(SignatureBound(a, b) <= d);
    };
    return (near(e.skeleton_len, static_cast<int>(q.skeleton.size()), e.skeleton_sig, q.skeleton_sig) |
            near(e.key_len, static_cast<int>(q.key.size()), e.key_sig, q.key_sig)) != 0;
  }

  // ceil(L1 / 2) of two signatures: a lower bound on the edit distance (an
  // edit changes the letter counts by at most 2 in L1).
  static int SignatureBound(Signature a, Signature b) {
#if defined(__SSE2__)
    // Nibbles to bytes (low nibbles in the low half), then psadbw sums the
    // absolute differences.
    const __m128i mask = _mm_set1_epi8(0x0f);
    const __m128i va = _mm_cvtsi64_si128(static_cast<long long>(a));
    const __m128i vb = _mm_cvtsi64_si128(static_cast<long long>(b));
    const __m128i ba = _mm_unpacklo_epi64(_mm_and_si128(va, mask), _mm_and_si128(_mm_srli_epi64(va, 4), mask));
    const __m128i bb = _mm_unpacklo_epi64(_mm_and_si128(vb, mask), _mm_and_si128(_mm_srli_epi64(vb, 4), mask));
    const __m128i s = _mm_sad_epu8(ba, bb);
    const int l1 = _mm_cvtsi128_si32(s) + _mm_cvtsi128_si32(_mm_unpackhi_epi64(s, s));
#else
    int l1 = 0;
    for (int i = 0; i < 16; ++i) {
      l1 += std::abs(static_cast<int>((a >> (4 * i)) & 15) - static_cast<int>((b >> (4 * i)) & 15));
    }
#endif
    return (l1 + 1) / 2;
  }

  // min(edit distance of the keys, of the skeletons), capped at d + 1.
  int Distance(const Query& q, uint32_t road, int d) const;

 private:
  std::string_view Slice(uint32_t road, int which) const {
    const uint32_t b = offsets_[2 * road + which];
    return std::string_view(chars_).substr(b, offsets_[2 * road + which + 1] - b);
  }

  std::vector<Entry> hot_;  // by road id, then each group sorted by digits
  // By road id. The digits apart (8 bytes a road: they rule out most
  // roads a lookup returns), then the key and skeleton in one cache line
  // when the two fit (nearly all roads), so that comparing with a road
  // costs one cache miss instead of two (offsets, chars). Longer names are
  // in chars_.
  std::vector<uint64_t> digits_;
  struct alignas(64) Name {  // one cache line each
    static constexpr size_t kInline = 62;
    uint8_t key_len, skeleton_len;
    char text[kInline];  // the key, then the skeleton
    bool inline_text() const { return key_len + skeleton_len <= kInline; }
  };
  static_assert(sizeof(Name) == 64);
  std::vector<Name> names_;
  // Key of road r, then its skeleton, in chars_: two offsets per road, the
  // ranges empty for names held inline.
  std::vector<uint32_t> offsets_ = {0};
  std::string chars_;
};

}  // namespace doro::match

#endif  // DORO_MATCH_ROAD_SCAN_H_
