// Stage 2: region evidence — the spans of a label that name a 시도, 시군구,
// 읍면동 or 리 (English, Korean or mixed: "Seongdong구", "Seoul Special
// City", "서울특별시관악구"), each with the regions it may mean.
#ifndef DORO_MATCH_REGIONS_H_
#define DORO_MATCH_REGIONS_H_

#include <bit>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "db/database.h"
#include "match/atoms.h"

namespace doro::match {

struct RegionSpan {
  int begin, end;         // atoms [begin, end)
  uint32_t first, count;  // its values (db::PackRegion): RegionEvidence::values[first, first + count)
  // Weak evidence, which breaks ties only and never rules a road out: found
  // through a typo (FindTypos), or part of an organisation's name
  // ("Chonnam National University", "Busan Bank").
  bool weak = false;
};

// The stage's result.
struct RegionEvidence {
  std::vector<RegionSpan> spans;
  std::vector<uint32_t> values;
  // The spans that can contradict a road: those naming a 시도 or 시군구 and
  // no town. A town (읍면동) is soft evidence; a bare city name ("Suwon") is
  // neither strong nor soft: alone it contradicts nothing, beside a 시도 of
  // that name it changes nothing. Listed once per label,
  // as Allows() runs for every road hit and a common name has hundreds.
  struct Constraint {
    int begin, end;
    int span;  // in spans
  };
  std::vector<Constraint> constraints;
  // Values that came from the table of district changes
  // (db/district_changes.h): an old name on the label read as the area that
  // replaced it ("Nam-gu, Incheon" -> 미추홀구), or a new name read as the
  // older area of an older database. An answer one of them agrees with
  // carries the renamed_district warning.
  struct Renamed {
    int span;  // in spans
    uint32_t value;
  };
  std::vector<Renamed> renamed;

  std::span<const uint32_t> ValuesOf(const RegionSpan& r) const {
    return std::span<const uint32_t>(values).subspan(r.first, r.count);
  }
  void Clear() {
    spans.clear();
    values.clear();
    constraints.clear();
    renamed.clear();
  }
  // True when `r` overlaps one of the spans whose bits are set in `agreed`
  // (bit s: spans[s]): it is then another reading of the same words
  // ("Jeondong" inside "Jeondong-myeon"), and says nothing against.
  bool OverlapsAgreed(const RegionSpan& r, uint64_t agreed) const {
    for (; agreed != 0; agreed &= agreed - 1) {
      const RegionSpan& o = spans[std::countr_zero(agreed)];
      if (o.begin < r.end && o.end > r.begin) return true;
    }
    return false;
  }
  // True when no 시도/시군구 named on the label outside atoms [begin, end)
  // (a road's own words) contradicts `region` (a RegionRec id) of `sido`.
  bool Allows(uint32_t region, uint32_t sido, int begin, int end) const;
};

// The region of each road, 2 bytes a road (0.7 MB for the whole country,
// where RoadRec is 48 bytes): every road hit is checked against the label's
// regions, and a common name has hundreds. Falls back to RoadRec when the
// regions do not fit 16 bits.
class RoadRegions {
 public:
  explicit RoadRegions(const db::Database& db);
  uint32_t Of(uint32_t road) const {
    return small_.empty() ? db_.tables().roads[road].region : small_[road];
  }

 private:
  const db::Database& db_;
  std::vector<uint16_t> small_;
};

class RegionFinder {
 public:
  explicit RegionFinder(const db::Database& db);  // must outlive the finder

  // Reusable buffers, one per thread.
  struct Scratch {
    struct Lookup {
      int begin, end;
      uint64_t hash;
    };
    struct Found {
      int begin, end;
      uint32_t value;
      auto operator<=>(const Found&) const = default;
    };
    std::vector<Lookup> lookups;
    std::vector<Found> found;
    std::vector<uint8_t> unit_end;  // per atom: ends with a region-name ending
    std::vector<Found> redirected;  // redirects_ hits (value: index), then the values they add
    std::vector<Found> glued_sido;  // per glued word: the 시도 its first syllables name
  };

  // Exact region names into *out (cleared first), constraints included.
  void Find(const LabelAtoms& label, Scratch* scratch, RegionEvidence* out) const;

  // Typos in the city or district ("Gung-gu", "SOUL", "새울"), added to *out
  // as weak spans: they break ties only, adding to a candidate they fit and
  // never ruling one out.
  void FindTypos(const LabelAtoms& label, RegionEvidence* out) const;

 private:
  const db::Database& db_;
  struct NamedKey {
    std::string key;
    uint32_t value;  // db::PackRegion
  };
  std::vector<NamedKey> typo_keys_;  // 시도 and 시군구 keys

  // One direction of a row of the district-change table that applies to
  // this database: its old name is no area of the database, its new one is.
  struct Redirect {
    uint32_t from_sido;  // AllSido() index of the name's 시도
    uint32_t to_sido;    // differs for a move (군위군: 경북 -> 대구)
    // The bare name also names an area of the database ("남구" for 인천 남구,
    // now 미추홀구): it is read so only beside its 시도 ("Nam-gu, Incheon").
    bool needs_sido;
    std::vector<uint32_t> values;  // db::PackRegion of the areas it now means
  };
  void AddRedirects();
  // Glued Korean that starts with a 시도 and goes on with a 시군구
  // ("인천남구", "부산관악구", "서울특별시관악구"): the 시도 is evidence, and
  // the word's 시군구 readings of other 시도 are dropped, as the same two
  // names written apart would make two spans that must both agree.
  void FindGluedSido(const LabelAtoms& label, Scratch* scratch) const;
  void KeepGluedSido(const Scratch& scratch, std::vector<Scratch::Found>* found) const;
  // Adds to *found the values of the redirects the label's spans name.
  void Redirected(const LabelAtoms& label, const std::vector<Scratch::Lookup>& lookups, Scratch* scratch,
                  std::vector<Scratch::Found>* found) const;
  std::vector<Redirect> redirects_;
  db::FlatMultiMap redirect_keys_;  // key of the old name -> redirects_ index
};

}  // namespace doro::match

#endif  // DORO_MATCH_REGIONS_H_
