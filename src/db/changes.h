// Change files (변동분) of the juso.go.kr distribution, and applying them to
// the rows an index was built from (db/row_store.h).
//
// A change file has the 24 columns of rnaddrkor_*.txt (CP949 or UTF-8);
// 이동사유코드 (field 21) says what happened to the row keyed by
// 도로명주소관리번호 (field 1): 31 new, 34 changed, 63 deleted. A file may
// hold only the words `No Data` (a day without changes). The daily files are
// named like AlterD.JUSUKR.20260402.TH_SGCO_RNADR_MST.TXT (the date is the
// day the changes take effect); docs/change-files.md says what is confirmed.
//
// Applying keeps the result answering as `index build` over the full files
// with the changes made by hand (UpdateMethod below says how the tables
// are made): a changed row stays where it was, a deleted one
// goes, a new one is appended after all old rows (in the order applied); a
// row deleted and added again is appended. A new row for an id present is
// applied as a change, a change for an id absent as a new row, a delete of
// an id absent is ignored; each is counted. Unknown codes are counted and
// their rows skipped. Bad lines are counted, never fatal.
#ifndef DORO_DB_CHANGES_H_
#define DORO_DB_CHANGES_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/load_report.h"
#include "db/address_row.h"
#include "db/database.h"

namespace doro::db {

enum class ChangeKind { kNew, kChanged, kDeleted, kUnknown };
ChangeKind ChangeKindOf(std::string_view move_reason);

struct ChangeFile {
  std::string path;
  std::string date;         // YYYYMMDD; "" for a `No Data` file without one
  bool date_from_name = false;  // else the latest 효력발생일 of its rows
  bool no_data = false;
  std::vector<AddressRow> rows;  // in file order
  LoadReport report;             // rows accepted, bad lines
};

// The YYYYMMDD date a file name carries (a run of exactly 8 digits that is a
// date), or "".
std::string DateInFileName(std::string_view file_name);

// Reads one change file's bytes. False with *error when it holds rows but
// no date can be told (neither in `name` nor in 효력발생일).
bool ParseChangeFile(std::string_view name, std::string_view bytes, ChangeFile* out, std::string* error);

// Reads the files and directories given (a directory: its files named like
// change files, *TH_SGCO_RNADR_MST* or rnaddrkor*.txt, by name) and sorts
// them by date, ties in the order given. False with *error when a path
// cannot be read, names no change file, or a file's date cannot be told.
bool ReadChangeFiles(const std::vector<std::string>& paths, std::vector<ChangeFile>* out, std::string* error);

struct ChangeStats {
  uint64_t added = 0, changed = 0, deleted = 0;
  uint64_t new_for_present = 0;     // 31 for an id present: applied as a change
  uint64_t change_for_absent = 0;   // 34 for an id absent: applied as new
  uint64_t delete_for_absent = 0;   // 63 for an id absent: nothing to do
  std::map<std::string, uint64_t> unknown_codes;  // 이동사유코드 -> rows skipped
  uint64_t bad_lines = 0;
  uint64_t no_data_files = 0;
  // kPatchRoads: the roads rebuilt; "" in rebuild_reason. When the patch
  // was refused (and for kRebuild), why the whole index was rebuilt.
  uint64_t roads_rebuilt = 0;
  std::string rebuild_reason;
};

// How ApplyChanges builds the new tables. Both give the same answers; a
// patch (db/road_patch.h) rebuilds only the roads the changes touch and
// falls back to a rebuild when it cannot promise that. kRebuild gives
// tables byte for byte equal to `index build` over the edited rows.
enum class UpdateMethod { kPatchRoads, kRebuild };

// `old`'s tables with `files` applied to its stored rows (in the order
// given: ReadChangeFiles sorts them). *report gets old_report's
// sources followed by the change files, and the new counts and date.
std::unique_ptr<Database> ApplyChanges(const Database& old, const LoadReport& old_report,
                                       const std::vector<ChangeFile>& files, LoadReport* report,
                                       ChangeStats* stats, std::string* error,
                                       UpdateMethod method = UpdateMethod::kPatchRoads);

}  // namespace doro::db

#endif  // DORO_DB_CHANGES_H_
