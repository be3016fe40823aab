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
#include <string>
#include <string_view>
#include <unordered_map>

#include "db/address_row.h"
#include "db/database.h"
#include "db/english_names.h"

namespace doro::db {

// Takes rows one at a time (the national files do not fit in memory as
// AddressRow objects), then sorts and indexes them in Finish().
class DatabaseBuilder {
 public:
  DatabaseBuilder();

  // Official English road names, used instead of our romanization.
  void SetEnglishNames(EnglishRoadNames names) { english_ = std::move(names); }

  // A row of an unknown 시도 is dropped; the same address twice is kept once.
  void Add(const AddressRow& row);

  // Sorts, names in English, builds every key index. Call once.
  std::unique_ptr<Database> Finish();

 private:
  std::string_view Str(StrRef r) const;
  StrRef Append(std::string_view s);
  StrRef Intern(std::string_view s);
  uint32_t RegionOf(const AddressRow& row);
  uint32_t AreaOf(uint32_t region, const std::string& name);
  void AddUncoveredDistricts();
  void SortRoads();
  void SortBuildings();
  void NameEnglish();
  void BuildRoadKeys();

  std::unique_ptr<Database> db_;
  std::unordered_map<std::string, StrRef> interned_;
  std::unordered_map<std::string, uint32_t> region_index_;
  std::unordered_map<std::string, uint32_t> area_index_;
  std::unordered_map<uint64_t, uint32_t> road_index_;
  std::unordered_map<std::string, uint32_t> name_index_;
  EnglishRoadNames english_;
};

}  // namespace doro::db

#endif  // DORO_DB_DATABASE_BUILDER_H_
