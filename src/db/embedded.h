// Data compiled into the binary: the built-in demo database (files in the
// official rnaddrkor layout, written by us), the word translation table and
// the table of words with roles.
#ifndef DORO_DB_EMBEDDED_H_
#define DORO_DB_EMBEDDED_H_

#include <string_view>
#include <vector>

namespace doro::embedded {

struct File {
  std::string_view name;     // e.g. "rnaddrkor_demo.txt"
  std::string_view content;  // the file's bytes
};

// The demo database files, in name order.
std::vector<File> DemoDatabase();

// data/translations.tsv: English word(s) -> Korean word, for road and place
// names that arrive translated ("Ring" -> 순환).
std::string_view Translations();

// data/words.tsv: road-type, unit, basement words and name endings, with
// their roles on a label (match/words.h).
std::string_view Words();

// data/building_words.tsv: endings and dropped words of building names
// (db/name_keys.h).
std::string_view BuildingWords();

// data/district_changes.tsv: 시도/시군구 renamed, split, merged or moved since
// 2010 (db/district_changes.h).
std::string_view DistrictChanges();

}  // namespace doro::embedded

#endif  // DORO_DB_EMBEDDED_H_
