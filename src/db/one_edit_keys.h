// OneEditKeys: the keys of the one-edit road index (Tables::road_fuzzy),
// for both its sides. A road's skeleton is stored under itself and under
// each of its one-character deletions; a query skeleton looks up itself and
// its own deletions. Two skeletons within one edit (insertion, deletion,
// substitution or transposition) then share at least one key, and a hit is
// only a candidate: the matcher measures the true distance.
//
//   build:  OneEditKeys::ForEachKey(sk, [&](uint64_t h) { pairs.emplace_back(h, road); });
//   query:  OneEditKeys::ForEachKey(sk, [&](uint64_t h) { Look(road_fuzzy.Find(h)); });
#ifndef DORO_DB_ONE_EDIT_KEYS_H_
#define DORO_DB_ONE_EDIT_KEYS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "db/flat_map.h"

namespace doro::db {

class OneEditKeys {
 public:
  // Skeletons shorter than this get no deletion keys, on either side: one
  // edit in a short name makes another name.
  static constexpr size_t kMinLength = 5;

  // Calls fn(hash) for `skeleton` itself and, when it is kMinLength or
  // longer, for each distinct one-character deletion (deleting either of
  // two equal neighbours gives the same key, which is given once). Hashes
  // are those of db::HashKey, computed without building the strings.
  template <typename Fn>
  static void ForEachKey(std::string_view skeleton, Fn&& fn) {
    fn(HashKey(skeleton));
    if (skeleton.size() < kMinLength) return;
    KeyHasher head;  // skeleton[0, p)
    for (size_t p = 0; p < skeleton.size(); ++p) {
      if (p == 0 || skeleton[p] != skeleton[p - 1]) {
        fn(KeyHasher(head).Add(skeleton.substr(p + 1)).Hash());
      }
      head.Add(skeleton.substr(p, 1));
    }
  }
};

}  // namespace doro::db

#endif  // DORO_DB_ONE_EDIT_KEYS_H_
