#include "db/database.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <tuple>

#include "db/database_builder.h"
#include "db/embedded.h"
#include "db/english_names.h"
#include "db/format.h"
#include "db/index_file.h"
#include "db/sido.h"

namespace doro::db {

namespace {

// Decimal digits of v, without a temporary string.
void AppendNumber(uint32_t v, std::string* out) {
  char buf[10];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) out->push_back(buf[--n]);
}

}  // namespace

void Database::RangeRoadsByRegion() {
  for (auto& r : regions_) r.first_road = r.road_count = 0;
  for (uint32_t i = 0; i < roads_.size(); ++i) {
    RegionRec& r = regions_[roads_[i].region];
    if (r.road_count == 0) r.first_road = i;
    ++r.road_count;
  }
}

void Database::RangeBuildingsByRoad() {
  for (auto& r : roads_) r.first_building = r.building_count = 0;
  building_numbers_.assign(buildings_.size(), 0);
  for (uint32_t i = 0; i < buildings_.size(); ++i) {
    const BuildingRec& b = buildings_[i];
    RoadRec& r = roads_[b.road];
    if (r.building_count == 0) r.first_building = i;
    ++r.building_count;
    building_numbers_[i] = PackBuildingNumber(b.underground, b.main, b.sub);
  }
  road_starts_.assign(1, 0);
  for (const auto& r : roads_) road_starts_.push_back(road_starts_.back() + r.building_count);
}

void Database::ViewOwnedTables() {
  t_.strings = strings_;
  t_.regions = regions_;
  t_.areas = areas_;
  t_.roads = roads_;
  t_.buildings = buildings_;
  t_.names = names_;
  t_.ids = ids_;
  t_.building_numbers = building_numbers_;
  t_.road_starts = road_starts_;
  t_.lots = lots_;
  t_.building_lots = building_lots_;
  t_.old_roads = old_roads_;
  t_.old_addresses = old_addresses_;
  t_.row_store = row_store_;
}

std::unique_ptr<Database> Database::Load(const std::string& path, LoadReport* report, std::string* error,
                                         Rows rows) {
  if (!path.empty() && IndexFile::LooksLikeIndex(path)) {
    return IndexFile::Open(path, report, error);
  }
  const auto start = std::chrono::steady_clock::now();
  DatabaseBuilder builder(rows == Rows::kKeep);
  RowSink sink = [&](AddressRow&& row) { builder.Add(row); };
  if (path.empty()) {
    for (const auto& f : embedded::DemoDatabase()) {
      const uint64_t rows_before = report->rows;
      ReadAddressBytes(f.name, f.content, sink, report);
      report->files.push_back({"(built-in demo) " + std::string(f.name), SourceFile::Kind::kAddressRows, 0,
                               report->rows - rows_before});
    }
  } else {
    if (!ReadAddressPath(path, sink, report, error)) return nullptr;
    if (std::filesystem::is_directory(path) &&
        !ReadRelatedLotDirectory(path, [&](RelatedLotRow&& row) { builder.AddRelatedLot(row); }, report,
                                 error)) {
      return nullptr;
    }
    builder.SetEnglishNames(ReadEnglishRoadNames(path, report));
  }
  if (report->rows == 0) {
    *error = "no valid address rows in " + (path.empty() ? std::string("demo database") : path);
    return nullptr;
  }
  auto db = builder.Finish();
  report->roads = db->tables().roads.size();
  report->data_date = db->data_date();
  report->bad_previous_addresses = builder.bad_previous_addresses();
  report->seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return db;
}

std::unique_ptr<Database> Database::FromRows(const std::vector<AddressRow>& rows) {
  DatabaseBuilder builder;
  for (const auto& r : rows) builder.Add(r);
  return builder.Finish();
}

std::span<const OldAddressRec> Database::FindOldAddresses(uint32_t old_road, bool underground, uint32_t main,
                                                          uint32_t sub) const {
  // The builder keeps no old number past the packed range.
  if (old_road >= t_.old_roads.size() || PackingSaturates(main, sub)) return {};
  const OldRoadRec& r = t_.old_roads[old_road];
  if (static_cast<uint64_t>(r.first) + r.count > t_.old_addresses.size()) return {};
  const auto all = t_.old_addresses.subspan(r.first, r.count);
  const uint32_t number = PackBuildingNumber(underground, main, sub);
  const auto [lo, hi] = std::equal_range(all.begin(), all.end(), OldAddressRec{number, 0},
                                         [](const OldAddressRec& x, const OldAddressRec& y) {
                                           return x.number < y.number;
                                         });
  return {lo, hi};
}

std::span<const BuildingRec> Database::FindBuildings(uint32_t road, bool underground,
                                                    uint32_t main, uint32_t sub) const {
  // Bounds hold for an opened index (validated) and for a built one.
  if (!HasRoad(road)) return {};
  const uint32_t* numbers = t_.building_numbers.data();
  const uint32_t* end = numbers + t_.road_starts[road + 1];
  const uint32_t packed = PackBuildingNumber(underground, main, sub);
  const uint32_t* first = std::lower_bound(numbers + t_.road_starts[road], end, packed);
  const uint32_t* last = first;
  while (last != end && *last == packed) ++last;
  size_t b = static_cast<size_t>(first - numbers), e = static_cast<size_t>(last - numbers);
  if (PackingSaturates(main, sub)) {  // several numbers share the packed one
    const auto key = std::tuple(underground ? 1u : 0u, main, sub);
    auto number = [&](size_t i) {
      const BuildingRec& r = t_.buildings[i];
      return std::tuple(static_cast<uint32_t>(r.underground), r.main, static_cast<uint32_t>(r.sub));
    };
    while (b < e && number(b) < key) ++b;
    size_t m = b;
    while (m < e && number(m) == key) ++m;
    e = m;
  }
  return t_.buildings.subspan(b, e - b);
}

std::string Database::RoadAddress(uint32_t id) const {
  const BuildingRec& b = t_.buildings[id];
  const RoadRec& road = t_.roads[b.road];
  const RegionRec& region = t_.regions[road.region];
  const std::string_view sido = AllSido()[region.sido].korean;
  const AreaRec& area = t_.areas[b.area];
  // Sized once: this runs for every answer, and growing the string piece
  // by piece reallocated it two or three times.
  std::string out;
  out.reserve(sido.size() + region.name_ko.size + area.name_ko.size + road.name_ko.size + 32);
  out += sido;
  if (region.name_ko.size) (out += ' ') += str(region.name_ko);
  if (area.eup_myeon) (out += ' ') += str(area.name_ko);
  (out += ' ') += str(road.name_ko);
  out += b.underground ? " 지하 " : " ";
  AppendNumber(b.main, &out);
  if (b.sub) {
    out += '-';
    AppendNumber(b.sub, &out);
  }
  return out;
}

std::string Database::Reference(uint32_t id) const {
  const BuildingRec& b = t_.buildings[id];
  const AreaRec& area = t_.areas[b.area];
  std::string inner;
  if (!area.eup_myeon) inner = str(area.name_ko);
  if (b.apartment && b.name < t_.names.size()) {
    if (!inner.empty()) inner += ", ";
    inner += str(t_.names[b.name]);
  }
  return inner.empty() ? "" : "(" + inner + ")";
}

std::string Database::English(uint32_t id) const {
  const BuildingRec& b = t_.buildings[id];
  const RoadRec& road = t_.roads[b.road];
  const RegionRec& region = t_.regions[road.region];
  std::string out = b.underground ? "Jiha " : "";
  out += std::to_string(b.main);
  if (b.sub) (out += '-') += std::to_string(b.sub);
  (out += ", ") += str(road.name_en);
  const AreaRec& area = t_.areas[b.area];
  if (area.eup_myeon) (out += ", ") += str(area.name_en);
  if (region.name_en.size) (out += ", ") += str(region.name_en);
  (out += ", ") += AllSido()[region.sido].english;
  return out;
}

std::string Database::BuildingId(uint32_t id) const {
  const BuildingRec& b = t_.buildings[id];
  if (b.id_ref & kExplicitId) {
    const uint32_t k = b.id_ref & ~kExplicitId;
    return k < t_.ids.size() ? std::string(str(t_.ids[k])) : std::string();
  }
  return OfficialBuildingId(t_.roads[b.road].code, b.id_ref, b.underground != 0, b.main, b.sub);
}

std::span<const LotRec> Database::FindLots(uint32_t area, bool mountain, uint32_t main,
                                          uint32_t sub) const {
  const auto key = std::tuple(area, mountain ? 1u : 0u, main, sub);
  auto of = [](const LotRec& l) {
    return std::tuple(l.area, static_cast<uint32_t>(l.mountain), l.main, static_cast<uint32_t>(l.sub));
  };
  const auto lo = std::lower_bound(t_.lots.begin(), t_.lots.end(), key,
                                   [&](const LotRec& l, const auto& k) { return of(l) < k; });
  auto hi = lo;
  while (hi != t_.lots.end() && of(*hi) == key) ++hi;
  return t_.lots.subspan(static_cast<size_t>(lo - t_.lots.begin()), static_cast<size_t>(hi - lo));
}

std::string Database::JibunAddress(uint32_t id) const {
  const LotRec* lot = LotOf(id);
  if (lot == nullptr) return "";
  const RegionRec& region = t_.regions[t_.roads[t_.buildings[id].road].region];
  std::string out(AllSido()[region.sido].korean);
  if (region.name_ko.size) (out += ' ') += str(region.name_ko);
  const AreaRec& area = t_.areas[lot->area];
  if (area.ri && area.parent < t_.areas.size()) (out += ' ') += str(t_.areas[area.parent].name_ko);
  (out += ' ') += str(area.name_ko);
  out += lot->mountain ? " 산 " : " ";
  AppendNumber(lot->main, &out);
  if (lot->sub) {
    out += '-';
    AppendNumber(lot->sub, &out);
  }
  return out;
}

std::string_view Database::BuildingName(uint32_t id) const {
  const uint32_t n = t_.buildings[id].name;
  return n < t_.names.size() ? str(t_.names[n]) : std::string_view();
}

AddressParts Database::Parts(uint32_t id) const {
  AddressParts p;
  const BuildingRec& b = t_.buildings[id];
  const RoadRec& road = t_.roads[b.road];
  const RegionRec& region = t_.regions[road.region];
  p.jibun = JibunAddress(id);
  p.building_name = BuildingName(id);
  p.sido = AllSido()[region.sido].korean;
  p.sigungu = str(region.name_ko);
  p.emd = str(t_.areas[b.area].name_ko);
  p.road = str(road.name_ko);
  std::string code = std::to_string(road.code);
  if (code.size() < 12) code.insert(0, 12 - code.size(), '0');
  p.road_code = std::move(code);
  p.underground = b.underground != 0;
  p.main = b.main;
  p.sub = b.sub;
  p.official_english = (road.flags & kOfficialEnglish) != 0;
  uint64_t legal = t_.areas[b.area].legal_code;
  if (const LotRec* lot = LotOf(id)) {
    const AreaRec& area = t_.areas[lot->area];
    if (area.ri) {
      p.ri = str(area.name_ko);
      if (area.legal_code != 0) legal = area.legal_code;
    }
    p.mountain = lot->mountain != 0;
    p.lot_main = lot->main;
    p.lot_sub = lot->sub;
  }
  if (legal != 0) {
    p.legal_code = std::to_string(legal);
    if (p.legal_code.size() < 10) p.legal_code.insert(0, 10 - p.legal_code.size(), '0');
  }
  return p;
}

std::string Database::Zip(uint32_t id) const {
  const uint32_t z = t_.buildings[id].zip;
  if (z == 0) return "";
  std::string s = std::to_string(z);
  if (s.size() < 5) s.insert(0, 5 - s.size(), '0');
  return s;
}

}  // namespace doro::db
