// `doro index update` end to end: on real rows, the updated index answers
// every label exactly as an index built over the edited full files does;
// bad change files fail with exit code 1 and write nothing; the data's date
// is reported by `index info`.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "cli_test_util.h"
#include "db/address_row.h"
#include "db/format.h"
#include "shared_data.h"

namespace doro::cli {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::ReadAll;
using testing::RunDoro;
using testing::TempDir;

void Write(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }

// "90-17", "90".
std::string Number(const db::AddressRow& r) {
  return std::to_string(r.main) + (r.sub ? "-" + std::to_string(r.sub) : "");
}

std::vector<db::AddressRow> ReadRows(const std::string& path) {
  std::vector<db::AddressRow> rows;
  LoadReport report;
  std::string error;
  EXPECT_TRUE(db::ReadAddressPath(path, [&](db::AddressRow&& r) { rows.push_back(std::move(r)); }, &report, &error));
  return rows;
}

TEST(IndexUpdateCliTest, AnswersMatchAnIndexBuiltOverTheEditedFiles) {
  const std::string sejong = doro::testing::SharedPath("data/juso/sejong");
  if (!fs::exists(sejong)) GTEST_SKIP() << sejong << " not present";
  std::vector<db::AddressRow> rows = ReadRows(sejong);
  ASSERT_GT(rows.size(), 1000u);
  const size_t n = rows.size();
  TempDir tmp;
  std::string changes, labels;
  std::vector<db::AddressRow> edited = rows;
  std::vector<bool> gone(n, false);
  // A road renamed (every row of the road of row n/3), a building renumbered,
  // a basement added, a few deleted; labels for each, with old and new names.
  const std::string road = rows[n / 3].road_code;
  const std::string old_name = rows[n / 3].road_name;
  for (size_t i = 0; i < n; ++i) {
    if (rows[i].road_code != road) continue;
    edited[i].road_name = "새" + old_name;
    edited[i].move_reason = "34";
    edited[i].effective_date = "20261201";
    changes += db::FormatAddressRow(edited[i]) + "\n";
    labels += Number(rows[i]) + ", 새" + old_name + ", 세종\n";
    labels += Number(rows[i]) + ", " + old_name + ", 세종\n";
  }
  const size_t moved = n / 2;
  ASSERT_NE(rows[moved].road_code, road);
  edited[moved].main += 5000;
  edited[moved].move_reason = "34";
  changes += db::FormatAddressRow(edited[moved]) + "\n";
  labels += Number(edited[moved]) + ", " + rows[moved].road_name + ", 세종\n";
  labels += Number(rows[moved]) + ", " + rows[moved].road_name + ", 세종\n";
  size_t under = n / 4;
  while (rows[under].underground || rows[under].road_code == road) ++under;
  db::AddressRow basement = rows[under];
  basement.underground = true;
  basement.move_reason = "31";
  basement.mgmt_no = db::OfficialBuildingId(std::stoull(basement.road_code),
                                            static_cast<uint32_t>(std::stoi(basement.mgmt_no.substr(5, 3))), true,
                                            static_cast<uint32_t>(basement.main), static_cast<uint32_t>(basement.sub));
  changes += db::FormatAddressRow(basement) + "\n";
  labels += "지하 " + Number(basement) + ", " + basement.road_name + ", 세종\n";
  for (size_t i = 11; i < n; i += 1500) {
    if (rows[i].road_code == road || i == moved) continue;
    gone[i] = true;
    db::AddressRow r = rows[i];
    r.move_reason = "63";
    changes += db::FormatAddressRow(r) + "\n";
    labels += std::to_string(r.main) + ", " + r.road_name + ", 세종\n";
  }
  for (size_t i = 0; i < n; i += 97) labels += Number(rows[i]) + " " + rows[i].road_name + "\n";
  // The full file with the same changes made by hand.
  fs::create_directories(tmp.path / "edited");
  {
    std::string full;
    for (size_t i = 0; i < n; ++i)
      if (!gone[i]) full += db::FormatAddressRow(edited[i]) + "\n";
    full += db::FormatAddressRow(basement) + "\n";
    Write(tmp.path / "edited" / "rnaddrkor_sejong.txt", full);
  }
  const fs::path day = tmp.path / "AlterD.JUSUKR.20261201.TH_SGCO_RNADR_MST.TXT";
  Write(day, changes);
  Write(tmp.path / "labels.txt", labels);
  const std::string old_idx = (tmp.path / "old.idx").string(), new_idx = (tmp.path / "new.idx").string(),
                    full_idx = (tmp.path / "full.idx").string();
  ASSERT_EQ(RunDoro("index build --db " + sejong + " --out " + old_idx).exit_code, 0);
  ASSERT_EQ(RunDoro("index build --db " + (tmp.path / "edited").string() + " --out " + full_idx).exit_code, 0);
  const auto up = RunDoro("index update --index " + old_idx + " --changes " + day.string() + " --out " + new_idx);
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_THAT(up.err, HasSubstr(" 1 added,"));
  EXPECT_THAT(up.err, HasSubstr("data of 2026-12-01"));
  EXPECT_THAT(up.err, HasSubstr(" roads rebuilt, the others kept"));  // patched, not rebuilt
  // --rebuild: every road rebuilt, and the file is that of `index build`
  // over the edited files but for the header (build time, sources).
  const std::string rebuilt_idx = (tmp.path / "rebuilt.idx").string();
  const auto re = RunDoro("index update --rebuild --index " + old_idx + " --changes " + day.string() + " --out " +
                          rebuilt_idx);
  ASSERT_EQ(re.exit_code, 0) << re.err;
  EXPECT_THAT(re.err, Not(HasSubstr("roads rebuilt")));

  const auto a = RunDoro("batch --db " + new_idx + " --input " + (tmp.path / "labels.txt").string());
  const auto b = RunDoro("batch --db " + full_idx + " --input " + (tmp.path / "labels.txt").string());
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_TRUE(a.out == b.out) << "answers differ";
  const auto c = RunDoro("batch --db " + rebuilt_idx + " --input " + (tmp.path / "labels.txt").string());
  EXPECT_TRUE(c.out == b.out) << "answers of --rebuild differ";
  // The changes show: the new road name answers, the basement exists.
  EXPECT_THAT(a.out, HasSubstr("새" + old_name + " " + Number(rows[n / 3]) + "\""));
  EXPECT_THAT(a.out, HasSubstr(basement.road_name + " 지하 " + Number(basement) + "\""));
  EXPECT_THAT(a.out, HasSubstr(rows[moved].road_name + " " + Number(edited[moved]) + "\""));

  const auto info_new = RunDoro("index info " + new_idx), info_full = RunDoro("index info " + full_idx);
  auto line = [](const std::string& text, const std::string& key) {
    const size_t at = text.find(key);
    return at == std::string::npos ? std::string() : text.substr(at, text.find('\n', at) - at);
  };
  for (const char* key : {"rows:", "roads:", "data date:"}) EXPECT_EQ(line(info_new.out, key), line(info_full.out, key));
  EXPECT_THAT(info_new.out, HasSubstr("data date:      2026-12-01"));
  EXPECT_THAT(info_new.out, HasSubstr(" changes  " + day.string()));
}

TEST(IndexUpdateCliTest, BadChangeFilesFailAndWriteNothing) {
  TempDir tmp;
  const std::string idx = (tmp.path / "demo.idx").string(), out = (tmp.path / "out.idx").string();
  ASSERT_EQ(RunDoro("index build --db " + std::string(DORO_SOURCE_DIR) + "/data/demo --out " + idx).exit_code, 0);
  const std::string demo_row = ReadAll(std::string(DORO_SOURCE_DIR) + "/data/demo/rnaddrkor_demo.txt");
  std::string first = demo_row.substr(0, demo_row.find('\n'));
  db::AddressRow row;
  std::string why;
  ASSERT_TRUE(db::ParseAddressRow(first, &row, &why)) << why;
  row.move_reason = "34";
  row.effective_date.clear();
  Write(tmp.path / "undated.txt", db::FormatAddressRow(row) + "\n");
  fs::create_directories(tmp.path / "empty");
  Write(tmp.path / "empty" / "readme.md", "nothing here");
  Write(tmp.path / "not_an_index", "hello");
  std::string damaged = ReadAll(idx);
  damaged[damaged.size() / 2] ^= 1;
  Write(tmp.path / "damaged.idx", damaged);
  struct Case {
    std::string args, message;
    int code;
  };
  const std::string c = " --out " + out;
  const Case cases[] = {
      {"--index " + idx + " --changes " + (tmp.path / "missing.txt").string() + c, "missing.txt", 1},
      {"--index " + idx + " --changes " + (tmp.path / "empty").string() + c, "no change file", 1},
      {"--index " + idx + " --changes " + (tmp.path / "undated.txt").string() + c, "cannot tell its date", 1},
      {"--index " + (tmp.path / "not_an_index").string() + " --changes " + (tmp.path / "undated.txt").string() + c,
       "not a doro index", 1},
      {"--index " + (tmp.path / "damaged.idx").string() + " --changes " + (tmp.path / "undated.txt").string() + c,
       "checksum", 1},
      {"--index " + idx + c, "--changes", 2},
      {"--index " + idx + " --changes " + (tmp.path / "undated.txt").string(), "--out", 2},
  };
  for (const Case& k : cases) {
    const auto r = RunDoro("index update " + k.args);
    EXPECT_EQ(r.exit_code, k.code) << k.args << "\n" << r.err;
    EXPECT_THAT(r.err, HasSubstr(k.message)) << k.args;
    EXPECT_FALSE(fs::exists(out)) << k.args;
    EXPECT_FALSE(fs::exists(out + ".tmp")) << k.args;
  }
  // Bad lines and unknown codes are reported, not fatal; `No Data` moves
  // the date on.
  row.move_reason = "77";
  Write(tmp.path / "AlterD.JUSUKR.20261110.TH_SGCO_RNADR_MST.TXT", "garbage line\n" + db::FormatAddressRow(row) + "\n");
  Write(tmp.path / "AlterD.JUSUKR.20261111.TH_SGCO_RNADR_MST.TXT", "No Data");
  const auto r = RunDoro("index update --index " + idx + " --changes " +
                         (tmp.path / "AlterD.JUSUKR.20261111.TH_SGCO_RNADR_MST.TXT").string() + " " +
                         (tmp.path / "AlterD.JUSUKR.20261110.TH_SGCO_RNADR_MST.TXT").string() + c);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("unknown 이동사유코드 '77': 1 rows skipped"));
  EXPECT_THAT(r.err, HasSubstr("1 bad lines"));
  EXPECT_THAT(r.err, HasSubstr("(No Data)"));
  const auto info = RunDoro("index info " + out);
  EXPECT_THAT(info.out, HasSubstr("data date:      2026-11-11"));
  // Same answers as the index it came from: nothing was applied.
  const auto before = RunDoro("refine --db " + idx + " \"B 93, Wangsan-ro, Dongdaemun-gu, Seoul\"");
  const auto after = RunDoro("refine --db " + out + " \"B 93, Wangsan-ro, Dongdaemun-gu, Seoul\"");
  EXPECT_EQ(before.out, after.out);
  EXPECT_THAT(after.out, HasSubstr("왕산로"));
}

}  // namespace
}  // namespace doro::cli
