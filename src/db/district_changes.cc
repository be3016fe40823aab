#include "db/district_changes.h"

#include <cstdio>
#include <cstdlib>

#include "db/embedded.h"
#include "db/sido.h"
#include "text/lines.h"

namespace doro::db {

bool ParseDistrictChanges(std::string_view text, std::vector<DistrictChange>* out, std::string* error) {
  out->clear();
  bool ok = true;
  std::vector<std::string_view> f;
  text::ForEachLine(text, [&](std::string_view line, size_t line_no) {
    if (!ok || line.front() == '#') return;
    text::SplitFields(line, '\t', &f);
    auto fail = [&](const char* why) {
      *error = "district changes line " + std::to_string(line_no) + ": " + why;
      ok = false;
    };
    if (f.size() < 8) return fail("fewer than 8 tab-separated fields");
    if (f[0].empty()) return fail("no date");
    if (FindSidoByKorean(f[2]) == nullptr || FindSidoByKorean(f[4]) == nullptr) return fail("unknown 시도");
    out->push_back({std::string(f[0]), std::string(f[1]), std::string(f[2]), std::string(f[3]),
                    std::string(f[4]), std::string(f[5]), std::string(f[6]), std::string(f[7])});
  });
  return ok;
}

std::span<const DistrictChange> AllDistrictChanges() {
  static const std::vector<DistrictChange> table = [] {
    std::vector<DistrictChange> t;
    std::string error;
    if (!ParseDistrictChanges(embedded::DistrictChanges(), &t, &error)) {
      std::fprintf(stderr, "%s\n", error.c_str());
      std::abort();
    }
    return t;
  }();
  return table;
}

}  // namespace doro::db
