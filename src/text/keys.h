// Match keys for Latin-script names. A key is lower-case ASCII letters and
// digits (text::MatchKey). The skeleton folds the differences between the
// romanization systems and common misspellings, so that "Yaknyeongsi-ro",
// "Yangnyŏngsi-ro" and "yangnyeongsiro" land close together.
#ifndef DORO_TEXT_KEYS_H_
#define DORO_TEXT_KEYS_H_

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

// The digits of a key in order ("samseongyoro16gil" -> "16").
std::string DigitsOf(std::string_view key);

}  // namespace doro::text

#endif  // DORO_TEXT_KEYS_H_
