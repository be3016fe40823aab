// FlatMultiMap: a read-only hash multimap from 64-bit key hashes to 32-bit
// values, stored in two flat arrays so that it can live in an mmap'ed index
// file as well as in memory. Lookups cost one or two cache misses.
//
// Keys are hashed by the caller (HashKey); two different keys with the same
// 64-bit hash would share values, which at our sizes (< 10^8 keys) happens
// with probability < 10^-3 over the whole national index, and the matcher
// verifies every candidate against the label anyway.
#ifndef DORO_DB_FLAT_MAP_H_
#define DORO_DB_FLAT_MAP_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace doro::db {

// FNV-1a, then a final mix so that similar short keys spread over slots.
// Fed in pieces: KeyHasher().Add("seoul").Add("ro").Hash() equals
// HashKey("seoulro"), so spans can be hashed without building the string.
class KeyHasher {
 public:
  KeyHasher& Add(std::string_view s) {
    for (unsigned char c : s) {
      h_ ^= c;
      h_ *= 1099511628211ull;
    }
    return *this;
  }
  uint64_t Hash() const {
    uint64_t h = h_;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
  }

 private:
  uint64_t h_ = 1469598103934665603ull;
};

inline uint64_t HashKey(std::string_view s) { return KeyHasher().Add(s).Hash(); }

struct FlatEntry {
  uint64_t hash;
  uint32_t value;
  uint32_t pad = 0;  // explicit, so the on-disk layout has no garbage bytes
};

class FlatMultiMap {
 public:
  FlatMultiMap() = default;

  // Builds from (hash, value) pairs; duplicates are removed.
  static FlatMultiMap Build(std::vector<std::pair<uint64_t, uint32_t>> pairs);

  // Views existing arrays (e.g. inside a mapped file); they must outlive this.
  static FlatMultiMap View(std::span<const FlatEntry> entries,
                           std::span<const uint32_t> slots);

  // All values stored under `hash` (empty when none).
  std::span<const FlatEntry> Find(uint64_t hash) const;

  // Starts loading the slot Find(hash) reads first: issued for a batch of
  // keys before their Finds, the cache misses overlap instead of queueing.
  void Prefetch(uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  }

  std::span<const FlatEntry> entries() const { return entries_; }
  std::span<const uint32_t> slots() const { return slots_; }
  size_t size() const { return entries_.size(); }

 private:
  // entries_ is sorted by hash; slots_ (a power of two long) holds, for each
  // distinct hash, 1 + the index of its first entry (with a hash fingerprint
  // in the top bits, see flat_map.cc), linear probing.
  std::vector<FlatEntry> owned_entries_;
  std::vector<uint32_t> owned_slots_;
  std::span<const FlatEntry> entries_;
  std::span<const uint32_t> slots_;
};

}  // namespace doro::db

#endif  // DORO_DB_FLAT_MAP_H_
