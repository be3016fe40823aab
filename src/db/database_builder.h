// DatabaseBuilder: official rows in, Database tables out. The write side of
// db/database.h; the read side (lookups, formatting) never builds.
//
//   DatabaseBuilder b;
//   ReadAddressPath(path, [&](AddressRow&& row) { b.Add(row); }, &report, &error);
//   std::unique_ptr<Database> db = b.Finish();
#ifndef DORO_DB_DATABASE_BUILDER_H_
#define DORO_DB_DATABASE_BUILDER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "db/address_row.h"
#include "db/database.h"
#include "db/english_names.h"
#include "db/row_store.h"

namespace doro::db {

// A building's number on an old road (이전도로명주소), before grouping.
struct OldRoadEntry {
  uint32_t region;
  StrRef name;        // in `strings` below
  uint32_t number;    // PackBuildingNumber
  uint32_t building;
};
// The old road tables and keys (Tables::old_roads, old_addresses,
// old_road_keys) of these entries; db/road_patch.cc shares it.
void BuildOldRoadTables(std::vector<OldRoadEntry> entries, std::span<const char> strings,
                        std::vector<OldRoadRec>* roads, std::vector<OldAddressRec>* addresses, FlatMultiMap* keys);

// Takes rows one at a time (the national files do not fit in memory as
// AddressRow objects), then sorts and indexes them in Finish().
class DatabaseBuilder {
 public:
  // `keep_rows` false: the database does not keep the rows it was built
  // from (db/row_store.h), so it cannot be written as an index.
  explicit DatabaseBuilder(bool keep_rows = true);

  // Official English road names, used instead of our romanization.
  void SetEnglishNames(EnglishRoadNames names) {
    store_.SetEnglishNames(names);
    english_ = std::move(names);
  }
  // The data's date (YYYYMMDD) when later than every row's 효력발생일: the
  // date of the last change file applied (db/changes.h).
  void NoteDataDate(std::string_view date) { store_.NoteDate(date); }
  // The latest 효력발생일 (or noted date) so far; "" when none.
  const std::string& data_date() const { return store_.data_date(); }

  // A row of an unknown 시도 is dropped; the same address twice is kept once.
  void Add(const AddressRow& row);
  // The 읍면동 digits of row.mgmt_no when it is the official id of the
  // row's road and number (then only those digits are kept), else -1.
  static int OfficialEmdOf(const AddressRow& row);
  // A further lot of a road address (the related-lot file); one whose
  // address is not among the rows is dropped.
  void AddRelatedLot(const RelatedLotRow& row);

  // Sorts, names in English, builds every key index. Call once.
  std::unique_ptr<Database> Finish();

  // Patching (db/road_patch.h): a builder seeded with `old`'s strings,
  // regions, areas, names and ids builds the buildings of a few roads
  // (`roads`, 도로명코드) with ids that agree with `old`'s; what those
  // roads had is found again, what is new is appended. Call before Add.
  void Seed(const Database& old, const std::unordered_set<uint64_t>& roads);
  // Finish() for a seeded builder: the part's own roads, buildings, lots,
  // names and keys; no region keys, no rows.
  std::unique_ptr<Database> FinishPart();
  // Seeded: why a full build could number regions or code areas
  // differently ("" if not): a row named a 시군구 `old` has no road in, or
  // one it has twice, or an area with another 법정동코드 than it has.
  const std::string& seed_problem() const { return seed_problem_; }
  // Seeded: the region a row naming this 시도 and 시군구 joins, without
  // adding one; kNone when it would be new (or the 시도 is unknown).
  uint32_t FindSeededRegion(const std::string& sido, const std::string& sigungu) const;
  // Seeded: every area a row or related lot named, by how (AreaUse bits).
  enum AreaUse : uint8_t { kAsLegalDong = 1, kAsAdminDong = 2, kAsRi = 4 };
  const std::vector<uint8_t>& area_uses() const { return area_uses_; }

  // Rows whose 이전도로명주소 was filled but named no road and number
  // (ParsePreviousAddress); the row itself is kept.
  uint64_t bad_previous_addresses() const { return bad_previous_; }

 private:
  std::string_view Str(StrRef r) const;
  StrRef Append(std::string_view s);
  StrRef Intern(std::string_view s);
  uint32_t RegionOf(const std::string& sido, const std::string& sigungu);
  uint32_t AreaOf(uint32_t region, const std::string& name, uint64_t legal_code);
  // The area lots of this row's 법정동 or 리 are numbered in.
  uint32_t LotAreaOf(uint32_t region, uint32_t emd_area, const std::string& ri, uint64_t legal_code);
  void AddUncoveredDistricts();
  void NoteAreaUse(uint32_t area, AreaUse use) {
    if (seeded_regions_ == 0) return;
    if (area_uses_.size() <= area) area_uses_.resize(area + 1, 0);
    area_uses_[area] |= use;
  }
  void FinishTables(bool part);
  // A full build codes an area by the first row naming it: which row that
  // is after the changes a part does not know, so codes must agree.
  void NoteSeededCode(const AreaRec& a, uint64_t legal_code) {
    if (seeded_regions_ > 0 && legal_code != 0 && a.legal_code != 0 && a.legal_code != legal_code) {
      seed_problem_ = "rows give " + std::string(Str(a.name_ko)) + " more than one 법정동코드";
    }
  }
  void SortRoads();
  // Returns, per building added, its index after sorting (duplicates: the
  // one kept).
  std::vector<uint32_t> SortBuildings();
  void BuildLots(const std::vector<uint32_t>& new_index);
  void NameEnglish(bool part);
  void BuildRoadKeys();
  void BuildOldRoads(const std::vector<uint32_t>& new_index);

  std::unique_ptr<Database> db_;
  // Every row as added, kept in the index for `doro index update`.
  RowStoreWriter store_;
  // The keys of the row added last and what they resolved to (Add).
  struct LastKeys {
    bool valid = false, emd_valid = false, admin_valid = false, ri_valid = false;
    std::string sido, sigungu, emd, admin, ri, name;
    uint64_t emd_legal = 0;
    uint32_t region = 0, area = 0, admin_area = 0, lot_area = 0, name_id = 0;
  } last_;
  std::unordered_map<std::string, StrRef> interned_;
  std::unordered_map<std::string, uint32_t> region_index_;
  std::unordered_map<std::string, uint32_t> area_index_;
  std::unordered_map<uint64_t, uint32_t> road_index_;
  std::unordered_map<std::string, uint32_t> name_index_;
  std::unordered_map<std::string, uint32_t> seeded_ids_;  // Seed: explicit id -> index in ids_
  EnglishRoadNames english_;
  // Lots waiting for the buildings' final order.
  struct PendingLot {
    uint32_t area, main;
    uint16_t sub;
    uint8_t mountain;
    uint32_t building;  // index as added
  };
  struct PendingRelatedLot {
    uint64_t road_code;
    uint32_t area, emd_area, main, building_main;
    uint16_t sub, building_sub;
    uint8_t mountain, underground;
  };
  // Old road addresses waiting for the buildings' final order.
  std::vector<OldRoadEntry> old_;
  uint64_t bad_previous_ = 0;
  size_t seeded_regions_ = 0, seeded_areas_ = 0;  // 0: not seeded
  std::string seed_problem_;
  std::vector<uint8_t> area_uses_;
  std::vector<PendingLot> lots_;
  std::vector<PendingRelatedLot> related_lots_;
};

}  // namespace doro::db

#endif  // DORO_DB_DATABASE_BUILDER_H_
