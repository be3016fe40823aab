#include "match/road_scan.h"

#include <algorithm>
#include <cstdlib>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "db/flat_map.h"
#include "text/keys.h"

namespace doro::match {
namespace {

RoadScanTable::Histogram HistogramOf(std::string_view key) {
  RoadScanTable::Histogram h{};
  for (char c : key) {
    const int slot = (c >= 'a' && c <= 'z') ? c - 'a' : 26;
    if (h[slot] < 255) ++h[slot];
  }
  return h;
}

// ceil(L1 / 2): a lower bound on the edit distance of the two keys (an edit
// changes the letter counts by at most 2 in L1).
int HistogramBound(const RoadScanTable::Histogram& a, const RoadScanTable::Histogram& b) {
#if defined(__SSE2__)
  // psadbw sums the absolute differences of 8 byte pairs at a time.
  const auto* pa = reinterpret_cast<const __m128i*>(a.data());
  const auto* pb = reinterpret_cast<const __m128i*>(b.data());
  const __m128i s = _mm_add_epi64(_mm_sad_epu8(_mm_loadu_si128(pa), _mm_loadu_si128(pb)),
                                  _mm_sad_epu8(_mm_loadu_si128(pa + 1), _mm_loadu_si128(pb + 1)));
  const int l1 = _mm_cvtsi128_si32(s) + _mm_cvtsi128_si32(_mm_unpackhi_epi64(s, s));
#else
  int l1 = 0;
  for (size_t i = 0; i < a.size(); ++i) l1 += std::abs(int{a[i]} - int{b[i]});
#endif
  return (l1 + 1) / 2;
}

uint8_t Len8(std::string_view s) { return static_cast<uint8_t>(std::min<size_t>(255, s.size())); }

}  // namespace

RoadScanTable::Query RoadScanTable::MakeQuery(std::string_view key, std::string_view skeleton) {
  return Query{key, skeleton, db::HashKey(text::DigitsOf(skeleton)), HistogramOf(key),
               HistogramOf(skeleton)};
}

void RoadScanTable::Reserve(size_t roads) {
  hot_.reserve(roads);
  hists_.reserve(roads);
  offsets_.reserve(2 * roads + 1);
}

void RoadScanTable::Add(std::string_view key, std::string_view skeleton) {
  hot_.push_back({db::HashKey(text::DigitsOf(skeleton)), Len8(key), Len8(skeleton)});
  hists_.push_back({HistogramOf(key), HistogramOf(skeleton)});
  chars_.append(key);
  offsets_.push_back(static_cast<uint32_t>(chars_.size()));
  chars_.append(skeleton);
  offsets_.push_back(static_cast<uint32_t>(chars_.size()));
}

bool RoadScanTable::MayBeWithin(const Query& q, uint32_t road, int d) const {
  const Hot& h = hot_[road];
  // Cheapest bound first: the lengths, read from the small records.
  if (std::abs(int{h.skeleton_len} - static_cast<int>(q.skeleton.size())) > d &&
      std::abs(int{h.key_len} - static_cast<int>(q.key.size())) > d) {
    return false;
  }
  const Hists& hs = hists_[road];
  return HistogramBound(q.skeleton_hist, hs.skeleton) <= d || HistogramBound(q.key_hist, hs.key) <= d;
}

int RoadScanTable::Distance(const Query& q, uint32_t road, int d) const {
  // Skeletons forgive romanization, plain keys forgive typing ("Seojng" is
  // one swap from "Sejong", two once "eo" folds).
  return std::min(text::EditDistance(q.skeleton, skeleton(road), d),
                  text::EditDistance(q.key, key(road), d));
}

}  // namespace doro::match
