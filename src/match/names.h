// Stage 4c: building names on a label — runs of words whose key is the key
// of a building's name (db/name_keys.h): "세종국제고등학교", "홍익대학교
// 세종캠퍼스", "Jochiwon Fire Station" (translated words are put back into
// Korean). Only the longest names found are kept; the decision is the
// matcher's, and a name never overrules a road the label states.
#ifndef DORO_MATCH_NAMES_H_
#define DORO_MATCH_NAMES_H_

#include <cstdint>
#include <vector>

#include "db/database.h"
#include "match/atoms.h"
#include "match/regions.h"

namespace doro::match {

struct NameHit {
  int begin, end;  // atoms [begin, end)
  uint32_t building;
};

// The stage's result: hits of the longest names found, in buildings the
// label's 시도/시군구 allow.
struct NameHits {
  std::vector<NameHit> hits;
  void Clear() { hits.clear(); }
};

class NameFinder {
 public:
  explicit NameFinder(const db::Database& db) : db_(db) {}  // must outlive the finder

  void Find(const LabelAtoms& label, const RegionEvidence& regions, NameHits* out) const;

 private:
  const db::Database& db_;
};

}  // namespace doro::match

#endif  // DORO_MATCH_NAMES_H_
