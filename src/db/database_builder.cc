#include "db/database_builder.h"

#include <algorithm>
#include <numeric>
#include <tuple>
#include <utility>
#include <vector>

#include "db/format.h"
#include "db/name_keys.h"
#include "db/one_edit_keys.h"
#include "db/region_keys.h"
#include "db/sido.h"
#include "db/sigungu_table.h"
#include "text/keys.h"
#include "text/romanize.h"

namespace doro::db {

DatabaseBuilder::DatabaseBuilder(bool keep_rows) : db_(new Database), store_(keep_rows) {}

namespace {

// The 법정동코드 of the 읍면동 holding 리 code `code`: its last two digits are
// the 리.
uint64_t EmdCode(uint64_t code) { return code / 100 * 100; }

// Keys of area_index_: a 읍면동 (법정 or 행정) by its region and name, a 리
// by its 읍면동 and name.
std::string AreaKey(uint32_t region, std::string_view name) {
  return std::to_string(region) + "|" + std::string(name);
}
std::string RiKey(uint32_t emd_area, std::string_view name) { return "ri " + AreaKey(emd_area, name); }

}  // namespace

int DatabaseBuilder::OfficialEmdOf(const AddressRow& row) {
  const std::string& id = row.mgmt_no;
  if (id.size() != 26 || id[5] < '0' || id[5] > '9' || id[6] < '0' || id[6] > '9' || id[7] < '0' || id[7] > '9') {
    return -1;
  }
  const int emd = (id[5] - '0') * 100 + (id[6] - '0') * 10 + (id[7] - '0');
  return OfficialBuildingId(ParseCode(row.road_code, 12), static_cast<uint32_t>(emd), row.underground,
                            static_cast<uint32_t>(row.main), static_cast<uint32_t>(row.sub)) == id
             ? emd
             : -1;
}

void DatabaseBuilder::Add(const AddressRow& row) {
  // Official files are sorted: most rows repeat the region, areas, road and
  // name of the row before, so those lookups (string keys built and hashed)
  // are skipped then. Each cache returns what the lookup would, and a
  // repeated lookup has no side effect.
  LastKeys& last = last_;
  if (!last.valid || row.sido != last.sido || row.sigungu != last.sigungu) {
    last.region = RegionOf(row.sido, row.sigungu);
    last.sido = row.sido;
    last.sigungu = row.sigungu;
    last.emd_valid = last.admin_valid = last.ri_valid = false;
    last.valid = true;
  }
  const uint32_t region = last.region;
  if (region == kNone) {
    store_.Add(row, -1);
    return;
  }
  const uint64_t legal = ParseCode(row.legal_code, 10);
  if (!last.emd_valid || row.emd != last.emd || EmdCode(legal) != last.emd_legal) {
    last.area = AreaOf(region, row.emd, EmdCode(legal));
    last.emd = row.emd;
    last.emd_legal = EmdCode(legal);
    last.emd_valid = true;
    last.ri_valid = false;
  }
  const uint32_t area = last.area;
  if (!last.admin_valid || row.admin_name != last.admin) {
    last.admin_area = row.admin_name.empty() ? kNone : AreaOf(region, row.admin_name, 0);
    last.admin = row.admin_name;
    last.admin_valid = true;
  }
  const uint32_t admin = last.admin_area;
  const uint64_t code = ParseCode(row.road_code, 12);
  if (row.jibun_main > 0) {
    if (!last.ri_valid || row.ri != last.ri) {
      last.lot_area = LotAreaOf(region, area, row.ri, legal);
      last.ri = row.ri;
      last.ri_valid = true;
    }
    lots_.push_back({last.lot_area, static_cast<uint32_t>(row.jibun_main),
                     static_cast<uint16_t>(std::min(row.jibun_sub, 65535)),
                     static_cast<uint8_t>(row.mountain ? 1 : 0),
                     static_cast<uint32_t>(db_->buildings_.size())});
  }
  auto [it, inserted] = road_index_.try_emplace(code, static_cast<uint32_t>(db_->roads_.size()));
  if (inserted) {
    RoadRec road;
    road.name_ko = Intern(row.road_name);
    road.code = code;
    road.region = region;
    db_->roads_.push_back(road);
  }
  BuildingRec b;
  b.road = it->second;
  b.main = static_cast<uint32_t>(row.main);
  b.sub = static_cast<uint32_t>(row.sub);
  b.underground = row.underground ? 1 : 0;
  b.apartment = row.apartment ? 1 : 0;
  b.area = area;
  b.admin_area = admin;
  b.zip = 0;
  for (char c : row.zip) {
    if (c >= '0' && c <= '9') b.zip = b.zip * 10 + static_cast<uint32_t>(c - '0');
  }
  const int emd = OfficialEmdOf(row);
  store_.Add(row, emd);
  if (emd >= 0) {
    b.id_ref = static_cast<uint32_t>(emd);
  } else if (auto seeded = seeded_ids_.find(row.mgmt_no); seeded != seeded_ids_.end()) {
    b.id_ref = kExplicitId | seeded->second;
  } else {
    b.id_ref = kExplicitId | static_cast<uint32_t>(db_->ids_.size());
    db_->ids_.push_back(Append(row.mgmt_no));
  }
  b.name = kNone;
  const std::string& name = row.building_name.empty() ? row.register_name : row.building_name;
  if (!name.empty()) {
    if (name != last.name) {
      auto [it_name, added] = name_index_.try_emplace(name, static_cast<uint32_t>(db_->names_.size()));
      if (added) db_->names_.push_back(Intern(name));
      last.name = name;
      last.name_id = it_name->second;
    }
    b.name = last.name_id;
  }
  if (!row.previous_address.empty()) {
    PreviousAddress prev;
    if (!ParsePreviousAddress(row.previous_address, &prev) || PackingSaturates(prev.main, prev.sub)) {
      ++bad_previous_;
    } else if (prev.road_name != row.road_name || prev.underground != row.underground ||
               prev.main != row.main || prev.sub != row.sub) {  // the same address says nothing
      old_.push_back({region, Intern(prev.road_name),
                      PackBuildingNumber(prev.underground, static_cast<uint32_t>(prev.main),
                                         static_cast<uint32_t>(prev.sub)),
                      static_cast<uint32_t>(db_->buildings_.size())});
    }
  }
  db_->buildings_.push_back(b);
}

void DatabaseBuilder::AddRelatedLot(const RelatedLotRow& row) {
  store_.AddRelatedLot(row);
  const uint32_t region = RegionOf(row.sido, row.sigungu);
  if (region == kNone) return;
  const uint64_t legal = ParseCode(row.legal_code, 10);
  const uint32_t emd = AreaOf(region, row.emd, EmdCode(legal));
  related_lots_.push_back({ParseCode(row.road_code, 12), LotAreaOf(region, emd, row.ri, legal), emd,
                           static_cast<uint32_t>(row.jibun_main), static_cast<uint32_t>(row.main),
                           static_cast<uint16_t>(row.jibun_sub), static_cast<uint16_t>(row.sub),
                           static_cast<uint8_t>(row.mountain ? 1 : 0),
                           static_cast<uint8_t>(row.underground ? 1 : 0)});
}

uint32_t DatabaseBuilder::LotAreaOf(uint32_t region, uint32_t emd_area, const std::string& ri,
                                    uint64_t legal_code) {
  if (ri.empty()) return emd_area;
  std::string key = RiKey(emd_area, ri);
  auto it = area_index_.find(key);
  if (it != area_index_.end()) {
    NoteSeededCode(db_->areas_[it->second], legal_code);
    NoteAreaUse(it->second, kAsRi);
    return it->second;
  }
  AreaRec a;
  a.name_ko = Intern(ri);
  a.region = region;
  a.parent = emd_area;
  a.ri = 1;
  a.legal_code = legal_code;
  const uint32_t id = static_cast<uint32_t>(db_->areas_.size());
  db_->areas_.push_back(a);
  area_index_.emplace(std::move(key), id);
  NoteAreaUse(id, kAsRi);
  return id;
}

// The lots table: each building's representative lot, then the related
// lots, sorted so a lot's buildings are adjacent. Runs once the buildings
// are final (FindBuildings places the related lots).
void DatabaseBuilder::BuildLots(const std::vector<uint32_t>& new_index) {
  Database& d = *db_;
  auto& lots = d.lots_;
  lots.reserve(lots_.size() + related_lots_.size());
  for (const PendingLot& p : lots_) {
    lots.push_back({p.area, p.main, p.sub, p.mountain, 0, new_index[p.building]});
  }
  for (const PendingRelatedLot& p : related_lots_) {
    auto road = road_index_.find(p.road_code);
    if (road == road_index_.end()) continue;
    const auto found = d.FindBuildings(road->second, p.underground != 0, p.building_main, p.building_sub);
    const BuildingRec* b = found.size() == 1 ? &found[0] : nullptr;
    for (size_t i = 0; b == nullptr && i < found.size(); ++i) {
      if (found[i].area == p.emd_area) b = &found[i];
    }
    if (b != nullptr) lots.push_back({p.area, p.main, p.sub, p.mountain, 1, d.IndexOf(*b)});
  }
  auto key = [](const LotRec& l) { return std::tuple(l.area, l.mountain, l.main, l.sub, l.building); };
  std::sort(lots.begin(), lots.end(), [&](const LotRec& a, const LotRec& b) {
    if (key(a) != key(b)) return key(a) < key(b);
    return a.related < b.related;
  });
  // A related lot that repeats the representative one adds nothing.
  lots.erase(std::unique(lots.begin(), lots.end(),
                         [&](const LotRec& a, const LotRec& b) { return key(a) == key(b); }),
             lots.end());
  // Within one lot, the buildings it represents come first.
  std::stable_sort(lots.begin(), lots.end(), [](const LotRec& a, const LotRec& b) {
    return std::tuple(a.area, a.mountain, a.main, a.sub, a.related) <
           std::tuple(b.area, b.mountain, b.main, b.sub, b.related);
  });
  d.building_lots_.assign(d.buildings_.size(), kNone);
  for (uint32_t i = 0; i < lots.size(); ++i) {
    if (!lots[i].related && d.building_lots_[lots[i].building] == kNone) d.building_lots_[lots[i].building] = i;
  }
}

// A 시도 without rows is known by its 시군구 (an empty region each): a label
// naming one ("Mokpo-si, Jellanam-do") then contradicts roads elsewhere
// instead of saying nothing. A 시도 with rows is left as its rows name it
// (its files may predate a rename).
void DatabaseBuilder::AddUncoveredDistricts() {
  std::vector<bool> covered(AllSido().size(), false);
  for (const auto& r : db_->regions_) covered[r.sido] = true;
  for (const SigunguInfo& s : AllSigungu()) {
    for (uint32_t i = 0; i < AllSido().size(); ++i) {
      if (covered[i] || !s.code.starts_with(AllSido()[i].code)) continue;
      RegionRec r;
      r.sido = i;
      r.name_ko = Intern(s.name);
      db_->regions_.push_back(r);
    }
  }
}

std::unique_ptr<Database> DatabaseBuilder::Finish() {
  if (!db_->regions_.empty()) AddUncoveredDistricts();
  FinishTables(false);
  Database& d = *db_;
  d.t_.region_keys = RegionKeys::Build(d);
  d.t_.ri_keys = RegionKeys::BuildRi(d);
  d.data_date_ = store_.data_date();
  d.row_store_ = store_.Finish();
  d.t_.row_store = d.row_store_;
  return std::move(db_);
}

std::unique_ptr<Database> DatabaseBuilder::FinishPart() {
  FinishTables(true);
  return std::move(db_);
}

void DatabaseBuilder::FinishTables(bool part) {
  SortRoads();
  const std::vector<uint32_t> new_index = SortBuildings();
  NameEnglish(part);
  // The tables are final from here on; the key indexes read them.
  Database& d = *db_;
  d.ViewOwnedTables();
  BuildLots(new_index);
  BuildRoadKeys();
  BuildOldRoads(new_index);
  d.ViewOwnedTables();  // the lots and old roads too
  d.t_.name_keys = NameKeys::Build(d);
}

void DatabaseBuilder::Seed(const Database& old, const std::unordered_set<uint64_t>& roads) {
  const Tables& t = old.tables();
  Database& d = *db_;
  d.strings_.assign(t.strings.begin(), t.strings.end());
  d.regions_.assign(t.regions.begin(), t.regions.end());
  d.areas_.assign(t.areas.begin(), t.areas.end());
  for (uint32_t i = 0; i < d.areas_.size(); ++i) {
    const AreaRec& a = d.areas_[i];
    area_index_.emplace(a.ri ? RiKey(a.parent, Str(a.name_ko)) : AreaKey(a.region, Str(a.name_ko)), i);
  }
  seeded_regions_ = d.regions_.size();
  seeded_areas_ = d.areas_.size();
  // The names and ids tables are kept whole, and what the roads to rebuild
  // used (their names, their buildings' names and ids) is found again
  // rather than appended: else every update would add a copy of them.
  d.names_.assign(t.names.begin(), t.names.end());
  d.ids_.assign(t.ids.begin(), t.ids.end());
  for (uint32_t r = 0; r < t.roads.size() && r + 1 < t.road_starts.size(); ++r) {
    if (!roads.count(t.roads[r].code)) continue;
    interned_.emplace(std::string(old.str(t.roads[r].name_ko)), t.roads[r].name_ko);
    interned_.emplace(std::string(old.str(t.roads[r].name_en)), t.roads[r].name_en);
    for (uint32_t k = t.road_starts[r]; k < t.road_starts[r + 1] && k < t.buildings.size(); ++k) {
      const BuildingRec& b = t.buildings[k];
      if (b.name < t.names.size()) name_index_.emplace(std::string(old.str(t.names[b.name])), b.name);
      const uint32_t id = b.id_ref & ~kExplicitId;
      if ((b.id_ref & kExplicitId) && id < t.ids.size()) seeded_ids_.emplace(std::string(old.str(t.ids[id])), id);
    }
  }
  for (const OldRoadRec& r : t.old_roads) interned_.emplace(std::string(old.str(r.name_ko)), r.name_ko);
}

std::string_view DatabaseBuilder::Str(StrRef r) const {
  return std::string_view(db_->strings_.data() + r.offset, r.size);
}

StrRef DatabaseBuilder::Append(std::string_view s) {
  StrRef r{static_cast<uint32_t>(db_->strings_.size()), static_cast<uint32_t>(s.size())};
  db_->strings_.insert(db_->strings_.end(), s.begin(), s.end());
  return r;
}

StrRef DatabaseBuilder::Intern(std::string_view s) {
  auto it = interned_.find(std::string(s));
  if (it != interned_.end()) return it->second;
  StrRef r = Append(s);
  interned_.emplace(std::string(s), r);
  return r;
}

uint32_t DatabaseBuilder::RegionOf(const std::string& sido_name, const std::string& sigungu) {
  std::string key = sido_name + "|" + sigungu;
  auto it = region_index_.find(key);
  if (it != region_index_.end()) return it->second;
  const SidoInfo* sido = FindSidoByKorean(sido_name);
  if (sido == nullptr) return kNone;
  RegionRec r;
  r.sido = static_cast<uint32_t>(sido - AllSido().data());
  if (seeded_regions_ > 0) {
    // The seed's keys are not known (a 시도 has more than one spelling):
    // find the region by 시도 and name (the caller checks spellings).
    const uint32_t found = FindSeededRegion(sido_name, sigungu);
    if (found != kNone) {
      region_index_.emplace(std::move(key), found);
      return found;
    }
    seed_problem_ = "a row names a 시군구 the index has no road in (or has twice): " + sido_name + " " + sigungu;
  }
  r.name_ko = Intern(sigungu);
  const uint32_t id = static_cast<uint32_t>(db_->regions_.size());
  db_->regions_.push_back(r);
  region_index_.emplace(std::move(key), id);
  return id;
}

uint32_t DatabaseBuilder::FindSeededRegion(const std::string& sido_name, const std::string& sigungu) const {
  const SidoInfo* sido = FindSidoByKorean(sido_name);
  if (sido == nullptr) return kNone;
  const auto index = static_cast<uint32_t>(sido - AllSido().data());
  // One that has no road was added for an uncovered 시도
  // (AddUncoveredDistricts), which a full build would number otherwise.
  uint32_t found = kNone, count = 0;
  for (uint32_t i = 0; i < seeded_regions_; ++i) {
    const RegionRec& s = db_->regions_[i];
    if (s.sido == index && Str(s.name_ko) == sigungu) found = i, ++count;
  }
  return count == 1 && db_->regions_[found].road_count > 0 ? found : kNone;
}

uint32_t DatabaseBuilder::AreaOf(uint32_t region, const std::string& name, uint64_t legal_code) {
  std::string key = AreaKey(region, name);
  auto it = area_index_.find(key);
  if (it != area_index_.end()) {
    AreaRec& a = db_->areas_[it->second];
    NoteSeededCode(a, legal_code);
    if (a.legal_code == 0) a.legal_code = legal_code;  // first named as a 행정동
    NoteAreaUse(it->second, legal_code != 0 ? kAsLegalDong : kAsAdminDong);
    return it->second;
  }
  AreaRec a;
  a.legal_code = legal_code;
  a.name_ko = Intern(name);
  a.region = region;
  a.eup_myeon = IsEupMyeon(name) ? 1 : 0;
  const uint32_t id = static_cast<uint32_t>(db_->areas_.size());
  db_->areas_.push_back(a);
  area_index_.emplace(std::move(key), id);
  NoteAreaUse(id, legal_code != 0 ? kAsLegalDong : kAsAdminDong);
  return id;
}

// Roads sorted by (region, name) so each region's roads are contiguous.
void DatabaseBuilder::SortRoads() {
  auto& roads = db_->roads_;
  std::vector<uint32_t> order(roads.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (roads[a].region != roads[b].region) return roads[a].region < roads[b].region;
    const auto na = Str(roads[a].name_ko), nb = Str(roads[b].name_ko);
    if (na != nb) return na < nb;
    return roads[a].code < roads[b].code;
  });
  std::vector<uint32_t> new_id(roads.size());
  std::vector<RoadRec> sorted;
  sorted.reserve(roads.size());
  for (uint32_t i = 0; i < order.size(); ++i) {
    new_id[order[i]] = i;
    sorted.push_back(roads[order[i]]);
  }
  roads = std::move(sorted);
  for (auto& b : db_->buildings_) b.road = new_id[b.road];
  for (auto& entry : road_index_) entry.second = new_id[entry.second];
  db_->RangeRoadsByRegion();
}

std::vector<uint32_t> DatabaseBuilder::SortBuildings() {
  auto& bs = db_->buildings_;
  auto key = [](const BuildingRec& b) {
    return std::tuple(b.road, b.underground, b.main, b.sub, b.area);
  };
  std::vector<uint32_t> order(bs.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return key(bs[a]) < key(bs[b]); });
  // The same address twice (a file listed twice, a re-issued row, the rows
  // of one complex): keep the first; its lots all lead to it.
  std::vector<uint32_t> new_index(bs.size());
  std::vector<BuildingRec> sorted;
  sorted.reserve(bs.size());
  for (uint32_t i : order) {
    if (sorted.empty() || key(sorted.back()) != key(bs[i])) sorted.push_back(bs[i]);
    new_index[i] = static_cast<uint32_t>(sorted.size() - 1);
  }
  bs = std::move(sorted);
  db_->RangeBuildingsByRoad();
  return new_index;
}

void DatabaseBuilder::NameEnglish(bool part) {
  for (auto& road : db_->roads_) {
    auto official = english_.find(road.code);
    road.name_en = official != english_.end()
                       ? Intern(official->second)
                       : Intern(text::RomanizeRoadName(Str(road.name_ko)));
    road.flags = official != english_.end() ? kOfficialEnglish : 0;
  }
  // A part keeps the seed's names of regions and areas.
  for (size_t i = part ? seeded_areas_ : 0; i < db_->areas_.size(); ++i) {
    AreaRec& a = db_->areas_[i];
    a.name_en = Intern(text::RomanizeAreaName(Str(a.name_ko)));
  }
  if (part) return;
  for (auto& r : db_->regions_) {
    // "수원시 장안구" -> "Jangan-gu, Suwon-si": English goes small to large.
    std::string_view ko = Str(r.name_ko);
    std::vector<std::string> parts;
    RegionKeys::ForEachPart(ko, [&](std::string_view part) {
      if (!part.empty()) parts.push_back(text::RomanizeAreaName(part));
    });
    std::string en;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
      if (!en.empty()) en += ", ";
      en += *it;
    }
    r.name_en = Intern(en);
  }
}

void DatabaseBuilder::BuildRoadKeys() {
  std::vector<std::pair<uint64_t, uint32_t>> exact, skeleton, fuzzy;
  const auto& roads = db_->roads_;
  exact.reserve(roads.size() * 6);
  for (uint32_t id = 0; id < roads.size(); ++id) {
    const std::string_view ko = Str(roads[id].name_ko);
    exact.emplace_back(HashKey(ko), id);
    std::vector<std::string> keys = text::RomanizationKeys(ko);
    std::string official = text::MatchKey(Str(roads[id].name_en));
    if (std::find(keys.begin(), keys.end(), official) == keys.end()) keys.push_back(official);
    std::vector<std::string> skeletons;
    for (const auto& k : keys) {
      if (k.empty()) continue;
      exact.emplace_back(HashKey(k), id);
      std::string sk = text::SkeletonKey(k);
      if (std::find(skeletons.begin(), skeletons.end(), sk) == skeletons.end()) {
        skeletons.push_back(std::move(sk));
      }
    }
    for (size_t v = 0; v < skeletons.size(); ++v) {
      const std::string& sk = skeletons[v];
      skeleton.emplace_back(HashKey(sk), id);
      // Deletions of the main spelling only: they are most of the index's
      // memory, and the other spellings' typos are rarer still.
      if (v == 0) {
        OneEditKeys::ForEachKey(sk, [&](uint64_t h) { fuzzy.emplace_back(h, id); });
      } else {
        fuzzy.emplace_back(HashKey(sk), id);
      }
    }
  }
  db_->t_.road_keys = FlatMultiMap::Build(std::move(exact));
  db_->t_.road_skeleton = FlatMultiMap::Build(std::move(skeleton));
  db_->t_.road_fuzzy = FlatMultiMap::Build(std::move(fuzzy));
}

// Old roads, one per (region, name), sorted so; each one's addresses
// sorted by number. Their keys are the exact keys of a current road of that
// name (no official English is known for an old name).
void BuildOldRoadTables(std::vector<OldRoadEntry> entries, std::span<const char> strings,
                        std::vector<OldRoadRec>* roads, std::vector<OldAddressRec>* addresses, FlatMultiMap* keys_out) {
  auto str = [&](StrRef r) { return std::string_view(strings.data() + r.offset, r.size); };
  auto key = [&](const OldRoadEntry& p) { return std::tuple(p.region, str(p.name), p.number, p.building); };
  std::sort(entries.begin(), entries.end(),
            [&](const OldRoadEntry& a, const OldRoadEntry& b) { return key(a) < key(b); });
  entries.erase(std::unique(entries.begin(), entries.end(),
                            [&](const OldRoadEntry& a, const OldRoadEntry& b) { return key(a) == key(b); }),
                entries.end());
  std::vector<std::pair<uint64_t, uint32_t>> keys;
  for (const OldRoadEntry& p : entries) {
    if (roads->empty() || roads->back().region != p.region || str(roads->back().name_ko) != str(p.name)) {
      OldRoadRec r;
      r.name_ko = p.name;
      r.region = p.region;
      r.first = static_cast<uint32_t>(addresses->size());
      const auto id = static_cast<uint32_t>(roads->size());
      roads->push_back(r);
      const std::string_view ko = str(p.name);
      keys.emplace_back(HashKey(ko), id);
      for (const auto& k : text::RomanizationKeys(ko)) {
        if (!k.empty()) keys.emplace_back(HashKey(k), id);
      }
    }
    addresses->push_back({p.number, p.building});
    ++roads->back().count;
  }
  *keys_out = FlatMultiMap::Build(std::move(keys));
}

void DatabaseBuilder::BuildOldRoads(const std::vector<uint32_t>& new_index) {
  Database& d = *db_;
  for (auto& p : old_) p.building = new_index[p.building];
  BuildOldRoadTables(std::move(old_), d.strings_, &d.old_roads_, &d.old_addresses_, &d.t_.old_road_keys);
  old_.clear();
}

}  // namespace doro::db
