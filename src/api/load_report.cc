#include "api/load_report.h"

#include <ctime>

namespace doro {

std::string UtcTime(int64_t unix_seconds) {
  if (unix_seconds == 0) return "unknown";
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string DataDate(const std::string& d) {
  if (d.size() != 8) return "unknown";
  return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
}

std::string LoadSummary(const LoadReport& r) {
  std::string s = std::to_string(r.files.size()) + " files, " + std::to_string(r.rows) + " rows, " +
                  std::to_string(r.bad_lines) + " bad lines, " + std::to_string(r.roads) +
                  " roads, official English names: " + (r.official_english() ? "yes" : "no") +
                  ", data of " + DataDate(r.data_date);
  // Only when there are some: the line stays as it was for files without.
  if (r.bad_previous_addresses > 0) {
    s += ", " + std::to_string(r.bad_previous_addresses) + " unreadable previous addresses (field 18, rows kept)";
  }
  if (!r.index_path.empty()) s += ", index built " + UtcTime(r.built_at);
  return s;
}

}  // namespace doro
