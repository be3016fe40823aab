// Synthetic nationwide database: layout, determinism, code consistency and
// the shapes the real file has (shared road names, 읍/면 with 리, basements).
#include "testgen/national.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "db/sido.h"
#include "db/sigungu_table.h"
#include "text/encoding.h"
#include "shared_data.h"

namespace doro::gen {
namespace {

namespace fs = std::filesystem;

constexpr double kScale = 0.002;
const std::string kSejong = doro::testing::SharedPath("data/juso/sejong/rnaddrkor_sejong.txt");

struct Generated {
  NationalCounts counts;
  std::vector<std::string> files;  // file of each row
  std::vector<db::AddressRow> rows;
};

const Generated& Fallback() {
  static const Generated* g = [] {
    auto* out = new Generated;
    NationalOptions opt;
    opt.scale = kScale;
    out->counts = GenerateNational(opt, [&](std::string_view file, const db::AddressRow& row) {
      out->files.emplace_back(file);
      out->rows.push_back(row);
    });
    return out;
  }();
  return *g;
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(fs::temp_directory_path() /
              (name + "_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
               "_" + std::to_string(reinterpret_cast<uintptr_t>(this)))) {
    fs::remove_all(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string str() const { return path_.string(); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::map<std::string, std::string> Write(const NationalOptions& opt, const TempDir& dir) {
  NationalCounts counts;
  std::string error;
  EXPECT_TRUE(WriteNational(opt, dir.str(), &counts, &error)) << error;
  std::map<std::string, std::string> files;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    files[e.path().filename().string()] = ReadAll(e.path());
  }
  return files;
}

TEST(GenNational, SeventeenFilesWithOfficialNames) {
  TempDir dir("gen_national_files");
  NationalOptions opt;
  opt.scale = kScale;
  const auto files = Write(opt, dir);
  const std::set<std::string> want = {
      "rnaddrkor_seoul.txt",    "rnaddrkor_busan.txt",     "rnaddrkor_daegu.txt",
      "rnaddrkor_incheon.txt",  "rnaddrkor_gwangju.txt",   "rnaddrkor_daejeon.txt",
      "rnaddrkor_ulsan.txt",    "rnaddrkor_sejong.txt",    "rnaddrkor_gyunggi.txt",
      "rnaddrkor_gangwon.txt",  "rnaddrkor_chungbuk.txt",  "rnaddrkor_chungnam.txt",
      "rnaddrkor_jeonbuk.txt",  "rnaddrkor_jeonnam.txt",   "rnaddrkor_gyeongbuk.txt",
      "rnaddrkor_gyeongnam.txt", "rnaddrkor_jeju.txt"};
  std::set<std::string> got;
  for (const auto& [name, bytes] : files) {
    got.insert(name);
    EXPECT_FALSE(bytes.empty()) << name;
    EXPECT_EQ(bytes.back(), '\n') << name;
  }
  EXPECT_EQ(got, want);
  for (const auto& s : db::AllSido()) EXPECT_TRUE(want.count(std::string(NationalFileName(s.code))));
  EXPECT_EQ(NationalFileName("99"), "");
}

TEST(GenNational, SameSeedSameBytesOtherSeedOtherBytes) {
  TempDir a("gen_national_a"), b("gen_national_b"), c("gen_national_c");
  NationalOptions opt;
  opt.scale = kScale;
  opt.threads = 2;
  const auto first = Write(opt, a);
  opt.threads = 1;  // threads must not change the output
  const auto second = Write(opt, b);
  EXPECT_EQ(first, second);
  opt.seed = 2;
  const auto third = Write(opt, c);
  ASSERT_EQ(third.size(), first.size());
  int differing = 0;
  for (const auto& [name, bytes] : first) differing += third.at(name) != bytes;
  EXPECT_EQ(differing, 17);
}

TEST(GenNational, StreamMatchesFilesAndCp949RoundTrips) {
  TempDir cp("gen_national_cp949"), u8("gen_national_utf8");
  NationalOptions opt;
  opt.scale = kScale;
  const auto cp949 = Write(opt, cp);
  opt.cp949 = false;
  const auto utf8 = Write(opt, u8);
  // The streamed rows, formatted, are exactly the UTF-8 files.
  std::map<std::string, std::string> streamed;
  const Generated& g = Fallback();
  for (size_t i = 0; i < g.rows.size(); ++i) {
    streamed[g.files[i]] += db::FormatAddressRow(g.rows[i]) + "\n";
  }
  EXPECT_EQ(streamed, utf8);
  for (const auto& [name, bytes] : cp949) {
    EXPECT_NE(bytes, utf8.at(name)) << name << " was not encoded";
    auto decoded = text::Cp949ToUtf8(bytes);
    ASSERT_TRUE(decoded.has_value()) << name;
    EXPECT_EQ(*decoded, utf8.at(name)) << name;
  }
}

TEST(GenNational, EveryRowParsesAndCountsAddUp) {
  const Generated& g = Fallback();
  ASSERT_FALSE(g.rows.empty());
  EXPECT_EQ(g.counts.rows, g.rows.size());
  EXPECT_EQ(g.counts.files.size(), 17u);
  std::set<std::string> road_codes;
  for (const auto& row : g.rows) {
    const std::string line = db::FormatAddressRow(row);
    db::AddressRow parsed;
    std::string why;
    ASSERT_TRUE(db::ParseAddressRow(line, &parsed, &why)) << why << ": " << line;
    EXPECT_EQ(db::FormatAddressRow(parsed), line);
    road_codes.insert(row.road_code);
  }
  EXPECT_EQ(g.counts.roads, road_codes.size());
  // About 6.4M rows at scale 1, 18 rows a road.
  EXPECT_GT(g.rows.size(), 6.4e6 * kScale * 0.8);
  EXPECT_LT(g.rows.size(), 6.4e6 * kScale * 1.2);
  EXPECT_GT(road_codes.size(), 350000 * kScale * 0.7);
  EXPECT_LT(road_codes.size(), 350000 * kScale * 1.4);
  std::map<std::string, uint64_t> per_file;
  for (const auto& f : g.counts.files) per_file[f.file] = f.rows;
  EXPECT_GT(per_file["rnaddrkor_gyunggi.txt"], per_file["rnaddrkor_seoul.txt"]);
  EXPECT_GT(per_file["rnaddrkor_seoul.txt"], per_file["rnaddrkor_busan.txt"]);
  for (const auto& [file, n] : per_file) {
    if (file != "rnaddrkor_sejong.txt") {
      EXPECT_GT(n, per_file["rnaddrkor_sejong.txt"]) << file;
    }
  }
}

TEST(GenNational, AreasAndCodesAreTheRealOnesAndConsistent) {
  const Generated& g = Fallback();
  std::map<std::string, std::string_view> sgg_name;
  for (const auto& s : db::AllSigungu()) sgg_name[std::string(s.code)] = s.name;
  std::set<std::string> seen_sgg;
  std::map<std::tuple<std::string, std::string, std::string>, std::string> legal;
  std::map<std::string, std::pair<std::string, std::string>> legal_back;
  std::map<std::pair<std::string, std::string>, std::string> road_code_of;
  std::map<std::string, std::string> road_name_of;
  std::map<std::string, std::string> zip_owner;
  for (size_t i = 0; i < g.rows.size(); ++i) {
    const auto& r = g.rows[i];
    ASSERT_EQ(r.road_code.size(), 12u) << r.road_code;
    ASSERT_EQ(r.legal_code.size(), 10u) << r.legal_code;
    ASSERT_EQ(r.admin_code.size(), 10u) << r.admin_code;
    const std::string sgg = r.road_code.substr(0, 5);
    EXPECT_EQ(r.legal_code.substr(0, 5), sgg);
    EXPECT_EQ(r.admin_code.substr(0, 5), sgg);
    ASSERT_TRUE(sgg_name.count(sgg)) << sgg;
    EXPECT_EQ(r.sigungu, sgg_name[sgg]);
    const db::SidoInfo* sido = db::FindSidoByKorean(r.sido);
    ASSERT_NE(sido, nullptr) << r.sido;
    EXPECT_EQ(sido->code, sgg.substr(0, 2));
    EXPECT_EQ(g.files[i], NationalFileName(sido->code));
    seen_sgg.insert(sgg);
    // 법정동코드: one per (시군구, 읍면동, 리) and back.
    auto [it, fresh] = legal.emplace(std::make_tuple(sgg, r.emd, r.ri), r.legal_code);
    EXPECT_EQ(it->second, r.legal_code) << r.emd << " " << r.ri;
    auto [bit, bfresh] = legal_back.emplace(r.legal_code, std::make_pair(r.emd, r.ri));
    EXPECT_EQ(bit->second, std::make_pair(r.emd, r.ri)) << r.legal_code;
    EXPECT_EQ(r.ri.empty(), r.legal_code.substr(8) == "00");
    // 도로명코드: one per (시군구, road) and back.
    auto [rit, rfresh] = road_code_of.emplace(std::make_pair(sgg, r.road_name), r.road_code);
    EXPECT_EQ(rit->second, r.road_code) << r.road_name;
    auto [nit, nfresh] = road_name_of.emplace(r.road_code, r.road_name);
    EXPECT_EQ(nit->second, r.road_name) << r.road_code;
    // Postal codes: five digits, each belongs to one 시군구.
    ASSERT_EQ(r.zip.size(), 5u);
    auto [zit, zfresh] = zip_owner.emplace(r.zip, sgg);
    EXPECT_EQ(zit->second, sgg) << r.zip;
    const int prefix = std::stoi(r.zip.substr(0, 2));
    if (sido->code == "11") {
      EXPECT_TRUE(prefix >= 1 && prefix <= 9) << r.zip;
    } else if (sido->code == "26") {
      EXPECT_TRUE(prefix >= 46 && prefix <= 49) << r.zip;
    } else if (sido->code == "50") {
      EXPECT_EQ(prefix, 63) << r.zip;
    }
    if (sido->code == "36") {
      EXPECT_TRUE(r.sigungu.empty());
    } else {
      EXPECT_FALSE(r.sigungu.empty());
    }
  }
  EXPECT_EQ(seen_sgg.size(), db::AllSigungu().size());  // every 시군구 has rows
}

TEST(GenNational, AddressesAndManagementNumbersAreUnique) {
  const Generated& g = Fallback();
  std::set<std::tuple<std::string, bool, int, int>> addresses;
  std::set<std::string> mgmt;
  for (const auto& r : g.rows) {
    EXPECT_TRUE(addresses.emplace(r.road_code, r.underground, r.main, r.sub).second)
        << r.road_name << " " << r.main << "-" << r.sub;
    EXPECT_EQ(r.mgmt_no.size(), 26u);
    EXPECT_TRUE(mgmt.insert(r.mgmt_no).second) << r.mgmt_no;
    EXPECT_GT(r.main, 0);
  }
}

TEST(GenNational, RealFileShapes) {
  const Generated& g = Fallback();
  std::map<std::string, std::set<std::string>> sgg_of_name;
  std::set<std::pair<std::string, int>> above;
  std::vector<std::pair<std::string, int>> below;
  size_t rural = 0, basement = 0, with_sub = 0, apartments = 0, named = 0, daero = 0;
  for (const auto& r : g.rows) {
    sgg_of_name[r.road_name].insert(r.road_code.substr(0, 5));
    const bool eup_myeon = r.emd.ends_with("읍") || r.emd.ends_with("면");
    if (eup_myeon) {
      ++rural;
      EXPECT_TRUE(r.ri.ends_with("리")) << r.ri;
    } else {
      EXPECT_TRUE(r.emd.ends_with("동")) << r.emd;
      EXPECT_TRUE(r.ri.empty());
    }
    if (r.underground) {
      ++basement;
      below.emplace_back(r.road_code, r.main);
    } else {
      above.emplace(r.road_code, r.main);
    }
    with_sub += r.sub > 0;
    apartments += r.apartment;
    named += !r.building_name.empty();
    daero += r.road_name.find("대로") != std::string::npos;
  }
  const double n = static_cast<double>(g.rows.size());
  EXPECT_GT(rural / n, 0.1);
  EXPECT_GT(basement, 0u);
  EXPECT_LT(basement / n, 0.06);
  size_t basement_under_building = 0;
  for (const auto& b : below) basement_under_building += above.count(b);
  EXPECT_GT(basement_under_building, 0u);
  EXPECT_GT(with_sub / n, 0.25);
  EXPECT_LT(with_sub / n, 0.55);
  EXPECT_GT(apartments, 0u);
  EXPECT_GT(named / n, 0.05);
  EXPECT_GT(daero, 0u);
  size_t shared = 0;
  for (const auto& [name, sggs] : sgg_of_name) shared += sggs.size() >= 5;
  EXPECT_GE(shared, 3u) << "common road names should recur across 시군구";
}

// A numbered road hangs off a main road of the same 시군구: X로12번길 off X로,
// X로3길 off X로, X3길 off X로 or X대로.
TEST(GenNational, BranchRoadsHaveTheirMainRoad) {
  const Generated& g = Fallback();
  std::set<std::pair<std::string, std::string>> roads;
  for (const auto& r : g.rows) roads.emplace(r.road_code.substr(0, 5), r.road_name);
  size_t branches = 0, beonil = 0;
  for (const auto& [sgg, name] : roads) {
    std::string s = name;
    const bool is_beon = s.ends_with("번길");
    if (is_beon) {
      s.resize(s.size() - std::string("번길").size());
    } else if (s.ends_with("길")) {
      s.resize(s.size() - std::string("길").size());
    } else {
      continue;
    }
    const size_t digits = s.find_last_not_of("0123456789") + 1;
    if (digits == s.size()) {
      EXPECT_FALSE(is_beon) << name;
      continue;  // a main road named ...길
    }
    const int number = std::stoi(s.substr(digits));
    EXPECT_GT(number, 0) << name;
    const std::string base = s.substr(0, digits);
    ++branches;
    beonil += is_beon;
    const bool found = roads.count({sgg, base}) || roads.count({sgg, base + "로"}) ||
                       roads.count({sgg, base + "대로"});
    EXPECT_TRUE(found || !is_beon) << sgg << " " << name;
    if (is_beon) {
      EXPECT_TRUE(base.ends_with("로")) << name;
    }
  }
  EXPECT_GT(branches, roads.size() / 3);
  EXPECT_GT(beonil, 0u);
}

TEST(GenNational, LearnsFromTheSejongFileWhenPresent) {
  if (!fs::exists(kSejong)) GTEST_SKIP() << "../shared/data not present: " << kSejong;
  NationalOptions opt;
  opt.scale = kScale;
  opt.sejong_path = kSejong;
  std::vector<std::string> lines;
  std::set<std::string> names;
  const NationalCounts counts =
      GenerateNational(opt, [&](std::string_view, const db::AddressRow& row) {
        lines.push_back(db::FormatAddressRow(row));
        names.insert(row.road_name);
      });
  EXPECT_TRUE(counts.learned);
  EXPECT_EQ(lines.size(), counts.rows);
  // Different statistics, different names.
  std::set<std::string> fallback_names;
  for (const auto& r : Fallback().rows) fallback_names.insert(r.road_name);
  EXPECT_NE(names, fallback_names);
  // New names, mostly: few of the real Sejong road names come back.
  std::set<std::string> real;
  LoadReport report;
  std::string error;
  ASSERT_TRUE(db::ReadAddressPath(
      kSejong, [&](db::AddressRow&& row) { real.insert(row.road_name); }, &report, &error))
      << error;
  size_t copied = 0;
  for (const auto& n : names) copied += real.count(n);
  EXPECT_LT(copied, names.size() / 10) << copied << " of " << names.size();
}

TEST(GenNational, MissingStatisticsFileFallsBack) {
  NationalOptions opt;
  opt.scale = kScale / 4;
  opt.sejong_path = "/nonexistent/rnaddrkor_sejong.txt";
  size_t rows = 0;
  const NationalCounts counts =
      GenerateNational(opt, [&](std::string_view, const db::AddressRow&) { ++rows; });
  EXPECT_FALSE(counts.learned);
  EXPECT_EQ(rows, counts.rows);
  EXPECT_GT(rows, 0u);
}

TEST(GenNational, OddOptionsDoNotCrash) {
  for (double scale : {0.0, -1.0, std::nan("")}) {
    NationalOptions opt;
    opt.scale = scale;
    const NationalCounts counts = GenerateNational(opt, nullptr);
    EXPECT_GE(counts.rows, db::AllSigungu().size()) << scale;  // one row per 시군구 at least
    EXPECT_LT(counts.rows, 2000u) << scale;
  }
  TempDir dir("gen_national_file");
  std::ofstream(dir.str()) << "x";  // a file where the directory should be
  NationalOptions opt;
  opt.scale = 0;
  std::string error;
  EXPECT_FALSE(WriteNational(opt, dir.str(), nullptr, &error));
  EXPECT_FALSE(error.empty());
}

TEST(GenNational, SigunguTableMatchesTheAdminTable) {
  const std::string kPath = doro::testing::SharedPath("data/admin/admin_sido_sigungu_en.tsv");
  std::ifstream in(kPath);
  if (!in) GTEST_SKIP() << "../shared/data not present: " << kPath;
  std::map<std::string, std::string> want;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, '\t');) f.push_back(x);
    if (f.size() < 3 || f[0] != "sigungu") continue;
    want[f[1]] = f[1] == "36110" ? "" : f[2];  // Sejong: the files leave 시군구명 empty
  }
  std::map<std::string, std::string> got;
  for (const auto& s : db::AllSigungu()) got[std::string(s.code)] = std::string(s.name);
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace doro::gen
