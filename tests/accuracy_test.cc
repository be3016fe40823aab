// End-to-end accuracy of the engine on generated messy labels (gen/labels.h),
// scored per error class (gen/accuracy.h). Prints the per-class table and the
// first failures, then holds the engine to the thresholds.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "gen/accuracy.h"
#include "gen/labels.h"
#include "match/engine.h"

namespace doro::gen {
namespace {

const char kSejongPath[] = "../shared/data/juso/sejong/rnaddrkor_sejong.txt";

// The targets: at least 99% right, at most 0.5% wrong.
constexpr double kMinRightPct = 99.0;
constexpr double kMaxWrongPct = 0.5;

AccuracyReport RunAndPrint(const Engine& engine, const std::vector<LabelCase>& cases) {
  AccuracyReport report = Score(
      cases,
      [&](std::string_view label) {
        Answer a = engine.Refine(label);
        return Outcome{a.ok(), a.address, ReasonName(a.reason)};
      },
      400);
  std::cout << report.Table() << "\nFirst failures (class, verdict, label, expected, got):\n"
            << report.FailureList(60) << std::flush;
  return report;
}

TEST(AccuracyTest, DemoDatabase) {
  std::string error;
  auto engine = Engine::Open("", &error);
  ASSERT_NE(engine, nullptr) << error;
  std::vector<db::AddressRow> rows;
  ASSERT_TRUE(LoadRows("", &rows, &error)) << error;
  if (rows.empty()) GTEST_SKIP() << "the built-in demo database has no rows";
  LabelGenerator gen(std::move(rows));
  // Every class several times over, however small the demo is.
  const auto cases = gen.Generate(std::max<size_t>(1500, gen.rows().size() * 4), 2023);
  ASSERT_FALSE(cases.empty());
  const AccuracyReport r = RunAndPrint(*engine, cases);
  EXPECT_GE(r.total.RightPct(), kMinRightPct);
  EXPECT_LE(r.total.WrongPct(), kMaxWrongPct);
}

TEST(AccuracyTest, Sejong) {
  if (!std::filesystem::exists(kSejongPath)) {
    GTEST_SKIP() << "../shared/data not present: " << kSejongPath;
  }
  std::string error;
  auto engine = Engine::Open(kSejongPath, &error);
  ASSERT_NE(engine, nullptr) << error;
  std::vector<db::AddressRow> rows;
  ASSERT_TRUE(LoadRows(kSejongPath, &rows, &error)) << error;
  LabelGenerator gen(std::move(rows));
  const auto cases = gen.Generate(5000, 2023);
  ASSERT_GE(cases.size(), 4900u);
  const AccuracyReport r = RunAndPrint(*engine, cases);
  EXPECT_GE(r.total.RightPct(), kMinRightPct);
  EXPECT_LE(r.total.WrongPct(), kMaxWrongPct);
}

}  // namespace
}  // namespace doro::gen
