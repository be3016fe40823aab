// NameKeys: how building names (시군구용건물명, 건축물대장건물명) become keys,
// for both sides of building-name matching: the table built into the index
// (Tables::name_keys: key -> building) and the keys the matcher makes of a
// label's words. A name is known by its Korean letters without spaces
// ("홍익대학교세종캠퍼스"), by each of its romanizations, and by both again
// without a common ending ("한신아파트" = "한신"); a label's Latin words are
// compared after translated words ("University") are put back into Korean
// and romanized, so "Hongik University Sejong Campus" meets 홍익대학교
// 세종캠퍼스. A label's words are looked up whole: "Dalseo" of "Dalseo-gu"
// is no building's name. The endings and dropped words are data (data/building_words.tsv).
#ifndef DORO_DB_NAME_KEYS_H_
#define DORO_DB_NAME_KEYS_H_

#include <string>
#include <string_view>
#include <vector>

#include "db/flat_map.h"

namespace doro::db {

class Database;

class NameKeys {
 public:
  // Build side: every key of every building's name -> building index.
  static FlatMultiMap Build(const Database& db);

  // The keys of one name (UTF-8), in a fixed order, without duplicates.
  static std::vector<std::string> KeysOf(std::string_view name);

  // Query side: `key` (Korean letters, or a Latin match key) without its
  // ending, or "" when it has none or nothing would be left.
  static std::string_view WithoutEnding(std::string_view key);

  // Keys of a name without its ending start with this mark: the matcher
  // looks them up only for a label's words that end in an ending.
  static constexpr char kBareMark[] = "~";

  // Shortest key the matcher looks up: shorter ones name too much by chance.
  static constexpr size_t kMinLatinKey = 6;   // letters and digits
  static constexpr size_t kMinKoreanKey = 6;  // bytes: two syllables
};

}  // namespace doro::db

#endif  // DORO_DB_NAME_KEYS_H_
