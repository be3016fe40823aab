// The compiled index: same answers as the text files, and damaged files are
// refused with a message instead of crashing.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "db/database.h"
#include "db/index_file.h"
#include "match/engine.h"

namespace doro {
namespace {

namespace fs = std::filesystem;

class IndexFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("doro_index_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    path_ = (dir_ / "demo.doroidx").string();
    LoadReport report;
    std::string error;
    auto db = db::Database::Load("", &report, &error);
    ASSERT_NE(db, nullptr) << error;
    ASSERT_TRUE(db::IndexFile::Write(*db, report, path_, &error)) << error;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string ReadAll() {
    std::ifstream in(path_, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  void WriteAll(const std::string& bytes) {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }

  fs::path dir_;
  std::string path_;
};

TEST_F(IndexFileTest, AnswersLikeTheTextFiles) {
  std::string error;
  auto from_text = Engine::Open("", &error);
  ASSERT_NE(from_text, nullptr) << error;
  auto from_index = Engine::Open(path_, &error);
  ASSERT_NE(from_index, nullptr) << error;
  EXPECT_EQ(from_index->report().rows, from_text->report().rows);
  EXPECT_EQ(from_index->report().roads, from_text->report().roads);
  for (const char* label : {"B 93, Wangsan-ro, Dongdaemun-gu, Seoul", "170, Toegye-ro",
                            "38 Chunghyeon-ro, Jochiwon-eup, Sejong", "229, 당산로, Seoul",
                            "B 2, Sejong-daero, Gung-gu, Seoul", "nothing here"}) {
    const Answer a = from_text->Refine(label);
    const Answer b = from_index->Refine(label);
    EXPECT_EQ(a.reason, b.reason) << label;
    EXPECT_EQ(a.address_full, b.address_full) << label;
    EXPECT_EQ(a.english, b.english) << label;
    EXPECT_EQ(a.zip, b.zip) << label;
  }
}

TEST_F(IndexFileTest, RefusesTruncatedFiles) {
  const std::string bytes = ReadAll();
  for (size_t keep : {size_t{0}, size_t{7}, size_t{100}, bytes.size() / 2, bytes.size() - 1}) {
    WriteAll(bytes.substr(0, keep));
    std::string error;
    EXPECT_EQ(Engine::Open(path_, &error), nullptr) << keep;
    EXPECT_FALSE(error.empty()) << keep;
  }
}

TEST_F(IndexFileTest, RefusesCorruptFiles) {
  const std::string bytes = ReadAll();
  for (size_t at : {size_t{9}, size_t{40}, bytes.size() / 3, bytes.size() - 10}) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5A);
    WriteAll(damaged);
    std::string error;
    EXPECT_EQ(Engine::Open(path_, &error), nullptr) << at;
    EXPECT_NE(error.find("refused"), std::string::npos) << error;
  }
}

// The header: magic (8 bytes), version and header_size (uint32 each, the
// host's byte order).
TEST_F(IndexFileTest, WrongHeaderSizeIsNamed) {
  std::string bytes = ReadAll();
  uint32_t version = 0, header_size = 0;
  std::memcpy(&version, bytes.data() + 8, 4);
  std::memcpy(&header_size, bytes.data() + 12, 4);
  const uint32_t wrong = header_size + 8;
  std::memcpy(bytes.data() + 12, &wrong, 4);
  WriteAll(bytes);
  std::string error;
  EXPECT_EQ(Engine::Open(path_, &error), nullptr);
  EXPECT_NE(error.find("header size " + std::to_string(wrong) + " bytes, format version " +
                       std::to_string(version) + " has " + std::to_string(header_size)),
            std::string::npos)
      << error;
}

TEST_F(IndexFileTest, WrongVersionIsNamed) {
  std::string bytes = ReadAll();
  const uint32_t old_version = 4;
  std::memcpy(bytes.data() + 8, &old_version, 4);
  WriteAll(bytes);
  std::string error;
  EXPECT_EQ(Engine::Open(path_, &error), nullptr);
  EXPECT_NE(error.find("format version 4, this build reads"), std::string::npos) << error;
}

// What Open requires beyond the checksum, tested on tables damaged in
// memory (a damaged file would fail its checksum first).
TEST(IndexTables, DamagedTablesAreRefused) {
  LoadReport report;
  std::string error;
  auto db = db::Database::Load("", &report, &error);
  ASSERT_NE(db, nullptr) << error;
  const db::Tables& good = db->tables();
  std::string why;
  ASSERT_TRUE(db::IndexFile::CheckTables(good, &why)) << why;
  // A road with two buildings or more, whose numbers can be put out of order.
  uint32_t road = 0;
  while (road < good.roads.size() && good.roads[road].building_count < 2) ++road;
  ASSERT_LT(road, good.roads.size());
  const uint32_t first = good.road_starts[road];

  auto refused = [&](const db::Tables& t, const std::string& expected) {
    std::string reason;
    const bool ok = db::IndexFile::CheckTables(t, &reason);
    EXPECT_FALSE(ok) << expected;
    EXPECT_NE(reason.find(expected), std::string::npos) << reason;
  };
  std::vector<uint32_t> numbers(good.building_numbers.begin(), good.building_numbers.end());
  std::vector<uint32_t> starts(good.road_starts.begin(), good.road_starts.end());
  std::vector<db::BuildingRec> buildings(good.buildings.begin(), good.buildings.end());
  {
    auto damaged = numbers;
    std::swap(damaged[first], damaged[first + 1]);
    db::Tables t = good;
    t.building_numbers = damaged;
    refused(t, "building numbers");
  }
  {
    auto damaged = numbers;
    damaged[first] ^= 1;
    db::Tables t = good;
    t.building_numbers = damaged;
    refused(t, "building numbers");
  }
  {
    auto damaged = starts;
    damaged.back() -= 1;
    db::Tables t = good;
    t.road_starts = damaged;
    refused(t, "building number arrays");
  }
  {
    auto damaged = starts;
    damaged[road + 1] += 1;  // a road's range no longer matches its record
    db::Tables t = good;
    t.road_starts = damaged;
    refused(t, "road building ranges");
  }
  {
    auto damaged = buildings;
    damaged[first].underground = 2;
    db::Tables t = good;
    t.buildings = damaged;
    refused(t, "building table");
  }
  const db::FlatMultiMap bad_region = db::FlatMultiMap::Build(
      {{db::HashKey("x"), db::PackRegion(db::RegionKind::kArea, static_cast<uint32_t>(good.areas.size()))}});
  const db::FlatMultiMap bad_road =
      db::FlatMultiMap::Build({{db::HashKey("x"), static_cast<uint32_t>(good.roads.size())}});
  {
    db::Tables t = good;
    t.region_keys = bad_region;
    refused(t, "hash index");
  }
  {
    db::Tables t = good;
    t.road_fuzzy = bad_road;
    refused(t, "hash index");
  }
}

}  // namespace
}  // namespace doro
