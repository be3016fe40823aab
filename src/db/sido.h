// The 17 시도 (first-level divisions): official Korean names, the customary
// English names, and the other forms people write on labels.
#ifndef DORO_DB_SIDO_H_
#define DORO_DB_SIDO_H_

#include <span>
#include <string_view>

namespace doro::db {

struct SidoInfo {
  std::string_view code;        // 2-digit 시도 code, e.g. "11"
  std::string_view korean;      // 서울특별시 (current official name)
  std::string_view english;     // Seoul, as the official English address writes it
  std::string_view short_ko;    // 서울 (the form used in speech and on labels)
  std::string_view former_ko;   // a former official name still in use, or ""
  std::string_view kind_en;     // "Special City", "Metropolitan City", "Province", ...
  // Other English spellings met in official tables and on labels, separated
  // by spaces: older romanizations ("Pusan", "Kyongsangbuk-do") and
  // variants ("Jellanam-do" in the juso area tables).
  std::string_view english_also;
};

// All 17, in code order.
std::span<const SidoInfo> AllSido();

// Looks up by official Korean name, former name or short form; nullptr if none.
const SidoInfo* FindSidoByKorean(std::string_view korean);

}  // namespace doro::db

#endif  // DORO_DB_SIDO_H_
