#include "db/address_row.h"

#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "text/encoding.h"
#include "text/lines.h"
#include "text/utf8.h"

namespace doro::db {
namespace {

constexpr int kFields = 24;
constexpr size_t kMaxBadSamples = 20;

bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) {
    *out = 0;
    return true;
  }
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && *out >= 0;
}

bool ParseFlag(std::string_view s, bool* out) {
  if (s.empty() || s == "0") {
    *out = false;
    return true;
  }
  if (s == "1") {
    *out = true;
    return true;
  }
  return false;
}

bool IsRoadCode(const std::string& code) {
  return code.size() == 12 && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The building number fields of both layouts: 지하여부, 건물본번, 건물부번.
bool ParseBuildingNumber(std::string_view under, std::string_view main, std::string_view sub,
                         bool* underground, int* main_out, int* sub_out, std::string* why) {
  if (!ParseFlag(under, underground)) return *why = "지하여부 '" + std::string(under) + "'", false;
  if (!ParseInt(main, main_out) || *main_out <= 0 || *main_out > 99999)
    return *why = "building number '" + std::string(main) + "'", false;
  if (!ParseInt(sub, sub_out) || *sub_out > 65535)
    return *why = "building sub-number '" + std::string(sub) + "'", false;
  return true;
}

std::string Flag(bool v) { return v ? "1" : "0"; }

void AddBad(std::string_view name, size_t line_no, const std::string& why,
            LoadReport* report) {
  ++report->bad_lines;
  if (report->bad_line_samples.size() < kMaxBadSamples) {
    report->bad_line_samples.push_back(std::string(name) + ":" +
                                       std::to_string(line_no) + ": " + why);
  }
}

// "12" or "12-3" into main and sub.
bool ParseNumberWord(std::string_view w, int* main, int* sub) {
  const size_t dash = w.find('-');
  const std::string_view m = w.substr(0, dash);
  const std::string_view s = dash == std::string_view::npos ? std::string_view() : w.substr(dash + 1);
  if (m.empty() || (dash != std::string_view::npos && s.empty())) return false;
  if (!ParseInt(m, main) || !ParseInt(s, sub)) return false;
  return *main > 0 && *main <= 99999 && *sub <= 65535;
}

bool EndsInRoadWord(std::string_view w) {
  // At least one syllable before 로/길 (UTF-8 Hangul: 3 bytes each).
  return w.size() >= 6 && (w.ends_with("로") || w.ends_with("길"));
}

}  // namespace

bool ParseAddressRow(std::string_view line, AddressRow* row, std::string* why) {
  thread_local std::vector<std::string_view> f;
  text::SplitFields(line, '|', &f);
  int n = static_cast<int>(f.size());
  // Some distributions end every line with a trailing '|' (25 pieces, last empty).
  if (n == kFields + 1 && line.back() == '|') n = kFields;
  if (n != kFields) {
    *why = "expected 24 fields, got " + std::to_string(n);
    return false;
  }
  row->mgmt_no = f[0];
  row->legal_code = f[1];
  row->sido = f[2];
  row->sigungu = f[3];
  row->emd = f[4];
  row->ri = f[5];
  row->road_code = f[9];
  row->road_name = f[10];
  row->admin_code = f[14];
  row->admin_name = f[15];
  row->zip = f[16];
  row->previous_address = f[17];
  row->effective_date = f[18];
  row->move_reason = f[20];
  row->register_name = f[21];
  row->building_name = f[22];
  row->note = f[23];
  if (!ParseFlag(f[6], &row->mountain)) return *why = "산여부 '" + std::string(f[6]) + "'", false;
  if (!ParseInt(f[7], &row->jibun_main) || !ParseInt(f[8], &row->jibun_sub))
    return *why = "지번 number", false;
  if (!ParseBuildingNumber(f[11], f[12], f[13], &row->underground, &row->main, &row->sub, why)) return false;
  if (!ParseFlag(f[19], &row->apartment))
    return *why = "공동주택구분 '" + std::string(f[19]) + "'", false;
  if (row->sido.empty()) return *why = "empty 시도명", false;
  if (row->road_name.empty()) return *why = "empty 도로명", false;
  if (!IsRoadCode(row->road_code)) return *why = "도로명코드 '" + row->road_code + "'", false;
  return true;
}

bool ParsePreviousAddress(std::string_view text, PreviousAddress* out) {
  // A trailing reference "(조치원읍)" is not part of the road address.
  text = text.substr(0, text.find('('));
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < text.size()) {
    const size_t end = text.find_first_of(" \t,", i);
    const size_t stop = end == std::string_view::npos ? text.size() : end;
    if (stop > i) words.push_back(text.substr(i, stop - i));
    i = stop + 1;
  }
  constexpr std::string_view kBasement = "지하";
  for (size_t k = words.size(); k-- > 1;) {
    std::string_view number = words[k];
    bool underground = false;
    if (number.starts_with(kBasement)) {  // "지하12"
      number.remove_prefix(kBasement.size());
      underground = true;
    }
    int main = 0, sub = 0;
    if (!ParseNumberWord(number, &main, &sub)) continue;
    size_t road = k - 1;
    if (!underground && words[road] == kBasement) {  // "지하 12"
      if (road == 0) continue;
      underground = true;
      --road;
    }
    if (!EndsInRoadWord(words[road])) continue;
    out->road_name = std::string(words[road]);
    out->underground = underground;
    out->main = main;
    out->sub = sub;
    return true;
  }
  return false;
}

std::string FormatAddressRow(const AddressRow& r) {
  auto num = [](int v) { return std::to_string(v); };
  auto flag = Flag;
  const std::string parts[kFields] = {
      r.mgmt_no,   r.legal_code,       r.sido,           r.sigungu,
      r.emd,       r.ri,               flag(r.mountain), num(r.jibun_main),
      num(r.jibun_sub), r.road_code,   r.road_name,      flag(r.underground),
      num(r.main), num(r.sub),         r.admin_code,     r.admin_name,
      r.zip,       r.previous_address, r.effective_date, flag(r.apartment),
      r.move_reason, r.register_name,  r.building_name,  r.note};
  std::string out;
  for (int i = 0; i < kFields; ++i) {
    if (i) out.push_back('|');
    out += parts[i];
  }
  return out;
}

bool ParseRelatedLotRow(std::string_view line, RelatedLotRow* row, std::string* why) {
  constexpr int kLotFields = 14;
  thread_local std::vector<std::string_view> f;
  text::SplitFields(line, '|', &f);
  int n = static_cast<int>(f.size());
  if (n == kLotFields + 1 && line.back() == '|') n = kLotFields;
  if (n != kLotFields) return *why = "expected 14 fields, got " + std::to_string(n), false;
  row->mgmt_no = f[0];
  row->legal_code = f[1];
  row->sido = f[2];
  row->sigungu = f[3];
  row->emd = f[4];
  row->ri = f[5];
  row->road_code = f[9];
  row->move_reason = f[13];
  if (!ParseFlag(f[6], &row->mountain)) return *why = "산여부 '" + std::string(f[6]) + "'", false;
  if (!ParseInt(f[7], &row->jibun_main) || row->jibun_main <= 0 || row->jibun_main > 99999 ||
      !ParseInt(f[8], &row->jibun_sub) || row->jibun_sub > 65535)
    return *why = "지번 number", false;
  if (!ParseBuildingNumber(f[10], f[11], f[12], &row->underground, &row->main, &row->sub, why)) return false;
  if (row->sido.empty() || row->emd.empty()) return *why = "empty 시도명 or 법정읍면동명", false;
  if (!IsRoadCode(row->road_code)) return *why = "도로명코드 '" + row->road_code + "'", false;
  return true;
}

std::string FormatRelatedLotRow(const RelatedLotRow& r) {
  auto num = [](int v) { return std::to_string(v); };
  auto flag = Flag;
  const std::string parts[] = {r.mgmt_no, r.legal_code, r.sido, r.sigungu, r.emd,
                               r.ri, flag(r.mountain), num(r.jibun_main), num(r.jibun_sub),
                               r.road_code, flag(r.underground), num(r.main), num(r.sub),
                               r.move_reason};
  std::string out = parts[0];
  for (size_t i = 1; i < std::size(parts); ++i) (out += '|') += parts[i];
  return out;
}

namespace {

// Decodes one official file (CP949 or UTF-8, optional BOM) and hands each
// line to parse(line, &why); false from it counts the line as bad.
template <typename ParseLine>
void ReadOfficialLines(std::string_view name, std::string_view bytes, LoadReport* report,
                       ParseLine&& parse) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  // Whole-file conversion is the fast path; a file that is neither clean UTF-8
  // nor clean CP949 falls back to line-by-line so one bad line costs one line.
  std::string converted;
  bool per_line = false;
  if (!text::IsValidUtf8(bytes)) {
    if (auto utf8 = text::Cp949ToUtf8(bytes)) {
      converted = std::move(*utf8);
      bytes = converted;
    } else {
      per_line = true;
    }
  }
  std::string why;
  text::ForEachLine(bytes, [&](std::string_view line, size_t line_no) {
    std::string decoded;
    if (per_line && !text::IsValidUtf8(line)) {
      auto utf8 = text::Cp949ToUtf8(line);
      if (!utf8) {
        AddBad(name, line_no, "not CP949 or UTF-8", report);
        return;
      }
      decoded = std::move(*utf8);
      line = decoded;
    }
    if (!parse(line, &why)) AddBad(name, line_no, why, report);
  });
}

bool ReadWholeFile(const std::filesystem::path& file, std::string* bytes, std::string* error) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return *error = "cannot open " + file.string(), false;
  bytes->assign((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return *error = "cannot read " + file.string(), false;
  return true;
}

}  // namespace

void ReadAddressBytes(std::string_view name, std::string_view bytes,
                      const RowSink& sink, LoadReport* report) {
  AddressRow row;
  ReadOfficialLines(name, bytes, report, [&](std::string_view line, std::string* why) {
    if (!ParseAddressRow(line, &row, why)) return false;
    ++report->rows;
    sink(std::move(row));
    row = AddressRow();
    return true;
  });
}

void ReadRelatedLotBytes(std::string_view name, std::string_view bytes,
                         const RelatedLotSink& sink, LoadReport* report) {
  RelatedLotRow row;
  ReadOfficialLines(name, bytes, report, [&](std::string_view line, std::string* why) {
    if (!ParseRelatedLotRow(line, &row, why)) return false;
    ++report->related_lots;
    sink(std::move(row));
    row = RelatedLotRow();
    return true;
  });
}

bool ReadRelatedLotDirectory(const std::string& dir, const RelatedLotSink& sink,
                             LoadReport* report, std::string* error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string fname = entry.path().filename().string();
    if (entry.is_regular_file() && fname.starts_with("jibun_rnaddrkor") && fname.ends_with(".txt")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::string bytes;
  for (const auto& file : files) {
    if (!ReadWholeFile(file, &bytes, error)) return false;
    const uint64_t before = report->related_lots;
    ReadRelatedLotBytes(file.filename().string(), bytes, sink, report);
    report->files.push_back({file.string(), SourceFile::Kind::kRelatedLots, ModifiedTime(file.string()),
                             report->related_lots - before});
  }
  return true;
}

int64_t ModifiedTime(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_mtime) : 0;
}

bool ReadAddressPath(const std::string& path, const RowSink& sink,
                     LoadReport* report, std::string* error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> files;
  if (fs::is_directory(path, ec)) {
    for (const auto& entry : fs::directory_iterator(path, ec)) {
      const std::string fname = entry.path().filename().string();
      if (entry.is_regular_file() && fname.rfind("rnaddrkor", 0) == 0 &&
          fname.size() > 4 && fname.substr(fname.size() - 4) == ".txt") {
        files.push_back(entry.path());
      }
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
      *error = "no rnaddrkor_*.txt file in directory " + path;
      return false;
    }
  } else if (fs::is_regular_file(path, ec)) {
    files.push_back(path);
  } else {
    *error = "cannot read database path " + path + " (no such file or directory)";
    return false;
  }
  std::string bytes;
  for (const auto& file : files) {
    if (!ReadWholeFile(file, &bytes, error)) return false;
    const uint64_t rows_before = report->rows;
    ReadAddressBytes(file.filename().string(), bytes, sink, report);
    report->files.push_back({file.string(), SourceFile::Kind::kAddressRows, ModifiedTime(file.string()),
                             report->rows - rows_before});
  }
  return true;
}

}  // namespace doro::db
