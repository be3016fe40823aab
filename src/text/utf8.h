// Small UTF-8 helpers. Labels arrive as arbitrary bytes; everything past the
// edge of the engine is valid UTF-8.
#ifndef DORO_TEXT_UTF8_H_
#define DORO_TEXT_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace doro::text {

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Decodes the code point starting at s[*pos] and advances *pos past it.
// Malformed input yields U+FFFD and advances by one byte, so loops terminate.
char32_t DecodeUtf8(std::string_view s, size_t* pos);

// `s` with every malformed byte replaced by U+FFFD: safe to echo in JSON.
std::string ToValidUtf8(std::string_view s);

// Appends the UTF-8 encoding of `cp` to `out`.
void AppendUtf8(char32_t cp, std::string* out);

}  // namespace doro::text

#endif  // DORO_TEXT_UTF8_H_
