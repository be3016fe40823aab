#include "db/road_patch.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "db/database_builder.h"
#include "db/region_keys.h"

namespace doro::db {
namespace {

using Pairs = std::vector<std::pair<uint64_t, uint32_t>>;

// The entries of `m` whose value `renumber` keeps, renumbered.
void AddRenumbered(const FlatMultiMap& m, const std::vector<uint32_t>& renumber, Pairs* out) {
  for (const FlatEntry& e : m.entries()) {
    if (e.value < renumber.size() && renumber[e.value] != kNone) out->emplace_back(e.hash, renumber[e.value]);
  }
}

FlatMultiMap MergedMap(const FlatMultiMap& old_map, const std::vector<uint32_t>& old_ids,
                       const FlatMultiMap& part_map, const std::vector<uint32_t>& part_ids) {
  Pairs pairs;
  pairs.reserve(old_map.size() + part_map.size());
  AddRenumbered(old_map, old_ids, &pairs);
  AddRenumbered(part_map, part_ids, &pairs);
  return FlatMultiMap::Build(std::move(pairs));
}

auto LotOrder(const LotRec& l) { return std::tuple(l.area, l.mountain, l.main, l.sub, l.related, l.building); }

}  // namespace

std::unique_ptr<Database> RoadPatch::Apply(Input in, std::string* why) {
  const Database& old = *in.old;
  const Database& part = *in.part;
  const Tables& o = old.tables();
  const Tables& p = part.tables();
  if (p.regions.size() != o.regions.size() || p.strings.size() < o.strings.size() ||
      p.names.size() < o.names.size() || p.ids.size() < o.ids.size()) {
    *why = "the part was not built from this index";
    return nullptr;
  }
  auto db = std::make_unique<Database>();
  Database& d = *db;
  d.strings_.assign(p.strings.begin(), p.strings.end());  // begins with the old strings
  d.regions_.assign(p.regions.begin(), p.regions.end());
  d.areas_.assign(p.areas.begin(), p.areas.end());

  // Roads: the old ones not rebuilt and the part's, merged in the builder's
  // order (region, name, code); every id is renumbered through these maps.
  std::vector<uint32_t> old_road(o.roads.size(), kNone), part_road(p.roads.size(), kNone);
  auto order = [](const Database& db, const RoadRec& r) {
    return std::tuple(r.region, db.str(r.name_ko), r.code);
  };
  struct Source {
    bool part;
    uint32_t id;
  };
  std::vector<Source> roads;
  roads.reserve(o.roads.size() + p.roads.size());
  for (uint32_t i = 0, j = 0; i < o.roads.size() || j < p.roads.size();) {
    if (i < o.roads.size() && in.roads.count(o.roads[i].code)) {
      ++i;
      continue;
    }
    const bool take_part = j < p.roads.size() &&
                           (i == o.roads.size() || order(part, p.roads[j]) < order(old, o.roads[i]));
    roads.push_back({take_part, take_part ? j++ : i++});
  }

  // Buildings, road by road (the part's names and ids tables extend the
  // old ones: DatabaseBuilder::Seed).
  std::vector<uint32_t> old_building(o.buildings.size(), kNone), part_building(p.buildings.size(), kNone);
  d.roads_.reserve(roads.size());
  d.buildings_.reserve(o.buildings.size() + p.buildings.size());
  for (const Source& s : roads) {
    const Tables& t = s.part ? p : o;
    std::vector<uint32_t>& renumber = s.part ? part_building : old_building;
    (s.part ? part_road : old_road)[s.id] = static_cast<uint32_t>(d.roads_.size());
    for (uint32_t k = t.road_starts[s.id]; k < t.road_starts[s.id + 1]; ++k) {
      BuildingRec b = t.buildings[k];
      b.road = static_cast<uint32_t>(d.roads_.size());
      renumber[k] = static_cast<uint32_t>(d.buildings_.size());
      d.buildings_.push_back(b);
    }
    d.roads_.push_back(t.roads[s.id]);
  }
  d.names_.assign(p.names.begin(), p.names.end());
  d.ids_.assign(p.ids.begin(), p.ids.end());
  d.RangeBuildingsByRoad();
  d.RangeRoadsByRegion();
  for (uint32_t i = 0; i < d.regions_.size(); ++i) {
    if (o.regions[i].road_count > 0 && d.regions_[i].road_count == 0) {
      *why = "a 시군구 is left without roads";
      return nullptr;
    }
  }

  // Lots: both lists are in the table's order once renumbered (renumbering
  // keeps each list's order), so they merge.
  std::vector<LotRec> kept, added;
  kept.reserve(o.lots.size());
  for (LotRec l : o.lots) {
    if ((l.building = old_building[l.building]) != kNone) kept.push_back(l);
  }
  for (LotRec l : p.lots) {
    l.building = part_building[l.building];
    added.push_back(l);
  }
  d.lots_.resize(kept.size() + added.size());
  std::merge(kept.begin(), kept.end(), added.begin(), added.end(), d.lots_.begin(),
             [](const LotRec& a, const LotRec& b) { return LotOrder(a) < LotOrder(b); });
  d.building_lots_.assign(d.buildings_.size(), kNone);
  for (uint32_t i = 0; i < d.lots_.size(); ++i) {
    const LotRec& l = d.lots_[i];
    if (!l.related && d.building_lots_[l.building] == kNone) d.building_lots_[l.building] = i;
  }

  // An area the rebuilt roads' rows no longer name exists in a full build
  // only if another row names it; the kept buildings and lots tell that for
  // most. Otherwise (a row of a building dropped as a duplicate, a related
  // lot of no building) only a full build can say.
  std::vector<uint8_t> kept_uses(d.areas_.size(), 0);
  for (uint32_t i = 0; i < o.buildings.size(); ++i) {
    if (old_building[i] == kNone) continue;
    const BuildingRec& b = o.buildings[i];
    kept_uses[b.area] |= DatabaseBuilder::kAsLegalDong | DatabaseBuilder::kAsAdminDong;
    if (b.admin_area != kNone) kept_uses[b.admin_area] |= DatabaseBuilder::kAsAdminDong;
  }
  for (const LotRec& l : kept) {
    kept_uses[l.area] |= d.areas_[l.area].ri ? DatabaseBuilder::kAsRi : DatabaseBuilder::kAsLegalDong;
  }
  for (size_t a = 0; a < in.uses_before.size() && a < d.areas_.size(); ++a) {
    const uint8_t before = in.uses_before[a];
    const uint8_t after = (a < in.uses_after.size() ? in.uses_after[a] : 0) | kept_uses[a];
    const bool gone = before != 0 && after == 0;
    const bool legal_gone = (before & DatabaseBuilder::kAsLegalDong) && !(after & DatabaseBuilder::kAsLegalDong) &&
                            d.areas_[a].legal_code != 0;
    if (gone || legal_gone) {
      *why = "the rows that name the area " + std::string(d.str(d.areas_[a].name_ko)) + " changed";
      return nullptr;
    }
  }

  d.ViewOwnedTables();
  Tables& t = d.t_;
  t.road_keys = MergedMap(o.road_keys, old_road, p.road_keys, part_road);
  t.road_skeleton = MergedMap(o.road_skeleton, old_road, p.road_skeleton, part_road);
  t.road_fuzzy = MergedMap(o.road_fuzzy, old_road, p.road_fuzzy, part_road);
  t.name_keys = MergedMap(o.name_keys, old_building, p.name_keys, part_building);
  t.region_keys = RegionKeys::Build(d);
  t.ri_keys = RegionKeys::BuildRi(d);

  // Old roads: regrouped, since an old name may gather buildings of
  // several current roads. Both parts' names are in the merged strings.
  std::vector<OldRoadEntry> entries;
  for (const auto& [src, renumber] : {std::pair(&o, &old_building), std::pair(&p, &part_building)}) {
    for (const OldRoadRec& r : src->old_roads) {
      for (uint32_t k = r.first; k < r.first + r.count && k < src->old_addresses.size(); ++k) {
        const OldAddressRec& a = src->old_addresses[k];
        if ((*renumber)[a.building] != kNone) entries.push_back({r.region, r.name_ko, a.number, (*renumber)[a.building]});
      }
    }
  }
  BuildOldRoadTables(std::move(entries), d.strings_, &d.old_roads_, &d.old_addresses_, &t.old_road_keys);
  d.row_store_ = std::move(in.row_store);
  d.data_date_ = std::move(in.data_date);
  d.ViewOwnedTables();  // the old roads and rows too
  return db;
}

}  // namespace doro::db
