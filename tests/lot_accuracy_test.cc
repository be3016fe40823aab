// End-to-end accuracy on the lot, building-name and unit labels of
// testgen/lot_labels.h (made from the real rows, expected answers computed
// from the rows alone), held to issue 11's goals.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "match/engine.h"
#include "shared_data.h"
#include "testgen/accuracy.h"
#include "testgen/lot_labels.h"

namespace doro::testgen {
namespace {

namespace fs = std::filesystem;

const std::string kKoreaPost = doro::testing::SharedPath("data/koreapost2013");
const std::string kAdmin = doro::testing::SharedPath("data/admin");
const std::string kSejongJuso = doro::testing::SharedPath("data/juso/sejong");
const std::string kSejongEnglish = doro::testing::SharedPath("data/koreapost2013/sejong/TN_SPRD_RDNM.txt");

// Issue 11's goals: lots >= 97% right, <= 0.2% wrong; building names >= 90%
// right, <= 0.2% wrong; detailAddr exactly right on >= 99% of unit labels.
struct Goal {
  const char* prefix;  // classes starting with it ("lot_" also takes "neg_lot_")
  double min_right_pct, max_wrong_pct;
};
constexpr Goal kGoals[] = {{"lot_", 97.0, 0.2}, {"name_", 90.0, 0.2}, {"unit_", 97.0, 0.2}};
constexpr double kMinDetailPct = 99.0;

gen::Outcome Refine(const Engine& engine, std::string_view label) {
  Answer a = engine.Refine(label, Detail::kFull);
  return gen::Outcome{a.ok(), a.address, ReasonName(a.reason), a.detail_address};
}

void Check(const gen::AccuracyReport& r) {
  std::cout << r.Table() << "\nFailures (class, verdict, label, expected, got):\n"
            << r.FailureList(10) << std::flush;
  for (const Goal& g : kGoals) {
    gen::ClassScore sum;
    for (const auto& [cls, s] : r.by_class) {
      const bool in = cls.starts_with(g.prefix) || (std::string_view(g.prefix) == "lot_" && cls.starts_with("neg_lot_"));
      if (!in) continue;
      sum.total += s.total;
      sum.right += s.right;
      sum.wrong += s.wrong;
    }
    EXPECT_GE(sum.RightPct(), g.min_right_pct) << g.prefix;
    EXPECT_LE(sum.WrongPct(), g.max_wrong_pct) << g.prefix;
  }
  EXPECT_GE(r.total.DetailRightPct(), kMinDetailPct);
}

void RunDataSet(const std::string& data, const std::string* english, size_t want) {
  if (!fs::exists(data) || !fs::exists(kAdmin)) GTEST_SKIP() << "../shared/data not present: " << data;
  std::vector<db::AddressRow> rows;
  OfficialNames names;
  std::vector<std::string> files;
  std::string error;
  ASSERT_TRUE(LoadDataPath(data, &rows, &names, &files, &error)) << error;
  if (english != nullptr) {
    ASSERT_TRUE(ReadRoadEnglish(*english, &names, &error)) << error;
  }
  ASSERT_TRUE(ReadAdminEnglish(kAdmin, &names, &error)) << error;
  // The engine opens one folder: links to the row files, as in official_accuracy_test.
  const fs::path dir = fs::temp_directory_path() / ("lot_accuracy." + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& f : files) fs::create_symlink(fs::absolute(f), dir / fs::path(f).filename());
  auto engine = Engine::Open(dir.string(), &error);
  fs::remove_all(dir);
  ASSERT_NE(engine, nullptr) << error;
  LotLabelGenerator gen(std::move(rows), std::move(names));
  const auto cases = gen.Generate(want, 2024);
  ASSERT_GE(cases.size(), want * 9 / 10);
  Check(gen::Score(cases, [&](std::string_view label) { return Refine(*engine, label); }, 100000));
}

TEST(LotAccuracyTest, FiveKoreaPostRegions) { RunDataSet(kKoreaPost, nullptr, 3200); }

TEST(LotAccuracyTest, SejongJuso) { RunDataSet(kSejongJuso, &kSejongEnglish, 1600); }

}  // namespace
}  // namespace doro::testgen
