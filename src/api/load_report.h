// What loading a database did: filled while the files are read, then kept
// by the engine for /healthz, /metrics and the CLI's summary.
#ifndef DORO_API_LOAD_REPORT_H_
#define DORO_API_LOAD_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace doro {

// One file a database was read from.
struct SourceFile {
  enum class Kind : uint8_t { kAddressRows, kEnglishNames, kRelatedLots, kChangeRows };
  std::string path;
  Kind kind = Kind::kAddressRows;
  int64_t modified = 0;  // unix seconds; 0 = unknown (built-in demo, old index)
  uint64_t rows = 0;     // address rows accepted, English road names, related lots or changes read
};

struct LoadReport {
  // Files read, in order. For an index file: the files it was built from,
  // as recorded at build time (not the index itself: see index_path).
  std::vector<SourceFile> files;
  uint64_t rows = 0;               // rows accepted
  uint64_t bad_lines = 0;          // rows rejected
  uint64_t related_lots = 0;       // related-lot rows accepted (jibun_rnaddrkor_*.txt)
  std::vector<std::string> bad_line_samples;  // "file:line: why", first few
  uint64_t roads = 0;              // distinct roads
  uint64_t bad_previous_addresses = 0;  // 이전도로명주소 naming no road and number (row kept)
  double seconds = 0;              // wall time to load and index
  std::string index_path;          // the index file opened, "" when read from text
  int64_t built_at = 0;            // index build time (unix seconds), 0 when read from text
  // The data's date, YYYYMMDD: the latest 효력발생일 of the rows, or the date
  // of the last change file applied (doro index update); "" when unknown.
  std::string data_date;

  // True when official English road names were read (they replace our own
  // romanization in answers).
  bool official_english() const {
    for (const auto& f : files)
      if (f.kind == SourceFile::Kind::kEnglishNames && f.rows > 0) return true;
    return false;
  }
};

// The one-line summary every report of a load prints (`doro index build`,
// `doro serve`'s startup and reload log), so they all say the same:
// "3 files, 1234 rows, 0 bad lines, 56 roads, official English names: no,
// data of 2026-11-30" (+ ", N unreadable previous addresses (field 18, rows
// kept)" when there are some, + ", index built 2026-12-01T10:00:00Z" for an
// index file).
std::string LoadSummary(const LoadReport& r);

// "20261130" -> "2026-11-30"; "unknown" for "".
std::string DataDate(const std::string& yyyymmdd);

// unix seconds -> "2026-12-01T10:00:00Z"; "unknown" for 0.
std::string UtcTime(int64_t unix_seconds);

}  // namespace doro

#endif  // DORO_API_LOAD_REPORT_H_
