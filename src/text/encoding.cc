#include "text/encoding.h"

#include <iconv.h>

#include <cerrno>

namespace doro::text {
namespace {

std::optional<std::string> Convert(const char* to, const char* from,
                                   std::string_view in) {
  iconv_t cd = iconv_open(to, from);
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out;
  out.resize(in.size() * 2 + 16);
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  size_t done = 0;
  bool ok = true;
  while (src_left > 0) {
    char* dst = out.data() + done;
    size_t dst_left = out.size() - done;
    const size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
    done = out.size() - dst_left;
    if (r == static_cast<size_t>(-1)) {
      if (errno == E2BIG) {
        out.resize(out.size() * 2);
        continue;
      }
      ok = false;  // EILSEQ or EINVAL: not valid in the source encoding
      break;
    }
  }
  iconv_close(cd);
  if (!ok) return std::nullopt;
  out.resize(done);
  return out;
}

}  // namespace

std::optional<std::string> Cp949ToUtf8(std::string_view cp949) {
  return Convert("UTF-8", "CP949", cp949);
}

std::optional<std::string> Utf8ToCp949(std::string_view utf8) {
  return Convert("CP949", "UTF-8", utf8);
}

}  // namespace doro::text
