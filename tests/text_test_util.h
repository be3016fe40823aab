// Shared by the tests of edit distances: the plain definition to check the
// fast ones against.
#ifndef DORO_TESTS_TEXT_TEST_UTIL_H_
#define DORO_TESTS_TEXT_TEST_UTIL_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace doro::testing_util {

// The full optimal-string-alignment table, no band, no early exit.
inline int ReferenceDistance(const std::string& a, const std::string& b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

// A small deterministic generator for randomized tests: Next(bound) is in
// [0, bound).
class Lcg {
 public:
  explicit Lcg(uint64_t seed) : state_(seed) {}
  uint64_t Next(uint64_t bound) {
    state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
    return (state_ >> 33) % bound;
  }

 private:
  uint64_t state_;
};

}  // namespace doro::testing_util

#endif  // DORO_TESTS_TEXT_TEST_UTIL_H_
