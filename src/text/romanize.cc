#include "text/romanize.h"

#include <cstdint>

#include "text/hangul.h"
#include "text/utf8.h"

namespace doro::text {
namespace {

// How a consonant sounds at the end of a syllable (before a consonant or a
// pause): RR writes only these seven.
enum Coda : uint8_t { kCNone, kCK, kCN, kCT, kCL, kCM, kCP, kCNg };
constexpr std::string_view kCodaRoman[] = {"", "k", "n", "t", "l", "m", "p", "ng"};

// Onsets are lead indices, plus this one: ㄹ heard as l (after an l coda).
constexpr uint8_t kOnsetL = 19;

constexpr std::string_view kLeadRR[] = {"g",  "kk", "n", "d",  "tt", "r", "m",
                                        "b",  "pp", "s", "ss", "",   "j", "jj",
                                        "ch", "k",  "t", "p",  "h",  "l"};
constexpr std::string_view kVowelRR[] = {"a",  "ae", "ya", "yae", "eo", "e",   "yeo",
                                         "ye", "o",  "wa", "wae", "oe", "yo",  "u",
                                         "wo", "we", "wi", "yu",  "eu", "ui",  "i"};
// McCune-Reischauer with the breves dropped: ŏ -> o, ŭ -> u.
constexpr std::string_view kVowelMR[] = {"a",  "ae", "ya", "yae", "o",  "e",  "yo",
                                         "ye", "o",  "wa", "wae", "oe", "yo", "u",
                                         "wo", "we", "wi", "yu",  "u",  "ui", "i"};

constexpr uint8_t kTailCoda[kTailCount] = {
    kCNone, kCK, kCK, kCK, kCN, kCN, kCN, kCT, kCL, kCK, kCM, kCL, kCL, kCL,
    kCP,    kCL, kCM, kCP, kCP, kCT, kCT, kCNg, kCT, kCT, kCK, kCT, kCP, kCT};

// A syllable boundary after sound changes: what is left of the tail, and
// the onset of the next syllable.
struct Boundary {
  uint8_t coda;
  uint8_t onset;
};

// Linking before a vowel (ㅇ lead): the tail, or the second consonant of a
// cluster, moves to the next syllable.
constexpr Boundary kTailLink[kTailCount] = {
    {kCNone, kLNone}, {kCNone, kLG}, {kCNone, kLGG}, {kCK, kLS},    {kCNone, kLN},
    {kCN, kLJ},       {kCNone, kLN}, {kCNone, kLD},  {kCNone, kLR}, {kCL, kLG},
    {kCL, kLM},       {kCL, kLB},    {kCL, kLS},     {kCL, kLT},    {kCL, kLP},
    {kCNone, kLR},    {kCNone, kLM}, {kCNone, kLB},  {kCP, kLS},    {kCNone, kLS},
    {kCNone, kLSS},   {kCNg, kLNone}, {kCNone, kLJ}, {kCNone, kLCh}, {kCNone, kLK},
    {kCNone, kLT},    {kCNone, kLP}, {kCNone, kLNone}};

// The sound changes RR writes between two syllables of one word. Aspiration
// of ㄱㄷㅂ before ㅎ is not written in nouns (묵호 Mukho, 집현 Jiphyeon).
Boundary Change(uint8_t tail, uint8_t lead, uint8_t vowel) {
  if (tail == kTNone) return {kCNone, lead};
  const uint8_t cls = kTailCoda[tail];
  switch (lead) {
    case kLNone: {
      Boundary b = kTailLink[tail];
      if (vowel == kVI) {  // palatalisation: 해돋이 haedoji, 같이 gachi
        if (b.onset == kLD) b.onset = kLJ;
        if (b.onset == kLT) b.onset = kLCh;
      }
      return b;
    }
    case kLG:
    case kLD:
    case kLJ:
      if (tail == kTH || tail == kTNH || tail == kTLH) {
        const uint8_t aspirated = lead == kLG ? kLK : lead == kLD ? kLT : kLCh;
        return {static_cast<uint8_t>(tail == kTH ? kCNone : tail == kTNH ? kCN : kCL),
                aspirated};
      }
      break;
    case kLS:
      if (tail == kTH) return {kCNone, kLSS};
      break;
    case kLN:
    case kLM:
      switch (cls) {
        case kCK: return {kCNg, lead};
        case kCT: return {kCN, lead};
        case kCP: return {kCM, lead};
        case kCL: return {kCL, lead == kLN ? kOnsetL : lead};
        default: break;
      }
      break;
    case kLR:
      switch (cls) {
        case kCK: return {kCNg, kLN};
        case kCT: return {kCN, kLN};
        case kCP: return {kCM, kLN};
        case kCNg:
        case kCM: return {cls, kLN};
        case kCN:
        case kCL: return {kCL, kOnsetL};
        default: break;
      }
      break;
    default:
      break;
  }
  return {cls, lead};
}

struct Scheme {
  bool changes = true;  // apply the sound changes between syllables
  bool mr = false;      // McCune-Reischauer-like consonants and vowels
  bool shi = false;     // 시 -> shi
};
constexpr Scheme kRR{};

void AppendOnset(uint8_t onset, uint8_t vowel, uint8_t prev_coda, bool initial,
                 const Scheme& sc, std::string* out) {
  const bool sh_vowel = vowel == kVI || vowel == kVWi;
  if (sc.mr) {
    // MR voices plain stops only between voiced sounds.
    const bool voiced = !initial && prev_coda != kCK && prev_coda != kCT && prev_coda != kCP;
    switch (onset) {
      case kLG: *out += voiced ? 'g' : 'k'; return;
      case kLD: *out += voiced ? 'd' : 't'; return;
      case kLB: *out += voiced ? 'b' : 'p'; return;
      case kLJ: out->append(voiced ? "j" : "ch"); return;
      case kLJJ: out->append("tch"); return;
      case kLS: out->append(sc.shi && sh_vowel ? "sh" : "s"); return;
      default: break;
    }
  } else if (sc.shi && onset == kLS && sh_vowel) {
    out->append("sh");
    return;
  }
  out->append(kLeadRR[onset]);
}

void AppendAscii(char32_t cp, bool key, std::string* out) {
  char c = static_cast<char>(cp);
  if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (key && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return;
  *out += c;
}

// True when no Hangul syllable starts at s[pos]: the one before ends a run.
bool EndsRun(std::string_view s, size_t pos) {
  return pos >= s.size() || !IsHangulSyllable(DecodeUtf8(s, &pos));
}

// Appends the romanization of `s` read as one word. In key mode only
// lower-case ASCII letters and digits are written.
void AppendWord(std::string_view s, const Scheme& sc, bool key, std::string* out) {
  size_t pos = 0;
  char32_t cur = pos < s.size() ? DecodeUtf8(s, &pos) : 0;
  bool have_cur = !s.empty();
  bool carried = false;  // `carry` holds the onset the previous boundary set
  uint8_t carry = 0;
  uint8_t prev_coda = kCNone;
  while (have_cur) {
    const bool have_next = pos < s.size();
    const char32_t next = have_next ? DecodeUtf8(s, &pos) : 0;
    if (IsHangulSyllable(cur)) {
      const Syllable syl = Decompose(cur);
      const bool initial = !carried;
      uint8_t onset = carried ? carry : syl.lead;
      uint8_t coda;
      if (have_next && IsHangulSyllable(next)) {
        const Syllable n = Decompose(next);
        if (sc.changes) {
          Boundary b = Change(syl.tail, n.lead, n.vowel);
          // A name ending in 로 is a compound: 신문+로 -> Sinmunno, not -llo.
          if (b.onset == kOnsetL && kTailCoda[syl.tail] == kCN && n.lead == kLR &&
              n.vowel == kVO && n.tail == kTNone && EndsRun(s, pos)) {
            b = {kCN, kLN};
          }
          coda = b.coda;
          carry = b.onset;
        } else {
          coda = kTailCoda[syl.tail];
          carry = n.lead;
        }
        carried = true;
      } else {
        coda = kTailCoda[syl.tail];
        carried = false;
      }
      AppendOnset(onset, syl.vowel, prev_coda, initial, sc, out);
      out->append(sc.mr ? kVowelMR[syl.vowel] : kVowelRR[syl.vowel]);
      out->append(kCodaRoman[coda]);
      prev_coda = coda;
    } else {
      carried = false;
      prev_coda = kCNone;
      if (cur < 0x80) {
        AppendAscii(cur, key, out);
      } else if (!key) {
        AppendUtf8(cur, out);
      }
    }
    cur = next;
    have_cur = have_next;
  }
}

void Capitalize(std::string* out, size_t from) {
  if (from < out->size() && (*out)[from] >= 'a' && (*out)[from] <= 'z') {
    (*out)[from] = static_cast<char>((*out)[from] - 'a' + 'A');
  }
}

// Number of code points (bytes that do not continue a sequence).
size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Digits in groups joined by dots, as 행정동 join the 동 they merge:
// 중계2.3동. Ends and starts with a digit.
std::string_view TrailingNumber(std::string_view s) {
  size_t i = s.size();
  while (i > 0 && (IsDigit(s[i - 1]) || (s[i - 1] == '.' && i >= 2 && i < s.size() &&
                                          IsDigit(s[i - 2])))) {
    --i;
  }
  return s.substr(i);
}

std::string_view TrailingDigits(std::string_view s) {
  size_t i = s.size();
  while (i > 0 && IsDigit(s[i - 1])) --i;
  return s.substr(i);
}

// A name cut into base, number and type: 삼선교로16길 -> 삼선교로 | 16 | 길.
struct Parts {
  std::string_view base;
  std::string_view number;
  std::string_view letters;  // Hangul after the number: 광나루로30다길 -> 다
  bool ga = false;           // 금호1가동: the number is a 가 inside a 동
  bool spelled = false;      // 일도일동: the number was written out in Hangul
  std::string_view type;
};

bool CutSuffix(std::string_view s, std::string_view suffix, std::string_view* rest) {
  if (!s.ends_with(suffix)) return false;
  *rest = s.substr(0, s.size() - suffix.size());
  return true;
}

// Road types: 대로, 로, 길, N번길. 대로 needs a base of two syllables or more
// (석대로 is Seokdae-ro, 세종대로 Sejong-daero).
bool ParseRoad(std::string_view s, Parts* p) {
  std::string_view rest;
  if (CutSuffix(s, "번길", &rest) && !TrailingDigits(rest).empty()) {
    p->type = "번길";
  } else if (CutSuffix(s, "대로", &rest) &&
             CodePoints(rest.substr(0, rest.size() - TrailingDigits(rest).size())) >= 2) {
    p->type = "대로";
  } else if (CutSuffix(s, "로", &rest)) {
    p->type = "로";
  } else if (CutSuffix(s, "길", &rest)) {
    p->type = "길";
  } else {
    return false;
  }
  // A branch may carry one or two syllables after its number (30다길, 2안길).
  if (p->type == "길") {
    std::string_view head = rest;
    for (int n = 0; n < 2 && head.size() >= 3; ++n) {
      size_t at = head.size() - 3;
      size_t q = at;
      if (!IsHangulSyllable(DecodeUtf8(head, &q))) break;
      head = head.substr(0, at);
      if (!TrailingDigits(head).empty()) {
        p->letters = rest.substr(at);
        rest = head;
        break;
      }
    }
  }
  p->number = TrailingDigits(rest);
  p->base = rest.substr(0, rest.size() - p->number.size());
  return !(p->base.empty() && p->number.empty());
}

constexpr std::string_view kAreaTypes[] = {"특별자치시", "특별자치도", "특별시", "광역시",
                                           "시", "군", "구", "읍", "면", "동", "리", "가", "도"};

// 1..9 written out as the last syllable of a 동 with a base of two
// syllables or more: 일도일동 -> Ildo 1(il)-dong.
std::string_view SpelledDigit(std::string_view rest) {
  static constexpr std::string_view kSpelled[] = {"일", "이", "삼", "사", "오",
                                                  "육", "칠", "팔", "구"};
  static constexpr std::string_view kDigits = "123456789";
  if (CodePoints(rest) < 3) return {};
  for (size_t d = 0; d < 9; ++d) {
    if (rest.ends_with(kSpelled[d])) return kDigits.substr(d, 1);
  }
  return {};
}

bool ParseArea(std::string_view s, Parts* p) {
  for (std::string_view type : kAreaTypes) {
    std::string_view rest, head;
    if (!CutSuffix(s, type, &rest)) continue;
    p->type = type;
    p->number = TrailingNumber(rest);
    p->base = rest.substr(0, rest.size() - p->number.size());
    if (type == "동" && p->number.empty()) {
      if (CutSuffix(rest, "가", &head) && !TrailingDigits(head).empty()) {
        p->number = TrailingDigits(head);
        p->base = head.substr(0, head.size() - p->number.size());
        p->ga = true;
      } else if (std::string_view d = SpelledDigit(rest); !d.empty()) {
        p->number = d;
        p->base = rest.substr(0, rest.size() - 3);  // one Hangul syllable
        p->spelled = true;
      }
    }
    // 창신제1동: 제 ("No.") before the number is not written.
    if (type == "동" && !p->number.empty() && CutSuffix(p->base, "제", &head) && !head.empty()) {
      p->base = head;
    }
    return !(p->base.empty() && p->number.empty());
  }
  return false;
}

std::string_view RoadTypeRoman(std::string_view type) {
  if (type == "대로") return "daero";
  if (type == "로") return "ro";
  if (type == "번길") return "beon-gil";
  return "gil";
}

// Sino-Korean reading of a number, in Hangul: 1 -> 일, 12 -> 십이, 16 -> 십뉵
// (ㄴ inserted before 육 after a consonant, as spoken: simnyuk).
void AppendNumberHangul(std::string_view digits, std::string* out) {
  static constexpr std::string_view kDigit[] = {"영", "일", "이", "삼", "사",
                                                "오", "육", "칠", "팔", "구"};
  static constexpr std::string_view kUnit[] = {"", "십", "백", "천"};
  if (digits.empty()) return;
  const bool positional = digits.size() <= 4 && digits[0] != '0';
  bool after_tail = false;  // previous syllable written ends in a consonant
  for (size_t i = 0; i < digits.size(); ++i) {
    const int d = digits[i] - '0';
    const size_t unit = digits.size() - 1 - i;
    if (positional) {
      if (d == 0) continue;
      if (d != 1 || unit == 0) {
        out->append(d == 6 && after_tail ? std::string_view("뉵") : kDigit[d]);
        after_tail = d == 1 || d == 3 || d == 6 || d == 7 || d == 8;
      }
      if (unit > 0) {
        out->append(kUnit[unit]);
        after_tail = true;  // 십 백 천 all end in a consonant
      }
    } else {
      out->append(d == 6 && after_tail ? std::string_view("뉵") : kDigit[d]);
      after_tail = d == 1 || d == 3 || d == 6 || d == 7 || d == 8 || d == 0;
    }
  }
}

// kStem: an area without a 특별시/광역시/특별자치시 type, as the customary
// English of those cities is written (서울특별시 -> Seoul).
enum class Form { kRoad, kArea, kWord, kStem };

// A base with a number inside is written with a space before the number:
// 정부2청사 -> Jeongbu 2cheongsa.
void AppendBase(std::string_view base, const Scheme& sc, bool key, std::string* out) {
  size_t d = 0;
  while (d < base.size() && !IsDigit(base[d])) ++d;
  if (key || d == 0 || d == base.size()) {
    AppendWord(base, sc, key, out);
    return;
  }
  const size_t start = out->size();
  AppendWord(base.substr(0, d), sc, key, out);
  Capitalize(out, start);
  *out += ' ';
  AppendWord(base.substr(d), sc, key, out);
}

// Appends one space-free name in the given form. `reading` adds the number's
// Sino-Korean reading to areas: 종로1가 -> Jongno 1(il)-ga.
void AppendName(std::string_view s, Form form, const Scheme& sc, bool key, bool reading,
                std::string* out) {
  Parts p;
  if (form == Form::kRoad && ParseRoad(s, &p)) {
    const size_t start = out->size();
    Parts inner;
    if (!p.number.empty() && ParseRoad(p.base, &inner)) {
      // 삼선교로16길: the base is itself a road name, written as one.
      AppendName(p.base, Form::kRoad, sc, key, reading, out);
    } else {
      AppendBase(p.base, sc, key, out);
    }
    if (!key) Capitalize(out, start);
    std::string_view type = RoadTypeRoman(p.type);
    if (!p.number.empty()) {
      if (!key && !p.base.empty()) *out += ' ';
      out->append(p.number);
      AppendWord(p.letters, sc, key, out);
      if (p.type != "번길" && !key) *out += '-';
    } else if (!key && !p.base.empty()) {
      *out += '-';
    }
    if (key) {
      for (char c : type) {
        if (c != '-') *out += c;
      }
    } else {
      out->append(type);
    }
    return;
  }
  if (form == Form::kArea && s.find('(') != std::string_view::npos) {
    // 기암리(26), 평(坪)사리: parentheses only tell namesakes apart.
    std::string bare;
    int depth = 0;
    for (char c : s) {
      if (c == '(') ++depth;
      else if (c == ')') depth = depth > 0 ? depth - 1 : 0;
      else if (depth == 0) bare += c;
    }
    if (!bare.empty() && bare.size() < s.size()) {
      AppendName(bare, form, sc, key, reading, out);
      return;
    }
  }
  if (form == Form::kStem) {
    if (ParseArea(s, &p) && p.number.empty() && !p.base.empty() &&
        (p.type == "특별시" || p.type == "광역시" || p.type == "특별자치시")) {
      const size_t start = out->size();
      AppendWord(p.base, sc, key, out);
      if (!key) Capitalize(out, start);
      return;
    }
    form = Form::kArea;
  }
  if (form == Form::kArea && ParseArea(s, &p)) {
    const size_t start = out->size();
    Parts inner;
    if (!p.number.empty() && p.base.ends_with("동") && ParseArea(p.base, &inner) &&
        !inner.base.empty()) {
      AppendName(p.base, Form::kArea, sc, key, reading, out);
    } else {
      AppendWord(p.base, sc, key, out);
    }
    if (!key) Capitalize(out, start);
    if (!p.number.empty()) {
      // 행정동 glue a digit to the name (Changsin1(il)-dong); 가 and written-
      // out numbers stand apart (Jongno 1(il)-ga, Ildo 1(il)-dong).
      const bool glued = p.type == "동" && !p.spelled;
      if (!key && !p.base.empty() && !glued) *out += ' ';
      for (char c : p.number) {
        if (!key || c != '.') *out += c;
      }
      if (reading) {
        // Each group read on its own: 2.3 -> (i.sam).
        if (!key) *out += '(';
        std::string hangul;
        size_t pos = 0;
        while (pos < p.number.size()) {
          size_t dot = p.number.find('.', pos);
          if (dot == std::string_view::npos) dot = p.number.size();
          if (pos > 0 && !key) *out += '.';
          hangul.clear();
          AppendNumberHangul(p.number.substr(pos, dot - pos), &hangul);
          AppendWord(hangul, kRR, key, out);
          pos = dot + 1;
        }
        if (!key) *out += ')';
      }
      if (p.ga) out->append(key ? "ga" : "-ga");
    }
    if (!key && !(p.base.empty() && p.number.empty())) *out += '-';
    AppendWord(p.type, kRR, key, out);
    return;
  }
  const size_t start = out->size();
  AppendWord(s, sc, key, out);
  if (!key) Capitalize(out, start);
}

// Renders every space-separated part of `s`. Road parts are joined by one
// space; area parts go small to large, as the official English writes them:
// 수원시 장안구 -> Jangan-gu, Suwon-si. Keys join the parts without a space.
void AppendNames(std::string_view s, Form form, const Scheme& sc, bool key, bool reading,
                 bool area_order, std::string* out) {
  constexpr size_t kMaxParts = 8;
  std::string_view parts[kMaxParts];
  size_t n = 0;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t sp = s.find(' ', pos);
    if (sp == std::string_view::npos) sp = s.size();
    if (sp > pos) {
      if (n == kMaxParts) {  // more parts than names have: the rest as one
        parts[n - 1] = s.substr(parts[n - 1].data() - s.data());
        break;
      }
      parts[n++] = s.substr(pos, sp - pos);
    }
    pos = sp + 1;
  }
  const bool reverse = area_order && n > 1;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && !key) out->append(reverse ? ", " : " ");
    AppendName(parts[reverse ? n - 1 - i : i], form, sc, key, reading, out);
  }
}

bool EndsWithRoadType(std::string_view s) {
  Parts p;
  size_t sp = s.rfind(' ');
  return ParseRoad(sp == std::string_view::npos ? s : s.substr(sp + 1), &p);
}

// What the variant spellings of a name can differ in, so that variants that
// would repeat an earlier key are not rendered at all.
struct Features {
  bool sound_change = false;  // some boundary changes under the RR rules
  bool shi = false;           // ㅅ before ㅣ or ㅟ
};

Features Scan(std::string_view s) {
  Features f;
  size_t pos = 0;
  bool have_prev = false;
  Syllable prev{};
  while (pos < s.size()) {
    const char32_t cp = DecodeUtf8(s, &pos);
    if (!IsHangulSyllable(cp)) {
      have_prev = false;
      continue;
    }
    const Syllable syl = Decompose(cp);
    if (syl.lead == kLS && (syl.vowel == kVI || syl.vowel == kVWi)) f.shi = true;
    if (have_prev && prev.tail != kTNone) {
      const Boundary b = Change(prev.tail, syl.lead, syl.vowel);
      if (b.coda != kTailCoda[prev.tail] || b.onset != syl.lead) f.sound_change = true;
    }
    prev = syl;
    have_prev = true;
  }
  return f;
}

}  // namespace

std::string RomanizeWord(std::string_view hangul) {
  std::string out;
  out.reserve(hangul.size() * 2);
  AppendWord(hangul, kRR, false, &out);
  return out;
}

std::string RomanizeRoadName(std::string_view korean) {
  std::string out;
  out.reserve(korean.size() * 2);
  AppendNames(korean, Form::kRoad, kRR, false, false, false, &out);
  return out;
}

std::string RomanizeAreaName(std::string_view korean) {
  std::string out;
  out.reserve(korean.size() * 2);
  AppendNames(korean, Form::kArea, kRR, false, true, true, &out);
  return out;
}

std::vector<std::string> RomanizationKeys(std::string_view korean, size_t max_variants) {
  std::vector<std::string> keys;
  if (max_variants == 0) return keys;
  keys.reserve(max_variants);
  const bool road = EndsWithRoadType(korean);
  const Form primary = road ? Form::kRoad : Form::kArea;
  const Features features = Scan(korean);
  constexpr Scheme kNoChange{false, false, false};
  constexpr Scheme kMR{true, true, false};
  constexpr Scheme kMRShi{true, true, true};
  constexpr Scheme kMRNoChange{false, true, false};
  constexpr Scheme kRRShi{true, false, true};
  struct Variant {
    Form form;
    Scheme scheme;
    bool reading;
  };
  // In order of use; duplicates are skipped. Roads ending in 로 are also
  // area names written as one word (세종로 -> Sejongno); areas with a number
  // are also written without its reading (jongno1ga), 서울특별시 as Seoul.
  const Variant variants[] = {
      {primary, kRR, true},
      {primary, kNoChange, true},
      {primary, kMR, true},
      {Form::kArea, kRR, road},
      {primary, kMRShi, true},
      {road ? primary : Form::kStem, kRR, true},
      {primary, kMRNoChange, true},
      {primary, kRRShi, true},
      {Form::kWord, kRR, false},
      {Form::kArea, kNoChange, false},
  };
  std::string key;
  for (const Variant& v : variants) {
    if (keys.size() >= max_variants) break;
    if (!v.scheme.changes && !features.sound_change) continue;  // same as with changes
    if (v.scheme.shi && !features.shi) continue;
    key.clear();
    AppendNames(korean, v.form, v.scheme, true, v.reading, !road, &key);
    if (key.empty()) continue;
    bool seen = false;
    for (const auto& k : keys) seen = seen || k == key;
    if (!seen) keys.push_back(key);
  }
  return keys;
}

std::string MatchKey(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    }
  }
  return out;
}

}  // namespace doro::text
