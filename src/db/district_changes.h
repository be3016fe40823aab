// The table of 시도/시군구 changes since 2010 (data/district_changes.tsv,
// compiled into the binary): renames, splits, merges and moves, one row per
// (old area, new area) pair, with its date and source. Public facts.
#ifndef DORO_DB_DISTRICT_CHANGES_H_
#define DORO_DB_DISTRICT_CHANGES_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace doro::db {

struct DistrictChange {
  std::string date;       // "2018-07-01", or "2016-07" where the day is not confirmed
  std::string kind;       // rename, merge, split, promote, move, gu_abolished, gu_created
  std::string from_sido;  // official Korean names of the time
  std::string from_area;  // 시군구 ("부천시 원미구"), or "" for a 시도 renamed as a whole
  std::string to_sido;
  std::string to_area;    // "" for 세종 (no 시군구) or a 시도 renamed as a whole
  std::string from_en;    // the old name in English ("Nam-gu"), or ""
  std::string source;
  bool SidoRenamed() const { return from_area.empty() && to_area.empty(); }
};

// Parses the table's text; false with *error naming the line at the first
// bad one (fewer than 8 fields, an unknown 시도, an empty date).
bool ParseDistrictChanges(std::string_view text, std::vector<DistrictChange>* out, std::string* error);

// The embedded table, parsed once (a bad table is a build defect: aborts).
std::span<const DistrictChange> AllDistrictChanges();

}  // namespace doro::db

#endif  // DORO_DB_DISTRICT_CHANGES_H_
