// Database: the address tables and lookup indexes the matcher works on, in
// flat arrays of plain structs plus one string pool, so that the same layout
// serves from memory (built from the official text files) or from a mapped
// index file (db/index_file.h).
//
//   regions   one per 시군구 (or per 시도 without 시군구, i.e. 세종)
//   areas     법정 읍/면/동 and 행정동 names, each in one region
//   roads     one per 도로명코드, sorted by region, then name
//   buildings one per road address, sorted by (road, 지하, 본번, 부번, area)
#ifndef DORO_DB_DATABASE_H_
#define DORO_DB_DATABASE_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "db/address_row.h"
#include "db/flat_map.h"
#include "api/answer.h"
#include "api/load_report.h"

namespace doro::db {

struct StrRef {
  uint32_t offset = 0;
  uint32_t size = 0;
};

constexpr uint32_t kNone = 0xFFFFFFFFu;

struct RegionRec {
  uint32_t sido = 0;  // index into AllSido()
  StrRef name_ko;     // "성북구", "수원시 장안구"; empty for 세종
  StrRef name_en;     // "Seongbuk-gu", "Jangan-gu, Suwon-si"
  uint32_t first_road = 0;
  uint32_t road_count = 0;
};

struct AreaRec {
  StrRef name_ko;  // "반곡동", "조치원읍", "신안리"
  StrRef name_en;  // "Bangok-dong", "Jochiwon-eup", "Sinan-ri"
  uint32_t region = 0;
  uint32_t eup_myeon = 0;  // 1 for 읍/면: part of the road address
  // A 법정리 is an area of its own, inside its 읍/면 (`parent`): lots are
  // numbered per 리. It names lots only; it is not region evidence for
  // road labels (Tables::ri_keys, not region_keys).
  uint32_t parent = kNone;
  uint32_t ri = 0;          // 1 for a 리
  uint64_t legal_code = 0;  // 법정동코드 (10 digits); 0 for a 행정동 name only
};

struct RoadRec {
  StrRef name_ko;  // "삼선교로16길"
  StrRef name_en;  // "Samseongyo-ro 16-gil"
  uint64_t code = 0;  // 도로명코드
  uint32_t region = 0;
  uint32_t first_building = 0;
  uint32_t building_count = 0;
  uint32_t flags = 0;  // kOfficialEnglish
};
// RoadRec::flags: name_en comes from the official road-name file, not from
// our romanization.
constexpr uint32_t kOfficialEnglish = 1;

struct BuildingRec {
  uint32_t road = 0;
  uint32_t main = 0;
  uint16_t sub = 0;
  uint8_t underground = 0;
  uint8_t apartment = 0;
  uint32_t area = 0;        // 법정 읍면동 (AreaRec)
  uint32_t admin_area = 0;  // 행정동 (AreaRec), or kNone
  uint32_t zip = 0;         // numeric postal code
  uint32_t name = 0;        // 시군구용건물명 (else 건축물대장건물명): index into names, or kNone
  // 도로명주소관리번호. The official number is 시군구(5) 읍면동(3) 도로번호(7)
  // 지하(1) 본번(5) 부번(5): all but the 읍면동 part is known from the road
  // and the number, so only that part is kept (32 bytes a building instead
  // of 74: at 6.4 million buildings that is the memory budget). A number of
  // another shape is kept whole in Tables::ids, with kExplicitId set here.
  uint32_t id_ref = 0;
};
constexpr uint32_t kExplicitId = 0x80000000u;

static_assert(sizeof(BuildingRec) == 32, "BuildingRec is stored in index files");

// One lot (지번) a building stands on: its representative lot from the
// address file, or a related lot (jibun_rnaddrkor_*.txt). Sorted by
// (area, mountain, main, sub, related, building), so the buildings of one
// lot are adjacent and the representative ones first.
struct LotRec {
  uint32_t area = 0;  // the 법정동, or the 리 (AreaRec)
  uint32_t main = 0;  // 지번본번
  uint16_t sub = 0;   // 지번부번
  uint8_t mountain = 0;  // 산
  uint8_t related = 0;   // 1: from the related-lot file
  uint32_t building = 0;
};
static_assert(sizeof(LotRec) == 16, "LotRec is stored in index files");

// A road name a building was once addressed on (이전도로명주소, field 18 of
// its row), one per (region, old name): what a label written with the old
// name finds when no current road answers it. Sorted by (region, name).
struct OldRoadRec {
  StrRef name_ko;  // "옛도로"
  uint32_t region = 0;
  uint32_t first = 0;  // its addresses: Tables::old_addresses[first, first + count)
  uint32_t count = 0;
  uint32_t reserved = 0;
};
static_assert(sizeof(OldRoadRec) == 24, "OldRoadRec is stored in index files");

// One building's number on an old road; an old road's addresses are sorted
// by (number, building).
struct OldAddressRec {
  uint32_t number = 0;  // PackBuildingNumber
  uint32_t building = 0;
};
static_assert(sizeof(OldAddressRec) == 8, "OldAddressRec is stored in index files");

// A building number packed into 32 bits so that its order is that of
// (underground, main, sub): a road's numbers then sit in a dense array that
// a search reads 16 to a cache line (the records hold two). Numbers past
// the packed range saturate, which keeps the order; FindBuildings reads the
// records for those.
constexpr uint32_t kPackedMainMax = (1u << 17) - 1;
constexpr uint32_t kPackedSubMax = (1u << 14) - 1;
inline uint32_t PackBuildingNumber(bool underground, uint32_t main, uint32_t sub) {
  // A saturated main saturates the sub too, or (max, 5) would sort before
  // (max, 9) when the true mains run the other way.
  if (main >= kPackedMainMax) sub = kPackedSubMax;
  return (underground ? 1u << 31 : 0u) | (std::min(main, kPackedMainMax) << 14) |
         std::min(sub, kPackedSubMax);
}
inline bool PackingSaturates(uint32_t main, uint32_t sub) {
  return main >= kPackedMainMax || sub >= kPackedSubMax;
}

// What a region-key hit names.
enum class RegionKind : uint32_t {
  kSido = 1,      // value: sido index
  kSigungu = 2,   // value: region index
  kArea = 3,      // value: area index (법정 or 행정 읍면동)
  kCityStem = 4,  // value: region index; "Suwon" for 수원시: weak evidence
};
inline uint32_t PackRegion(RegionKind k, uint32_t id) {
  return (static_cast<uint32_t>(k) << 28) | id;
}
inline RegionKind RegionKindOf(uint32_t v) { return static_cast<RegionKind>(v >> 28); }
inline uint32_t RegionIdOf(uint32_t v) { return v & 0x0FFFFFFFu; }

// All the tables and indexes. Spans point into owned vectors or a mapping.
struct Tables {
  std::span<const char> strings;
  std::span<const RegionRec> regions;
  std::span<const AreaRec> areas;
  std::span<const RoadRec> roads;
  std::span<const BuildingRec> buildings;
  std::span<const StrRef> names;  // building names (BuildingRec::name)
  std::span<const StrRef> ids;    // building ids not of the official shape
  // Per building, PackBuildingNumber; and per road r, its buildings are
  // [road_starts[r], road_starts[r + 1]). RoadRec says the same, but these
  // dense arrays keep a number lookup to about one cache miss.
  std::span<const uint32_t> building_numbers;
  std::span<const uint32_t> road_starts;  // roads.size() + 1 entries
  std::span<const LotRec> lots;
  std::span<const uint32_t> building_lots;  // per building: its representative lot, or kNone
  FlatMultiMap road_keys;      // exact keys (Latin key or Korean name) -> road
  FlatMultiMap road_skeleton;  // SkeletonKey -> road
  FlatMultiMap road_fuzzy;     // skeleton and its one-deletions -> road
  FlatMultiMap region_keys;    // keys of 시도/시군구/읍면동 -> PackRegion
  FlatMultiMap ri_keys;        // keys of 리 names -> area (db/region_keys.h)
  FlatMultiMap name_keys;      // keys of building names -> building (db/name_keys.h)
  // The builder's input rows (db/row_store.h): read by `doro index update`
  // only, never by the matcher.
  std::span<const char> row_store;
  std::span<const OldRoadRec> old_roads;
  std::span<const OldAddressRec> old_addresses;
  FlatMultiMap old_road_keys;  // exact keys of old road names (as road_keys) -> old road
};

class Database {
 public:
  // Opens `path`: a compiled index file (db/index_file.h), or official text
  // files (a file or a directory of them), which are read and indexed; ""
  // builds the embedded demo database.
  // Text keeps the rows it was built from (db/row_store.h) unless `rows`
  // says kDrop: only writing an index needs them (`doro index update` reads
  // them back), and a database that only serves saves their memory and time.
  enum class Rows { kKeep, kDrop };
  static std::unique_ptr<Database> Load(const std::string& path, LoadReport* report, std::string* error,
                                        Rows rows = Rows::kKeep);
  // Builds from rows already read (tests, generators).
  static std::unique_ptr<Database> FromRows(const std::vector<AddressRow>& rows);

  const Tables& tables() const { return t_; }
  // The data's date: the latest 효력발생일 of the rows or of a change file
  // applied (YYYYMMDD), "" when none is known.
  const std::string& data_date() const { return data_date_; }

  std::string_view str(StrRef r) const {
    if (static_cast<uint64_t>(r.offset) + r.size > t_.strings.size()) return {};
    return std::string_view(t_.strings.data() + r.offset, r.size);
  }

  // Formatting of one building, the way the official system writes it.
  std::string RoadAddress(uint32_t building) const;  // roadAddrPart1
  std::string Reference(uint32_t building) const;    // roadAddrPart2
  std::string English(uint32_t building) const;      // engAddr
  std::string Zip(uint32_t building) const;          // "30145"
  std::string BuildingId(uint32_t building) const;   // bdMgtSn
  // The representative lot as juso writes it: "세종특별자치시 조치원읍
  // 신안리 300", "대전광역시 동구 판암동 산 15-3"; "" without one.
  std::string JibunAddress(uint32_t building) const;  // jibunAddr
  std::string_view BuildingName(uint32_t building) const;  // bdNm, or ""
  // Every part juso names (jibunAddr, siNm, admCd, ...).
  AddressParts Parts(uint32_t building) const;
  // The representative lot, or nullptr.
  const LotRec* LotOf(uint32_t building) const {
    if (building >= t_.building_lots.size()) return nullptr;
    const uint32_t l = t_.building_lots[building];
    return l < t_.lots.size() ? &t_.lots[l] : nullptr;
  }

  // The lots with this number in this area (a 법정동 or 리), representative
  // ones first: one per building standing on the lot.
  std::span<const LotRec> FindLots(uint32_t area, bool mountain, uint32_t main, uint32_t sub) const;

  // Buildings with this number on this road: usually one, but a road that
  // runs through two 읍/면 may repeat numbers, one per 읍/면.
  std::span<const BuildingRec> FindBuildings(uint32_t road, bool underground, uint32_t main,
                                             uint32_t sub) const;
  // The buildings once at this number on old road `old_road` (OldRoadRec).
  std::span<const OldAddressRec> FindOldAddresses(uint32_t old_road, bool underground, uint32_t main,
                                                  uint32_t sub) const;
  // Start loading what FindBuildings(road, ...) reads, in two steps (the
  // second reads what the first loaded): called for all of a label's roads
  // before their searches, the cache misses overlap.
  void PrefetchRoad(uint32_t road) const {
    if (HasRoad(road)) __builtin_prefetch(&t_.road_starts[road]);
  }
  void PrefetchNumbers(uint32_t road) const {
    if (!HasRoad(road)) return;
    const uint32_t lo = t_.road_starts[road], hi = t_.road_starts[road + 1];
    if (lo < hi) __builtin_prefetch(&t_.building_numbers[lo + (hi - lo) / 2]);
  }
  void PrefetchBuilding(uint32_t building) const {
    if (building < t_.buildings.size()) __builtin_prefetch(&t_.buildings[building]);
  }
  uint32_t IndexOf(const BuildingRec& b) const {
    return static_cast<uint32_t>(&b - t_.buildings.data());
  }


 private:
  bool HasRoad(uint32_t road) const { return static_cast<size_t>(road) + 1 < t_.road_starts.size(); }

  friend class DatabaseBuilder;
  friend class IndexFile;
  friend class RoadPatch;
  // For the writers of the owned tables (DatabaseBuilder, RoadPatch), once
  // roads are sorted by region and buildings by road: each region's range
  // of roads; each road's range of buildings, road_starts and the packed
  // numbers; then the spans of t_ over the owned tables.
  void RangeRoadsByRegion();
  void RangeBuildingsByRoad();
  void ViewOwnedTables();
  Tables t_;
  // Owned storage when built in memory.
  std::vector<char> strings_;
  std::vector<RegionRec> regions_;
  std::vector<AreaRec> areas_;
  std::vector<RoadRec> roads_;
  std::vector<BuildingRec> buildings_;
  std::vector<StrRef> names_;
  std::vector<StrRef> ids_;
  std::vector<uint32_t> building_numbers_;
  std::vector<uint32_t> road_starts_;
  std::vector<LotRec> lots_;
  std::vector<uint32_t> building_lots_;
  std::string row_store_;
  std::string data_date_;  // YYYYMMDD, "" when unknown
  std::vector<OldRoadRec> old_roads_;
  std::vector<OldAddressRec> old_addresses_;
  std::shared_ptr<const void> mapping_;  // keeps a mapped index file alive
};

}  // namespace doro::db

#endif  // DORO_DB_DATABASE_H_
