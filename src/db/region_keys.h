// RegionKeys: how 시도, 시군구 and 읍면동 names become keys, for both sides
// of region matching: the exact-key table (Tables::region_keys, looked up
// with the label's spans) and the Latin names the matcher compares with a
// label's words by edit distance. Both are made from the rules below, so a
// stem or a part of a name that one side knows the other knows too.
#ifndef DORO_DB_REGION_KEYS_H_
#define DORO_DB_REGION_KEYS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/flat_map.h"
#include "db/sido.h"
#include "text/romanize.h"

namespace doro::db {

class Database;

class RegionKeys {
 public:
  // Build side: every key of `db`'s regions and areas (Korean, the
  // romanizations, stems) -> PackRegion value. The regions must be named
  // in English already.
  static FlatMultiMap Build(const Database& db);
  // The same keys for the 리 (AreaRec::ri) -> area index; they name lots
  // only, so they live apart from the region keys.
  static FlatMultiMap BuildRi(const Database& db);

  // Query side: the Latin keys of every 시도 (with and without its -do/-si)
  // and of every part of every 시군구 name, with their PackRegion values,
  // in a fixed order (시도 by index, then regions by index).
  static std::vector<std::pair<std::string, uint32_t>> LatinNames(const Database& db);

  // The rules both sides share.

  // A 시도's match key without its unit: "gyeonggido" -> "gyeonggi",
  // "sejongsi" -> "sejong"; a key without one is its own stem ("seoul").
  static std::string_view SidoStem(std::string_view english_key);

  // Calls fn(key) for the match key of a 시도's English name and of each of
  // its other spellings (SidoInfo::english_also).
  template <typename Fn>
  static void ForEachSidoEnglish(const SidoInfo& s, Fn&& fn);

  // Calls fn(part) for each space-separated part of a 시군구 name, in order:
  // "수원시 장안구" -> "수원시", "장안구".
  template <typename Fn>
  static void ForEachPart(std::string_view sigungu, Fn&& fn) {
    size_t pos = 0;
    while (pos < sigungu.size()) {
      size_t sp = sigungu.find(' ', pos);
      if (sp == std::string_view::npos) sp = sigungu.size();
      fn(sigungu.substr(pos, sp - pos));
      pos = sp + 1;
    }
  }

  // A city's bare name: "수원" for "수원시". Empty when `part` is not a 시
  // or the bare name would be one syllable. A bare name is weak evidence
  // (RegionKind::kCityStem): many are also road or town names.
  static std::string_view CityStem(std::string_view part);
};

template <typename Fn>
void RegionKeys::ForEachSidoEnglish(const SidoInfo& s, Fn&& fn) {
  fn(text::MatchKey(s.english));
  ForEachPart(s.english_also, [&](std::string_view v) {
    if (!v.empty()) fn(text::MatchKey(v));
  });
}

}  // namespace doro::db

#endif  // DORO_DB_REGION_KEYS_H_
