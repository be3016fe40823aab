// Official English road names, when the directory holds them: the road-name
// code file (TN_SPRD_RDNM*.txt, "도로명코드": 시군구코드|도로명번호|읍면동일련번호|
// 도로명|영문도로명|...) or the English address files (rneng_*.txt, laid out
// like rnaddrkor with English text: 도로명코드 in field 10, 도로명 in 11).
// Where present they replace our own romanization in answers, and their
// spellings become match keys (official names sometimes break the rules:
// Sungkyunkwan-ro).
#ifndef DORO_DB_ENGLISH_NAMES_H_
#define DORO_DB_ENGLISH_NAMES_H_

#include <cstdint>
#include <string>
#include <unordered_map>

#include "api/load_report.h"

namespace doro::db {

// 12-digit road code -> official English road name.
using EnglishRoadNames = std::unordered_map<uint64_t, std::string>;

// Reads every road-name code file and rneng_*.txt file in `dir` (a file path
// reads nothing). Lines that do not fit are counted in report->bad_lines.
EnglishRoadNames ReadEnglishRoadNames(const std::string& dir, LoadReport* report);

// Parses one file's bytes (CP949 or UTF-8) into `out`; `name` decides the layout.
void ParseEnglishRoadNames(std::string_view name, std::string_view bytes, EnglishRoadNames* out,
                           LoadReport* report);

}  // namespace doro::db

#endif  // DORO_DB_ENGLISH_NAMES_H_
