// Messy-label generator: turns the rows of an address database into test
// labels written the ways people write them (the 2023 contest's error
// classes), each with the answer a careful human would give.
//
//   std::vector<doro::db::AddressRow> rows;  // doro::gen::LoadRows(path, ...)
//   doro::gen::LabelGenerator gen(rows);
//   for (const auto& c : gen.Generate(5000, /*seed=*/1)) ...
//
// Promises:
//  - Deterministic: the same rows, translations, count and seed give the same
//    cases on every platform (own PRNG, no std distributions).
//  - Honest: a positive case is emitted only when the label's information
//    (road as written, number, the region words kept, postal code) fits
//    exactly one road address of the database; when dropped region words
//    leave several, the case expects no answer with reason "ambiguous".
//    Typos and romanization variants that land as close to another road as
//    to the true one are not emitted at all.
//  - Underground rows always carry a basement marker; numbers are never
//    misspelled.
#ifndef DORO_TESTGEN_LABELS_H_
#define DORO_TESTGEN_LABELS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "db/address_row.h"

namespace doro::gen {

struct LabelCase {
  std::string label;
  std::string error_class;      // one of LabelClasses()
  std::string expected;         // db::RoadAddress(row), or "" for no answer
  std::string expected_reason;  // "", "no_building", "no_road", "ambiguous", "region_conflict"
  size_t source_row = 0;        // index into LabelGenerator::rows() the case was made from
  // The unit (상세주소) the label carries, in the normal form of
  // testgen/unit_forms.h ("101동 1203호", "302호", "3층", "지하1층");
  // "" when the label carries none (or its unit is not checked).
  std::string expected_detail;
};

// All class names, positives first then negatives ("neg_*").
const std::vector<std::string>& LabelClasses();

// Reads the rows of `path` (a file or directory, see db::ReadAddressPath);
// "" reads the built-in demo database.
bool LoadRows(const std::string& path, std::vector<db::AddressRow>* rows,
              std::string* error);

class LabelGenerator {
 public:
  // `translations_tsv`: "english<TAB>korean" lines ('#' comments); when
  // absent (nullptr) the compiled-in table is used. An empty table just
  // means no "translated" cases.
  explicit LabelGenerator(std::vector<db::AddressRow> rows,
                          const std::string* translations_tsv = nullptr);
  ~LabelGenerator();
  LabelGenerator(const LabelGenerator&) = delete;
  LabelGenerator& operator=(const LabelGenerator&) = delete;

  // About `count` cases spread evenly over the classes this database can
  // produce (no "basement" without underground rows, no "translated" without
  // a translatable road, ...). May return fewer when the database is tiny.
  std::vector<LabelCase> Generate(size_t count, uint64_t seed) const;

  // Classes this database can produce.
  std::vector<std::string> AvailableClasses() const;

  // One case of `error_class`, made as Generate(n, seed) makes its first
  // case (same stream, same up to 40 attempts). False when the class is
  // unknown, not available in this database, or every attempt failed.
  bool MakeCase(std::string_view error_class, uint64_t seed, LabelCase* out) const;

  const std::vector<db::AddressRow>& rows() const;

  // True when some row's road address equals `address` (for tests).
  bool HasAddress(std::string_view address) const;
  // True when some row lies on a road named `road_ko` with building number
  // `main` (any sub-number, above or below ground) — for tests.
  bool HasRoadNumber(std::string_view road_ko, int main) const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Writes cases as TSV (label, class, expected, expected_reason, and a fifth
// column expected_detail only when it is not empty; tabs and newlines inside
// fields replaced by spaces) or JSON Lines ("expected_detail" likewise only
// when not empty).
std::string CaseToTsv(const LabelCase& c);
std::string CaseToJson(const LabelCase& c);
// Reads one CaseToTsv line back (a trailing '\r' is ignored; a fifth column
// is expected_detail, further ones are ignored); false when it has fewer than
// three fields or an empty label.
bool CaseFromTsv(std::string_view line, LabelCase* c);

}  // namespace doro::gen

#endif  // DORO_TESTGEN_LABELS_H_
