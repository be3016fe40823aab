// What the fuzz targets share: a property check that aborts with a message
// (libFuzzer then saves the input as a crash file), a JSON validity check
// with the project's JSON reader, and a scratch directory per process.
#ifndef DORO_FUZZ_FUZZ_UTIL_H_
#define DORO_FUZZ_FUZZ_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace doro::fuzz {

// Prints `what` and `detail` and aborts.
[[noreturn]] void Fail(const char* what, std::string_view detail);

// The whole text is one valid JSON document (simdjson's DOM parser, which
// validates structure and UTF-8 throughout).
bool IsValidJson(std::string_view text);

// A fresh directory under $TMPDIR (or /tmp) for this process, removed at exit.
const std::string& ScratchDir();

// Writes `bytes` to `path`, replacing it; aborts on failure.
void WriteFile(const std::string& path, std::string_view bytes);

// Reads the whole file; aborts on failure.
std::string ReadFile(const std::string& path);

}  // namespace doro::fuzz

#define FUZZ_CHECK(cond, detail) \
  do {                           \
    if (!(cond)) ::doro::fuzz::Fail(#cond, (detail)); \
  } while (0)

#endif  // DORO_FUZZ_FUZZ_UTIL_H_
