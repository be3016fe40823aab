// The official row reader, the database built from it, and the index file
// written from that database and opened again.
//
// Input: the bytes of one rnaddrkor_*.txt file (any encoding, any line
// ends). Properties: each line that parses formats back to a line that
// parses to the same row; Database::Load of a directory holding the file
// either succeeds or says why; a loaded database writes an index that opens
// again with the same tables, formats every building the same way, and an
// engine over the index answers the database's own addresses (and old road
// addresses, from 이전도로명주소) as the engine over the text does; an old
// address that parses reads the same again from its road and number alone;
// the rows kept in the index (db/row_store.h) rebuild the same tables, and
// the same bytes read as a change file (db/changes.h) apply or say why.
#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>

#include "db/address_row.h"
#include "db/changes.h"
#include "db/database_builder.h"
#include "db/row_store.h"
#include "db/database.h"
#include "db/index_file.h"
#include "database_dump_util.h"  // tests/
#include "fuzz_util.h"
#include "match/engine.h"
#include "text/lines.h"

namespace {

using doro::db::Database;

void CheckRowRoundTrip(std::string_view bytes) {
  doro::text::ForEachLine(bytes, [](std::string_view line, size_t) {
    doro::db::AddressRow row, again;
    std::string why;
    if (!doro::db::ParseAddressRow(line, &row, &why)) return;
    const std::string formatted = doro::db::FormatAddressRow(row);
    FUZZ_CHECK(doro::db::ParseAddressRow(formatted, &again, &why), std::string(line) + "\n-> " + formatted + "\n" + why);
    FUZZ_CHECK(doro::db::FormatAddressRow(again) == formatted, std::string(line) + "\n-> " + formatted);
    doro::db::PreviousAddress prev, prev_again;
    if (!doro::db::ParsePreviousAddress(row.previous_address, &prev)) return;
    const std::string short_form = prev.road_name + (prev.underground ? " 지하 " : " ") + std::to_string(prev.main) +
                                   (prev.sub > 0 ? "-" + std::to_string(prev.sub) : "");
    FUZZ_CHECK(doro::db::ParsePreviousAddress(short_form, &prev_again) && prev_again.road_name == prev.road_name &&
                   prev_again.underground == prev.underground && prev_again.main == prev.main &&
                   prev_again.sub == prev.sub,
               row.previous_address + "\n-> " + short_form);
  });
}

void CheckSameDatabase(const Database& a, const Database& b) {
  const auto& ta = a.tables();
  const auto& tb = b.tables();
  FUZZ_CHECK(ta.regions.size() == tb.regions.size() && ta.areas.size() == tb.areas.size() &&
                 ta.roads.size() == tb.roads.size() && ta.buildings.size() == tb.buildings.size() &&
                 ta.strings.size() == tb.strings.size() && ta.old_roads.size() == tb.old_roads.size() &&
                 ta.old_addresses.size() == tb.old_addresses.size(),
             "table sizes differ after the index round trip");
  for (uint32_t i = 0; i < ta.buildings.size(); ++i) {
    FUZZ_CHECK(a.RoadAddress(i) == b.RoadAddress(i) && a.Reference(i) == b.Reference(i) &&
                   a.English(i) == b.English(i) && a.Zip(i) == b.Zip(i) && a.BuildingId(i) == b.BuildingId(i),
               a.RoadAddress(i) + " / " + b.RoadAddress(i));
  }
}

template <typename T>
std::string_view Bytes(std::span<const T> s) {
  return std::string_view(reinterpret_cast<const char*>(s.data()), s.size_bytes());
}

void CheckRowStore(const Database& db, std::string_view bytes) {
  const auto& t = db.tables();
  doro::db::RowStoreReader store;
  std::string error;
  FUZZ_CHECK(store.Open(Bytes(t.row_store), &error), error);
  doro::db::DatabaseBuilder builder;
  doro::db::EnglishRoadNames english;
  FUZZ_CHECK(store.EnglishNames(&english, &error), error);
  builder.SetEnglishNames(english);
  FUZZ_CHECK(store.ForEachRow([&](const doro::db::AddressRow& r) { builder.Add(r); }, &error), error);
  FUZZ_CHECK(store.ForEachRelatedLot([&](const doro::db::RelatedLotRow& r) { builder.AddRelatedLot(r); }, &error),
             error);
  const auto again = builder.Finish();
  const auto& u = again->tables();
  FUZZ_CHECK(Bytes(t.strings) == Bytes(u.strings) && Bytes(t.areas) == Bytes(u.areas) &&
                 Bytes(t.roads) == Bytes(u.roads) && Bytes(t.buildings) == Bytes(u.buildings) &&
                 Bytes(t.lots) == Bytes(u.lots) && Bytes(t.row_store) == Bytes(u.row_store),
             "the rows kept in the index rebuild other tables");

  std::vector<doro::db::ChangeFile> files(1);
  if (!doro::db::ParseChangeFile("AlterD.JUSUKR.20260101.TH_SGCO_RNADR_MST.TXT", bytes, &files[0], &error)) return;
  doro::LoadReport report;
  doro::db::ChangeStats stats;
  const auto updated = doro::db::ApplyChanges(db, doro::LoadReport{}, files, &report, &stats, &error);
  FUZZ_CHECK(updated != nullptr || !error.empty(), "ApplyChanges failed without saying why");
  if (updated != nullptr) FUZZ_CHECK(updated->data_date() >= "20260101", "the change file's date is lost");
  // Patching the touched roads (the default) answers as rebuilding all.
  doro::db::ChangeStats rebuild_stats;
  std::string rebuild_error;
  const auto rebuilt = doro::db::ApplyChanges(db, doro::LoadReport{}, files, &report, &rebuild_stats, &rebuild_error,
                                              doro::db::UpdateMethod::kRebuild);
  FUZZ_CHECK((updated == nullptr) == (rebuilt == nullptr), "patch and rebuild disagree: " + error + rebuild_error);
  if (updated != nullptr && rebuilt != nullptr) {
    FUZZ_CHECK(doro::testing::CanonicalDump(*updated) == doro::testing::CanonicalDump(*rebuilt),
               "the patched tables answer otherwise than rebuilt ones");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  CheckRowRoundTrip(bytes);

  static const std::string dir = doro::fuzz::ScratchDir() + "/rows";
  static const std::string index = doro::fuzz::ScratchDir() + "/rows.doroidx";
  std::filesystem::create_directories(dir);
  doro::fuzz::WriteFile(dir + "/rnaddrkor_fuzz.txt", bytes);

  doro::LoadReport report;
  std::string error;
  const std::unique_ptr<Database> db = Database::Load(dir, &report, &error);
  if (db == nullptr) {
    FUZZ_CHECK(!error.empty(), "Database::Load failed without saying why");
    return 0;
  }
  FUZZ_CHECK(doro::db::IndexFile::Write(*db, report, index, &error), error);
  doro::LoadReport reopened_report;
  const std::unique_ptr<Database> reopened = doro::db::IndexFile::Open(index, &reopened_report, &error);
  FUZZ_CHECK(reopened != nullptr, error);
  FUZZ_CHECK(reopened_report.rows == report.rows && reopened_report.bad_lines == report.bad_lines,
             "the index does not keep the load counts");
  CheckSameDatabase(*db, *reopened);
  CheckRowStore(*db, bytes);

  if (db->tables().buildings.empty()) return 0;  // engines cost milliseconds: only when they can differ
  const auto from_text = doro::Engine::Open(dir, &error);
  FUZZ_CHECK(from_text != nullptr, error);
  const auto from_index = doro::Engine::Open(index, &error);
  FUZZ_CHECK(from_index != nullptr, error);
  const uint32_t n = static_cast<uint32_t>(std::min<size_t>(db->tables().buildings.size(), 4));
  for (uint32_t i = 0; i < n; ++i) {
    for (const std::string& label : {db->RoadAddress(i), db->English(i)}) {
      const doro::Answer t = from_text->Refine(label), x = from_index->Refine(label);
      FUZZ_CHECK(t.reason == x.reason && t.address == x.address && t.building_id == x.building_id,
                 label + "\ntext: " + t.address + "\nindex: " + x.address);
    }
  }
  const auto& old_roads = db->tables().old_roads;
  for (uint32_t r = 0; r < old_roads.size() && r < 4; ++r) {
    const auto& o = old_roads[r];
    if (o.count == 0) continue;
    const uint32_t number = db->tables().old_addresses[o.first].number;
    const std::string label = std::string(db->str(o.name_ko)) + ((number >> 31) ? " 지하 " : " ") +
                              std::to_string((number >> 14) & 0x1FFFF) + "-" + std::to_string(number & 0x3FFF);
    const doro::Answer t = from_text->Refine(label), x = from_index->Refine(label);
    FUZZ_CHECK(t.reason == x.reason && t.address == x.address && t.warnings == x.warnings,
               label + "\ntext: " + t.address + "\nindex: " + x.address);
  }
  return 0;
}
