// Independent test-label generator: the English of every label comes from the
// official English names shipped with the data (TN_SPRD_RDNM 영문도로명, the
// admin tables' English 시도/시군구/읍면동/리), never from our romanizer, so the
// engine is tested on spellings it did not produce itself.
//
//   doro::testgen::OfficialNames names;
//   doro::testgen::ReadRoadEnglish(".../TN_SPRD_RDNM.txt", &names, &error);
//   doro::testgen::ReadAdminEnglish("../shared/data/admin", &names, &error);
//   doro::testgen::OfficialLabelGenerator gen(std::move(rows), std::move(names));
//   for (const auto& c : gen.Generate(3000, /*seed=*/1)) ...
//
// Promises:
//  - Deterministic: the same rows, names, count and seed give the same cases
//    (own splitmix64 PRNG, no std distributions, no unordered iteration).
//  - Honest: a positive case is emitted only when the label's information
//    (the road as written, the number, the region words kept) fits exactly
//    one road address of the rows; rows with the same 시도/시군구/읍면/road/
//    number are one address. Otherwise the case expects "ambiguous" or is
//    not emitted. Computed from the rows, never by asking the engine.
//  - Negatives expect no answer: "no_building", "no_road", or
//    kAnyNoAnswer (any no-answer reason is right).
#ifndef DORO_TESTGEN_OFFICIAL_LABELS_H_
#define DORO_TESTGEN_OFFICIAL_LABELS_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "db/address_row.h"
#include "testgen/labels.h"  // LabelCase, CaseToTsv

namespace doro::testgen {

using gen::LabelCase;

// expected_reason of negatives for which any no-answer reason is right.
inline constexpr char kAnyNoAnswer[] = "no_answer_any";

struct OfficialNames {
  struct Road {
    std::string ko;  // 도로명, to check that the code still names this road
    std::string en;  // 영문도로명
  };
  struct Area {
    std::string ko;
    std::string en;
  };
  // 도로명코드 (12 digits: 시군구코드 + 도로명번호) -> road.
  std::map<std::string, Road> roads;
  // Admin areas by code: 2 digits 시도, 5 시군구, 8 법정읍면동, 10 리.
  std::map<std::string, Area> areas;
  // From TN_SPRD_RDNM, for areas the admin tables lack (renamed since):
  // 시군구코드 -> English 시도 / 시군구, and 도로명코드 + '|' + 읍면동명 ->
  // English 읍면동명 (given there for 읍/면 only).
  std::map<std::string, std::string> tn_sido, tn_sigungu, tn_emd;
};

// Reads one TN_SPRD_RDNM.txt (CP949 or UTF-8, '|'). Lines with an empty
// 영문도로명 are skipped. False with *error when the file cannot be read.
bool ReadRoadEnglish(const std::string& path, OfficialNames* names, std::string* error);

// Reads admin_sido_sigungu_en.tsv and admin_legal_emd_li_en.tsv from `dir`.
bool ReadAdminEnglish(const std::string& dir, OfficialNames* names, std::string* error);

// Reads the rows and the TN_SPRD_RDNM English names under `path`: an
// rnaddrkor_*.txt file, a folder holding rnaddrkor_*.txt (and maybe
// TN_SPRD_RDNM.txt), or a folder of such folders (koreapost2013/). The
// rnaddrkor files read are appended to *files (sorted), for Engine::Open.
bool LoadDataPath(const std::string& path, std::vector<db::AddressRow>* rows,
                  OfficialNames* names, std::vector<std::string>* files, std::string* error);

// What the label tools read, in one call: LoadDataPath for each of
// `data_paths`, ReadRoadEnglish for each of `english_paths`, then
// ReadAdminEnglish(`admin_dir`). False with *error at the first failure.
bool LoadOfficialSources(const std::vector<std::string>& data_paths,
                         const std::vector<std::string>& english_paths, const std::string& admin_dir,
                         std::vector<db::AddressRow>* rows, OfficialNames* names,
                         std::vector<std::string>* files, std::string* error);

// All class names, positives first then negatives ("neg_*").
const std::vector<std::string>& OfficialClasses();

class OfficialLabelGenerator {
 public:
  OfficialLabelGenerator(std::vector<db::AddressRow> rows, OfficialNames names);
  ~OfficialLabelGenerator();
  OfficialLabelGenerator(const OfficialLabelGenerator&) = delete;
  OfficialLabelGenerator& operator=(const OfficialLabelGenerator&) = delete;

  // About `count` cases spread evenly over AvailableClasses(); fewer when
  // the rows are too few or a class finds no honest case.
  std::vector<LabelCase> Generate(size_t count, uint64_t seed) const;

  // Classes these rows can produce (no "basement" without 지하 rows, ...).
  std::vector<std::string> AvailableClasses() const;

  // Distinct road addresses that have an official English road name.
  size_t AddressCount() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace doro::testgen

#endif  // DORO_TESTGEN_OFFICIAL_LABELS_H_
