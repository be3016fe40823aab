#include "db/database.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <numeric>
#include <unordered_map>

#include "db/embedded.h"
#include "db/english_names.h"
#include "db/format.h"
#include "db/index_file.h"
#include "db/sido.h"
#include "text/keys.h"
#include "text/romanize.h"

namespace doro::db {

namespace {

// The 관리번호 the official layout gives a building on this road, with
// `emd` as its 읍면동 part.
std::string OfficialId(uint64_t road_code, uint32_t emd, bool underground, uint32_t main,
                       uint32_t sub) {
  // Fixed-width digits, written by hand: this runs for every candidate of
  // every label, and snprintf was a tenth of the matcher's time.
  std::string out(26, '0');
  auto put = [&](size_t end, size_t width, uint64_t v) {
    for (size_t k = 0; k < width; ++k, v /= 10) out[end - 1 - k] = static_cast<char>('0' + v % 10);
  };
  put(5, 5, road_code / 10000000ull);
  put(8, 3, emd);
  put(15, 7, road_code % 10000000ull);
  out[15] = underground ? '1' : '0';
  put(21, 5, main);
  put(26, 5, sub);
  return out;
}

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

// Collects rows one at a time (the national files do not fit in memory as
// AddressRow objects), then sorts and indexes them in Finish().
class DatabaseBuilder {
 public:
  DatabaseBuilder() : db_(new Database) {}

  void SetEnglishNames(EnglishRoadNames names) { english_ = std::move(names); }

  void Add(const AddressRow& row) {
    const uint32_t region = RegionOf(row);
    if (region == kNone) return;
    const uint32_t area = AreaOf(region, row.emd);
    const uint32_t admin = row.admin_name.empty() ? kNone : AreaOf(region, row.admin_name);
    uint64_t code = 0;
    for (char c : row.road_code) code = code * 10 + static_cast<uint64_t>(c - '0');
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
    b.id_ref = kExplicitId;
    const std::string& id = row.mgmt_no;
    if (id.size() == 26 && id[5] >= '0' && id[5] <= '9' && id[6] >= '0' && id[6] <= '9' &&
        id[7] >= '0' && id[7] <= '9') {
      const uint32_t emd = static_cast<uint32_t>((id[5] - '0') * 100 + (id[6] - '0') * 10 + (id[7] - '0'));
      if (OfficialId(code, emd, row.underground, b.main, b.sub) == id) b.id_ref = emd;
    }
    if (b.id_ref == kExplicitId) {
      b.id_ref |= static_cast<uint32_t>(db_->ids_.size());
      db_->ids_.push_back(Append(id));
    }
    b.name = kNone;
    if (row.apartment && !row.building_name.empty()) {
      auto [name, added] = name_index_.try_emplace(row.building_name,
                                                    static_cast<uint32_t>(db_->names_.size()));
      if (added) db_->names_.push_back(Intern(row.building_name));
      b.name = name->second;
    }
    db_->buildings_.push_back(b);
  }

  std::unique_ptr<Database> Finish() {
    SortRoads();
    SortBuildings();
    NameEnglish();
    BuildRoadKeys();
    BuildRegionKeys();
    Database& d = *db_;
    d.t_.strings = d.strings_;
    d.t_.regions = d.regions_;
    d.t_.areas = d.areas_;
    d.t_.roads = d.roads_;
    d.t_.buildings = d.buildings_;
    d.t_.names = d.names_;
    d.t_.ids = d.ids_;
    d.t_.building_numbers = d.building_numbers_;
    d.t_.road_starts = d.road_starts_;
    return std::move(db_);
  }

 private:
  std::string_view Str(StrRef r) const {
    return std::string_view(db_->strings_.data() + r.offset, r.size);
  }

  StrRef Append(std::string_view s) {
    StrRef r{static_cast<uint32_t>(db_->strings_.size()), static_cast<uint32_t>(s.size())};
    db_->strings_.insert(db_->strings_.end(), s.begin(), s.end());
    return r;
  }

  StrRef Intern(std::string_view s) {
    auto it = interned_.find(std::string(s));
    if (it != interned_.end()) return it->second;
    StrRef r = Append(s);
    interned_.emplace(std::string(s), r);
    return r;
  }

  uint32_t RegionOf(const AddressRow& row) {
    std::string key = row.sido + "|" + row.sigungu;
    auto it = region_index_.find(key);
    if (it != region_index_.end()) return it->second;
    const SidoInfo* sido = FindSidoByKorean(row.sido);
    if (sido == nullptr) return kNone;
    RegionRec r;
    r.sido = static_cast<uint32_t>(sido - AllSido().data());
    r.name_ko = Intern(row.sigungu);
    const uint32_t id = static_cast<uint32_t>(db_->regions_.size());
    db_->regions_.push_back(r);
    region_index_.emplace(std::move(key), id);
    return id;
  }

  uint32_t AreaOf(uint32_t region, const std::string& name) {
    std::string key = std::to_string(region) + "|" + name;
    auto it = area_index_.find(key);
    if (it != area_index_.end()) return it->second;
    AreaRec a;
    a.name_ko = Intern(name);
    a.region = region;
    a.eup_myeon = IsEupMyeon(name) ? 1 : 0;
    const uint32_t id = static_cast<uint32_t>(db_->areas_.size());
    db_->areas_.push_back(a);
    area_index_.emplace(std::move(key), id);
    return id;
  }

  // Roads sorted by (region, name) so each region's roads are contiguous.
  void SortRoads() {
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
    for (auto& r : db_->regions_) r.road_count = 0;
    for (uint32_t i = 0; i < roads.size(); ++i) {
      RegionRec& r = db_->regions_[roads[i].region];
      if (r.road_count == 0) r.first_road = i;
      ++r.road_count;
    }
  }

  void SortBuildings() {
    auto& bs = db_->buildings_;
    auto key = [](const BuildingRec& b) {
      return std::tuple(b.road, b.underground, b.main, b.sub, b.area);
    };
    std::stable_sort(bs.begin(), bs.end(),
                     [&](const BuildingRec& a, const BuildingRec& b) { return key(a) < key(b); });
    // The same address twice (a file listed twice, a re-issued row): keep the first.
    bs.erase(std::unique(bs.begin(), bs.end(),
                         [&](const BuildingRec& a, const BuildingRec& b) { return key(a) == key(b); }),
             bs.end());
    auto& numbers = db_->building_numbers_;
    numbers.assign(bs.size(), 0);
    for (uint32_t i = 0; i < bs.size(); ++i) {
      RoadRec& r = db_->roads_[bs[i].road];
      if (r.building_count == 0) r.first_building = i;
      ++r.building_count;
      numbers[i] = PackBuildingNumber(bs[i].underground, bs[i].main, bs[i].sub);
    }
    auto& starts = db_->road_starts_;
    starts.assign(1, 0);
    for (const auto& r : db_->roads_) starts.push_back(starts.back() + r.building_count);
  }

  void NameEnglish() {
    for (auto& road : db_->roads_) {
      auto official = english_.find(road.code);
      road.name_en = official != english_.end()
                         ? Intern(official->second)
                         : Intern(text::RomanizeRoadName(Str(road.name_ko)));
    }
    for (auto& a : db_->areas_) a.name_en = Intern(text::RomanizeAreaName(Str(a.name_ko)));
    for (auto& r : db_->regions_) {
      // "수원시 장안구" -> "Jangan-gu, Suwon-si": English goes small to large.
      std::string_view ko = Str(r.name_ko);
      std::vector<std::string> parts;
      size_t pos = 0;
      while (pos < ko.size()) {
        size_t sp = ko.find(' ', pos);
        if (sp == std::string_view::npos) sp = ko.size();
        if (sp > pos) parts.push_back(text::RomanizeAreaName(ko.substr(pos, sp - pos)));
        pos = sp + 1;
      }
      std::string en;
      for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
        if (!en.empty()) en += ", ";
        en += *it;
      }
      r.name_en = Intern(en);
    }
  }

  void BuildRoadKeys() {
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
        fuzzy.emplace_back(HashKey(sk), id);
        // Deletions of the main spelling only: they are most of the index's
        // memory, and the other spellings' typos are rarer still.
        if (v > 0) continue;
        if (sk.size() < 5) continue;  // one edit in a short name is another name
        std::string del;
        for (size_t i = 0; i < sk.size(); ++i) {
          if (i > 0 && sk[i] == sk[i - 1]) continue;
          del.assign(sk, 0, i);
          del.append(sk, i + 1);
          fuzzy.emplace_back(HashKey(del), id);
        }
      }
    }
    db_->t_.road_keys = FlatMultiMap::Build(std::move(exact));
    db_->t_.road_skeleton = FlatMultiMap::Build(std::move(skeleton));
    db_->t_.road_fuzzy = FlatMultiMap::Build(std::move(fuzzy));
  }

  static void AddKeys(std::vector<std::pair<uint64_t, uint32_t>>* out,
                      std::string_view korean, uint32_t value) {
    out->emplace_back(HashKey(korean), value);
    for (const auto& k : text::RomanizationKeys(korean)) {
      if (!k.empty()) out->emplace_back(HashKey(k), value);
    }
  }

  void BuildRegionKeys() {
    std::vector<std::pair<uint64_t, uint32_t>> keys;
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
      const std::string en = text::MatchKey(s.english);
      const std::string stem = en.ends_with("do") || en.ends_with("si")
                                   ? en.substr(0, en.size() - 2) : en;
      for (const char* suffix : {"", "si", "do", "city", "province", "state"}) {
        add(stem + suffix, v);
      }
      add(stem + text::MatchKey(s.kind_en), v);
      add(text::RomanizeWord(s.short_ko), v);
    }
    for (uint32_t id = 0; id < db_->regions_.size(); ++id) {
      const std::string_view ko = Str(db_->regions_[id].name_ko);
      if (ko.empty()) continue;
      const uint32_t v = PackRegion(RegionKind::kSigungu, id);
      std::string joined;
      size_t pos = 0;
      while (pos < ko.size()) {
        size_t sp = ko.find(' ', pos);
        if (sp == std::string_view::npos) sp = ko.size();
        const std::string_view part = ko.substr(pos, sp - pos);
        AddKeys(&keys, part, v);
        joined += part;
        // A city's bare name ("Suwon", "수원") names it too, but weakly: many
        // bare names are also road or town names.
        if (part.ends_with("시") && part.size() > 3) {
          const std::string_view stem = part.substr(0, part.size() - 3);
          if (stem.size() >= 6) AddKeys(&keys, stem, PackRegion(RegionKind::kCityStem, id));
        }
        pos = sp + 1;
      }
      if (joined != ko) AddKeys(&keys, joined, v);
    }
    for (uint32_t id = 0; id < db_->areas_.size(); ++id) {
      AddKeys(&keys, Str(db_->areas_[id].name_ko), PackRegion(RegionKind::kArea, id));
    }
    db_->t_.region_keys = FlatMultiMap::Build(std::move(keys));
  }

  std::unique_ptr<Database> db_;
  std::unordered_map<std::string, StrRef> interned_;
  std::unordered_map<std::string, uint32_t> region_index_;
  std::unordered_map<std::string, uint32_t> area_index_;
  std::unordered_map<uint64_t, uint32_t> road_index_;
  std::unordered_map<std::string, uint32_t> name_index_;
  EnglishRoadNames english_;
};

std::unique_ptr<Database> Database::Load(const std::string& path,
                                         LoadReport* report, std::string* error) {
  if (!path.empty() && IndexFile::LooksLikeIndex(path)) {
    return IndexFile::Open(path, report, error);
  }
  const auto start = std::chrono::steady_clock::now();
  DatabaseBuilder builder;
  RowSink sink = [&](AddressRow&& row) { builder.Add(row); };
  if (path.empty()) {
    for (const auto& f : embedded::DemoDatabase()) {
      report->files.push_back("(built-in demo) " + std::string(f.name));
      ReadAddressBytes(f.name, f.content, sink, report);
    }
  } else {
    if (!ReadAddressPath(path, sink, report, error)) return nullptr;
    builder.SetEnglishNames(ReadEnglishRoadNames(path, report));
  }
  if (report->rows == 0) {
    *error = "no valid address rows in " + (path.empty() ? std::string("demo database") : path);
    return nullptr;
  }
  auto db = builder.Finish();
  report->roads = db->tables().roads.size();
  report->seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return db;
}

std::unique_ptr<Database> Database::FromRows(const std::vector<AddressRow>& rows) {
  DatabaseBuilder builder;
  for (const auto& r : rows) builder.Add(r);
  return builder.Finish();
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
  return OfficialId(t_.roads[b.road].code, b.id_ref, b.underground != 0, b.main, b.sub);
}

std::string Database::Zip(uint32_t id) const {
  const uint32_t z = t_.buildings[id].zip;
  if (z == 0) return "";
  std::string s = std::to_string(z);
  if (s.size() < 5) s.insert(0, 5 - s.size(), '0');
  return s;
}

}  // namespace doro::db
