#include "db/index_file.h"

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <tuple>
#include <fstream>

#include "db/row_store.h"
#include "db/sido.h"

namespace doro::db {
namespace {

constexpr char kMagic[8] = {'D', 'O', 'R', 'O', 'I', 'D', 'X', '\0'};
constexpr uint32_t kVersion = 7;
constexpr size_t kAlign = 64;

enum Section : uint32_t {
  kStrings, kRegions, kAreas, kRoads, kBuildings,
  kRoadKeysEntries, kRoadKeysSlots, kRoadSkelEntries, kRoadSkelSlots,
  kRoadFuzzyEntries, kRoadFuzzySlots, kRegionKeysEntries, kRegionKeysSlots,
  kSources, kNames, kIds, kBuildingNumbers, kRoadStarts,
  kLots, kBuildingLots, kRiKeysEntries, kRiKeysSlots, kNameKeysEntries, kNameKeysSlots,
  kRowStore,  // version 7: the builder's input rows (db/row_store.h), for `index update`
  kOldRoads, kOldAddresses, kOldRoadKeysEntries, kOldRoadKeysSlots,  // version 7
  kSectionCount
};

struct SectionRef {
  uint64_t offset;
  uint64_t size;  // bytes
};

struct Header {
  char magic[8];
  uint32_t version;
  uint32_t header_size;
  uint64_t file_size;
  uint64_t checksum;    // of the whole file, this field read as zero
  int64_t built_at;     // unix seconds
  uint64_t rows;
  uint64_t bad_lines;
  SectionRef sections[kSectionCount];
};

// A word-at-a-time hash: fast enough to check 600 MB in a fraction of a
// second, and any flipped or truncated byte changes it. Fed in pieces (the
// sections as they are written) it gives what it gives over the whole.
class Checksum {
 public:
  Checksum(uint64_t seed, uint64_t total_size) : h_(seed ^ total_size) {}
  void Add(const char* data, size_t size) {
    while (carried_ > 0 && size > 0) {
      carry_[carried_++] = *data++;
      --size;
      if (carried_ == 8) {
        h_ = Word(h_, carry_);
        carried_ = 0;
      }
    }
    uint64_t h = h_;  // a local: the bytes read could alias a member
    for (; size >= 8; data += 8, size -= 8) h = Word(h, data);
    h_ = h;
    for (; size > 0; --size) carry_[carried_++] = *data++;
  }
  uint64_t Finish() {
    for (size_t i = 0; i < carried_; ++i) h_ = (h_ ^ static_cast<unsigned char>(carry_[i])) * 0x100000001b3ull;
    h_ ^= h_ >> 33;
    return h_;
  }
  static uint64_t Of(const char* data, size_t size, uint64_t seed) {
    Checksum c(seed, size);
    c.Add(data, size);
    return c.Finish();
  }

 private:
  static uint64_t Word(uint64_t h, const char* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdull;
    return h ^ (h >> 29);
  }
  uint64_t h_;
  char carry_[8] = {};
  size_t carried_ = 0;
};

uint64_t HeaderChecksum(Header h) {
  h.checksum = 0;
  return Checksum::Of(reinterpret_cast<const char*>(&h), sizeof(h), 0x9E3779B97F4A7C15ull);
}

uint64_t FileChecksum(const Header& h, const char* body, size_t body_size) {
  return Checksum::Of(body, body_size, HeaderChecksum(h));
}

template <typename T>
std::span<const T> View(const char* base, const SectionRef& s) {
  return std::span<const T>(reinterpret_cast<const T*>(base + s.offset), s.size / sizeof(T));
}

// "path\tkind\tmodified\trows", or a path alone (early version 5 files).
SourceFile ParseSourceLine(std::string_view line) {
  SourceFile f;
  const size_t tab = line.find('\t');
  f.path = std::string(line.substr(0, tab));
  if (tab == std::string_view::npos) return f;
  std::string_view rest = line.substr(tab + 1);
  if (rest.starts_with("e")) f.kind = SourceFile::Kind::kEnglishNames;
  if (rest.starts_with("j")) f.kind = SourceFile::Kind::kRelatedLots;
  if (rest.starts_with("c")) f.kind = SourceFile::Kind::kChangeRows;
  auto next_number = [&rest](auto* v) {
    const size_t t = rest.find('\t');
    if (t == std::string_view::npos) return;
    rest.remove_prefix(t + 1);
    std::from_chars(rest.data(), rest.data() + rest.size(), *v);
  };
  next_number(&f.modified);
  next_number(&f.rows);
  return f;
}

struct Mapping {
  void* addr = nullptr;
  size_t size = 0;
  ~Mapping() {
    if (addr != nullptr) munmap(addr, size);
  }
};

// The bytes a Database views must never change under it. A mapping of the
// index file itself does not give that: any later write to the file (an
// operator's `cp new.doroidx live.doroidx`) shows through it unchecked, and
// touching a page past a truncation raises SIGBUS. So Open first makes a
// private copy that no one else can reach, then checks and serves that:
//  1. a reflink (FICLONE) into an unlinked O_TMPFILE beside the file: free
//     where the filesystem shares extents (btrfs, XFS with reflink, bcachefs);
//     later writes to the original are copied-on-write away from it;
//  2. otherwise the file read into anonymous memory. Its resident size is
//     the same as the populated file mapping it replaces (the matcher
//     touches the whole index), but it cannot be dropped under memory
//     pressure and needs no writable directory or disk space; the
//     original's page cache stays clean and evictable.
// read() of a file that shrinks ends early instead of faulting (refused);
// a copy is then checked like any file, so a file changing while it is
// copied is refused, never served.
std::shared_ptr<Mapping> ReflinkCopy(int fd, const std::string& path) {
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (dir.empty()) dir = ".";
  const int clone = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (clone < 0) return nullptr;
  struct stat st {};
  std::shared_ptr<Mapping> m;
  if (ioctl(clone, FICLONE, fd) == 0 && fstat(clone, &st) == 0 && st.st_size > 0) {
    void* addr = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE | MAP_POPULATE, clone, 0);
    if (addr != MAP_FAILED) {
      m = std::make_shared<Mapping>();
      m->addr = addr;
      m->size = static_cast<size_t>(st.st_size);
    }
  }
  ::close(clone);  // the mapping keeps the unlinked clone alive
  return m;
}

std::shared_ptr<Mapping> MemoryCopy(int fd, size_t size, std::string* why) {
  void* addr = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (addr == MAP_FAILED) return *why = "cannot allocate " + std::to_string(size) + " bytes", nullptr;
  auto m = std::make_shared<Mapping>();
  m->addr = addr;
  m->size = size;
  size_t got = 0;
  while (got < size) {
    const ssize_t n = pread(fd, static_cast<char*>(addr) + got, size - got, static_cast<off_t>(got));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return *why = std::string("read failed: ") + std::strerror(errno), nullptr;
    if (n == 0) break;  // shrank while being read: checked as a short file
    got += static_cast<size_t>(n);
  }
  if (got < size) {
    return *why = "changed while being read (" + std::to_string(got) + " of " + std::to_string(size) + " bytes)",
           nullptr;
  }
  mprotect(addr, size, PROT_READ);
  return m;
}

std::shared_ptr<Mapping> PrivateCopy(int fd, const std::string& path, size_t size, std::string* why) {
  if (auto m = ReflinkCopy(fd, path)) return m;
  return MemoryCopy(fd, size, why);
}

bool Fail(std::string* error, const std::string& path, const std::string& why) {
  *error = "index file " + path + " refused: " + why;
  return false;
}

bool RefOk(StrRef r, size_t strings) {
  return static_cast<uint64_t>(r.offset) + r.size <= strings;
}

}  // namespace

// Every index stored in the tables must point inside its table, or a
// damaged file could make the matcher read out of bounds.
bool IndexFile::CheckTables(const Tables& t, std::string* why) {
  const size_t ns = t.strings.size();
  for (const auto& r : t.regions) {
    if (!RefOk(r.name_ko, ns) || !RefOk(r.name_en, ns) || r.sido >= AllSido().size() ||
        static_cast<uint64_t>(r.first_road) + r.road_count > t.roads.size()) {
      return *why = "region table out of range", false;
    }
  }
  // Each road lies in its region's range (the ranges are then disjoint:
  // the district scan sorts each range on its own).
  for (uint32_t id = 0; id < t.regions.size(); ++id) {
    const auto& r = t.regions[id];
    for (uint32_t road = r.first_road; road < r.first_road + r.road_count; ++road) {
      if (t.roads[road].region != id) return *why = "region road ranges overlap", false;
    }
  }
  for (const auto& a : t.areas) {
    if (!RefOk(a.name_ko, ns) || !RefOk(a.name_en, ns) || a.region >= t.regions.size() ||
        (a.parent != kNone && a.parent >= t.areas.size())) {
      return *why = "area table out of range", false;
    }
  }
  // FindLots binary-searches the lots: in range and in order.
  auto lot_key = [](const LotRec& l) {
    return std::tuple(l.area, l.mountain, l.main, l.sub, l.related);
  };
  for (size_t i = 0; i < t.lots.size(); ++i) {
    const LotRec& l = t.lots[i];
    if (l.area >= t.areas.size() || l.building >= t.buildings.size() || l.mountain > 1 || l.related > 1) {
      return *why = "lot table out of range", false;
    }
    if (i > 0 && lot_key(t.lots[i - 1]) > lot_key(l)) return *why = "lot table out of order", false;
  }
  if (t.building_lots.size() != t.buildings.size()) return *why = "building lots out of range", false;
  for (uint32_t l : t.building_lots) {
    if (l != kNone && l >= t.lots.size()) return *why = "building lots out of range", false;
  }
  for (const auto& r : t.roads) {
    if (!RefOk(r.name_ko, ns) || !RefOk(r.name_en, ns) || r.region >= t.regions.size() ||
        static_cast<uint64_t>(r.first_building) + r.building_count > t.buildings.size()) {
      return *why = "road table out of range", false;
    }
  }
  // The dense number arrays agree with the records they stand for.
  if (t.building_numbers.size() != t.buildings.size() || t.road_starts.size() != t.roads.size() + 1 ||
      t.road_starts.front() != 0 || t.road_starts.back() != t.buildings.size()) {
    return *why = "building number arrays out of range", false;
  }
  for (size_t r = 0; r < t.roads.size(); ++r) {
    const uint32_t count = t.road_starts[r + 1] - t.road_starts[r];
    if (t.road_starts[r] > t.road_starts[r + 1] || count != t.roads[r].building_count ||
        (count > 0 && t.road_starts[r] != t.roads[r].first_building)) {
      return *why = "road building ranges out of order", false;
    }
  }
  for (size_t i = 0; i < t.buildings.size(); ++i) {
    const auto& b = t.buildings[i];
    if (b.road >= t.roads.size() || b.underground > 1 || b.area >= t.areas.size() ||
        (b.admin_area != kNone && b.admin_area >= t.areas.size()) ||
        (b.name != kNone && b.name >= t.names.size()) ||
        ((b.id_ref & kExplicitId) ? (b.id_ref & ~kExplicitId) >= t.ids.size() : b.id_ref > 999)) {
      return *why = "building table out of range", false;
    }
    // FindBuildings binary-searches a road's packed numbers: they must be
    // the records' own, inside the road's range, and rising.
    const uint32_t first = t.road_starts[b.road];
    if (i < first || i >= t.road_starts[b.road + 1] ||
        t.building_numbers[i] != PackBuildingNumber(b.underground, b.main, b.sub) ||
        (i > first && t.building_numbers[i - 1] > t.building_numbers[i])) {
      return *why = "building numbers do not match the records", false;
    }
  }
  // FindOldAddresses binary-searches an old road's numbers.
  for (const auto& r : t.old_roads) {
    if (!RefOk(r.name_ko, ns) || r.region >= t.regions.size() ||
        static_cast<uint64_t>(r.first) + r.count > t.old_addresses.size()) {
      return *why = "old road table out of range", false;
    }
    for (uint32_t i = r.first; i < r.first + r.count; ++i) {
      if (t.old_addresses[i].building >= t.buildings.size()) return *why = "old road table out of range", false;
      if (i > r.first && t.old_addresses[i - 1].number > t.old_addresses[i].number) {
        return *why = "old road table out of order", false;
      }
    }
  }
  for (const auto& n : t.names) {
    if (!RefOk(n, ns)) return *why = "name table out of range", false;
  }
  for (const auto& n : t.ids) {
    if (!RefOk(n, ns)) return *why = "id table out of range", false;
  }
  // Every value a map holds is used as an index by the matcher.
  auto map_ok = [](const FlatMultiMap& m, auto value_ok) {
    for (const auto& e : m.entries()) {
      if (!value_ok(e.value)) return false;
    }
    // Slot contents are checked at lookup time (an index past the entries
    // fails closed); here only the shape.
    const size_t n = m.slots().size();
    return n == 0 || (n & (n - 1)) == 0;
  };
  auto road_ok = [&](uint32_t v) { return v < t.roads.size(); };
  auto region_ok = [&](uint32_t v) {
    const uint32_t id = RegionIdOf(v);
    switch (RegionKindOf(v)) {
      case RegionKind::kSido: return id < AllSido().size();
      case RegionKind::kSigungu:
      case RegionKind::kCityStem: return id < t.regions.size();
      case RegionKind::kArea: return id < t.areas.size();
    }
    return false;
  };
  auto area_ok = [&](uint32_t v) { return v < t.areas.size(); };
  auto building_ok = [&](uint32_t v) { return v < t.buildings.size(); };
  if (!map_ok(t.road_keys, road_ok) || !map_ok(t.road_skeleton, road_ok) ||
      !map_ok(t.road_fuzzy, road_ok) || !map_ok(t.region_keys, region_ok) ||
      !map_ok(t.ri_keys, area_ok) || !map_ok(t.name_keys, building_ok) ||
      !map_ok(t.old_road_keys, [&](uint32_t v) { return v < t.old_roads.size(); })) {
    return *why = "hash index out of range", false;
  }
  return true;
}

bool IndexFile::Write(const Database& db, const LoadReport& source, const std::string& path,
                      std::string* error) {
  const Tables& t = db.tables();
  if (t.row_store.empty()) {
    *error = "the database was loaded without its rows (Database::Rows::kDrop); an index needs them";
    return false;
  }
  // One line per source file: path, kind ('a' address rows, 'e' English
  // names), modified time, rows; tab-separated. (Early version 5 files
  // hold the path alone; Open reads both.)
  std::string sources;
  for (const auto& f : source.files) {
    sources += f.path;
    sources += f.kind == SourceFile::Kind::kEnglishNames ? "\te\t"
               : f.kind == SourceFile::Kind::kRelatedLots ? "\tj\t"
               : f.kind == SourceFile::Kind::kChangeRows  ? "\tc\t"
                                                          : "\ta\t";
    ((sources += std::to_string(f.modified)) += '\t') += std::to_string(f.rows);
    sources += '\n';
  }
  struct Piece {
    const void* data;
    size_t size;
  };
  const Piece pieces[kSectionCount] = {
      {t.strings.data(), t.strings.size_bytes()},
      {t.regions.data(), t.regions.size_bytes()},
      {t.areas.data(), t.areas.size_bytes()},
      {t.roads.data(), t.roads.size_bytes()},
      {t.buildings.data(), t.buildings.size_bytes()},
      {t.road_keys.entries().data(), t.road_keys.entries().size_bytes()},
      {t.road_keys.slots().data(), t.road_keys.slots().size_bytes()},
      {t.road_skeleton.entries().data(), t.road_skeleton.entries().size_bytes()},
      {t.road_skeleton.slots().data(), t.road_skeleton.slots().size_bytes()},
      {t.road_fuzzy.entries().data(), t.road_fuzzy.entries().size_bytes()},
      {t.road_fuzzy.slots().data(), t.road_fuzzy.slots().size_bytes()},
      {t.region_keys.entries().data(), t.region_keys.entries().size_bytes()},
      {t.region_keys.slots().data(), t.region_keys.slots().size_bytes()},
      {sources.data(), sources.size()},
      {t.names.data(), t.names.size_bytes()},
      {t.ids.data(), t.ids.size_bytes()},
      {t.building_numbers.data(), t.building_numbers.size_bytes()},
      {t.road_starts.data(), t.road_starts.size_bytes()},
      {t.lots.data(), t.lots.size_bytes()},
      {t.building_lots.data(), t.building_lots.size_bytes()},
      {t.ri_keys.entries().data(), t.ri_keys.entries().size_bytes()},
      {t.ri_keys.slots().data(), t.ri_keys.slots().size_bytes()},
      {t.name_keys.entries().data(), t.name_keys.entries().size_bytes()},
      {t.name_keys.slots().data(), t.name_keys.slots().size_bytes()},
      {t.row_store.data(), t.row_store.size_bytes()},
      {t.old_roads.data(), t.old_roads.size_bytes()},
      {t.old_addresses.data(), t.old_addresses.size_bytes()},
      {t.old_road_keys.entries().data(), t.old_road_keys.entries().size_bytes()},
      {t.old_road_keys.slots().data(), t.old_road_keys.slots().size_bytes()},
  };
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof(kMagic));
  h.version = kVersion;
  h.header_size = sizeof(Header);
  h.built_at = static_cast<int64_t>(std::time(nullptr));
  h.rows = source.rows;
  h.bad_lines = source.bad_lines;
  uint64_t offset = (sizeof(Header) + kAlign - 1) / kAlign * kAlign;
  for (uint32_t s = 0; s < kSectionCount; ++s) {
    h.sections[s] = {offset, pieces[s].size};
    offset = (offset + pieces[s].size + kAlign - 1) / kAlign * kAlign;
  }
  h.file_size = offset;
  const std::string tmp = path + ".tmp";
  // Whatever fails, no temporary file is left behind.
  auto fail = [&](const std::string& why) {
    std::remove(tmp.c_str());
    *error = why;
    return false;
  };
  {
    // The sections go out as they are, checksummed on the way, and the
    // header (which holds the checksum) last: no copy of the whole file
    // in memory (at national size that copy was a third of `index update`).
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return fail("cannot write " + tmp + ": " + std::strerror(errno));
    h.checksum = 0;
    Checksum sum(HeaderChecksum(h), h.file_size - sizeof(Header));
    const char zeros[kAlign] = {};
    uint64_t at = sizeof(Header);
    out.write(reinterpret_cast<const char*>(&h), sizeof(h));  // rewritten with the checksum below
    auto put = [&](const char* data, size_t size) {
      out.write(data, static_cast<std::streamsize>(size));
      sum.Add(data, size);
      at += size;
    };
    for (uint32_t s = 0; s <= kSectionCount; ++s) {
      const uint64_t start = s < kSectionCount ? h.sections[s].offset : h.file_size;
      while (at < start) put(zeros, std::min<uint64_t>(sizeof(zeros), start - at));
      if (s < kSectionCount && pieces[s].size) put(static_cast<const char*>(pieces[s].data), pieces[s].size);
    }
    h.checksum = sum.Finish();
    out.seekp(0);
    out.write(reinterpret_cast<const char*>(&h), sizeof(h));
    out.close();
    if (!out) return fail("write failed for " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return fail("cannot rename " + tmp + " to " + path + ": " + std::strerror(errno));
  }
  return true;
}

uint32_t IndexFile::FormatVersion() { return kVersion; }

bool IndexFile::LooksLikeIndex(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[8] = {};
  in.read(magic, sizeof(magic));
  return in && std::memcmp(magic, kMagic, sizeof(kMagic)) == 0;
}

std::unique_ptr<Database> IndexFile::Open(const std::string& path, LoadReport* report,
                                          std::string* error) {
  const auto start = std::chrono::steady_clock::now();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Fail(error, path, "cannot open"), nullptr;
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    ::close(fd);
    return Fail(error, path, "cannot stat"), nullptr;
  }
  const size_t size = static_cast<size_t>(st.st_size);
  if (size < sizeof(Header)) {
    ::close(fd);
    return Fail(error, path, "truncated (shorter than the header)"), nullptr;
  }
  std::string why;
  auto mapping = PrivateCopy(fd, path, size, &why);
  ::close(fd);
  if (!mapping) return Fail(error, path, why), nullptr;
  if (mapping->size != size) {  // the reflink saw a file changed since fstat
    return Fail(error, path, "changed while being opened"), nullptr;
  }
  const char* base = static_cast<const char*>(mapping->addr);
  Header h;
  std::memcpy(&h, base, sizeof(h));
  if (std::memcmp(h.magic, kMagic, sizeof(kMagic)) != 0) {
    return Fail(error, path, "not a doro index (bad magic)"), nullptr;
  }
  if (h.version != kVersion) {
    return Fail(error, path, "format version " + std::to_string(h.version) + ", this build reads " +
                                 std::to_string(kVersion) + "; rebuild it with `doro index build`"),
           nullptr;
  }
  if (h.header_size != sizeof(Header)) {
    return Fail(error, path, "header size " + std::to_string(h.header_size) + " bytes, format version " +
                                 std::to_string(kVersion) + " has " + std::to_string(sizeof(Header)) +
                                 "; rebuild it with `doro index build`"),
           nullptr;
  }
  if (h.file_size != size) {
    return Fail(error, path, "truncated or extended: header says " + std::to_string(h.file_size) +
                                 " bytes, file has " + std::to_string(size)),
           nullptr;
  }
  for (const auto& s : h.sections) {
    if (s.offset < sizeof(Header) || s.offset > size || s.size > size - s.offset ||
        s.offset % 8 != 0) {
      return Fail(error, path, "section table out of range"), nullptr;
    }
  }
  if (FileChecksum(h, base + sizeof(Header), size - sizeof(Header)) != h.checksum) {
    return Fail(error, path, "checksum mismatch (file is corrupt)"), nullptr;
  }
  std::unique_ptr<Database> db(new Database);
  Tables& t = db->t_;
  t.strings = View<char>(base, h.sections[kStrings]);
  t.regions = View<RegionRec>(base, h.sections[kRegions]);
  t.areas = View<AreaRec>(base, h.sections[kAreas]);
  t.roads = View<RoadRec>(base, h.sections[kRoads]);
  t.buildings = View<BuildingRec>(base, h.sections[kBuildings]);
  t.names = View<StrRef>(base, h.sections[kNames]);
  t.ids = View<StrRef>(base, h.sections[kIds]);
  t.building_numbers = View<uint32_t>(base, h.sections[kBuildingNumbers]);
  t.road_starts = View<uint32_t>(base, h.sections[kRoadStarts]);
  t.lots = View<LotRec>(base, h.sections[kLots]);
  t.building_lots = View<uint32_t>(base, h.sections[kBuildingLots]);
  t.ri_keys = FlatMultiMap::View(View<FlatEntry>(base, h.sections[kRiKeysEntries]),
                                 View<uint32_t>(base, h.sections[kRiKeysSlots]));
  t.name_keys = FlatMultiMap::View(View<FlatEntry>(base, h.sections[kNameKeysEntries]),
                                   View<uint32_t>(base, h.sections[kNameKeysSlots]));
  t.old_roads = View<OldRoadRec>(base, h.sections[kOldRoads]);
  t.old_addresses = View<OldAddressRec>(base, h.sections[kOldAddresses]);
  t.old_road_keys = FlatMultiMap::View(View<FlatEntry>(base, h.sections[kOldRoadKeysEntries]),
                                       View<uint32_t>(base, h.sections[kOldRoadKeysSlots]));
  t.road_keys = FlatMultiMap::View(View<FlatEntry>(base, h.sections[kRoadKeysEntries]),
                                   View<uint32_t>(base, h.sections[kRoadKeysSlots]));
  t.road_skeleton = FlatMultiMap::View(View<FlatEntry>(base, h.sections[kRoadSkelEntries]),
                                       View<uint32_t>(base, h.sections[kRoadSkelSlots]));
  t.road_fuzzy = FlatMultiMap::View(View<FlatEntry>(base, h.sections[kRoadFuzzyEntries]),
                                    View<uint32_t>(base, h.sections[kRoadFuzzySlots]));
  t.region_keys = FlatMultiMap::View(View<FlatEntry>(base, h.sections[kRegionKeysEntries]),
                                     View<uint32_t>(base, h.sections[kRegionKeysSlots]));
  if (!CheckTables(t, &why)) return Fail(error, path, why), nullptr;
  t.row_store = View<char>(base, h.sections[kRowStore]);
  db->data_date_ = RowStoreDataDate(std::string_view(t.row_store.data(), t.row_store.size()));
  report->data_date = db->data_date_;
  db->mapping_ = mapping;
  const auto sources = View<char>(base, h.sections[kSources]);
  std::string_view list(sources.data(), sources.size());
  while (!list.empty()) {
    const size_t nl = list.find('\n');
    report->files.push_back(ParseSourceLine(list.substr(0, nl)));
    if (nl == std::string_view::npos) break;
    list.remove_prefix(nl + 1);
  }
  report->index_path = path;
  report->built_at = h.built_at;
  report->rows = h.rows;
  report->bad_lines = h.bad_lines;
  report->roads = t.roads.size();
  report->seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return db;
}

}  // namespace doro::db
