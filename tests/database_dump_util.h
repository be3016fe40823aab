// CanonicalDump: everything a Database answers with, as text that does not
// depend on how the tables happen to be numbered. Two databases built
// differently (a full build, an incremental patch of the tables) must give
// the same dump exactly when they answer the same.
//
// Every id is resolved to what it names: a region by 시도 + 시군구, an area
// by its region, its 읍/면 (for a 리) and its name, a road by its code, a
// building by its BuildingId, an old road by region + name. String offsets,
// the tables' indices, the order areas or names were first seen, and names,
// ids or strings no record refers to never show. What is positional in the
// Database's promise stays positional: roads and buildings come in table
// order (FindBuildings and the road ranges read it), except that buildings
// with the same road and number (one per 읍/면) are sorted among
// themselves, since the builder orders those by area index. Consistency the
// lookups rely on (sorted lots, packed numbers, road ranges, the hash maps'
// slots) is checked and any failure written into the dump's [checks].
#ifndef DORO_TESTS_DATABASE_DUMP_UTIL_H_
#define DORO_TESTS_DATABASE_DUMP_UTIL_H_

#include <algorithm>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "db/database.h"
#include "db/flat_map.h"
#include "db/sido.h"

namespace doro::testing {

namespace dump_internal {

inline std::string Hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016" PRIx64, v);
  return buf;
}

// A packed building number (PackBuildingNumber) as "B 12-3" / "12".
inline std::string Number(uint32_t packed) {
  std::string s = (packed >> 31) ? "B " : "";
  s += std::to_string((packed >> 14) & db::kPackedMainMax);
  const uint32_t sub = packed & db::kPackedSubMax;
  if (sub) s += "-" + std::to_string(sub);
  return s;
}

// "[name] count", then the lines sorted.
inline std::string SortedSection(std::string_view name, std::vector<std::string> lines) {
  std::sort(lines.begin(), lines.end());
  std::string out = "[" + std::string(name) + "] " + std::to_string(lines.size()) + "\n";
  for (const auto& l : lines) (out += l) += '\n';
  return out;
}

// The names every id resolves to, made once per record.
class Resolver {
 public:
  explicit Resolver(const db::Database& db) : db_(db), t_(db.tables()) {
    for (const auto& r : t_.regions) {
      std::string name = Sido(r.sido);
      (name += '/') += db_.str(r.name_ko);
      regions_.push_back(std::move(name));
    }
    for (const auto& a : t_.areas) {
      std::string name = Region(a.region) + "/";
      if (a.ri) {
        name += "리 ";
        if (a.parent < t_.areas.size()) {
          name += db_.str(t_.areas[a.parent].name_ko);
          if (t_.areas[a.parent].region != a.region) name += "@" + Region(t_.areas[a.parent].region);
        } else {
          name += "<no parent>";
        }
        name += '/';
      }
      name += db_.str(a.name_ko);
      areas_.push_back(std::move(name));
    }
    for (const auto& r : t_.roads) roads_.push_back("road " + std::to_string(r.code));
    for (uint32_t b = 0; b < t_.buildings.size(); ++b) {
      buildings_.push_back(Valid(b) ? "bd " + db_.BuildingId(b) : "<bad building " + std::to_string(b) + ">");
    }
    for (const auto& o : t_.old_roads) {
      old_roads_.push_back("old " + Region(o.region) + "/" + std::string(db_.str(o.name_ko)));
    }
  }

  static std::string Sido(uint32_t i) {
    return i < db::AllSido().size() ? std::string(db::AllSido()[i].korean) : "<bad sido " + std::to_string(i) + ">";
  }
  std::string Region(uint32_t i) const { return Of(regions_, i, "region"); }
  std::string Area(uint32_t i) const { return i == db::kNone ? "" : Of(areas_, i, "area"); }
  std::string Road(uint32_t i) const { return Of(roads_, i, "road"); }
  std::string Building(uint32_t i) const { return Of(buildings_, i, "building"); }
  std::string OldRoad(uint32_t i) const { return Of(old_roads_, i, "old road"); }

  std::string Lot(const db::LotRec& l) const {
    return Area(l.area) + "\t" + (l.mountain ? "산 " : "") + std::to_string(l.main) + "-" + std::to_string(l.sub) +
           "\trelated=" + std::to_string(l.related) + "\t" + Building(l.building);
  }

  // What a region key's value names (db::PackRegion).
  std::string RegionValue(uint32_t v) const {
    const uint32_t id = db::RegionIdOf(v);
    switch (db::RegionKindOf(v)) {
      case db::RegionKind::kSido: return "sido " + Sido(id);
      case db::RegionKind::kSigungu: return "sigungu " + Region(id);
      case db::RegionKind::kArea: return "area " + Area(id);
      case db::RegionKind::kCityStem: return "citystem " + Region(id);
    }
    return "<bad region value " + Hex(v) + ">";
  }

  // A building whose formatting cannot run out of its tables.
  bool Valid(uint32_t b) const {
    if (b >= t_.buildings.size()) return false;
    const db::BuildingRec& r = t_.buildings[b];
    return r.road < t_.roads.size() && t_.roads[r.road].region < t_.regions.size() &&
           t_.regions[t_.roads[r.road].region].sido < db::AllSido().size() && r.area < t_.areas.size() &&
           (db_.LotOf(b) == nullptr || db_.LotOf(b)->area < t_.areas.size());
  }

 private:
  static std::string Of(const std::vector<std::string>& names, uint32_t i, const char* what) {
    return i < names.size() ? names[i] : "<bad " + std::string(what) + " " + std::to_string(i) + ">";
  }

  const db::Database& db_;
  const db::Tables& t_;
  std::vector<std::string> regions_, areas_, roads_, buildings_, old_roads_;
};

// The (hash, what the value names) pairs of a map, sorted; and whether
// Find, which reads the slots, returns each hash's entries.
template <typename Resolve>
std::string MapSection(const char* name, const db::FlatMultiMap& map, Resolve&& resolve,
                       std::vector<std::string>* failures) {
  const auto entries = map.entries();
  std::vector<std::string> lines;
  lines.reserve(entries.size());
  size_t unsorted = 0, unfound = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    lines.push_back(Hex(entries[i].hash) + "\t" + resolve(entries[i].value));
    if (i > 0 && entries[i - 1].hash > entries[i].hash) ++unsorted;
    if (i > 0 && entries[i - 1].hash == entries[i].hash) continue;
    size_t j = i + 1;
    while (j < entries.size() && entries[j].hash == entries[i].hash) ++j;
    const auto found = map.Find(entries[i].hash);
    if (found.data() != entries.data() + i || found.size() != j - i) ++unfound;
  }
  if (unsorted) failures->push_back(std::string(name) + ": " + std::to_string(unsorted) + " entries out of order");
  if (unfound) failures->push_back(std::string(name) + ": Find misses " + std::to_string(unfound) + " hashes");
  return SortedSection(name, std::move(lines));
}

}  // namespace dump_internal

inline std::string CanonicalDump(const db::Database& db) {
  using dump_internal::Number;
  using dump_internal::SortedSection;
  const db::Tables& t = db.tables();
  const dump_internal::Resolver names(db);
  std::vector<std::string> failures;
  std::string out = "data_date\t" + db.data_date() + "\n";

  // Regions: a region's roads are a range of the (positional) road table.
  {
    std::vector<std::string> lines;
    for (uint32_t i = 0; i < t.regions.size(); ++i) {
      const db::RegionRec& r = t.regions[i];
      std::string l = std::to_string(r.sido) + "\t" + names.Region(i) + "\t" + std::string(db.str(r.name_en)) +
                      "\troads=" + std::to_string(r.road_count);
      if (r.road_count) l += "\tfirst_road=" + std::to_string(r.first_road);
      lines.push_back(std::move(l));
      for (uint64_t k = r.first_road; r.road_count && k < uint64_t{r.first_road} + r.road_count; ++k) {
        if (k >= t.roads.size() || t.roads[k].region != i) {
          failures.push_back("region " + names.Region(i) + ": road " + std::to_string(k) + " is not its own");
          break;
        }
      }
    }
    out += SortedSection("regions", std::move(lines));
  }

  // Areas, used or not: the region keys name them.
  {
    std::vector<std::string> lines;
    for (uint32_t i = 0; i < t.areas.size(); ++i) {
      const db::AreaRec& a = t.areas[i];
      lines.push_back(names.Area(i) + "\t" + names.Region(a.region) + "\t" + std::string(db.str(a.name_ko)) + "\t" +
                      std::string(db.str(a.name_en)) + "\teup_myeon=" + std::to_string(a.eup_myeon) +
                      "\tri=" + std::to_string(a.ri) + "\tparent=" + names.Area(a.parent) +
                      "\tlegal=" + std::to_string(a.legal_code));
    }
    out += SortedSection("areas", std::move(lines));
  }

  // Roads in table order, with both descriptions of their buildings' range.
  if (t.road_starts.size() != t.roads.size() + 1) {
    failures.push_back("road_starts has " + std::to_string(t.road_starts.size()) + " entries for " +
                       std::to_string(t.roads.size()) + " roads");
  }
  out += "[roads] " + std::to_string(t.roads.size()) + "\n";
  for (uint32_t i = 0; i < t.roads.size(); ++i) {
    const db::RoadRec& r = t.roads[i];
    out += std::to_string(r.code) + "\t" + names.Region(r.region) + "\t" + std::string(db.str(r.name_ko)) + "\t" +
           std::string(db.str(r.name_en)) + "\tflags=" + std::to_string(r.flags) +
           "\tbuildings=" + std::to_string(r.building_count);
    if (r.building_count) out += "\tfirst=" + std::to_string(r.first_building);
    if (i + 1 < t.road_starts.size()) {
      const uint32_t lo = t.road_starts[i], hi = t.road_starts[i + 1];
      out += "\tstarts=" + std::to_string(lo) + ".." + std::to_string(hi);
      if (hi - lo != r.building_count || (r.building_count && lo != r.first_building)) {
        failures.push_back("road " + std::to_string(r.code) + ": road_starts disagree with its record");
      }
    }
    out += '\n';
  }

  // Buildings in table order; a run with one road and number is sorted.
  if (t.building_numbers.size() != t.buildings.size() || t.building_lots.size() != t.buildings.size()) {
    failures.push_back("building_numbers/building_lots sizes differ from buildings");
  }
  out += "[buildings] " + std::to_string(t.buildings.size()) + "\n";
  {
    auto key = [&](uint32_t i) {
      const db::BuildingRec& b = t.buildings[i];
      return std::tuple(b.road, b.underground, b.main, b.sub);
    };
    std::vector<std::string> run;
    for (uint32_t i = 0; i < t.buildings.size(); ++i) {
      const db::BuildingRec& b = t.buildings[i];
      std::string l;
      if (!names.Valid(i)) {
        l = "<bad building record>";
        failures.push_back("building " + std::to_string(i) + " points outside its tables");
      } else {
        const AddressParts p = db.Parts(i);
        l = names.Road(b.road) + "\t" + db.RoadAddress(i) + "\t" + db.Reference(i) + "\t" + db.English(i) +
            "\tzip=" + db.Zip(i) + "\t" + names.Building(i) + "\t" + db.JibunAddress(i) + "\tname=" +
            std::string(db.BuildingName(i)) + "\tapt=" + std::to_string(b.apartment) + "\tarea=" +
            names.Area(b.area) + "\tadmin=" + names.Area(b.admin_area) + "\tlegal=" + p.legal_code +
            "\tri=" + p.ri + "\tofficial_en=" + std::to_string(p.official_english);
      }
      if (i < t.building_numbers.size()) {
        const uint32_t n = t.building_numbers[i];
        l += "\tnumber=" + Number(n);
        if (n != db::PackBuildingNumber(b.underground != 0, b.main, b.sub)) {
          failures.push_back(names.Building(i) + ": packed number " + Number(n) + " is not its own");
        }
        if (i > 0 && b.road == t.buildings[i - 1].road && i - 1 < t.building_numbers.size() &&
            t.building_numbers[i - 1] > n) {
          failures.push_back(names.Building(i) + ": numbers out of order on its road");
        }
      }
      if (i < t.building_lots.size()) {
        const uint32_t lot = t.building_lots[i];
        if (lot == db::kNone) {
          l += "\tlot=-";
        } else if (lot >= t.lots.size()) {
          l += "\tlot=<bad lot>";
          failures.push_back(names.Building(i) + ": lot out of range");
        } else {
          l += "\tlot=" + names.Lot(t.lots[lot]);
          if (t.lots[lot].building != i || t.lots[lot].related) {
            failures.push_back(names.Building(i) + ": its lot is not its representative one");
          }
        }
      }
      if (i > 0 && !(names.Valid(i) && names.Valid(i - 1) && key(i - 1) == key(i))) {
        std::sort(run.begin(), run.end());
        for (auto& r : run) (out += r) += '\n';
        run.clear();
      }
      run.push_back(std::move(l));
    }
    std::sort(run.begin(), run.end());
    for (auto& r : run) (out += r) += '\n';
  }

  // Lots: FindLots needs them sorted by (area, mountain, main, sub, related).
  {
    std::vector<std::string> lines;
    lines.reserve(t.lots.size());
    size_t unsorted = 0;
    auto key = [](const db::LotRec& l) { return std::tuple(l.area, l.mountain, l.main, l.sub, l.related); };
    for (size_t i = 0; i < t.lots.size(); ++i) {
      lines.push_back(names.Lot(t.lots[i]));
      if (i > 0 && key(t.lots[i - 1]) > key(t.lots[i])) ++unsorted;
    }
    if (unsorted) failures.push_back("lots: " + std::to_string(unsorted) + " out of order");
    out += SortedSection("lots", std::move(lines));
  }

  // Old roads and their addresses, each sorted by number.
  {
    std::vector<std::string> roads, addresses;
    for (uint32_t i = 0; i < t.old_roads.size(); ++i) {
      const db::OldRoadRec& o = t.old_roads[i];
      roads.push_back(names.OldRoad(i) + "\taddresses=" + std::to_string(o.count));
      if (uint64_t{o.first} + o.count > t.old_addresses.size()) {
        failures.push_back(names.OldRoad(i) + ": addresses out of range");
        continue;
      }
      for (uint32_t k = o.first; k < o.first + o.count; ++k) {
        const db::OldAddressRec& a = t.old_addresses[k];
        addresses.push_back(names.OldRoad(i) + "\t" + Number(a.number) + "\t" + names.Building(a.building));
        if (k > o.first && t.old_addresses[k - 1].number > a.number) {
          failures.push_back(names.OldRoad(i) + ": numbers out of order");
        }
      }
    }
    out += SortedSection("old_roads", std::move(roads));
    out += SortedSection("old_addresses", std::move(addresses));
  }

  auto road = [&](uint32_t v) { return names.Road(v); };
  out += dump_internal::MapSection("road_keys", t.road_keys, road, &failures);
  out += dump_internal::MapSection("road_skeleton", t.road_skeleton, road, &failures);
  out += dump_internal::MapSection("road_fuzzy", t.road_fuzzy, road, &failures);
  out += dump_internal::MapSection("region_keys", t.region_keys, [&](uint32_t v) { return names.RegionValue(v); },
                                   &failures);
  out += dump_internal::MapSection("ri_keys", t.ri_keys, [&](uint32_t v) { return names.Area(v); }, &failures);
  out += dump_internal::MapSection("name_keys", t.name_keys, [&](uint32_t v) { return names.Building(v); },
                                   &failures);
  out += dump_internal::MapSection("old_road_keys", t.old_road_keys, [&](uint32_t v) { return names.OldRoad(v); },
                                   &failures);

  out += "[checks] " + std::to_string(failures.size()) + " failed\n";
  for (const auto& f : failures) (out += f) += '\n';
  return out;
}

}  // namespace doro::testing

#endif  // DORO_TESTS_DATABASE_DUMP_UTIL_H_
