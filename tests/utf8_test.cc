// UTF-8 validation: the ASCII fast path must agree with decoding every byte.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "text/utf8.h"

namespace doro::text {
namespace {

// The definition, one code point at a time.
bool ValidByDecoding(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t start = pos;
    if (DecodeUtf8(s, &pos) == 0xFFFD && pos - start != 3) return false;
  }
  return true;
}

TEST(Utf8, InvalidBytesAfterLongAsciiRunsAreFound) {
  const std::string ascii = "Seoul Jung-gu Sejong-daero 110, ";
  for (size_t at = 0; at <= ascii.size(); ++at) {
    for (const std::string bad : {"\x80", "\xC3", "\xE2\x82", "\xF0\x9F\x98", "\xC0\xAF", "\xED\xA0\x80"}) {
      std::string s = ascii;
      s.insert(at, bad);
      EXPECT_FALSE(IsValidUtf8(s)) << at;
      EXPECT_EQ(IsValidUtf8(s), ValidByDecoding(s)) << at;
    }
    for (const std::string good : {"\xC3\xA9", "경비실", "\xEF\xBF\xBD", "\xF0\x9F\x98\x80"}) {
      std::string s = ascii;
      s.insert(at, good);
      EXPECT_TRUE(IsValidUtf8(s)) << at;
    }
  }
}

TEST(Utf8, AgreesWithDecodingOnRandomBytes) {
  std::mt19937 rng(11);
  const std::string pieces[] = {"a", "Z", "7", " ", "-", "경", "\xC3\xA9", "\x80", "\xE2", "\xFF", "\xF0\x9F"};
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) {
      // Mostly ASCII, as labels are, so the eight-byte path runs.
      s += rng() % 8 != 0 ? pieces[rng() % 5] : pieces[rng() % std::size(pieces)];
    }
    ASSERT_EQ(IsValidUtf8(s), ValidByDecoding(s)) << s;
  }
}

}  // namespace
}  // namespace doro::text
