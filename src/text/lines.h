// Walking line-oriented text (the official files, our TSV tables).
#ifndef DORO_TEXT_LINES_H_
#define DORO_TEXT_LINES_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace doro::text {

// Calls fn(line, line_no) for each non-empty line of `bytes`, LF or CRLF,
// without its terminator. line_no counts from 1 and includes empty lines, so
// it is the line number an editor shows.
template <typename Fn>
void ForEachLine(std::string_view bytes, Fn&& fn) {
  size_t pos = 0, line_no = 0;
  while (pos < bytes.size()) {
    size_t end = bytes.find('\n', pos);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view line = bytes.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) fn(line, line_no);
  }
}

// Splits `line` at every `sep` into *fields (cleared first); n separators
// give n + 1 fields.
inline void SplitFields(std::string_view line, char sep, std::vector<std::string_view>* fields) {
  fields->clear();
  size_t start = 0;
  while (true) {
    const size_t at = line.find(sep, start);
    fields->push_back(line.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return;
    start = at + 1;
  }
}

}  // namespace doro::text

#endif  // DORO_TEXT_LINES_H_
