#include "db/region_keys.h"

#include "db/database.h"
#include "db/sido.h"
#include "text/romanize.h"

namespace doro::db {
namespace {

using Pairs = std::vector<std::pair<uint64_t, uint32_t>>;

// A Korean name under itself and each of its romanizations.
void AddKeys(Pairs* out, std::string_view korean, uint32_t value) {
  out->emplace_back(HashKey(korean), value);
  for (const auto& k : text::RomanizationKeys(korean)) {
    if (!k.empty()) out->emplace_back(HashKey(k), value);
  }
}

}  // namespace

std::string_view RegionKeys::SidoStem(std::string_view key) {
  if (key.ends_with("do") || key.ends_with("si")) key.remove_suffix(2);
  return key;
}

std::string_view RegionKeys::CityStem(std::string_view part) {
  constexpr size_t kSyllable = 3;  // bytes of one Hangul syllable in UTF-8
  if (!part.ends_with("시") || part.size() <= kSyllable) return {};
  const std::string_view stem = part.substr(0, part.size() - kSyllable);
  return stem.size() >= 2 * kSyllable ? stem : std::string_view();
}

FlatMultiMap RegionKeys::Build(const Database& db) {
  const Tables& t = db.tables();
  Pairs keys;
  auto add = [&](std::string_view key, uint32_t value) {
    if (!key.empty()) keys.emplace_back(HashKey(key), value);
  };
  const auto sidos = AllSido();
  for (uint32_t i = 0; i < sidos.size(); ++i) {
    const SidoInfo& s = sidos[i];
    const uint32_t v = PackRegion(RegionKind::kSido, i);
    AddKeys(&keys, s.korean, v);
    AddKeys(&keys, s.short_ko, v);
    if (!s.former_ko.empty()) AddKeys(&keys, s.former_ko, v);
    add(std::string(s.short_ko) + "시", v);
    ForEachSidoEnglish(s, [&](const std::string& english) {
      const std::string stem(SidoStem(english));
      for (const char* suffix : {"", "si", "do", "city", "province", "state"}) add(stem + suffix, v);
      add(stem + text::MatchKey(s.kind_en), v);
    });
    add(text::RomanizeWord(s.short_ko), v);
  }
  for (uint32_t id = 0; id < t.regions.size(); ++id) {
    const std::string_view ko = db.str(t.regions[id].name_ko);
    if (ko.empty()) continue;
    const uint32_t v = PackRegion(RegionKind::kSigungu, id);
    std::string joined;
    ForEachPart(ko, [&](std::string_view part) {
      AddKeys(&keys, part, v);
      joined += part;
      const std::string_view stem = CityStem(part);
      if (!stem.empty()) AddKeys(&keys, stem, PackRegion(RegionKind::kCityStem, id));
    });
    if (joined != ko) AddKeys(&keys, joined, v);  // "수원시장안구"
  }
  for (uint32_t id = 0; id < t.areas.size(); ++id) {
    if (!t.areas[id].ri) AddKeys(&keys, db.str(t.areas[id].name_ko), PackRegion(RegionKind::kArea, id));
  }
  return FlatMultiMap::Build(std::move(keys));
}

FlatMultiMap RegionKeys::BuildRi(const Database& db) {
  const Tables& t = db.tables();
  Pairs keys;
  for (uint32_t id = 0; id < t.areas.size(); ++id) {
    if (t.areas[id].ri) AddKeys(&keys, db.str(t.areas[id].name_ko), id);
  }
  return FlatMultiMap::Build(std::move(keys));
}

std::vector<std::pair<std::string, uint32_t>> RegionKeys::LatinNames(const Database& db) {
  std::vector<std::pair<std::string, uint32_t>> out;
  const auto sidos = AllSido();
  for (uint32_t i = 0; i < sidos.size(); ++i) {
    const uint32_t v = PackRegion(RegionKind::kSido, i);
    ForEachSidoEnglish(sidos[i], [&](std::string en) {
      const std::string_view stem = SidoStem(en);
      if (stem.size() != en.size()) {
        std::string bare(stem);
        out.emplace_back(std::move(en), v);
        out.emplace_back(std::move(bare), v);
      } else {
        out.emplace_back(std::move(en), v);
      }
    });
  }
  const Tables& t = db.tables();
  for (uint32_t id = 0; id < t.regions.size(); ++id) {
    ForEachPart(db.str(t.regions[id].name_ko), [&](std::string_view part) {
      out.emplace_back(text::MatchKey(text::RomanizeAreaName(part)), PackRegion(RegionKind::kSigungu, id));
    });
  }
  return out;
}

}  // namespace doro::db
