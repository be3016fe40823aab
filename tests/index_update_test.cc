// The rows kept in the index (db/row_store.h) rebuild the same tables, and
// change files (db/changes.h) applied to an index give what a build over
// the full files with the same changes made by hand gives, byte for byte.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "db/changes.h"
#include "db/database.h"
#include "db/database_builder.h"
#include "db/embedded.h"
#include "db/english_names.h"
#include "db/format.h"
#include "db/row_store.h"
#include "database_dump_util.h"
#include "shared_data.h"
#include "text/encoding.h"

namespace doro::db {
namespace {

namespace fs = std::filesystem;

template <typename T>
std::string Bytes(std::span<const T> s) {
  return std::string(reinterpret_cast<const char*>(s.data()), s.size_bytes());
}

// Every table of a database as named byte strings.
std::map<std::string, std::string> Sections(const Database& db) {
  const Tables& t = db.tables();
  std::map<std::string, std::string> m = {
      {"strings", Bytes(t.strings)},         {"regions", Bytes(t.regions)},
      {"areas", Bytes(t.areas)},             {"roads", Bytes(t.roads)},
      {"buildings", Bytes(t.buildings)},     {"names", Bytes(t.names)},
      {"ids", Bytes(t.ids)},                 {"building_numbers", Bytes(t.building_numbers)},
      {"road_starts", Bytes(t.road_starts)}, {"lots", Bytes(t.lots)},
      {"building_lots", Bytes(t.building_lots)}, {"row_store", Bytes(t.row_store)},
  };
  const std::pair<const char*, const FlatMultiMap*> maps[] = {
      {"road_keys", &t.road_keys}, {"road_skeleton", &t.road_skeleton}, {"road_fuzzy", &t.road_fuzzy},
      {"region_keys", &t.region_keys}, {"ri_keys", &t.ri_keys}, {"name_keys", &t.name_keys}};
  for (const auto& [name, map] : maps) {
    m[std::string(name) + ".entries"] = Bytes(map->entries());
    m[std::string(name) + ".slots"] = Bytes(map->slots());
  }
  return m;
}

// What two databases answer with, independent of their numbering
// (tests/database_dump_util.h), line by line so that a failure shows where.
void ExpectSameDump(const Database& a, const Database& b) {
  const std::string da = doro::testing::CanonicalDump(a), db = doro::testing::CanonicalDump(b);
  if (da == db) return;
  size_t i = 0;
  while (i < da.size() && i < db.size() && da[i] == db[i]) ++i;
  const size_t line = da.rfind('\n', i) == std::string::npos ? 0 : da.rfind('\n', i) + 1;
  ADD_FAILURE() << "dumps differ at\n  " << da.substr(line, da.find('\n', i) - line) << "\nvs\n  "
                << db.substr(line, db.find('\n', i) - line);
}

void ExpectSameTables(const Database& a, const Database& b) {
  const auto sa = Sections(a), sb = Sections(b);
  for (const auto& [name, bytes] : sa) {
    EXPECT_TRUE(bytes == sb.at(name)) << "section " << name << " differs (" << bytes.size() << " vs "
                                      << sb.at(name).size() << " bytes)";
  }
  EXPECT_EQ(a.data_date(), b.data_date());
}

std::vector<AddressRow> DemoRows() {
  std::vector<AddressRow> rows;
  LoadReport report;
  for (const auto& f : embedded::DemoDatabase()) {
    ReadAddressBytes(f.name, f.content, [&](AddressRow&& r) { rows.push_back(std::move(r)); }, &report);
  }
  return rows;
}

std::vector<AddressRow> ReadRows(const std::string& path) {
  std::vector<AddressRow> rows;
  LoadReport report;
  std::string error;
  EXPECT_TRUE(ReadAddressPath(path, [&](AddressRow&& r) { rows.push_back(std::move(r)); }, &report, &error))
      << error;
  return rows;
}

std::unique_ptr<Database> Build(const std::vector<AddressRow>& rows, const EnglishRoadNames& english = {},
                                const std::vector<RelatedLotRow>& lots = {}) {
  DatabaseBuilder b;
  b.SetEnglishNames(english);
  for (const auto& r : rows) b.Add(r);
  for (const auto& l : lots) b.AddRelatedLot(l);
  return b.Finish();
}

// A full build over the rows `db` keeps (db/row_store.h).
std::unique_ptr<Database> Reread(const Database& db) {
  RowStoreReader store;
  std::string error;
  const auto& bytes = db.tables().row_store;
  EXPECT_TRUE(store.Open(std::string_view(bytes.data(), bytes.size()), &error)) << error;
  EnglishRoadNames english;
  EXPECT_TRUE(store.EnglishNames(&english, &error)) << error;
  DatabaseBuilder b;
  b.SetEnglishNames(english);
  EXPECT_TRUE(store.ForEachRow([&](const AddressRow& r) { b.Add(r); }, &error)) << error;
  EXPECT_TRUE(store.ForEachRelatedLot([&](const RelatedLotRow& l) { b.AddRelatedLot(l); }, &error)) << error;
  b.NoteDataDate(store.data_date());
  return b.Finish();
}

// build(rows) == build(decode(build(rows))): every field the builder reads
// is kept. The rows have every field filled in, so a field the builder
// starts to read (이전도로명주소, say) and the store does not keep fails here.
TEST(RowStoreTest, DecodedRowsRebuildTheSameTables) {
  std::vector<AddressRow> rows = DemoRows();
  const std::string sejong = doro::testing::SharedPath("data/juso/sejong");
  if (fs::exists(sejong)) {
    auto more = ReadRows(sejong);
    rows.insert(rows.end(), more.begin(), more.end());
  }
  ASSERT_GT(rows.size(), 10u);
  for (size_t i = 0; i < rows.size(); ++i) {
    AddressRow& r = rows[i];
    r.previous_address = r.sido + " " + r.road_name + "옛길 " + std::to_string(i % 50 + 1);
    if (r.admin_code.empty()) r.admin_code = r.legal_code;
    if (r.admin_name.empty()) r.admin_name = r.emd;
    if (r.effective_date.empty()) r.effective_date = "2020010" + std::to_string(i % 9 + 1);
    r.note = "비고" + std::to_string(i % 3);
    r.move_reason = i % 2 ? "31" : "";
    if (r.register_name.empty()) r.register_name = "대장" + std::to_string(i % 7);
    if (i % 5 == 0) r.building_name.clear();  // then 건축물대장건물명 names it
    if (i % 11 == 0) r.mgmt_no = "X" + std::to_string(i);  // not of the official shape
    if (r.ri.empty() && i % 13 == 0) r.ri = "새리";
  }
  std::vector<RelatedLotRow> lots;
  for (size_t i = 0; i < rows.size(); i += 17) {
    const AddressRow& r = rows[i];
    lots.push_back({r.mgmt_no, r.legal_code, r.sido, r.sigungu, r.emd, r.ri, i % 2 == 0,
                    r.jibun_main + 1, static_cast<int>(i % 4), r.road_code, r.underground, r.main, r.sub, "31"});
  }
  EnglishRoadNames english = {{std::stoull(rows[0].road_code), "Official-ro"},
                              {std::stoull(rows.back().road_code), "Another-gil"}};
  const auto built = Build(rows, english, lots);

  RowStoreReader store;
  std::string error;
  const auto& bytes = built->tables().row_store;
  ASSERT_TRUE(store.Open(std::string_view(bytes.data(), bytes.size()), &error)) << error;
  EXPECT_EQ(store.rows(), rows.size());
  EXPECT_EQ(store.related_lots(), lots.size());
  DatabaseBuilder again;
  EnglishRoadNames decoded_english;
  ASSERT_TRUE(store.EnglishNames(&decoded_english, &error)) << error;
  EXPECT_EQ(decoded_english, english);
  again.SetEnglishNames(decoded_english);
  size_t i = 0;
  ASSERT_TRUE(store.ForEachRow([&](const AddressRow& r) {
    // What the builder reads is what went in.
    const AddressRow& in = rows[i++];
    EXPECT_EQ(r.mgmt_no, in.mgmt_no);
    EXPECT_EQ(r.road_name, in.road_name);
    EXPECT_EQ(r.main, in.main);
    EXPECT_EQ(r.effective_date, in.effective_date);
    again.Add(r);
  }, &error)) << error;
  EXPECT_EQ(i, rows.size());
  ASSERT_TRUE(store.ForEachRelatedLot([&](const RelatedLotRow& l) { again.AddRelatedLot(l); }, &error)) << error;
  ExpectSameTables(*built, *again.Finish());
  // The data's date is the latest 효력발생일.
  std::string latest;
  for (const auto& r : rows) latest = std::max(latest, r.effective_date);
  EXPECT_EQ(built->data_date(), latest);
}

TEST(RowStoreTest, DamagedBytesFailWithAMessage) {
  const auto built = Build(DemoRows());
  const auto& span = built->tables().row_store;
  const std::string good(span.data(), span.size());
  size_t failures = 0;
  for (size_t cut = 0; cut < good.size(); cut += std::max<size_t>(1, good.size() / 97)) {
    for (int flip = 0; flip < 2; ++flip) {
      std::string bytes = flip ? good : good.substr(0, cut);
      if (flip) bytes[cut] = static_cast<char>(bytes[cut] ^ 0x5A);
      RowStoreReader store;
      std::string error;
      bool ok = store.Open(bytes, &error);
      uint64_t rows = 0;
      if (ok) ok = store.ForEachRow([&](const AddressRow&) { ++rows; }, &error);
      if (ok) ok = store.ForEachRelatedLot([](const RelatedLotRow&) {}, &error);
      EnglishRoadNames english;
      if (ok) ok = store.EnglishNames(&english, &error);
      if (!ok) {
        ++failures;
        EXPECT_NE(error.find("row store"), std::string::npos) << error;
      }
      EXPECT_LE(rows, good.size());
    }
  }
  EXPECT_GT(failures, 50u);  // every cut short of the end fails
}

TEST(ChangeFileTest, DateFromTheName) {
  EXPECT_EQ(DateInFileName("AlterD.JUSUKR.20260402.TH_SGCO_RNADR_MST.TXT"), "20260402");
  EXPECT_EQ(DateInFileName("20260401_dailyjusukrdata"), "20260401");
  EXPECT_EQ(DateInFileName("rnaddrkor_sejong.txt"), "");
  EXPECT_EQ(DateInFileName("x202604021.txt"), "");   // 9 digits
  EXPECT_EQ(DateInFileName("x20261301.txt"), "");    // month 13
  EXPECT_EQ(DateInFileName("a1234_20251231"), "20251231");
}

TEST(ChangeFileTest, NoDataBadLinesEncodingsAndMissingDate) {
  ChangeFile f;
  std::string error;
  ASSERT_TRUE(ParseChangeFile("AlterD.JUSUKR.20260405.TH_SGCO_RNADR_MST.TXT", "No Data", &f, &error));
  EXPECT_TRUE(f.no_data);
  EXPECT_EQ(f.date, "20260405");
  ChangeFile g;
  ASSERT_TRUE(ParseChangeFile("AlterD.JUSUKR.20260405.TXT", "\xEF\xBB\xBFno data\r\n", &g, &error));
  EXPECT_TRUE(g.no_data);

  AddressRow row = DemoRows().at(0);
  row.move_reason = "34";
  row.effective_date = "20260310";
  const std::string line = FormatAddressRow(row);
  const auto cp949 = text::Utf8ToCp949(line + "\r\nnot a row\r\n" + line + "\r\n");
  ASSERT_TRUE(cp949.has_value());
  ChangeFile h;
  ASSERT_TRUE(ParseChangeFile("/x/changes.txt", *cp949, &h, &error)) << error;
  EXPECT_FALSE(h.no_data);
  EXPECT_EQ(h.rows.size(), 2u);
  EXPECT_EQ(h.report.bad_lines, 1u);
  EXPECT_EQ(h.rows[0].road_name, row.road_name);
  EXPECT_EQ(h.date, "20260310");  // from 효력발생일
  EXPECT_FALSE(h.date_from_name);

  row.effective_date.clear();
  ChangeFile k;
  EXPECT_FALSE(ParseChangeFile("/x/changes.txt", FormatAddressRow(row), &k, &error));
  EXPECT_NE(error.find("cannot tell its date"), std::string::npos) << error;
}

// A day's changes built from real rows: what each change does is written out
// by hand on a copy of the rows, and both builds must agree byte for byte.
class RealChangesTest : public ::testing::TestWithParam<const char*> {};

AddressRow Changed(AddressRow r, const char* code, const char* date) {
  r.move_reason = code;
  r.effective_date = date;
  return r;
}

std::string WriteFile(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
  return path.string();
}

TEST_P(RealChangesTest, UpdateEqualsABuildOverEditedFiles) {
  const std::string dir = doro::testing::SharedPath(GetParam());
  if (!fs::exists(dir)) GTEST_SKIP() << dir << " not present";
  const std::vector<AddressRow> rows = ReadRows(dir);
  ASSERT_GT(rows.size(), 5000u);
  LoadReport english_report;
  const EnglishRoadNames english = ReadEnglishRoadNames(dir, &english_report);
  const size_t n = rows.size();
  const char* d1 = "20261201";
  const char* d2 = "20261202";

  std::vector<AddressRow> day1, day2;
  std::vector<AddressRow> expected = rows;  // edited by hand below
  std::vector<bool> gone(n, false);
  std::vector<AddressRow> tail;  // rows appended, in order

  // A road renamed: every row of the road of row n/3.
  const std::string road = rows[n / 3].road_code;
  size_t renamed = 0;
  for (size_t i = 0; i < n; ++i) {
    if (rows[i].road_code != road) continue;
    AddressRow r = Changed(rows[i], "34", d1);
    r.road_name = "새" + r.road_name;
    day1.push_back(r);
    expected[i] = r;
    ++renamed;
  }
  // A building renumbered (same id, new number).
  const size_t renumbered = n / 2;
  ASSERT_NE(rows[renumbered].road_code, road);
  {
    AddressRow r = Changed(rows[renumbered], "34", d1);
    r.main += 5000;
    day1.push_back(r);
    expected[renumbered] = r;
  }
  // Deletions: every 997th row not touched above.
  std::vector<size_t> deleted;
  for (size_t i = 7; i < n; i += 997) {
    if (rows[i].road_code == road || i == renumbered) continue;
    day1.push_back(Changed(rows[i], "63", d1));
    gone[i] = true;
    deleted.push_back(i);
  }
  // A basement added under the building of row n/4, and 20 new buildings.
  std::set<std::string> ids;
  for (const auto& r : rows) ids.insert(r.mgmt_no);
  auto new_row = [&](size_t from, bool underground, int add) {
    AddressRow r = Changed(rows[from], "31", d1);
    r.underground = underground;
    r.main += add;
    r.mgmt_no = OfficialBuildingId(std::stoull(r.road_code), static_cast<uint32_t>(std::stoi(r.mgmt_no.substr(5, 3))),
                                   r.underground, static_cast<uint32_t>(r.main), static_cast<uint32_t>(r.sub));
    return r;
  };
  {
    size_t under = n / 4;
    while (rows[under].underground || rows[under].road_code == road) ++under;
    AddressRow basement = new_row(under, true, 0);
    ASSERT_FALSE(ids.count(basement.mgmt_no));
    day1.push_back(basement);
    tail.push_back(basement);
  }
  std::vector<AddressRow> added;
  for (size_t i = n / 5; added.size() < 20; i += 3) {
    AddressRow r = new_row(i, rows[i].underground, 3000);
    if (ids.count(r.mgmt_no) || rows[i].road_code == road) continue;
    ids.insert(r.mgmt_no);
    added.push_back(r);
    day1.push_back(r);
  }
  for (size_t k = 0; k < added.size(); ++k) {
    if (k != 5) tail.push_back(added[k]);  // added[5] is deleted on day 2
  }

  // Day 2: the renumbered building changes again; a building added on day
  // 1 is deleted; one deleted on day 1 comes back (appended); a change for
  // an id never seen (applied as new); a delete of an id never seen
  // (nothing); a "new" row for an id present (applied as a change); a row
  // with an unknown code; a bad line.
  {
    AddressRow r = Changed(expected[renumbered], "34", d2);
    r.zip = "99999";
    day2.push_back(r);
    expected[renumbered] = r;
  }
  day2.push_back(Changed(added[5], "63", d2));
  AddressRow back = Changed(rows[deleted[1]], "31", d2);
  day2.push_back(back);
  AddressRow stranger = new_row(n / 6, false, 7000);
  stranger.move_reason = "34";
  stranger.effective_date = d2;
  ASSERT_FALSE(ids.count(stranger.mgmt_no));
  day2.push_back(stranger);
  AddressRow ghost = Changed(rows[10], "63", d2);
  ghost.mgmt_no = "99999999999999999999999999";
  day2.push_back(ghost);
  size_t renamed_again = n / 3;  // a row untouched so far
  while (rows[renamed_again].road_code == road || gone[renamed_again] || renamed_again == renumbered) ++renamed_again;
  {
    AddressRow r = Changed(rows[renamed_again], "31", d2);
    r.building_name = "다시지은빌딩";
    day2.push_back(r);
    expected[renamed_again] = r;
  }
  AddressRow unknown = Changed(rows[20], "99", d2);
  day2.push_back(unknown);
  tail.push_back(back);
  tail.push_back(stranger);

  std::vector<AddressRow> by_hand;
  for (size_t i = 0; i < n; ++i)
    if (!gone[i]) by_hand.push_back(expected[i]);
  by_hand.insert(by_hand.end(), tail.begin(), tail.end());

  // The change files: day 1 in CP949 (as distributed), day 2 UTF-8 with
  // CRLF and a bad line; a `No Data` file of day 3. Given out of order.
  char tmpl[] = "/tmp/doro_changes_XXXXXX";
  const fs::path tmp = mkdtemp(tmpl);
  std::string text1, text2;
  for (const auto& r : day1) text1 += FormatAddressRow(r) + "\n";
  for (const auto& r : day2) text2 += FormatAddressRow(r) + "\r\n";
  text2 += "this|is|not|a|row\r\n";
  const auto cp949 = text::Utf8ToCp949(text1);
  ASSERT_TRUE(cp949.has_value());
  const std::string f1 = WriteFile(tmp / "AlterD.JUSUKR.20261201.TH_SGCO_RNADR_MST.TXT", *cp949);
  const std::string f2 = WriteFile(tmp / "AlterD.JUSUKR.20261202.TH_SGCO_RNADR_MST.TXT", text2);
  const std::string f3 = WriteFile(tmp / "AlterD.JUSUKR.20261203.TH_SGCO_RNADR_MST.TXT", "No Data");
  std::vector<ChangeFile> files;
  std::string error;
  ASSERT_TRUE(ReadChangeFiles({f3, f2, f1}, &files, &error)) << error;
  fs::remove_all(tmp);
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].path, f1);
  EXPECT_EQ(files[2].path, f3);

  const auto old = Build(rows, english);
  DatabaseBuilder by_hand_builder;
  by_hand_builder.SetEnglishNames(english);
  for (const auto& r : by_hand) by_hand_builder.Add(r);
  by_hand_builder.NoteDataDate("20261203");
  const auto expected_db = by_hand_builder.Finish();
  for (const UpdateMethod method : {UpdateMethod::kRebuild, UpdateMethod::kPatchRoads}) {
    SCOPED_TRACE(method == UpdateMethod::kRebuild ? "rebuild" : "patch");
    LoadReport old_report, report;
    old_report.rows = rows.size();
    ChangeStats stats;
    const auto updated = ApplyChanges(*old, old_report, files, &report, &stats, &error, method);
    ASSERT_NE(updated, nullptr) << error;
    // No Data of day 3 moves the data's date on; the by-hand build's date is
    // its rows' latest 효력발생일 (day 2).
    EXPECT_EQ(updated->data_date(), "20261203");
    if (method == UpdateMethod::kRebuild) {
      ExpectSameTables(*expected_db, *updated);
    } else {
      // Patched: the same answers, other numbering; only the touched roads
      // were rebuilt.
      EXPECT_EQ(stats.rebuild_reason, "");
      EXPECT_GT(stats.roads_rebuilt, 20u);
      EXPECT_LT(stats.roads_rebuilt, old->tables().roads.size() / 4);
      ExpectSameDump(*expected_db, *updated);
      // What the rebuilt roads had is found again, not copied: the patched
      // tables are no more than 1% bigger than a build's.
      const Tables &p = updated->tables(), &e = expected_db->tables();
      EXPECT_LT(p.strings.size(), e.strings.size() * 101 / 100);
      EXPECT_LT(p.names.size(), e.names.size() * 101 / 100 + 10);
      EXPECT_LT(p.ids.size(), e.ids.size() * 101 / 100 + 10);
      // Its rows are the edited rows: a rebuild from them is the full build.
      ExpectSameTables(*expected_db, *Reread(*updated));
    }

    EXPECT_EQ(report.rows, by_hand.size());
    EXPECT_EQ(stats.added, 1 + added.size() + 2);     // basement, 20 new, back, stranger
    EXPECT_EQ(stats.deleted, deleted.size() + 1);     // + added[5]
    EXPECT_EQ(stats.changed, renamed + 1 + 1 + 1);    // road, renumber twice, the "new" for a present id
    EXPECT_EQ(stats.new_for_present, 1u);
    EXPECT_EQ(stats.change_for_absent, 1u);
    EXPECT_EQ(stats.delete_for_absent, 1u);
    EXPECT_EQ(stats.unknown_codes.at("99"), 1u);
    EXPECT_EQ(stats.bad_lines, 1u);
    EXPECT_EQ(stats.no_data_files, 1u);
    ASSERT_EQ(report.files.size(), 3u);
    EXPECT_EQ(report.files[0].kind, SourceFile::Kind::kChangeRows);
    EXPECT_EQ(report.files[1].rows, day2.size());
  }

  // Day by day, each patch applied to the tables (and rows) the last one
  // wrote.
  std::unique_ptr<Database> chained;
  const Database* at = old.get();
  for (const ChangeFile& f : files) {
    SCOPED_TRACE(f.path);
    LoadReport none, report;
    ChangeStats stats;
    auto next = ApplyChanges(*at, none, {f}, &report, &stats, &error);
    ASSERT_NE(next, nullptr) << error;
    EXPECT_EQ(stats.rebuild_reason, "");
    chained = std::move(next);
    at = chained.get();
  }
  ExpectSameDump(*expected_db, *chained);
  ExpectSameTables(*expected_db, *Reread(*chained));
}

// The change file of 2026-12-01 with these rows.
ChangeFile DayFile(const std::vector<AddressRow>& changes) {
  ChangeFile f;
  f.path = "AlterD.JUSUKR.20261201.TH_SGCO_RNADR_MST.TXT";
  f.date = "20261201";
  f.rows = changes;
  return f;
}

// Where a patch could answer otherwise than a full build, the update
// rebuilds every road, says why, and equals the full build byte for byte.
class PatchRefusedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string dir = doro::testing::SharedPath("data/juso/sejong");
    if (!fs::exists(dir)) GTEST_SKIP() << dir << " not present";
    rows_ = ReadRows(dir);
    ASSERT_GT(rows_.size(), 5000u);
  }
  // Applies `changes` (rows with their 이동사유코드), expecting a rebuild
  // whose reason holds `reason`, equal to a build over `expected`.
  void ExpectRebuild(const std::vector<AddressRow>& changes, const std::vector<AddressRow>& expected,
                     const std::string& reason) {
    const ChangeFile f = DayFile(changes);
    const auto old = Build(rows_);
    LoadReport none, report;
    ChangeStats stats;
    std::string error;
    const auto updated = ApplyChanges(*old, none, {f}, &report, &stats, &error);
    ASSERT_NE(updated, nullptr) << error;
    EXPECT_NE(stats.rebuild_reason.find(reason), std::string::npos) << stats.rebuild_reason;
    DatabaseBuilder b;
    for (const auto& r : expected) b.Add(r);
    b.NoteDataDate("20261201");
    ExpectSameTables(*b.Finish(), *updated);
  }
  std::vector<AddressRow> rows_;
};

TEST_F(PatchRefusedTest, ARowInADistrictTheIndexHasNoRoadIn) {
  // 세종 only: 대전 유성구 is one of the empty regions of uncovered 시도.
  AddressRow r = Changed(rows_[100], "31", "20261201");
  r.sido = "대전광역시";
  r.sigungu = "유성구";
  r.mgmt_no = "30200" + r.mgmt_no.substr(5);
  std::vector<AddressRow> expected = rows_;
  expected.push_back(r);
  ExpectRebuild({r}, expected, "시군구");
}

TEST_F(PatchRefusedTest, EveryRowOfAnAreaDeleted) {
  // The 리 with the fewest rows (at least two): all of them deleted.
  std::map<std::pair<std::string, std::string>, size_t> count;
  for (const auto& r : rows_) {
    if (!r.ri.empty()) ++count[{r.emd, r.ri}];
  }
  std::pair<std::string, std::string> fewest;
  size_t least = SIZE_MAX;
  for (const auto& [ri, n] : count) {
    if (n >= 2 && n < least) least = n, fewest = ri;
  }
  ASSERT_NE(least, SIZE_MAX);
  std::vector<AddressRow> changes, expected;
  for (const auto& r : rows_) {
    if (std::pair(r.emd, r.ri) == fewest) {
      changes.push_back(Changed(r, "63", "20261201"));
    } else {
      expected.push_back(r);
    }
  }
  ExpectRebuild(changes, expected, "area");
}

// The patch against a rebuild on the real 2013 대전 rows: both answer alike
// whether the patch is taken or refused.
class PatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string dir = doro::testing::SharedPath("data/koreapost2013/daejeon");
    if (!fs::exists(dir)) GTEST_SKIP() << dir << " not present";
    rows_ = ReadRows(dir);
    ASSERT_GT(rows_.size(), 50000u);
  }
  // Applies `changes` both ways; the patch is refused with a reason
  // holding `refused` (or taken when it is "").
  void ExpectAlike(const Database& old, const std::vector<AddressRow>& changes, const std::string& refused) {
    const ChangeFile f = DayFile(changes);
    LoadReport none, report;
    ChangeStats patch_stats, rebuild_stats;
    std::string error;
    const auto patched = ApplyChanges(old, none, {f}, &report, &patch_stats, &error);
    ASSERT_NE(patched, nullptr) << error;
    const auto rebuilt = ApplyChanges(old, none, {f}, &report, &rebuild_stats, &error, UpdateMethod::kRebuild);
    ASSERT_NE(rebuilt, nullptr) << error;
    if (refused.empty()) {
      EXPECT_EQ(patch_stats.rebuild_reason, "");
    } else {
      EXPECT_NE(patch_stats.rebuild_reason.find(refused), std::string::npos) << patch_stats.rebuild_reason;
    }
    ExpectSameDump(*rebuilt, *patched);
  }
  std::vector<AddressRow> rows_;
};

TEST_F(PatchTest, ARowSpellingItsSidoOtherwiseIsRefused) {
  // A full build tells regions apart by spelling: "대전" makes another.
  AddressRow r = Changed(rows_[500], "34", "20261201");
  r.sido = "대전";
  ExpectAlike(*Build(rows_), {r}, "spells");
}

TEST_F(PatchTest, TheFirstRowMovingToAnotherDistrictIsRefused) {
  // Regions are numbered in the order rows first name them.
  size_t other = 0;
  while (rows_[other].sigungu == rows_[0].sigungu) ++other;
  AddressRow r = Changed(rows_[0], "34", "20261201");
  r.sigungu = rows_[other].sigungu;
  ExpectAlike(*Build(rows_), {r}, "order");
}

TEST_F(PatchTest, ANewLegalCodeForAnAreaIsRefused) {
  std::vector<AddressRow> changes;
  for (const auto& row : rows_) {
    if (row.emd != rows_[1000].emd || row.sigungu != rows_[1000].sigungu) continue;
    AddressRow r = Changed(row, "34", "20261201");
    r.legal_code = r.legal_code.substr(0, 5) + "999" + r.legal_code.substr(8);
    changes.push_back(r);
  }
  ExpectAlike(*Build(rows_), changes, "법정동코드");
}

TEST_F(PatchTest, RelatedLotsOldRoadsAndOtherIdsArePatched) {
  // Old road names gathering several roads' buildings, ids not of the
  // official shape (one of them twice), related lots; then buildings with
  // related lots renumbered, an id moved to another road, a road's first
  // row deleted while the rest of it is renamed, and deletions.
  std::vector<AddressRow> rows = rows_;
  for (size_t i = 0; i < rows.size(); ++i) {
    AddressRow& r = rows[i];
    if (i % 7 == 0) r.previous_address = r.sido + " " + r.sigungu + " 옛길" + std::to_string(i % 5) + " " + std::to_string(i % 40 + 1);
    if (i % 11 == 0) r.mgmt_no = "X" + std::to_string(i);
  }
  rows[3001].mgmt_no = rows[22].mgmt_no;
  std::vector<RelatedLotRow> lots;
  for (size_t i = 0; i < rows.size(); i += 17) {
    const AddressRow& r = rows[i];
    lots.push_back({r.mgmt_no, r.legal_code, r.sido, r.sigungu, r.emd, r.ri, i % 2 == 0, r.jibun_main + 1,
                    static_cast<int>(i % 4), r.road_code, r.underground, r.main, r.sub, "31"});
  }
  const auto old = Build(rows, {}, lots);
  std::vector<AddressRow> changes;
  for (size_t i = 5; i < rows.size(); i += 301) changes.push_back(Changed(rows[i], "63", "20261201"));
  for (size_t i = 17 * 3; i < rows.size(); i += 17 * 41) {
    AddressRow r = Changed(rows[i], "34", "20261201");
    r.main += 1;
    changes.push_back(r);
  }
  AddressRow twice = Changed(rows[22], "34", "20261201");
  twice.zip = "11111";
  changes.push_back(twice);
  AddressRow moved = Changed(rows[33], "34", "20261201");
  moved.road_code = rows[5000].road_code;
  moved.road_name = rows[5000].road_name;
  changes.push_back(moved);
  size_t first = 9001;
  while (rows[first].road_code == rows[first - 1].road_code) ++first;
  changes.push_back(Changed(rows[first], "63", "20261201"));
  for (size_t k = first + 1; k < rows.size() && rows[k].road_code == rows[first].road_code; k += 2) {
    AddressRow r = Changed(rows[k], "34", "20261201");
    r.road_name += "2";
    changes.push_back(r);
  }
  ExpectAlike(*old, changes, "");
}

TEST_F(PatchTest, NoRowLeftFailsBothWays) {
  std::vector<AddressRow> rows(rows_.begin(), rows_.begin() + 3), changes;
  for (auto& r : rows) r.sido = "없는도";  // rows of no known 시도: no building
  for (const auto& r : rows) changes.push_back(Changed(r, "63", "20261201"));
  const auto old = Build(rows);
  const ChangeFile f = DayFile(changes);
  for (const UpdateMethod m : {UpdateMethod::kPatchRoads, UpdateMethod::kRebuild}) {
    LoadReport none, report;
    ChangeStats stats;
    std::string error;
    EXPECT_EQ(ApplyChanges(*old, none, {f}, &report, &stats, &error, m), nullptr);
    EXPECT_EQ(error, "no address rows left after the changes");
  }
}

INSTANTIATE_TEST_SUITE_P(SharedData, RealChangesTest,
                         ::testing::Values("data/juso/sejong", "data/koreapost2013/daejeon"));

}  // namespace
}  // namespace doro::db
