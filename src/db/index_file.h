// The compiled index: a Database written as one binary file that opens
// without parsing text: copied privately (a reflink where the filesystem
// can, else into memory), checked, and viewed in place.
//
// Layout (little-endian, every section 64-byte aligned):
//   Header      magic "DOROIDX\0", format version, file size, checksum of
//               everything after the header, build time, section table
//   sections    strings, regions, areas, roads, buildings, the entries and
//               slots of each FlatMultiMap, the source file list, names,
//               ids, packed building numbers and road ranges, then
//               (version 6) lots, each building's lot, and the keys of
//               리 names and building names; (version 7) the rows the
//               tables were built from (db/row_store.h, for `index update`),
//               old road names (이전도로명주소), their buildings and keys
// Opening checks magic, version, size, checksum and that every index inside
// points inside its table; anything else is refused with a message. The
// bytes checked are the private copy's, and they are the ones served: the
// file may then be rewritten, truncated or removed without effect (no
// SIGBUS, nothing unchecked) until it is opened again.
#ifndef DORO_DB_INDEX_FILE_H_
#define DORO_DB_INDEX_FILE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "db/database.h"

namespace doro::db {

class IndexFile {
 public:
  // Writes `db` to `path` (atomically: a temporary file renamed into place).
  static bool Write(const Database& db, const LoadReport& source, const std::string& path,
                    std::string* error);

  // Copies `path` privately, checks the copy and returns a Database viewing
  // it. *report gets the source files and counts recorded at build time.
  static std::unique_ptr<Database> Open(const std::string& path, LoadReport* report,
                                        std::string* error);

  // True when every index stored in `t` points inside its table and the
  // packed building numbers agree with the records: what Open requires of a
  // file beyond its checksum (public so that tests can damage tables
  // without forging a checksum). *why says what failed.
  static bool CheckTables(const Tables& t, std::string* why);

  // The format version this build writes and reads.
  static uint32_t FormatVersion();

  // True when the file starts with the index magic (cheap; used to tell an
  // index file from a text file).
  static bool LooksLikeIndex(const std::string& path);
};

}  // namespace doro::db

#endif  // DORO_DB_INDEX_FILE_H_
