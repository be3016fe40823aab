// Romanization of Korean names following the Revised Romanization of Korean
// (RR, 2000) as the road-name address system uses it:
//   한누리대로 -> Hannuri-daero, 국책연구원5로 -> Gukchaegyeonguwon 5-ro,
//   김해대로2325번길 -> Gimhae-daero 2325beon-gil, 성북구 -> Seongbuk-gu,
//   조치원읍 -> Jochiwon-eup, 종로1가 -> Jongno 1(il)-ga.
// Also produces the other spellings people type (no sound change applied,
// McCune-Reischauer-like), so the index can hold several keys per name.
#ifndef DORO_TEXT_ROMANIZE_H_
#define DORO_TEXT_ROMANIZE_H_

#include <string>
#include <string_view>
#include <vector>

namespace doro::text {

// RR of a run of Hangul (UTF-8) as one word, sound changes applied across
// syllables (nasalisation, liquidisation, linking), lower case, no hyphens:
// "왕십리" -> "wangsimni", "신라" -> "silla", "약령시" -> "yangnyeongsi".
// Non-Hangul characters are copied through unchanged (ASCII lower-cased).
std::string RomanizeWord(std::string_view hangul);

// A road name as the official English road names write it, with the type
// suffix split off and numbers kept: "삼선교로16길" -> "Samseongyo-ro 16-gil",
// "도움1로" -> "Doum 1-ro", "한누리대로" -> "Hannuri-daero",
// "김해대로2325번길" -> "Gimhae-daero 2325beon-gil", "세종로" -> "Sejong-ro".
std::string RomanizeRoadName(std::string_view korean);

// An administrative area name: "성북구" -> "Seongbuk-gu", "조치원읍" ->
// "Jochiwon-eup", "반곡동" -> "Bangok-dong", "종로1가" -> "Jongno 1(il)-ga",
// "서울특별시" -> "Seoul-teukbyeolsi" (callers that want the customary
// English name for a 시도 use their own table).
std::string RomanizeAreaName(std::string_view korean);

// Other plausible romanizations of a name (road or area, same split rules as
// above), as match keys: lower case ASCII letters and digits only, no
// duplicates, the RR key first. Includes at least: RR; letter-by-letter RR
// without sound changes ("yakryeongsi"); a McCune-Reischauer-like form with
// diacritics and apostrophes dropped ("yangnyongsi"). At most `max_variants`.
std::vector<std::string> RomanizationKeys(std::string_view korean,
                                          size_t max_variants = 6);

// Lower-case ASCII letters and digits of `s`, everything else dropped:
// "Samseongyo-ro 16-gil" -> "samseongyoro16gil".
std::string MatchKey(std::string_view s);

}  // namespace doro::text

#endif  // DORO_TEXT_ROMANIZE_H_
