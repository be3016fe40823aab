// Hangul syllable arithmetic (Unicode 3.12): a precomposed syllable
// U+AC00..U+D7A3 is 0xAC00 + (lead * 21 + vowel) * 28 + tail.
#ifndef DORO_TEXT_HANGUL_H_
#define DORO_TEXT_HANGUL_H_

#include <cstdint>
#include <string_view>

namespace doro::text {

inline constexpr char32_t kHangulFirst = 0xAC00;
inline constexpr char32_t kHangulLast = 0xD7A3;
inline constexpr int kLeadCount = 19;   // ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ
inline constexpr int kVowelCount = 21;  // ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ
inline constexpr int kTailCount = 28;   // none, ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ
inline constexpr int kSyllableCount = kLeadCount * kVowelCount * kTailCount;  // 11172
static_assert(kHangulFirst + kSyllableCount - 1 == kHangulLast);

// Lead (initial consonant) indices.
enum Lead : uint8_t {
  kLG, kLGG, kLN, kLD, kLDD, kLR, kLM, kLB, kLBB, kLS, kLSS, kLNone,
  kLJ, kLJJ, kLCh, kLK, kLT, kLP, kLH
};
// Vowel indices (only those the rules look at).
enum Vowel : uint8_t {
  kVA = 0, kVYa = 2, kVYae = 3, kVYeo = 6, kVYe = 7, kVO = 8, kVYo = 12, kVWi = 16,
  kVYu = 17, kVI = 20
};
// Tail (final consonant) indices; 0 = no tail.
enum Tail : uint8_t {
  kTNone, kTG, kTGG, kTGS, kTN, kTNJ, kTNH, kTD, kTL, kTLG, kTLM, kTLB, kTLS,
  kTLT, kTLP, kTLH, kTM, kTB, kTBS, kTS, kTSS, kTNg, kTJ, kTCh, kTK, kTT, kTP,
  kTH
};

struct Syllable {
  uint8_t lead;
  uint8_t vowel;
  uint8_t tail;
};

inline constexpr bool IsHangulSyllable(char32_t cp) {
  return cp >= kHangulFirst && cp <= kHangulLast;
}

// `cp` must be a Hangul syllable.
inline constexpr Syllable Decompose(char32_t cp) {
  const uint32_t i = cp - kHangulFirst;
  return Syllable{static_cast<uint8_t>(i / (kVowelCount * kTailCount)),
                  static_cast<uint8_t>(i / kTailCount % kVowelCount),
                  static_cast<uint8_t>(i % kTailCount)};
}

// Indices must be in range.
inline constexpr char32_t Compose(int lead, int vowel, int tail) {
  return kHangulFirst + (lead * kVowelCount + vowel) * kTailCount + tail;
}

// True when `s` holds at least one Hangul syllable (UTF-8).
bool ContainsHangul(std::string_view s);

}  // namespace doro::text

#endif  // DORO_TEXT_HANGUL_H_
