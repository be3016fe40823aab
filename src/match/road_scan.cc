#include "match/road_scan.h"

#include <algorithm>
#include <cstdlib>

#include "db/flat_map.h"
#include "text/keys.h"

namespace doro::match {
namespace {

// Letter classes of a Signature: the 16 letters a skeleton keeps (a b d e
// g h i j m n o r s u w y) each have their own; the letters a skeleton
// folds away join the class they fold into; digits are left out.
constexpr int8_t kLetterClass[26] = {
    0,  1,  12, 2,  3,  1,  4,  5,   // a b c d e f g h
    6,  7,  4,  11, 8,  9,  10, 1,   // i j k l m n o p
    4,  11, 12, 2,  13, 1,  14, 12,  // q r s t u v w x
    15, 7,                           // y z
};

RoadScanTable::Signature SignatureOf(std::string_view key) {
  RoadScanTable::Signature sig = 0;
  for (char c : key) {
    if (c < 'a' || c > 'z') continue;
    const int shift = 4 * kLetterClass[c - 'a'];
    if (((sig >> shift) & 15) != 15) sig += RoadScanTable::Signature{1} << shift;
  }
  return sig;
}

uint8_t Len8(std::string_view s) { return static_cast<uint8_t>(std::min<size_t>(255, s.size())); }

}  // namespace

RoadScanTable::Query::Query(std::string_view k, std::string_view s)
    : key(k),
      skeleton(s),
      digits(db::HashKey(text::DigitsOf(s))),
      key_sig(SignatureOf(k)),
      skeleton_sig(SignatureOf(s)),
      key_distance(k),
      skeleton_distance(s) {}

void RoadScanTable::Reserve(size_t roads) {
  hot_.reserve(roads);
  digits_.reserve(roads);
  names_.reserve(roads);
  offsets_.reserve(2 * roads + 1);
}

void RoadScanTable::Add(std::string_view key, std::string_view skeleton) {
  const uint64_t digits = db::HashKey(text::DigitsOf(skeleton));
  hot_.push_back({digits, static_cast<uint32_t>(hot_.size()), Len8(key), Len8(skeleton),
                  SignatureOf(key), SignatureOf(skeleton)});
  digits_.push_back(digits);
  Name name{Len8(key), Len8(skeleton), {}};
  const bool fits = name.inline_text();
  if (fits) {
    key.copy(name.text, key.size());
    skeleton.copy(name.text + key.size(), skeleton.size());
  }
  names_.push_back(name);
  if (fits) {
    offsets_.push_back(static_cast<uint32_t>(chars_.size()));
    offsets_.push_back(static_cast<uint32_t>(chars_.size()));
    return;
  }
  chars_.append(key);
  offsets_.push_back(static_cast<uint32_t>(chars_.size()));
  chars_.append(skeleton);
  offsets_.push_back(static_cast<uint32_t>(chars_.size()));
}

void RoadScanTable::Group(uint32_t first, uint32_t count) {
  if (first > hot_.size() || count > hot_.size() - first) return;
  std::sort(hot_.begin() + first, hot_.begin() + first + count, [](const Entry& a, const Entry& b) {
    return a.digits != b.digits ? a.digits < b.digits : a.road < b.road;
  });
}

std::span<const RoadScanTable::Entry> RoadScanTable::WithDigits(uint32_t first, uint32_t count,
                                                                uint64_t digits) const {
  if (first > hot_.size() || count > hot_.size() - first) return {};
  const auto begin = hot_.begin() + first, end = begin + count;
  const auto lo = std::lower_bound(begin, end, digits,
                                   [](const Entry& e, uint64_t d) { return e.digits < d; });
  auto hi = lo;
  while (hi != end && hi->digits == digits) ++hi;
  return {lo, hi};
}

int RoadScanTable::Distance(const Query& q, uint32_t road, int d) const {
  if (d < 0) return d + 1;
  // Skeletons forgive romanization, plain keys forgive typing ("Seojng" is
  // one swap from "Sejong", two once "eo" folds). The keys matter only when
  // they are closer than the skeletons, which caps their computation.
  const int by_skeleton = q.skeleton_distance.Distance(skeleton(road), d);
  if (by_skeleton == 0) return 0;
  const int cap = std::min(d, by_skeleton - 1);
  const int by_key = q.key_distance.Distance(key(road), cap);
  return by_key <= cap ? by_key : by_skeleton;
}

}  // namespace doro::match
