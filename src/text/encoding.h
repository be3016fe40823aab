// Character-set conversion for the official files, which the Ministry ships in
// CP949 (some mirrors re-encode them as UTF-8). Wraps iconv.
#ifndef DORO_TEXT_ENCODING_H_
#define DORO_TEXT_ENCODING_H_

#include <optional>
#include <string>
#include <string_view>

namespace doro::text {

// CP949 -> UTF-8. nullopt when the bytes are not valid CP949.
std::optional<std::string> Cp949ToUtf8(std::string_view cp949);

// UTF-8 -> CP949. nullopt when a character has no CP949 form.
std::optional<std::string> Utf8ToCp949(std::string_view utf8);

}  // namespace doro::text

#endif  // DORO_TEXT_ENCODING_H_
