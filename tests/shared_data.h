// Where the tests find the real data: the `shared` directory beside the
// repository (../shared, holding data/...), or the directory named by the
// DORO_SHARED environment variable. Tests that need it skip, saying so,
// when it is absent.
#ifndef DORO_TESTS_SHARED_DATA_H_
#define DORO_TESTS_SHARED_DATA_H_

#include <cstdlib>
#include <string>
#include <string_view>

namespace doro::testing {

// SharedPath("data/juso/sejong") -> "$DORO_SHARED/data/juso/sejong", or
// "<source dir>/../shared/data/juso/sejong".
inline std::string SharedPath(std::string_view relative) {
  const char* env = std::getenv("DORO_SHARED");
  std::string root = env != nullptr && *env != '\0' ? env : std::string(DORO_SOURCE_DIR) + "/../shared";
  return root + "/" + std::string(relative);
}

}  // namespace doro::testing

#endif  // DORO_TESTS_SHARED_DATA_H_
