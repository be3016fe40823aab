#include "db/english_names.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

#include "db/address_row.h"
#include "text/encoding.h"
#include "text/lines.h"
#include "text/utf8.h"

namespace doro::db {
namespace {

bool AllDigits(std::string_view s, size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsAsciiName(std::string_view s) {
  if (s.empty()) return false;
  bool letter = false;
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) letter = true;
  }
  return letter;
}

uint64_t Code(std::string_view digits) {
  uint64_t v = 0;
  for (char c : digits) v = v * 10 + static_cast<uint64_t>(c - '0');
  return v;
}

bool IsCodeFile(std::string_view name) {
  return name.starts_with("TN_SPRD_RDNM") || name.find("도로명코드") != std::string_view::npos;
}

}  // namespace

void ParseEnglishRoadNames(std::string_view name, std::string_view bytes, EnglishRoadNames* out,
                           LoadReport* report) {
  std::string converted;
  if (!text::IsValidUtf8(bytes)) {
    auto utf8 = text::Cp949ToUtf8(bytes);
    if (!utf8) {
      ++report->bad_lines;
      report->bad_line_samples.push_back(std::string(name) + ": not CP949 or UTF-8");
      return;
    }
    converted = std::move(*utf8);
    bytes = converted;
  }
  const bool code_file = IsCodeFile(name);
  std::vector<std::string_view> f;
  text::ForEachLine(bytes, [&](std::string_view line, size_t line_no) {
    text::SplitFields(line, '|', &f);
    bool ok = false;
    if (code_file && f.size() >= 5 && AllDigits(f[0], 5) && AllDigits(f[1], 7) && IsAsciiName(f[4])) {
      (*out)[Code(f[0]) * 10000000ull + Code(f[1])] = std::string(f[4]);
      ok = true;
    } else if (!code_file && f.size() >= 11 && AllDigits(f[9], 12) && IsAsciiName(f[10])) {
      (*out)[Code(f[9])] = std::string(f[10]);
      ok = true;
    }
    if (!ok) {
      ++report->bad_lines;
      if (report->bad_line_samples.size() < 20) {
        report->bad_line_samples.push_back(std::string(name) + ":" + std::to_string(line_no) +
                                           ": not an English road-name line");
      }
    }
  });
}

EnglishRoadNames ReadEnglishRoadNames(const std::string& dir, LoadReport* report) {
  namespace fs = std::filesystem;
  EnglishRoadNames names;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return names;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string fname = entry.path().filename().string();
    if (entry.is_regular_file() && fname.ends_with(".txt") &&
        (fname.starts_with("rneng") || IsCodeFile(fname))) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const size_t names_before = names.size();
    ParseEnglishRoadNames(file.filename().string(), bytes, &names, report);
    report->files.push_back({file.string(), SourceFile::Kind::kEnglishNames, ModifiedTime(file.string()),
                             names.size() - names_before});
  }
  return names;
}

}  // namespace doro::db
