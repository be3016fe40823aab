#include "db/changes.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <unordered_map>
#include <unordered_set>

#include "db/database_builder.h"
#include "db/road_patch.h"
#include "db/row_store.h"
#include "db/format.h"

namespace doro::db {
namespace {

bool ValidDate(std::string_view d) {
  if (d.size() != 8 || !std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  const int year = std::stoi(std::string(d.substr(0, 4)));
  const int month = std::stoi(std::string(d.substr(4, 2)));
  const int day = std::stoi(std::string(d.substr(6, 2)));
  return year >= 1900 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// `No Data` (any case, any surrounding white space or BOM) is the whole file.
bool IsNoData(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  while (!bytes.empty() && std::isspace(static_cast<unsigned char>(bytes.front()))) bytes.remove_prefix(1);
  while (!bytes.empty() && std::isspace(static_cast<unsigned char>(bytes.back()))) bytes.remove_suffix(1);
  if (bytes.size() != 7) return false;
  std::string lower(bytes);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "no data";
}

bool LooksLikeChangeFile(const std::string& name) {
  std::string upper = name;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper.find("TH_SGCO_RNADR_MST") != std::string::npos ||
         (upper.starts_with("RNADDRKOR") && upper.ends_with(".TXT"));
}

// What the changes of one id do, replayed on "present" or "absent".
struct Op {
  ChangeKind kind;
  const AddressRow* row;
  uint64_t seq;  // order of application across all files
};

struct Outcome {
  bool present;
  bool in_place;           // the old row's position kept
  const AddressRow* row;   // nullptr: the old row unchanged
  uint64_t seq;            // when appended: the op that added it
};

Outcome Replay(bool present, const std::vector<Op>& ops, ChangeStats* stats) {
  Outcome o{present, present, nullptr, 0};
  for (const Op& op : ops) {
    if (op.kind == ChangeKind::kDeleted) {
      if (!o.present) {
        ++stats->delete_for_absent;
        continue;
      }
      ++stats->deleted;
      o = {false, false, nullptr, 0};
      continue;
    }
    if (o.present) {
      ++stats->changed;
      if (op.kind == ChangeKind::kNew) ++stats->new_for_present;
    } else {
      ++stats->added;
      if (op.kind == ChangeKind::kChanged) ++stats->change_for_absent;
      o.present = true;
      o.in_place = false;
      o.seq = op.seq;
    }
    o.row = op.row;
  }
  return o;
}

using OpsById = std::unordered_map<std::string, std::vector<Op>>;

// The changes met with the old rows in order, as both ways of updating
// need them: an old row stays, is replaced in place or goes; rows added,
// and rows deleted and added again, come after all old rows.
class ChangeReplay {
 public:
  ChangeReplay(const OpsById& ops, ChangeStats* stats) : ops_(ops), stats_(stats) {}
  // `keep()` when the old row stays as it is, `add(row)` for what takes
  // its place.
  template <typename Keep, typename Add>
  void OldRow(const AddressRow& row, Keep&& keep, Add&& add) {
    auto it = ops_.find(row.mgmt_no);
    if (it == ops_.end()) return keep();
    // The same id twice among the old rows: the changes apply to the first.
    if (!seen_.insert(row.mgmt_no).second) return;
    const Outcome o = Replay(true, it->second, stats_);
    if (!o.present) return;
    if (!o.in_place) {
      appended_.emplace_back(o.seq, o.row);
    } else if (o.row == nullptr) {
      keep();
    } else {
      add(*o.row);
    }
  }
  // After the old rows: the rows to append, in the order applied.
  template <typename Add>
  void Appended(Add&& add) {
    for (const auto& [id, list] : ops_) {
      if (seen_.count(id)) continue;
      const Outcome o = Replay(false, list, stats_);
      if (o.present) appended_.emplace_back(o.seq, o.row);
    }
    std::sort(appended_.begin(), appended_.end());
    for (const auto& [seq, row] : appended_) add(*row);
  }

 private:
  const OpsById& ops_;
  ChangeStats* stats_;
  std::unordered_set<std::string> seen_;  // ids of `ops_` met among the old rows
  std::vector<std::pair<uint64_t, const AddressRow*>> appended_;
};

}  // namespace

ChangeKind ChangeKindOf(std::string_view code) {
  if (code == "31") return ChangeKind::kNew;
  if (code == "34") return ChangeKind::kChanged;
  if (code == "63") return ChangeKind::kDeleted;
  return ChangeKind::kUnknown;
}

std::string DateInFileName(std::string_view name) {
  for (size_t i = 0; i < name.size();) {
    if (!std::isdigit(static_cast<unsigned char>(name[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < name.size() && std::isdigit(static_cast<unsigned char>(name[j]))) ++j;
    if (j - i == 8 && ValidDate(name.substr(i, 8))) return std::string(name.substr(i, 8));
    i = j;
  }
  return "";
}

bool ParseChangeFile(std::string_view name, std::string_view bytes, ChangeFile* out, std::string* error) {
  out->path = std::string(name);
  const std::string file_name = std::filesystem::path(out->path).filename().string();
  out->date = DateInFileName(file_name);
  out->date_from_name = !out->date.empty();
  if (IsNoData(bytes)) {
    out->no_data = true;
    return true;
  }
  std::string latest;
  ReadAddressBytes(file_name, bytes, [&](AddressRow&& row) {
    if (ValidDate(row.effective_date) && row.effective_date > latest) latest = row.effective_date;
    out->rows.push_back(std::move(row));
  }, &out->report);
  if (out->date.empty()) out->date = latest;
  if (out->date.empty() && !out->rows.empty()) {
    *error = "change file " + out->path +
             ": cannot tell its date (no YYYYMMDD in its name and no 효력발생일 in its rows)";
    return false;
  }
  return true;
}

bool ReadChangeFiles(const std::vector<std::string>& paths, std::vector<ChangeFile>* out, std::string* error) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (const auto& e : fs::directory_iterator(p, ec)) {
        if (e.is_regular_file() && LooksLikeChangeFile(e.path().filename().string())) found.push_back(e.path().string());
      }
      if (found.empty()) {
        *error = "no change file (*TH_SGCO_RNADR_MST* or rnaddrkor*.txt) in directory " + p;
        return false;
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      *error = "cannot read change file " + p + " (no such file or directory)";
      return false;
    }
  }
  out->clear();
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) {
      *error = "cannot read change file " + f;
      return false;
    }
    ChangeFile cf;
    if (!ParseChangeFile(f, bytes, &cf, error)) return false;
    out->push_back(std::move(cf));
  }
  std::stable_sort(out->begin(), out->end(),
                   [](const ChangeFile& a, const ChangeFile& b) { return a.date < b.date; });
  return true;
}

namespace {

// Regions are numbered in the order rows first name them, and told apart
// by spelling (DatabaseBuilder::RegionOf). The old numbering is what a full
// build gives only if the rows after the changes first name the regions in
// the same order, and spell each one as some old row did.
class RegionNumbering {
 public:
  RegionNumbering(const DatabaseBuilder& seeded, size_t regions) : seeded_(seeded), seen_(regions, false) {}
  // Every old row, in order.
  void Old(std::string_view sido, std::string_view sigungu) {
    if (sido == old_sido_ && sigungu == old_sigungu_) return;
    old_sido_ = sido;
    old_sigungu_ = sigungu;
    old_spellings_.insert(Key(sido, sigungu));
  }
  // Every row after the changes, in order; `changed`: from a change file.
  void New(std::string_view sido, std::string_view sigungu, bool changed) {
    if (changed) new_spellings_.insert(Key(sido, sigungu));
    if (sido == new_sido_ && sigungu == new_sigungu_) return;
    new_sido_ = sido;
    new_sigungu_ = sigungu;
    const uint32_t region = seeded_.FindSeededRegion(new_sido_, new_sigungu_);
    if (region >= seen_.size() || seen_[region]) return;
    if (region != next_) out_of_order_ = true;
    seen_[region] = true;
    ++next_;
  }
  // "" when the numbering holds.
  std::string Problem() const {
    if (out_of_order_) return "the rows after the changes name the 시군구 in another order";
    for (const auto& k : new_spellings_) {
      if (!old_spellings_.count(k)) return "a row spells a 시도 or 시군구 as no row did: " + k;
    }
    return "";
  }

 private:
  static std::string Key(std::string_view sido, std::string_view sigungu) {
    return std::string(sido) + " " + std::string(sigungu);
  }
  const DatabaseBuilder& seeded_;
  std::vector<bool> seen_;
  uint32_t next_ = 0;
  bool out_of_order_ = false;
  std::string old_sido_ = "\x01", old_sigungu_, new_sido_ = "\x01", new_sigungu_;
  std::unordered_set<std::string> old_spellings_, new_spellings_;
};

// The fast path: only the roads the changes touch are rebuilt, from their
// rows, and patched into the old tables (db/road_patch.h); the other rows'
// records are copied into the new row store as they are. nullptr with
// *why when a full build is needed, or with *error when the store is
// damaged.
std::unique_ptr<Database> ApplyByRoad(const Database& old, const RowStoreReader& store, const OpsById& ops,
                                      const std::string& latest_date, ChangeStats* stats, uint64_t* rows,
                                      std::string* why, std::string* error) {
  const auto& strings = store.strings();
  // The roads touched: those the changed rows name, and those of the old
  // rows with these ids. An official-shape id names its road; a row kept
  // with another id (its number changed) is found by a first pass.
  std::unordered_set<uint64_t> codes;
  std::unordered_set<std::string_view> op_ids;
  for (const auto& [id, list] : ops) {
    op_ids.insert(id);
    if (const uint64_t code = RoadCodeOfOfficialId(id); code != 0) codes.insert(code);
    for (const Op& op : list) codes.insert(ParseCode(op.row->road_code, 12));
  }
  std::unordered_set<uint64_t> explicit_ids;  // dictionary ids of the changes' ids
  for (uint32_t i = 0; i < strings.size(); ++i) {
    if (op_ids.count(strings[i])) explicit_ids.insert(i);
  }
  if (!explicit_ids.empty() && !store.ForEachStoredRow([&](const StoredRow& r) {
        if (!r.derived_id && explicit_ids.count(r.id_or_emd)) {
          codes.insert(ParseCode(strings[r.ids[StoredRow::kRoadCode]], 12));
        }
      }, error)) {
    return nullptr;
  }
  std::unordered_set<uint32_t> code_ids;  // dictionary ids of their 도로명코드
  for (uint32_t i = 0; i < strings.size(); ++i) {
    if (codes.count(ParseCode(strings[i], 12))) code_ids.insert(i);
  }

  // `before` only notes which areas the touched roads' rows named;
  // `part` builds those roads as they are after the changes.
  DatabaseBuilder before(false), part(false);
  before.Seed(old, codes);
  part.Seed(old, codes);
  EnglishRoadNames english;
  if (!store.EnglishNames(&english, error)) return nullptr;
  part.SetEnglishNames(english);
  RowStoreWriter writer;
  writer.StartFrom(store);
  ChangeReplay replay(ops, stats);
  AddressRow row;
  RegionNumbering regions(before, old.tables().regions.size());
  auto add = [&](const AddressRow& r) {
    regions.New(r.sido, r.sigungu, true);
    part.Add(r);
    writer.Add(r, DatabaseBuilder::OfficialEmdOf(r));
    ++*rows;
  };
  auto keep = [&](const StoredRow& stored) {
    regions.New(strings[stored.ids[StoredRow::kSido]], strings[stored.ids[StoredRow::kSigungu]], false);
    writer.AddRecord(stored);
    ++*rows;
  };
  const bool ok = store.ForEachStoredRow([&](const StoredRow& stored) {
    regions.Old(strings[stored.ids[StoredRow::kSido]], strings[stored.ids[StoredRow::kSigungu]]);
    if (!code_ids.count(stored.ids[StoredRow::kRoadCode])) return keep(stored);
    store.Materialize(stored, &row);
    before.Add(row);
    replay.OldRow(row, [&] {
      part.Add(row);
      keep(stored);
    }, add);
  }, error);
  if (!ok) return nullptr;
  replay.Appended(add);
  if (!store.ForEachRelatedLot([&](const RelatedLotRow& lot) {
        if (!codes.count(ParseCode(lot.road_code, 12))) return;
        before.AddRelatedLot(lot);
        part.AddRelatedLot(lot);
      }, error)) {
    return nullptr;
  }
  for (const DatabaseBuilder* b : {&before, &part}) {
    if (!b->seed_problem().empty()) {
      *why = b->seed_problem();
      return nullptr;
    }
  }
  if (*why = regions.Problem(); !why->empty()) return nullptr;
  if (*rows == 0) {
    *why = "no rows left";  // the rebuild says so as an error
    return nullptr;
  }
  writer.SetEnglishNames(english);
  writer.NoteDate(latest_date);
  RoadPatch::Input in;
  in.old = &old;
  in.roads = std::move(codes);
  in.uses_before = before.area_uses();
  in.uses_after = part.area_uses();
  in.data_date = writer.data_date();
  in.row_store = writer.Finish();
  const auto built = part.FinishPart();
  in.part = built.get();
  stats->roads_rebuilt = in.roads.size();
  return RoadPatch::Apply(std::move(in), why);
}

// The full path: every row through a new builder.
std::unique_ptr<Database> Rebuild(const RowStoreReader& store, const OpsById& ops, const std::string& latest_date,
                                  ChangeStats* stats, uint64_t* rows, std::string* error) {
  DatabaseBuilder builder;
  EnglishRoadNames english;
  if (!store.EnglishNames(&english, error)) return nullptr;
  builder.SetEnglishNames(std::move(english));
  auto add = [&](const AddressRow& r) {
    builder.Add(r);
    ++*rows;
  };
  ChangeReplay replay(ops, stats);
  const bool ok = store.ForEachRow([&](const AddressRow& row) {
    if (ops.empty()) return add(row);
    replay.OldRow(row, [&] { add(row); }, add);
  }, error);
  if (!ok) return nullptr;
  replay.Appended(add);
  if (!store.ForEachRelatedLot([&](const RelatedLotRow& lot) { builder.AddRelatedLot(lot); }, error)) {
    return nullptr;
  }
  if (*rows == 0) {
    *error = "no address rows left after the changes";
    return nullptr;
  }
  builder.NoteDataDate(latest_date);
  return builder.Finish();

}

}  // namespace

std::unique_ptr<Database> ApplyChanges(const Database& old, const LoadReport& old_report,
                                       const std::vector<ChangeFile>& files, LoadReport* report,
                                       ChangeStats* stats, std::string* error, UpdateMethod method) {
  const auto start = std::chrono::steady_clock::now();
  RowStoreReader store;
  const auto& bytes = old.tables().row_store;
  if (!store.Open(std::string_view(bytes.data(), bytes.size()), error)) return nullptr;

  // Every change, by id, in the order applied.
  OpsById ops;
  uint64_t seq = 0;
  std::string latest_date;
  for (const ChangeFile& f : files) {
    stats->bad_lines += f.report.bad_lines;
    stats->no_data_files += f.no_data ? 1 : 0;
    if (f.date > latest_date) latest_date = f.date;
    for (const AddressRow& row : f.rows) {
      const ChangeKind kind = ChangeKindOf(row.move_reason);
      if (kind == ChangeKind::kUnknown) {
        ++stats->unknown_codes[row.move_reason];
        continue;
      }
      ops[row.mgmt_no].push_back({kind, &row, seq++});
    }
  }

  uint64_t rows = 0;
  std::unique_ptr<Database> db;
  if (method == UpdateMethod::kPatchRoads) {
    ChangeStats patched = *stats;  // counts taken only if the patch is
    std::string why, damaged;
    db = ApplyByRoad(old, store, ops, latest_date, &patched, &rows, &why, &damaged);
    if (db != nullptr) {
      *stats = std::move(patched);
    } else if (!damaged.empty()) {
      *error = damaged;
      return nullptr;
    } else {
      stats->rebuild_reason = why.empty() ? "unknown" : why;
      rows = 0;
    }
  }
  if (method == UpdateMethod::kRebuild) stats->rebuild_reason = "asked for";
  if (db == nullptr) db = Rebuild(store, ops, latest_date, stats, &rows, error);
  if (db == nullptr) return nullptr;

  *report = LoadReport();
  report->files = old_report.files;
  for (const ChangeFile& f : files) {
    report->files.push_back({f.path, SourceFile::Kind::kChangeRows, ModifiedTime(f.path), f.report.rows});
  }
  report->rows = rows;
  report->bad_lines = old_report.bad_lines + stats->bad_lines;
  report->related_lots = store.related_lots();
  report->roads = db->tables().roads.size();
  report->data_date = db->data_date();
  report->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return db;
}

}  // namespace doro::db
