// What loading a database did: filled while the files are read, then kept
// by the engine for /healthz, /metrics and the CLI's summary.
#ifndef DORO_API_LOAD_REPORT_H_
#define DORO_API_LOAD_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace doro {

struct LoadReport {
  std::vector<std::string> files;  // files read
  uint64_t rows = 0;               // rows accepted
  uint64_t bad_lines = 0;          // rows rejected
  uint64_t related_lots = 0;       // related-lot rows accepted (jibun_rnaddrkor_*.txt)
  std::vector<std::string> bad_line_samples;  // "file:line: why", first few
  uint64_t roads = 0;              // distinct roads
  double seconds = 0;              // wall time to load and index
};

}  // namespace doro

#endif  // DORO_API_LOAD_REPORT_H_
