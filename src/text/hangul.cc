#include "text/hangul.h"

#include <string_view>

#include "text/utf8.h"

namespace doro::text {

bool ContainsHangul(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size()) {
    if (IsHangulSyllable(DecodeUtf8(s, &pos))) return true;
  }
  return false;
}

}  // namespace doro::text
