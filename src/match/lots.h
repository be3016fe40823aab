// Stage 4b: lot (지번) readings — a 법정동 or 리 named right beside a lot
// number: "15-3 Panam-dong", "판암동 15-3", "신안리 300번지", "San 12
// Sinan-ri", "조치원읍 신안리 산 12-1". Each reading names one area the
// label's 시도/시군구 allow; which lots exist is the database's to say
// (Database::FindLots), and the decision is the matcher's.
#ifndef DORO_MATCH_LOTS_H_
#define DORO_MATCH_LOTS_H_

#include <cstdint>
#include <vector>

#include "db/database.h"
#include "match/atoms.h"
#include "match/regions.h"

namespace doro::match {

struct LotReading {
  int begin, end;            // atoms [begin, end): the area and the number
  int area_begin, area_end;  // the area's words
  uint32_t area;             // AreaRec (a 법정동 or a 리)
  bool mountain;
  uint32_t main, sub;
};

// The stage's result.
struct LotReadings {
  std::vector<LotReading> lots;
  void Clear() { lots.clear(); }
};

class LotFinder {
 public:
  explicit LotFinder(const db::Database& db) : db_(db) {}  // must outlive the finder

  // The readings of `label` into *out (cleared first).
  void Find(const LabelAtoms& label, const RegionEvidence& regions, LotReadings* out) const;

 private:
  struct AreaSpan {
    int begin, end;
    uint32_t area;
  };
  void AreaSpans(const LabelAtoms& label, const RegionEvidence& regions, std::vector<AreaSpan>* out) const;

  const db::Database& db_;
};

}  // namespace doro::match

#endif  // DORO_MATCH_LOTS_H_
