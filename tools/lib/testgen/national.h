// Synthetic nationwide address database in the official layout: 17 files
// rnaddrkor_<region>.txt (CP949 or UTF-8, LF, one AddressRow a line), about
// 6.4 million rows and 350,000 (시군구, road) pairs at scale 1.0, with the
// real 17 시도 and 252 시군구 (names and codes), generated 읍/면/동/리 names and
// road names, and the shapes the real file has: 대로/로/길, branch roads
// (중앙로12번길, 중앙로3길, 중앙1길) numbered along their main road, the same
// common road names (중앙로, 시청로, ...) in many 시군구, odd/even building
// numbers with 부번, basement entrances, building and apartment names, postal
// codes inside each 시도's real range and a block per 시군구.
//
// Promises:
//  - Deterministic: the same options give the same bytes on every platform
//    (own PRNG, no std distributions; threads do not change the output).
//  - Every row parses with db::ParseAddressRow; 도로명코드 = 시군구 code +
//    7 digits, one per (시군구, road name); (도로명코드, 지하, 본번, 부번) and
//    도로명주소관리번호 are unique; 법정동코드 is one per (시군구, 읍면동, 리).
//  - With options.sejong_path naming the real Sejong file, road and area
//    names follow its syllable statistics (first syllable, bigrams, length);
//    otherwise built-in statistics are used. Nothing of that file is copied.
#ifndef DORO_TESTGEN_NATIONAL_H_
#define DORO_TESTGEN_NATIONAL_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "db/address_row.h"

namespace doro::gen {

struct NationalOptions {
  double scale = 1.0;       // 1.0 = about 6.4M rows; each 시군구 keeps >= 1 row
  uint64_t seed = 1;
  std::string sejong_path;  // real Sejong file to learn syllable statistics from;
                            // empty or unreadable -> built-in fallback statistics
  bool cp949 = true;        // file encoding (false: UTF-8)
  int threads = 2;          // WriteNational only; output does not depend on it
};

struct NationalFileCount {
  std::string file;  // "rnaddrkor_seoul.txt"
  uint64_t rows = 0;
  uint64_t roads = 0;
  uint64_t bytes = 0;  // as written (0 when streaming)
};

struct NationalCounts {
  uint64_t rows = 0;
  uint64_t roads = 0;  // distinct (시군구, road name)
  uint64_t bytes = 0;
  bool learned = false;  // syllable statistics came from sejong_path
  std::vector<NationalFileCount> files;  // 17, in 시도 code order
};

// The official file name of each 시도 code ("11" -> "rnaddrkor_seoul.txt");
// "" for an unknown code.
std::string_view NationalFileName(std::string_view sido_code);

// Streams every row, 시도 by 시도 in code order, to `sink` with the file
// name it belongs to. Returns the counts (bytes = 0).
using NationalSink =
    std::function<void(std::string_view file, const db::AddressRow& row)>;
NationalCounts GenerateNational(const NationalOptions& options,
                                const NationalSink& sink);

// Writes the 17 files into `dir` (created if missing). On failure returns
// false with *error.
bool WriteNational(const NationalOptions& options, const std::string& dir,
                   NationalCounts* counts, std::string* error);

}  // namespace doro::gen

#endif  // DORO_TESTGEN_NATIONAL_H_
