// Scoring an engine against generated label cases (testgen/labels.h).
//
//   auto report = doro::gen::Score(cases, [&](std::string_view label) {
//     doro::Answer a = engine->Refine(label);
//     return doro::gen::Outcome{a.ok(), a.address, doro::ReasonName(a.reason), a_detail};
//   });
//   std::cout << report.Table();
//
// Per case exactly one of: right (the expected address, or no answer when
// none is expected), wrong (an answer other than the expected one, including
// any answer when none is expected), missed (no answer, one was expected).
// A no-answer whose reason is not the expected one still counts as right, in
// reason_differs too unless the expected reason is "no_answer_any".
//
// Units: a case with an expected_detail (the label carries a unit) is right
// only when the address is the expected one AND Outcome::detail equals
// expected_detail exactly; the right address with another detail counts as
// wrong (and in detail_wrong). Cases without expected_detail do not look at
// Outcome::detail. The detail rate (detail_total / detail_right) is the
// detail alone, exactly right, on every case that carries a unit, answered
// or not.
#ifndef DORO_TESTGEN_ACCURACY_H_
#define DORO_TESTGEN_ACCURACY_H_

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "testgen/labels.h"

namespace doro::gen {

struct Outcome {
  bool ok = false;
  std::string address;
  std::string reason;  // ReasonName of the engine's reason ("ok" when answered)
  std::string detail;  // the engine's detailAddr ("" when none)
};

using Refiner = std::function<Outcome(std::string_view label)>;

struct ClassScore {
  size_t total = 0;
  size_t right = 0;
  size_t wrong = 0;
  size_t missed = 0;
  size_t reason_differs = 0;  // right no-answers whose reason is not the expected one
  size_t detail_wrong = 0;    // the expected address, but not the expected detail (in wrong)
  size_t detail_total = 0;    // cases carrying a unit (expected_detail not empty)
  size_t detail_right = 0;    // ... whose Outcome::detail is exactly expected_detail

  double RightPct() const { return total ? 100.0 * right / total : 0; }
  double WrongPct() const { return total ? 100.0 * wrong / total : 0; }
  double MissedPct() const { return total ? 100.0 * missed / total : 0; }
  double DetailRightPct() const { return detail_total ? 100.0 * detail_right / detail_total : 0; }
};

struct Failure {
  LabelCase c;
  Outcome got;
  bool wrong = false;  // else missed
};

struct AccuracyReport {
  std::map<std::string, ClassScore> by_class;
  ClassScore total;
  ClassScore positives;  // cases expecting an address
  ClassScore negatives;  // cases expecting no answer
  std::vector<Failure> failures;  // in case order, at most the limit given to Score

  // A fixed-width table: one line per class, then positives, negatives, total;
  // when some case carries a unit, then a second table of the detail rate by
  // class (only classes with such cases) and in total.
  std::string Table() const;
  // The kept failures as lines "class<TAB>wrong|missed<TAB>label<TAB>expected
  // <TAB>got", at most `per_class` for each class; where a unit is expected,
  // expected and got end in " / <detail>".
  std::string FailureList(size_t per_class) const;
};

AccuracyReport Score(const std::vector<LabelCase>& cases, const Refiner& refine,
                     size_t max_failures = 200);

}  // namespace doro::gen

#endif  // DORO_TESTGEN_ACCURACY_H_
