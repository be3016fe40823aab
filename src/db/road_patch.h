// RoadPatch: an index's tables with the buildings of a few roads replaced,
// without rebuilding the rest: what makes `doro index update` of a day's
// changes take seconds instead of a full build (db/changes.h).
//
// The roads a day's changes touch are rebuilt from their rows by a
// DatabaseBuilder seeded with the old tables (DatabaseBuilder::Seed), so its
// region and area ids are the old ones; every other road keeps its
// buildings, lots and keys, renumbered. The part finds again the strings,
// names and ids its roads had, and appends only new ones (an update leaves
// behind only what the changes removed: a few bytes a change, which
// `--rebuild` compacts); the part's roads take their sorted places.
//
// The result answers as a full build over the same rows does (tests compare
// both), but its bytes differ: string offsets, and area, name and id order.
// Where a full build could differ in more than numbering, Apply refuses
// with a reason and the caller builds in full: a row naming a region the
// index has no road in, a region left without roads, or an area that may no
// longer be named by any row.
#ifndef DORO_DB_ROAD_PATCH_H_
#define DORO_DB_ROAD_PATCH_H_

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "db/database.h"

namespace doro::db {

class RoadPatch {
 public:
  struct Input {
    const Database* old = nullptr;
    // Built by a builder seeded with `old` from every row (and related
    // lot) of the roads in `roads`, after the changes.
    const Database* part = nullptr;
    std::unordered_set<uint64_t> roads;  // 도로명코드
    // DatabaseBuilder::area_uses() of seeded builders over these roads'
    // rows before (`uses_before`) and after (`uses_after`, the part's).
    std::vector<uint8_t> uses_before, uses_after;
    std::string row_store;  // the new rows (db/row_store.h)
    std::string data_date;
  };
  // The patched database, or nullptr with *why when a full build is needed.
  static std::unique_ptr<Database> Apply(Input in, std::string* why);
};

}  // namespace doro::db

#endif  // DORO_DB_ROAD_PATCH_H_
