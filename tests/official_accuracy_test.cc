// End-to-end accuracy on labels written with the official English names
// (testgen/official_labels.h), not with our romanizer: the five koreapost2013
// regions together, and the real Sejong juso file with its English road names
// joined from koreapost2013/sejong by road code. Prints the per-class table
// and the failures, then holds the engine to what it achieved when this test
// was written (the engine team raises the floors towards the targets: >= 99.5%
// right, <= 0.1% wrong, each class <= 0.2% wrong).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "testgen/accuracy.h"
#include "match/engine.h"
#include "testgen/official_labels.h"
#include "shared_data.h"

namespace doro::testgen {
namespace {

namespace fs = std::filesystem;

const std::string kKoreaPost = doro::testing::SharedPath("data/koreapost2013");
const std::string kAdmin = doro::testing::SharedPath("data/admin");
const std::string kSejongJuso = doro::testing::SharedPath("data/juso/sejong");
const std::string kSejongEnglish = doro::testing::SharedPath("data/koreapost2013/sejong/TN_SPRD_RDNM.txt");

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// The targets of the real-data accuracy issue: >= 99.5% right, <= 0.1%
// wrong, each class <= 0.2% wrong. On the engine of fcf1482 the five regions
// were at 98.73% right and 0.63% wrong (branch_road 6.67% wrong,
// neg_other_city 5.33%), Sejong at 99.30% / 0.40%, the public labels at
// 83.4% / 0.7%. Sanitized builds refine fewer cases, so one miss weighs more
// in the right% there; wrong answers are held to the same limits.
struct Limits {
  double min_right_pct;
  double max_wrong_pct;
  double max_class_wrong_pct;
};
constexpr double kRightSlack = kSanitized ? 1.0 : 0.0;
constexpr Limits kFiveRegions = {99.5 - kRightSlack, 0.1, 0.2};
// Sejong's juso file without a road-name file: the loanwords of its names
// (터미널안길 "Terminalan-gil") are beyond our romanizer, hence a lower floor.
constexpr Limits kSejong = {99.3 - kRightSlack, 0.1, 0.2};
constexpr Limits kPublicLabels = {99.5, 0.0, 0.0};

gen::AccuracyReport RunAndCheck(const Engine& engine, const std::vector<LabelCase>& cases,
                                const Limits& limits) {
  const gen::AccuracyReport r = gen::Score(
      cases,
      [&](std::string_view label) {
        Answer a = engine.Refine(label, Detail::kAddress);
        return gen::Outcome{a.ok(), a.address, ReasonName(a.reason), ""};
      },
      100000);
  std::cout << r.Table() << "\nFailures (class, verdict, label, expected, got):\n"
            << r.FailureList(10) << std::flush;
  EXPECT_GE(r.total.RightPct(), limits.min_right_pct);
  EXPECT_LE(r.total.WrongPct(), limits.max_wrong_pct);
  for (const auto& [cls, s] : r.by_class) {
    EXPECT_LE(s.WrongPct(), limits.max_class_wrong_pct) << cls;
  }
  return r;
}

// The engine opens one folder: a temporary one with links to `files` and to
// the road-name files `road_names` (as the official download has them beside
// the address files), renamed apart: TN_SPRD_RDNM_<n>.txt.
std::unique_ptr<Engine> OpenFiles(const std::vector<std::string>& files,
                                  const std::vector<std::string>& road_names, std::string* error) {
  const fs::path dir = fs::temp_directory_path() / ("official_accuracy." + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& f : files) fs::create_symlink(fs::absolute(f), dir / fs::path(f).filename());
  for (size_t i = 0; i < road_names.size(); ++i) {
    fs::create_symlink(fs::absolute(road_names[i]), dir / ("TN_SPRD_RDNM_" + std::to_string(i) + ".txt"));
  }
  auto engine = Engine::Open(dir.string(), error);
  fs::remove_all(dir);
  return engine;
}

// The TN_SPRD_RDNM.txt beside each of `files`, where there is one.
std::vector<std::string> RoadNamesBeside(const std::vector<std::string>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) {
    const fs::path names = fs::absolute(f).parent_path() / "TN_SPRD_RDNM.txt";
    if (fs::exists(names)) out.push_back(names.string());
  }
  return out;
}

// Generates `want` cases (seed 2024) from the rows under `data`, with the
// English road names found there or in `english`, and refines them with an
// engine built from the same rows (and, with `road_names`, the road-name
// files beside them or `english`: the labels' official spellings are then in
// the index).
void RunDataSet(const char* data, const char* english, bool road_names, size_t want, size_t min_cases,
                const Limits& limits) {
  std::vector<db::AddressRow> rows;
  OfficialNames names;
  std::vector<std::string> files;
  std::string error;
  ASSERT_TRUE(LoadDataPath(data, &rows, &names, &files, &error)) << error;
  if (english != nullptr) {
    ASSERT_TRUE(ReadRoadEnglish(english, &names, &error)) << error;
  }
  ASSERT_TRUE(ReadAdminEnglish(kAdmin, &names, &error)) << error;
  std::vector<std::string> road_name_files;
  if (road_names) road_name_files = english != nullptr ? std::vector<std::string>{english} : RoadNamesBeside(files);
  auto engine = OpenFiles(files, road_name_files, &error);
  ASSERT_NE(engine, nullptr) << error;
  OfficialLabelGenerator gen(std::move(rows), std::move(names));
  const auto cases = gen.Generate(want, 2024);
  ASSERT_GE(cases.size(), min_cases);
  RunAndCheck(*engine, cases, limits);
}

// The lines of a TSV file of ours (`#` lines skipped), split at tabs.
std::vector<std::vector<std::string>> ReadTsv(const std::string& path) {
  std::vector<std::vector<std::string>> lines;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto& f = lines.emplace_back();
    size_t pos = 0;
    for (size_t tab; (tab = line.find('\t', pos)) != std::string::npos; pos = tab + 1) {
      f.push_back(line.substr(pos, tab - pos));
    }
    f.push_back(line.substr(pos));
  }
  return lines;
}

// Refines `cases` with an engine over the five regions and their road-name
// files, and holds it to `limits`.
void RunOnFiveRegions(const std::vector<LabelCase>& cases, const Limits& limits) {
  std::vector<db::AddressRow> rows;
  OfficialNames names;
  std::vector<std::string> files;
  std::string error;
  ASSERT_TRUE(LoadDataPath(kKoreaPost, &rows, &names, &files, &error)) << error;
  rows.clear();
  auto engine = OpenFiles(files, RoadNamesBeside(files), &error);
  ASSERT_NE(engine, nullptr) << error;
  RunAndCheck(*engine, cases, limits);
}

// tests/data/public_labels.tsv: real labels people wrote (label, expected,
// region, source); one class per region.
TEST(OfficialAccuracyTest, PublicLabelsFromRealSources) {
  if (!fs::exists(kKoreaPost)) GTEST_SKIP() << "../shared/data not present: " << kKoreaPost;
  std::vector<LabelCase> cases;
  for (const auto& f : ReadTsv(DORO_SOURCE_DIR "/tests/data/public_labels.tsv")) {
    ASSERT_GE(f.size(), 3u) << f[0];
    cases.push_back({f[0], "public_" + f[2], f[1], "", 0, ""});
  }
  ASSERT_GE(cases.size(), 330u);
  RunOnFiveRegions(cases, kPublicLabels);
}

// tests/data/adversarial_labels.tsv: ways the rules could answer a wrong
// address (label, expected or empty for no answer, why).
TEST(OfficialAccuracyTest, AdversarialLabelsGetNoWrongAddress) {
  if (!fs::exists(kKoreaPost)) GTEST_SKIP() << "../shared/data not present: " << kKoreaPost;
  std::vector<LabelCase> cases;
  for (const auto& f : ReadTsv(DORO_SOURCE_DIR "/tests/data/adversarial_labels.tsv")) {
    ASSERT_GE(f.size(), 2u) << f[0];
    const bool none = f[1].empty();
    cases.push_back({f[0], none ? "adversarial_none" : "adversarial_answer", f[1],
                     none ? "no_answer_any" : "", 0, ""});
  }
  ASSERT_GE(cases.size(), 20u);
  RunOnFiveRegions(cases, {100.0, 0.0, 0.0});
}

TEST(OfficialAccuracyTest, FiveKoreaPostRegions) {
  if (!fs::exists(kKoreaPost) || !fs::exists(kAdmin)) {
    GTEST_SKIP() << "../shared/data not present: " << kKoreaPost;
  }
  const size_t want = kSanitized ? 600 : 3000;
  RunDataSet(kKoreaPost.c_str(), nullptr, /*road_names=*/false, want, want * 95 / 100, kFiveRegions);
}

TEST(OfficialAccuracyTest, FiveKoreaPostRegionsWithRoadNameFiles) {
  if (!fs::exists(kKoreaPost) || !fs::exists(kAdmin)) {
    GTEST_SKIP() << "../shared/data not present: " << kKoreaPost;
  }
  const size_t want = kSanitized ? 600 : 3000;
  RunDataSet(kKoreaPost.c_str(), nullptr, /*road_names=*/true, want, want * 95 / 100, kFiveRegions);
}

TEST(OfficialAccuracyTest, SejongJusoWithKoreaPostEnglish) {
  if (!fs::exists(kSejongJuso) || !fs::exists(kSejongEnglish) || !fs::exists(kAdmin)) {
    GTEST_SKIP() << "../shared/data not present: " << kSejongJuso;
  }
  const size_t want = kSanitized ? 300 : 1000;
  RunDataSet(kSejongJuso.c_str(), kSejongEnglish.c_str(), /*road_names=*/false, want, want * 90 / 100, kSejong);
}

TEST(OfficialAccuracyTest, SejongJusoWithItsRoadNameFile) {
  if (!fs::exists(kSejongJuso) || !fs::exists(kSejongEnglish) || !fs::exists(kAdmin)) {
    GTEST_SKIP() << "../shared/data not present: " << kSejongJuso;
  }
  const size_t want = kSanitized ? 300 : 1000;
  RunDataSet(kSejongJuso.c_str(), kSejongEnglish.c_str(), /*road_names=*/true, want, want * 90 / 100, kFiveRegions);
}

}  // namespace
}  // namespace doro::testgen
