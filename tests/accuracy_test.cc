// End-to-end accuracy of the engine on generated messy labels (testgen/labels.h),
// scored per error class (testgen/accuracy.h). Prints the per-class table and the
// first failures, then holds the engine to the thresholds.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "testgen/accuracy.h"
#include "testgen/labels.h"
#include "match/engine.h"
#include "shared_data.h"

namespace doro::gen {
namespace {

const std::string kSejongPath = doro::testing::SharedPath("data/juso/sejong/rnaddrkor_sejong.txt");

// The targets: at least 99% right, at most 0.5% wrong.
constexpr double kMinRightPct = 99.0;
constexpr double kMaxWrongPct = 0.5;

AccuracyReport RunAndPrint(const Engine& engine, const std::vector<LabelCase>& cases) {
  AccuracyReport report = Score(
      cases,
      [&](std::string_view label) {
        Answer a = engine.Refine(label);
        return Outcome{a.ok(), a.address, ReasonName(a.reason), ""};
      },
      2000);
  std::cout << report.Table() << "\nFirst failures (class, verdict, label, expected, got):\n"
            << report.FailureList(12) << std::flush;
  return report;
}

// The scorer itself, on a fake engine.
TEST(ScoreTest, CountsEachVerdict) {
  const std::vector<LabelCase> cases = {
      {"a", "clean", "X", "", 0, ""},                // right
      {"b", "clean", "X", "", 0, ""},                // wrong address
      {"c", "clean", "X", "", 0, ""},                // missed
      {"d", "neg_road", "", "no_road", 0, ""},       // right, same reason
      {"e", "neg_road", "", "no_road", 0, ""},       // right, other reason
      {"f", "neg_road", "", "no_road", 0, ""},       // wrong: answered
  };
  const AccuracyReport r = Score(cases, [](std::string_view label) {
    if (label == "a") return Outcome{true, "X", "ok", ""};
    if (label == "b" || label == "f") return Outcome{true, "Y", "ok", ""};
    if (label == "e") return Outcome{false, "", "ambiguous", ""};
    return Outcome{false, "", "no_road", ""};
  });
  EXPECT_EQ(r.total.total, 6u);
  EXPECT_EQ(r.total.right, 3u);
  EXPECT_EQ(r.total.wrong, 2u);
  EXPECT_EQ(r.total.missed, 1u);
  EXPECT_EQ(r.total.reason_differs, 1u);
  EXPECT_EQ(r.by_class.at("clean").right, 1u);
  EXPECT_EQ(r.by_class.at("neg_road").wrong, 1u);
  EXPECT_EQ(r.positives.total, 3u);
  EXPECT_EQ(r.negatives.total, 3u);
  ASSERT_EQ(r.failures.size(), 3u);
  EXPECT_TRUE(r.failures[0].wrong);
  EXPECT_FALSE(r.failures[1].wrong);
  EXPECT_NEAR(r.total.RightPct(), 50.0, 1e-9);
  EXPECT_NE(r.Table().find("TOTAL"), std::string::npos);
  EXPECT_NE(r.FailureList(1).find("neg_road\twrong\tf"), std::string::npos);
}

// The built-in demo engine and a generator over its rows; both stay null
// when the test failed or was skipped here.
void OpenDemo(std::unique_ptr<Engine>* engine, std::unique_ptr<LabelGenerator>* gen) {
  std::string error;
  auto opened = Engine::Open("", &error);
  ASSERT_NE(opened, nullptr) << error;
  std::vector<db::AddressRow> rows;
  ASSERT_TRUE(LoadRows("", &rows, &error)) << error;
  if (rows.empty()) GTEST_SKIP() << "the built-in demo database has no rows";
  *engine = std::move(opened);
  *gen = std::make_unique<LabelGenerator>(std::move(rows));
}

TEST(AccuracyTest, DemoDatabase) {
  std::unique_ptr<Engine> engine;
  std::unique_ptr<LabelGenerator> gen;
  OpenDemo(&engine, &gen);
  if (gen == nullptr) return;
  // Every class several times over, however small the demo is.
  const auto cases = gen->Generate(std::max<size_t>(1500, gen->rows().size() * 4), 2023);
  ASSERT_FALSE(cases.empty());
  const AccuracyReport r = RunAndPrint(*engine, cases);
  EXPECT_GE(r.total.RightPct(), kMinRightPct);
  EXPECT_LE(r.total.WrongPct(), kMaxWrongPct);
}

// The decision must not depend on how much of the answer is filled in, nor
// on which labels the same thread refined before (scratch space is reused).
TEST(AccuracyTest, AddressOnlyAnswersAndOrderDoNotChangeDecisions) {
  std::unique_ptr<Engine> engine;
  std::unique_ptr<LabelGenerator> gen;
  OpenDemo(&engine, &gen);
  if (gen == nullptr) return;
  const auto cases = gen->Generate(1500, 7);
  ASSERT_FALSE(cases.empty());
  std::vector<Answer> full;
  for (const auto& c : cases) full.push_back(engine->Refine(c.label));
  size_t answered = 0;
  for (size_t k = cases.size(); k-- > 0;) {
    const Answer lean = engine->Refine(cases[k].label, Detail::kAddress);
    EXPECT_EQ(lean.reason, full[k].reason) << cases[k].label;
    EXPECT_EQ(lean.address, full[k].address) << cases[k].label;
    EXPECT_TRUE(lean.english.empty() && lean.candidates.empty() && lean.used.empty());
    if (full[k].ok()) {
      ++answered;
      EXPECT_FALSE(full[k].english.empty()) << cases[k].label;
      EXPECT_FALSE(full[k].used.empty()) << cases[k].label;
    }
  }
  EXPECT_GT(answered, cases.size() / 2);
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
