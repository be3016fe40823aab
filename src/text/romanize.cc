// Revised Romanization for road and area names (see romanize.h).
#include <algorithm>
#include <cstring>

#include "text/romanize.h"
#include "text/utf8.h"

namespace doro::text {
namespace {

// Jamo indices per Unicode: 19 leads, 21 vowels, 28 tails.
const char* const kLead[19] = {"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s",
                               "ss", "", "j", "jj", "ch", "k", "t", "p", "h"};
const char* const kVowel[21] = {"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae",
                                "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"};
// MR-like vowels with diacritics dropped.
const char* const kVowelMr[21] = {"a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae",
                                  "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"};

// Tail index -> its representative sound before a consonant.
enum Final { kF0, kFk, kFn, kFt, kFl, kFm, kFp, kFng };
Final TailSound(int t) {
  switch (t) {
    case 0: return kF0;
    case 1: case 2: case 3: case 9: case 24: return kFk;    // ㄱ ㄲ ㄳ ㄺ ㅋ
    case 4: case 5: case 6: return kFn;                     // ㄴ ㄵ ㄶ
    case 7: case 19: case 20: case 22: case 23: case 25: case 27: return kFt;  // ㄷ ㅅ ㅆ ㅈ ㅊ ㅌ ㅎ
    case 8: case 10: case 11: case 12: case 13: case 15: return kFl;  // ㄹ ㄺ? ㄻ.. simplified
    case 16: return kFm;                                    // ㅁ
    case 17: case 18: case 14: case 26: return kFp;         // ㅂ ㅄ ㄿ ㅍ
    case 21: return kFng;                                   // ㅇ
  }
  return kF0;
}
const char* FinalLetters(Final f) {
  switch (f) {
    case kF0: return "";
    case kFk: return "k";
    case kFn: return "n";
    case kFt: return "t";
    case kFl: return "l";
    case kFm: return "m";
    case kFp: return "p";
    case kFng: return "ng";
  }
  return "";
}
// A tail carried over to an ㅇ-initial syllable: its own letter as an initial.
int TailAsLead(int t) {
  switch (t) {
    case 1: return 0;   // ㄱ
    case 2: return 1;   // ㄲ
    case 4: return 2;   // ㄴ
    case 7: return 3;   // ㄷ
    case 8: return 5;   // ㄹ -> r
    case 16: return 6;  // ㅁ
    case 17: return 7;  // ㅂ
    case 19: return 9;  // ㅅ
    case 20: return 10; // ㅆ
    case 22: return 12; // ㅈ
    case 23: return 14; // ㅊ
    case 24: return 15; // ㅋ
    case 25: return 16; // ㅌ
    case 26: return 17; // ㅍ
    default: return -1;
  }
}

struct Syl {
  int lead, vowel, tail;  // lead/vowel -1 for a non-Hangul char
  char32_t cp;
};

std::vector<Syl> Decompose(std::string_view s) {
  std::vector<Syl> out;
  size_t pos = 0;
  while (pos < s.size()) {
    const char32_t c = DecodeUtf8(s, &pos);
    if (c >= 0xAC00 && c <= 0xD7A3) {
      const int i = static_cast<int>(c - 0xAC00);
      out.push_back({i / 588, (i % 588) / 28, i % 28, c});
    } else {
      out.push_back({-1, -1, 0, c});
    }
  }
  return out;
}

enum class Style { kRR, kLetters, kMR };

std::string RomanizeSyls(const std::vector<Syl>& syls, Style style) {
  std::string out;
  const int n = static_cast<int>(syls.size());
  std::vector<int> lead(n), tail(n);
  for (int i = 0; i < n; ++i) lead[i] = syls[i].lead, tail[i] = syls[i].tail;
  std::vector<std::string> coda(n);
  std::vector<std::string> onset(n);
  for (int i = 0; i < n; ++i) {
    if (syls[i].lead < 0) continue;
    onset[i] = kLead[lead[i]];
    if (i == 0 && lead[i] == 5) onset[i] = "r";
  }
  for (int i = 0; i < n; ++i) {
    if (syls[i].lead < 0) continue;
    const bool next_h = i + 1 < n && syls[i + 1].lead >= 0;
    Final f = TailSound(tail[i]);
    std::string c = FinalLetters(f);
    if (next_h && style != Style::kLetters) {
      int& nl = lead[i + 1];
      const int t = tail[i];
      if (nl == 11 && t != 0 && t != 21) {
        // Linking: the final becomes the next syllable's initial; of a
        // double final only the second consonant moves (밝은 -> balgeun).
        const int as_lead = TailAsLead(t);
        static const int kSplit[28][2] = {
            {0}, {0}, {0}, {1, 9}, {0}, {4, 12}, {4, 18}, {0}, {0}, {8, 0}, {8, 6}, {8, 7},
            {8, 9}, {8, 16}, {8, 17}, {8, 18}, {0}, {0}, {17, 9}, {0}, {0}, {0}, {0}, {0}, {0}, {0}, {0}, {0}};
        if (kSplit[t][0] != 0 || kSplit[t][1] != 0) {
          const int first_tail = kSplit[t][0];
          c = FinalLetters(TailSound(first_tail));
          if (first_tail == 8) c = "l";
          onset[i + 1] = kLead[kSplit[t][1]];
          if (kSplit[t][1] == 18) onset[i + 1] = "";
        } else if (t == 27) {  // ㅎ before a vowel is silent
          c = "";
        } else if (as_lead >= 0) {
          c = "";
          onset[i + 1] = as_lead == 5 ? "r" : kLead[as_lead];
        }
      } else if (nl == 2 || nl == 6) {  // ㄴ ㅁ: nasalisation
        if (f == kFk) c = "ng";
        else if (f == kFt) c = "n";
        else if (f == kFp) c = "m";
        else if (f == kFl && nl == 2) onset[i + 1] = "l";
      } else if (nl == 5) {  // ㄹ
        const bool last_ro = i + 2 == n && syls[i + 1].vowel == 8 && syls[i + 1].tail == 0;
        if (f == kFn && last_ro) {  // 신문로 -> Sinmunno: a name ending in 로
          onset[i + 1] = "n";
        } else if (f == kFn || f == kFl) {
          c = "l";
          onset[i + 1] = "l";
        } else if (f == kFm || f == kFng) {
          onset[i + 1] = "n";
        } else if (f == kFk) {
          c = "ng";
          onset[i + 1] = "n";
        } else if (f == kFp) {
          c = "m";
          onset[i + 1] = "n";
        } else if (f == kFt) {
          c = "n";
          onset[i + 1] = "n";
        }
      } else if (nl == 18 && t == 27) {  // ㅎ+ㅎ
        c = "";
      } else if (t == 27 && (nl == 0 || nl == 3 || nl == 12)) {  // ㅎ + ㄱㄷㅈ -> aspirated
        c = "";
        onset[i + 1] = nl == 0 ? "k" : nl == 3 ? "t" : "ch";
      }
    } else if (next_h && style == Style::kLetters) {
      if (lead[i + 1] == 11 && TailAsLead(tail[i]) >= 0 && tail[i] != 0) {
        // keep letters but as RR would link (common in typed names)
      }
    }
    if (f == kFl && c == "l" && i + 1 < n && syls[i + 1].lead == 11 && style != Style::kLetters) {
      // handled above (becomes r onset)
    }
    coda[i] = c;
  }
  for (int i = 0; i < n; ++i) {
    if (syls[i].lead < 0) {
      const char32_t c = syls[i].cp;
      if (c < 0x80) out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
      continue;
    }
    std::string on = onset[i];
    if (style == Style::kMR) {
      if (i == 0 || syls[i - 1].lead < 0 || coda[i - 1].empty()) {
        if (on == "g") on = "k";
        else if (on == "d") on = "t";
        else if (on == "b") on = "p";
        else if (on == "j") on = "ch";
      }
      if (on == "s" && (syls[i].vowel == 20 || syls[i].vowel == 2 || syls[i].vowel == 6)) on = "sh";
    }
    out += on;
    out += style == Style::kMR ? kVowelMr[syls[i].vowel] : kVowel[syls[i].vowel];
    out += coda[i];
  }
  return out;
}

std::string Capitalize(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

struct RoadParts {
  std::string base;      // Korean
  std::string base_num;  // digits right before the type ("도움1로" -> 1)
  std::string type;      // "daero", "ro", "gil", ""
  std::string branch;    // "16" in 삼선교로16길 / "2325" in 번길
  bool beon = false;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

RoadParts SplitRoad(std::string_view k) {
  RoadParts p;
  std::string s(k);
  // Trailing branch: N길 or N번길 after a 로/대로/길 name.
  auto take_branch = [&](std::string_view suffix, bool beon) {
    if (!EndsWith(s, suffix)) return false;
    size_t end = s.size() - suffix.size();
    // Optional Hangul letters between the number and 길: 30다길, 2안길.
    size_t mid = end;
    int letters = 0;
    while (mid >= 3 && letters < 2 && static_cast<unsigned char>(s[mid - 3]) >= 0xEA &&
           !IsDigit(s[mid - 1])) {
      mid -= 3;
      ++letters;
    }
    size_t b = mid;
    while (b > 0 && IsDigit(s[b - 1])) --b;
    if (b == mid || b == 0) {
      if (letters == 0) return false;
      // no digits before the letters: not a branch
      return false;
    }
    std::string head = s.substr(0, b);
    p.branch = s.substr(b, mid - b) + RomanizeSyls(Decompose(s.substr(mid, end - mid)), Style::kRR);
    p.beon = beon;
    s = head;
    return true;
  };
  if (!take_branch("번길", true)) take_branch("길", false);
  if (EndsWith(s, "대로") && s.size() > 9) {  // 석대로 is Seokdae-ro
    p.type = "daero";
    s.resize(s.size() - 6);
  } else if (EndsWith(s, "로") && s.size() > 3) {
    p.type = "ro";
    s.resize(s.size() - 3);
  } else if (EndsWith(s, "길") && s.size() > 3) {
    p.type = "gil";
    s.resize(s.size() - 3);
  }
  size_t b = s.size();
  while (b > 0 && IsDigit(s[b - 1])) --b;
  if (b > 0 && b < s.size()) {
    p.base_num = s.substr(b);
    s.resize(b);
  } else {
    // A number inside the name: 정부2청사로 -> "Jeongbu 2cheongsa-ro".
    const size_t d = s.find_first_of("0123456789");
    if (d != std::string::npos && d > 0) {
      size_t e = d;
      while (e < s.size() && IsDigit(s[e])) ++e;
      p.base_num = s.substr(d, e - d) + RomanizeSyls(Decompose(s.substr(e)), Style::kRR);
      s.resize(d);
    }
  }
  p.base = s;
  return p;
}

std::string RoadFrom(const RoadParts& p, Style style) {
  std::string base = RomanizeSyls(Decompose(p.base), style);
  std::string out = Capitalize(base);
  if (!p.base_num.empty()) out += " " + p.base_num;
  if (!p.type.empty()) out += "-" + p.type;
  if (!p.branch.empty()) out += " " + p.branch + (p.beon ? "beon-gil" : "-gil");
  return out;
}

const char* SinoNumber(int d) {
  static const char* const k[] = {"", "il", "i", "sam", "sa", "o", "yuk", "chil", "pal", "gu"};
  return d >= 0 && d <= 9 ? k[d] : "";
}

}  // namespace

std::string RomanizeWord(std::string_view hangul) {
  return RomanizeSyls(Decompose(hangul), Style::kRR);
}

std::string RomanizeRoadName(std::string_view korean) {
  return RoadFrom(SplitRoad(korean), Style::kRR);
}

std::string RomanizeAreaName(std::string_view korean) {
  std::string s(korean);
  static const std::pair<const char*, const char*> kSuffixes[] = {
      {"특별자치시", "-teukbyeoljachisi"}, {"특별자치도", "-teukbyeoljachido"},
      {"특별시", "-teukbyeolsi"}, {"광역시", "-gwangyeoksi"},
      {"시", "-si"}, {"군", "-gun"}, {"구", "-gu"}, {"읍", "-eup"}, {"면", "-myeon"},
      {"동", "-dong"}, {"리", "-ri"}, {"가", "-ga"}, {"도", "-do"}};
  for (const auto& [ko, en] : kSuffixes) {
    const std::string suffix = ko;
    if (EndsWith(s, suffix) && s.size() > suffix.size()) {
      std::string base = s.substr(0, s.size() - suffix.size());
      size_t b = base.size();
      while (b > 0 && IsDigit(base[b - 1])) --b;
      std::string num = base.substr(b);
      base.resize(b);
      std::string out;
      if (!num.empty() && EndsWith(base, "동") && base.size() > 3) {
        out = Capitalize(RomanizeWord(base.substr(0, base.size() - 3))) + "-dong";
      } else {
        out = Capitalize(RomanizeWord(base));
      }
      if (!num.empty()) {
        out += " " + num;
        if (std::string(ko) == "가" && num.size() == 1) out += std::string("(") + SinoNumber(num[0] - '0') + ")";
      }
      return out + en;
    }
  }
  return Capitalize(RomanizeWord(s));
}

std::string MatchKey(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

std::vector<std::string> RomanizationKeys(std::string_view korean, size_t max_variants) {
  std::vector<std::string> keys;
  const RoadParts p = SplitRoad(korean);
  if (p.type.empty()) {  // not a road: an area name ("종로1가" -> jongno1ilga) first
    keys.push_back(MatchKey(RomanizeAreaName(korean)));
  }
  for (Style st : {Style::kRR, Style::kLetters, Style::kMR}) {
    std::string k = MatchKey(RoadFrom(p, st));
    if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(std::move(k));
    if (keys.size() >= max_variants) break;
  }
  return keys;
}

}  // namespace doro::text
