// One row of the official 도로명주소 한글 file (rnaddrkor_*.txt): 24 columns,
// '|' separated, no header. Field numbers below are the official ones.
#ifndef DORO_DB_ADDRESS_ROW_H_
#define DORO_DB_ADDRESS_ROW_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "api/load_report.h"

namespace doro::db {

struct AddressRow {
  std::string mgmt_no;          // 1 도로명주소관리번호 (building id, bdMgtSn)
  std::string legal_code;       // 2 법정동코드 (10 digits)
  std::string sido;             // 3 시도명
  std::string sigungu;          // 4 시군구명 (empty in Sejong)
  std::string emd;              // 5 법정읍면동명
  std::string ri;               // 6 법정리명
  bool mountain = false;        // 7 산여부
  int jibun_main = 0;           // 8 지번본번
  int jibun_sub = 0;            // 9 지번부번
  std::string road_code;        // 10 도로명코드 (12 digits)
  std::string road_name;        // 11 도로명
  bool underground = false;     // 12 지하여부
  int main = 0;                 // 13 건물본번
  int sub = 0;                  // 14 건물부번
  std::string admin_code;       // 15 행정동코드
  std::string admin_name;       // 16 행정동명
  std::string zip;              // 17 기초구역번호 (postal code)
  std::string previous_address; // 18 이전도로명주소
  std::string effective_date;   // 19 효력발생일
  bool apartment = false;       // 20 공동주택구분
  std::string move_reason;      // 21 이동사유코드
  std::string register_name;    // 22 건축물대장건물명
  std::string building_name;    // 23 시군구용건물명
  std::string note;             // 24 비고
};

// Parses one line (UTF-8, no line terminator). On failure returns false and
// says why in *why ("expected 24 fields, got 7", "building number 'x'").
bool ParseAddressRow(std::string_view line, AddressRow* row, std::string* why);

// The road and number of a 이전도로명주소 (field 18): the building's road
// address before a rename or renumbering. The field is free text of up to
// 400 bytes, written like the address itself ("세종특별자치시 조치원읍 옛도로
// 12", "... 옛도로 지하 12-3", a trailing "(조치원읍)" reference), or the
// road and number alone; the road is the last word ending in 로 or 길 that
// a number follows.
struct PreviousAddress {
  std::string road_name;  // "옛도로"
  bool underground = false;
  int main = 0;
  int sub = 0;
};
// False when `text` names no road and number that way (empty included).
bool ParsePreviousAddress(std::string_view text, PreviousAddress* out);

// The row in the official layout (24 fields joined by '|', no newline).
std::string FormatAddressRow(const AddressRow& row);

// One row of the official related-lot file of the same download
// (jibun_rnaddrkor_*.txt): a further lot that a road address stands on.
// 14 columns, '|' separated: 도로명주소관리번호, 법정동코드, 시도명,
// 시군구명, 법정읍면동명, 법정리명, 산여부, 지번본번, 지번부번, 도로명코드,
// 지하여부, 건물본번, 건물부번, 이동사유코드.
struct RelatedLotRow {
  std::string mgmt_no;
  std::string legal_code;
  std::string sido;
  std::string sigungu;
  std::string emd;
  std::string ri;
  bool mountain = false;
  int jibun_main = 0;
  int jibun_sub = 0;
  std::string road_code;
  bool underground = false;
  int main = 0;
  int sub = 0;
  std::string move_reason;
};

bool ParseRelatedLotRow(std::string_view line, RelatedLotRow* row, std::string* why);
std::string FormatRelatedLotRow(const RelatedLotRow& row);

using RowSink = std::function<void(AddressRow&& row)>;
using RelatedLotSink = std::function<void(RelatedLotRow&& row)>;

// Reads one official file's bytes: CP949 or UTF-8 (detected), LF or CRLF,
// optional UTF-8 BOM. Good rows go to `sink`; bad lines are counted in
// report->bad_lines with "name:line: why" samples. Never stops on a bad line.
void ReadAddressBytes(std::string_view name, std::string_view bytes,
                      const RowSink& sink, LoadReport* report);

// The same for a related-lot file; counted in report->related_lots.
void ReadRelatedLotBytes(std::string_view name, std::string_view bytes,
                         const RelatedLotSink& sink, LoadReport* report);

// Reads every jibun_rnaddrkor_*.txt of directory `dir` (sorted by name);
// none is not an error. False with *error when a file cannot be read.
bool ReadRelatedLotDirectory(const std::string& dir, const RelatedLotSink& sink,
                             LoadReport* report, std::string* error);
// A file's modification time in unix seconds, 0 when it cannot be read:
// recorded per source file in the LoadReport.
int64_t ModifiedTime(const std::string& path);

// Reads a file, or every rnaddrkor_*.txt in a directory (sorted by name).
// Returns false with *error when the path cannot be read or holds no file.
bool ReadAddressPath(const std::string& path, const RowSink& sink,
                     LoadReport* report, std::string* error);

}  // namespace doro::db

#endif  // DORO_DB_ADDRESS_ROW_H_
