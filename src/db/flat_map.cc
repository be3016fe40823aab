#include "db/flat_map.h"

#include <algorithm>

namespace doro::db {
namespace {

// A slot holds 1 + the entry index in its low 24 bits and 8 bits of the key
// hash above them, so that looking up an absent key (most lookups: every
// span of the label is tried) usually costs one cache miss, not two. Maps
// with 2^24 entries or more keep the whole 32 bits for the index.
constexpr uint32_t kIndexBits = 24;
constexpr uint32_t kIndexMask = (1u << kIndexBits) - 1;

bool UsesFingerprint(size_t entries) { return entries < kIndexMask; }

uint32_t Fingerprint(uint64_t hash) { return static_cast<uint32_t>(hash >> 56); }

}  // namespace

FlatMultiMap FlatMultiMap::Build(std::vector<std::pair<uint64_t, uint32_t>> pairs) {
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  FlatMultiMap m;
  m.owned_entries_.reserve(pairs.size());
  size_t distinct = 0;
  for (size_t i = 0; i < pairs.size(); ++i) {
    if (i == 0 || pairs[i].first != pairs[i - 1].first) ++distinct;
    m.owned_entries_.push_back({pairs[i].first, pairs[i].second, 0});
  }
  size_t cap = 16;
  while (cap < distinct * 2) cap <<= 1;
  m.owned_slots_.assign(cap, 0);
  const size_t mask = cap - 1;
  for (size_t i = 0; i < m.owned_entries_.size(); ++i) {
    if (i > 0 && m.owned_entries_[i].hash == m.owned_entries_[i - 1].hash) continue;
    size_t s = m.owned_entries_[i].hash & mask;
    while (m.owned_slots_[s] != 0) s = (s + 1) & mask;
    uint32_t slot = static_cast<uint32_t>(i + 1);
    if (UsesFingerprint(m.owned_entries_.size())) {
      slot |= Fingerprint(m.owned_entries_[i].hash) << kIndexBits;
    }
    m.owned_slots_[s] = slot;
  }
  m.entries_ = m.owned_entries_;
  m.slots_ = m.owned_slots_;
  return m;
}

FlatMultiMap FlatMultiMap::View(std::span<const FlatEntry> entries,
                                std::span<const uint32_t> slots) {
  FlatMultiMap m;
  m.entries_ = entries;
  m.slots_ = slots;
  return m;
}

std::span<const FlatEntry> FlatMultiMap::Find(uint64_t hash) const {
  if (slots_.empty()) return {};
  const size_t mask = slots_.size() - 1;
  const bool fingerprinted = UsesFingerprint(entries_.size());
  const uint32_t fp = Fingerprint(hash);
  size_t s = hash & mask;
  for (size_t probes = 0; probes < slots_.size(); ++probes, s = (s + 1) & mask) {
    const uint32_t slot = slots_[s];
    if (slot == 0) return {};
    size_t first;
    if (fingerprinted) {
      if ((slot >> kIndexBits) != fp) continue;
      first = (slot & kIndexMask) - 1;
    } else {
      first = slot - 1;
    }
    if (first >= entries_.size()) return {};  // corrupt view: fail closed
    if (entries_[first].hash != hash) continue;
    size_t last = first + 1;
    while (last < entries_.size() && entries_[last].hash == hash) ++last;
    return entries_.subspan(first, last - first);
  }
  return {};
}

}  // namespace doro::db
