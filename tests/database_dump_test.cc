// CanonicalDump (database_dump_util.h) says the same of databases that
// answer the same however they were numbered, and tells apart databases
// that answer differently.
#include "database_dump_util.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "db/address_row.h"
#include "db/database.h"
#include "db/embedded.h"
#include "db/index_file.h"
#include "shared_data.h"

namespace doro {
namespace {

namespace fs = std::filesystem;
using db::AddressRow;
using testing::CanonicalDump;

std::vector<AddressRow> DemoRows() {
  std::vector<AddressRow> rows;
  LoadReport report;
  for (const auto& f : embedded::DemoDatabase()) {
    db::ReadAddressBytes(f.name, f.content, [&](AddressRow&& r) { rows.push_back(std::move(r)); }, &report);
  }
  return rows;
}

// The demo rows with what the demo files leave empty filled in, so that
// old roads, ids not of the official shape and shared building names are
// in the tables too. Each row's change depends on its place in the input,
// so it is made before any reordering.
std::vector<AddressRow> RichRows() {
  std::vector<AddressRow> rows = DemoRows();
  for (size_t i = 0; i < rows.size(); ++i) {
    AddressRow& r = rows[i];
    if (i % 3 == 0) r.previous_address = r.sido + " " + r.road_name + "옛길 " + std::to_string(i % 40 + 1);
    if (i % 11 == 0) r.mgmt_no = "X" + std::to_string(i);
    if (i % 7 == 0) r.building_name = "공유건물" + std::to_string(i % 4);
  }
  return rows;
}

// The rows with each region's roads in reverse order, each road's rows
// kept in their order. What the builder makes depends on the order of the
// rows only through what it numbers as first seen (areas, names, ids,
// strings) and through the first row of a road (its name) or of an
// address (kept, the later ones dropped): regions stay in the order first
// seen (roads are sorted by region index) and a road's rows in theirs, so
// the answers cannot change.
std::vector<AddressRow> RoadsReversed(const std::vector<AddressRow>& rows) {
  std::vector<std::string> regions;
  std::map<std::string, std::vector<std::string>> roads;  // region -> road codes, first seen first
  std::map<std::string, std::vector<const AddressRow*>> of_road;
  for (const AddressRow& r : rows) {
    const std::string region = r.sido + "|" + r.sigungu;
    if (!roads.count(region)) regions.push_back(region);
    auto& codes = roads[region];
    if (std::find(codes.begin(), codes.end(), r.road_code) == codes.end()) codes.push_back(r.road_code);
    of_road[r.road_code].push_back(&r);
  }
  std::vector<AddressRow> out;
  for (const auto& region : regions) {
    const auto& codes = roads[region];
    for (auto code = codes.rbegin(); code != codes.rend(); ++code) {
      for (const AddressRow* r : of_road[*code]) out.push_back(*r);
    }
  }
  return out;
}

// A row whose address (road, number, 읍면동) no other row has: dropping or
// changing it must show.
size_t UniqueRow(const std::vector<AddressRow>& rows) {
  std::map<std::tuple<std::string, bool, int, int, std::string>, int> count;
  auto key = [](const AddressRow& r) { return std::tuple(r.road_code, r.underground, r.main, r.sub, r.emd); };
  for (const auto& r : rows) ++count[key(r)];
  for (size_t i = rows.size() / 2; i < rows.size(); ++i) {
    if (count[key(rows[i])] == 1) return i;
  }
  return rows.size();
}

std::set<std::string> Lines(const std::string& dump) {
  std::set<std::string> lines;
  std::istringstream in(dump);
  for (std::string l; std::getline(in, l);) lines.insert(l);
  return lines;
}

// The lines of `a` that `b` lacks.
std::vector<std::string> Missing(const std::string& a, const std::string& b) {
  const auto la = Lines(a), lb = Lines(b);
  std::vector<std::string> out;
  for (const auto& l : la) {
    if (!lb.count(l)) out.push_back(l);
  }
  return out;
}

void ExpectConsistent(const std::string& dump) {
  EXPECT_NE(dump.find("[checks] 0 failed\n"), std::string::npos) << dump.substr(dump.find("[checks]"));
}

TEST(DatabaseDumpTest, AnIndexFileDumpsAsTheDatabaseItWasWrittenFrom) {
  LoadReport report;
  std::string error;
  auto built = db::Database::Load("", &report, &error);
  ASSERT_NE(built, nullptr) << error;
  const fs::path dir = fs::temp_directory_path() / ("doro_dump_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "demo.doroidx").string();
  ASSERT_TRUE(db::IndexFile::Write(*built, report, path, &error)) << error;
  LoadReport opened_report;
  auto opened = db::IndexFile::Open(path, &opened_report, &error);
  fs::remove_all(dir);
  ASSERT_NE(opened, nullptr) << error;

  const std::string dump = CanonicalDump(*built);
  ExpectConsistent(dump);
  EXPECT_NE(dump.find("[buildings] " + std::to_string(built->tables().buildings.size()) + "\n"),
            std::string::npos);
  EXPECT_GT(built->tables().buildings.size(), 100u);
  EXPECT_EQ(CanonicalDump(*opened), dump);
  EXPECT_EQ(CanonicalDump(*db::Database::FromRows(DemoRows())), dump);
}

TEST(DatabaseDumpTest, RowOrderThatCannotChangeAnswersDoesNotChangeTheDump) {
  const std::vector<AddressRow> rows = RichRows();
  const std::vector<AddressRow> reordered = RoadsReversed(rows);
  ASSERT_EQ(reordered.size(), rows.size());
  const auto a = db::Database::FromRows(rows);
  const auto b = db::Database::FromRows(reordered);
  // The numbering did change: otherwise this would test nothing.
  const auto& ta = a->tables();
  const auto& tb = b->tables();
  ASSERT_EQ(ta.strings.size(), tb.strings.size());
  EXPECT_FALSE(std::equal(ta.strings.begin(), ta.strings.end(), tb.strings.begin()));
  ASSERT_EQ(ta.areas.size(), tb.areas.size());
  bool areas_renumbered = false;
  for (size_t i = 0; i < ta.areas.size(); ++i) {
    areas_renumbered |= a->str(ta.areas[i].name_ko) != b->str(tb.areas[i].name_ko);
  }
  EXPECT_TRUE(areas_renumbered);
  EXPECT_GT(ta.old_roads.size(), 10u);
  EXPECT_GT(ta.ids.size(), 10u);

  const std::string dump = CanonicalDump(*a);
  ExpectConsistent(dump);
  EXPECT_EQ(CanonicalDump(*b), dump);
}

// The same over the real 세종 rows, when they are there (one region: every
// reordering is within it).
TEST(DatabaseDumpTest, RealRowsReorderedDumpTheSame) {
  const std::string sejong = testing::SharedPath("data/juso/sejong");
  if (!fs::exists(sejong)) GTEST_SKIP() << "no " << sejong;
  std::vector<AddressRow> rows;
  LoadReport report;
  std::string error;
  ASSERT_TRUE(db::ReadAddressPath(sejong, [&](AddressRow&& r) { rows.push_back(std::move(r)); }, &report, &error))
      << error;
  ASSERT_GT(rows.size(), 1000u);
  const std::string dump = CanonicalDump(*db::Database::FromRows(rows));
  ExpectConsistent(dump);
  EXPECT_EQ(CanonicalDump(*db::Database::FromRows(RoadsReversed(rows))), dump);
}

TEST(DatabaseDumpTest, AChangedZipShowsInOneBuildingLine) {
  std::vector<AddressRow> rows = RichRows();
  const std::string before = CanonicalDump(*db::Database::FromRows(rows));
  const size_t i = UniqueRow(rows);
  ASSERT_LT(i, rows.size());
  rows[i].zip = rows[i].zip == "99999" ? "99998" : "99999";
  const std::string after = CanonicalDump(*db::Database::FromRows(rows));
  ExpectConsistent(after);
  EXPECT_NE(after, before);
  const auto gone = Missing(before, after), added = Missing(after, before);
  ASSERT_EQ(gone.size(), 1u);
  ASSERT_EQ(added.size(), 1u);
  EXPECT_NE(added[0].find("zip=" + rows[i].zip), std::string::npos) << added[0];
}

TEST(DatabaseDumpTest, ADroppedRowShows) {
  std::vector<AddressRow> rows = RichRows();
  const std::string before = CanonicalDump(*db::Database::FromRows(rows));
  const size_t i = UniqueRow(rows);
  ASSERT_LT(i, rows.size());
  const std::string id = rows[i].mgmt_no;
  rows.erase(rows.begin() + static_cast<std::ptrdiff_t>(i));
  const std::string after = CanonicalDump(*db::Database::FromRows(rows));
  ExpectConsistent(after);
  EXPECT_NE(after, before);
  // Its building line is among what is gone.
  bool building_gone = false;
  for (const auto& l : Missing(before, after)) building_gone |= l.find("\tbd " + id + "\t") != std::string::npos;
  EXPECT_TRUE(building_gone);
}

}  // namespace
}  // namespace doro
