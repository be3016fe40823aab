#include "testgen/accuracy.h"

#include <fmt/format.h>

namespace doro::gen {
namespace {

// verdict: 0 right, 1 wrong, 2 missed. detail: -1 no unit expected, 0 the
// detail differs, 1 the detail is right.
void Add(ClassScore* s, int verdict, bool reason_differs, bool detail_wrong, int detail) {
  ++s->total;
  if (verdict == 0) ++s->right;
  if (verdict == 1) ++s->wrong;
  if (verdict == 2) ++s->missed;
  if (reason_differs) ++s->reason_differs;
  if (detail_wrong) ++s->detail_wrong;
  if (detail >= 0) ++s->detail_total;
  if (detail == 1) ++s->detail_right;
}

std::string Line(const std::string& name, const ClassScore& s) {
  return fmt::format("{:<22}{:>7}{:>9.2f}{:>9.2f}{:>9.2f}{:>9}\n", name, s.total, s.RightPct(),
                     s.WrongPct(), s.MissedPct(), s.reason_differs);
}

}  // namespace

AccuracyReport Score(const std::vector<LabelCase>& cases, const Refiner& refine,
                     size_t max_failures) {
  AccuracyReport r;
  for (const LabelCase& c : cases) {
    Outcome got = refine(c.label);
    const bool expect_answer = !c.expected.empty();
    const bool expect_detail = !c.expected_detail.empty();
    const int detail = expect_detail ? (got.detail == c.expected_detail ? 1 : 0) : -1;
    int verdict;  // 0 right, 1 wrong, 2 missed
    bool detail_wrong = false;
    if (got.ok) {
      verdict = (expect_answer && got.address == c.expected) ? 0 : 1;
      if (verdict == 0 && detail == 0) {
        verdict = 1;
        detail_wrong = true;
      }
    } else {
      verdict = expect_answer ? 2 : 0;
    }
    // "no_answer_any": any no-answer reason is the expected one.
    const bool reason_differs = verdict == 0 && !expect_answer && !c.expected_reason.empty() &&
                                c.expected_reason != "no_answer_any" &&
                                got.reason != c.expected_reason;
    Add(&r.by_class[c.error_class], verdict, reason_differs, detail_wrong, detail);
    Add(&r.total, verdict, reason_differs, detail_wrong, detail);
    Add(expect_answer ? &r.positives : &r.negatives, verdict, reason_differs, detail_wrong, detail);
    if (verdict != 0 && r.failures.size() < max_failures) {
      r.failures.push_back(Failure{c, std::move(got), verdict == 1});
    }
  }
  return r;
}

std::string AccuracyReport::Table() const {
  std::string out = fmt::format("{:<22}{:>7}{:>9}{:>9}{:>9}{:>9}\n", "class", "cases", "right%",
                                "wrong%", "missed%", "reason!=");
  for (const auto& [name, s] : by_class) out += Line(name, s);
  out += Line("(expect answer)", positives);
  out += Line("(expect none)", negatives);
  out += Line("TOTAL", total);
  if (total.detail_total == 0) return out;
  out += fmt::format("\n{:<22}{:>7}{:>9}{:>10}\n", "class (with unit)", "cases", "detail%", "det_wrong");
  auto detail_line = [](const std::string& name, const ClassScore& s) {
    return fmt::format("{:<22}{:>7}{:>9.2f}{:>10}\n", name, s.detail_total, s.DetailRightPct(),
                       s.detail_wrong);
  };
  for (const auto& [name, s] : by_class) {
    if (s.detail_total > 0) out += detail_line(name, s);
  }
  out += detail_line("TOTAL", total);
  return out;
}

std::string AccuracyReport::FailureList(size_t per_class) const {
  // Grouped by class so that one weak class does not hide the others.
  std::map<std::string, std::vector<const Failure*>> by;
  for (const Failure& f : failures) by[f.c.error_class].push_back(&f);
  std::string out;
  for (const auto& [cls, list] : by) {
    for (size_t i = 0; i < list.size() && i < per_class; ++i) {
      const Failure& f = *list[i];
      std::string expected =
          f.c.expected.empty() ? "(none: " + f.c.expected_reason + ")" : f.c.expected;
      std::string got = f.got.ok ? f.got.address : "(none: " + f.got.reason + ")";
      if (!f.c.expected_detail.empty()) {
        expected += " / " + f.c.expected_detail;
        got += " / " + f.got.detail;
      }
      out += fmt::format("{}\t{}\t{}\t{}\t{}\n", f.c.error_class, f.wrong ? "wrong" : "missed",
                         f.c.label, expected, got);
    }
  }
  return out;
}

}  // namespace doro::gen
