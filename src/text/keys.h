// Match keys for Latin-script names. A key is lower-case ASCII letters and
// digits (text::MatchKey). The skeleton folds the differences between the
// romanization systems and common misspellings, so that "Yaknyeongsi-ro",
// "Yangnyŏngsi-ro" and "yangnyeongsiro" land close together.
#ifndef DORO_TEXT_KEYS_H_
#define DORO_TEXT_KEYS_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace doro::text {

// oo->u, eo->o, eu->u, ae/oe->e, wo->o, ui->i, sh->s, ch->j, k->g, t->d, p/f->b,
// l->r, doubled letters collapsed. Digits are kept.
std::string SkeletonKey(std::string_view key);
// The same into *out (cleared first), reusing its capacity.
void SkeletonKeyInto(std::string_view key, std::string* out);

// Damerau-Levenshtein (optimal string alignment) distance, giving up and
// returning max_distance + 1 as soon as the distance exceeds max_distance.
int EditDistance(std::string_view a, std::string_view b, int max_distance);

// EditDistance from one fixed pattern to many texts, bit-parallel (Myers'
// algorithm with Hyyrö's transposition step): one pass of a few word
// operations per text byte instead of a row of the table. Patterns over 64
// bytes fall back to EditDistance. Keeps a view of the pattern.
class PatternDistance {
 public:
  explicit PatternDistance(std::string_view pattern);
  // The same value as EditDistance(pattern, text, max_distance).
  int Distance(std::string_view text, int max_distance) const;

 private:
  std::string_view pattern_;
  std::array<uint64_t, 256> positions_{};  // bit i: pattern[i] is this byte
};

// The digits of a key in order ("samseongyoro16gil" -> "16").
std::string DigitsOf(std::string_view key);

}  // namespace doro::text

#endif  // DORO_TEXT_KEYS_H_
