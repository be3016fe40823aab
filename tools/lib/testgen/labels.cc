#include "testgen/labels.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "db/embedded.h"
#include "db/format.h"
#include "db/sido.h"
#include "testgen/rng.h"
#include "text/hangul.h"
#include "text/keys.h"
#include "text/lines.h"
#include "text/romanize.h"
#include "text/utf8.h"

namespace doro::gen {
namespace {

// One stream per case (testgen/rng.h).
using Rng = SplitMixRng;

class ErrorClass;  // one unit per error class, below the Impl

// ---------------------------------------------------------------- vocabulary
const std::array<const char*, 10> kNotes = {
    "경비실 맡겨주세요", "문 앞에 놓아주세요", "부재시 경비실에 맡겨주세요",
    "배송 전 연락 바랍니다", "파손주의", "빠른 배송 부탁드려요",
    "택배함에 넣어주세요", "도착하면 전화주세요", "문앞", "벨 누르지 마세요"};

const std::array<const char*, 12> kNames = {
    "김&장", "(주)한빛상사", "Samsung Electronics", "Kim & Lee LLC",
    "Starbucks", "CU편의점", "Olive Young", "Hana Bank",
    "ABC Trading Co., Ltd.", "한빛빌딩", "Daiso", "Lotte Mart"};

std::string Unit(Rng& rng) {
  const int dong = 101 + static_cast<int>(rng.Mod(12));
  const int floor = 1 + static_cast<int>(rng.Mod(25));
  const int ho = floor * 100 + 1 + static_cast<int>(rng.Mod(6));
  switch (rng.Mod(9)) {
    case 0: return "#" + std::to_string(ho);
    case 1: return std::to_string(floor) + "F";
    case 2: return "Apt. " + std::to_string(dong) + "-dong " + std::to_string(ho) + "-ho";
    case 3: return std::to_string(ho) + "ho" + std::to_string(dong) + "동";
    case 4: return std::to_string(dong) + "동 " + std::to_string(ho) + "호";
    case 5: return "Room " + std::to_string(ho);
    case 6: return std::to_string(floor) + "층";
    case 7: return "Suite " + std::to_string(ho);
    default: return "Unit " + std::to_string(ho);
  }
}

const std::array<const char*, 5> kCountries = {"Republic of Korea", "South Korea", "KOREA",
                                               "Korea", "대한민국"};

// Syllables for invented road names (neg_road).
const std::array<const char*, 24> kFakeSyllables = {
    "쿼", "퓨", "뷔", "튼", "켭", "짹", "쀼", "훽", "뮈", "퀸", "뽀", "쯔",
    "텹", "꿰", "픕", "뙤", "쉑", "퀑", "갸", "츄", "븨", "쾅", "쮸", "퓍"};

// QWERTY neighbours, for plausible finger slips.
std::string_view Neighbours(char c) {
  static const std::unordered_map<char, std::string_view> kMap = {
      {'q', "wa"},  {'w', "qes"}, {'e', "wrd"}, {'r', "etf"}, {'t', "ryg"},
      {'y', "tuh"}, {'u', "yij"}, {'i', "uok"}, {'o', "ipl"}, {'p', "ol"},
      {'a', "qsz"}, {'s', "adw"}, {'d', "sfe"}, {'f', "dgr"}, {'g', "fht"},
      {'h', "gjy"}, {'j', "hku"}, {'k', "jli"}, {'l', "ko"},  {'z', "xa"},
      {'x', "zcs"}, {'c', "xvd"}, {'v', "cbf"}, {'b', "vng"}, {'n', "bmh"},
      {'m', "nj"}};
  auto it = kMap.find(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return it == kMap.end() ? std::string_view() : it->second;
}

// ---------------------------------------------------------------- helpers
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string Capitalize(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}
std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

using text::IsHangulSyllable;

// The leading run of Hangul syllables of a UTF-8 string (byte length).
size_t LeadingHangulBytes(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size()) {
    size_t next = pos;
    char32_t c = text::DecodeUtf8(s, &next);
    if (!IsHangulSyllable(c) || next == pos) break;
    pos = next;
  }
  return pos;
}

bool EndsWithHangul(std::string_view s) {
  // Hangul syllables are 3 bytes in UTF-8, starting 0xEA..0xED.
  if (s.size() < 3) return false;
  size_t pos = s.size() - 3;
  char32_t c = text::DecodeUtf8(s, &pos);
  return IsHangulSyllable(c);
}

// Korean stem of a road name: "삼선교로16길" -> "삼선교", "한누리대로" ->
// "한누리", "도움1로" -> "도움". Empty when the name has no such stem.
std::string RoadStemKo(std::string_view name) {
  size_t n = LeadingHangulBytes(name);
  std::string_view h = name.substr(0, n);
  // A name with digits right after the leading run ("도움1로") carries its
  // type after the digits; otherwise the run ends with the type.
  const bool type_in_run = n == name.size() ||
                           !(name[n] >= '0' && name[n] <= '9') ||
                           h.ends_with("로") || h.ends_with("길");
  if (type_in_run) {
    if (h.ends_with("대로") && h.size() > 6) {
      h.remove_suffix(6);
    } else if ((h.ends_with("로") || h.ends_with("길")) && h.size() > 3) {
      h.remove_suffix(3);
    } else if (n == name.size()) {
      return "";
    }
  }
  return std::string(h);
}

// Splits "수원시 장안구" into words and romanizes in English order:
// "Jangan-gu, Suwon-si".
std::string EnglishSigungu(std::string_view sigungu) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start <= sigungu.size()) {
    size_t sp = sigungu.find(' ', start);
    if (sp == std::string_view::npos) sp = sigungu.size();
    if (sp > start) words.push_back(text::RomanizeAreaName(sigungu.substr(start, sp - start)));
    start = sp + 1;
  }
  std::reverse(words.begin(), words.end());
  return Join(words, ", ");
}

std::string NumberText(const db::AddressRow& r) {
  std::string s = std::to_string(r.main);
  if (r.sub > 0) s += "-" + std::to_string(r.sub);
  return s;
}

// The number, with a basement marker when the row is underground: the
// official-looking "B93", or when `varied` any of the forms labels use.
std::string NumberWithMarker(const db::AddressRow& r, Rng& rng, bool varied) {
  const std::string n = NumberText(r);
  if (!r.underground) return n;
  if (!varied) return "B" + n;
  switch (rng.Mod(9)) {
    case 0: return "B" + n;
    case 1: return "B " + n;
    case 2: return "B, " + n;
    case 3: return "GF" + n;
    case 4: return "G/F " + n;
    case 5: return "지하 " + n;
    case 6: return "지하" + n;
    case 7: return "Underground " + n;
    default: return n + "B";
  }
}

// Which region words the label carries (as evidence a human could use).
struct Scope {
  bool sido = false;
  bool sigungu = false;
  bool emd = false;
  bool zip = false;
};

// The pieces of one label before rendering.
struct Parts {
  std::string num, road, emd, sigungu, sido, zip, country;
  std::vector<std::string> front, back;  // notes, names, units
};

std::string RenderEnglish(const Parts& p) {
  std::string last = p.sido;
  if (!p.zip.empty()) last = Join({last, p.zip}, " ");
  std::vector<std::string> fields = p.front;
  fields.push_back(p.num);
  fields.push_back(p.road);
  fields.push_back(p.emd);
  fields.push_back(p.sigungu);
  fields.push_back(last);
  fields.push_back(p.country);
  std::string out = Join(fields, ", ");
  for (const auto& b : p.back) out = Join({out, b}, " ");
  return out;
}

// Letter changes between romanization systems and habits; each keeps the
// SkeletonKey-style reading (eo/o, eu/u, k/g, t/d, p/b, ch/j, s/sh, r/l).
std::string RespellStem(const std::string& stem, Rng& rng) {
  static const std::array<std::pair<const char*, const char*>, 12> kRules = {{
      {"eo", "o"}, {"eu", "u"}, {"g", "k"}, {"d", "t"}, {"b", "p"}, {"j", "ch"},
      {"si", "shi"}, {"r", "l"}, {"k", "g"}, {"ch", "j"}, {"yeo", "yo"}, {"u", "oo"}}};
  for (int attempt = 0; attempt < 6; ++attempt) {
    const auto& [from, to] = kRules[rng.Mod(kRules.size())];
    const std::string_view f(from);
    std::vector<size_t> at;
    for (size_t pos = stem.find(from); pos != std::string::npos; pos = stem.find(from, pos + 1)) {
      const char before = pos > 0 ? stem[pos - 1] : ' ';
      // "ng" stays "ng" ("Undank" is no one's spelling), and the u of "eu"
      // does not become "oo".
      if ((f == "g" || f == "k") && before == 'n') continue;
      if (f == "u" && (before == 'e' || before == 'o')) continue;
      at.push_back(pos);
    }
    if (at.empty()) continue;
    std::string out = stem;
    out.replace(at[rng.Mod(at.size())], std::string_view(from).size(), to);
    return out;
  }
  return stem;
}

// Replaces the vowel of one Hangul syllable with a look-alike or
// sound-alike one (ㅓ/ㅐ/ㅔ, ㅏ/ㅐ, ㅗ/ㅜ, ㅡ/ㅜ, ㅕ/ㅖ). False when `s` has no
// syllable whose vowel has such a neighbour.
bool HangulVowelSlip(std::string* s, Rng& rng) {
  // Vowel index (0..20) -> a similar vowel, -1 for none.
  static const int kSimilar[21] = {1, 0, -1, -1, 1, 1, 7, 6, -1, -1, -1,
                                   -1, -1, 8, -1, -1, -1, -1, 13, -1, -1};
  std::vector<std::pair<size_t, char32_t>> syl;  // byte offset, syllable
  size_t pos = 0;
  while (pos < s->size()) {
    const size_t at = pos;
    const char32_t c = text::DecodeUtf8(*s, &pos);
    if (pos == at) return false;
    if (IsHangulSyllable(c) && kSimilar[text::Decompose(c).vowel] >= 0) syl.emplace_back(at, c);
  }
  if (syl.empty()) return false;
  const auto [at, c] = syl[rng.Mod(syl.size())];
  const text::Syllable x = text::Decompose(c);
  const char32_t slipped = text::Compose(x.lead, kSimilar[x.vowel], x.tail);
  std::string repl;
  text::AppendUtf8(slipped, &repl);
  s->replace(at, 3, repl);
  return true;
}

}  // namespace

// ---------------------------------------------------------------- Impl
struct LabelGenerator::Impl {
  struct Road {  // one distinct Korean road name
    std::string ko;
    std::string en;       // official-style English (RomanizeRoadName)
    std::string stem_ko;  // "삼선교"
    std::string rr_stem;  // "samseongyo": the prefix of `en` (case-insensitive)
    std::vector<std::string> keys;  // match keys, RR first
    std::vector<std::string> skeletons;  // SkeletonKey of each key
    std::vector<uint32_t> rows;
  };
  struct Translation {
    std::string en, ko;
  };

  std::vector<db::AddressRow> rows;
  std::vector<std::string> address;   // RoadAddress per row
  std::vector<uint32_t> road_of_row;  // index into roads
  std::vector<Road> roads;
  std::unordered_map<std::string, uint32_t> road_by_ko;
  std::unordered_map<std::string, std::vector<uint32_t>> roads_by_key;
  std::unordered_map<uint64_t, std::vector<uint32_t>> rows_by_number;
  std::unordered_set<std::string> addresses;
  std::unordered_set<std::string> region_keys;  // match keys of every region word
  std::vector<std::string> road_skeletons;      // every road key's skeleton
  std::set<std::string> sidos_present;
  std::vector<uint32_t> underground_rows;
  // Roads of each 시도+시군구 (the scope a typo must stay unambiguous in).
  std::unordered_map<std::string, std::vector<uint32_t>> roads_by_region;
  static std::string RegionOf(const db::AddressRow& r) { return r.sido + '\x1f' + r.sigungu; }
  std::vector<Translation> translations;
  struct TrUse {
    uint32_t road;
    uint32_t ti;         // translations index
    uint32_t at;         // byte offset of the translated part in the stem
    bool with_type;      // the entry includes the road type (문화로)
  };
  std::vector<TrUse> translatable;
  static std::string_view RoadTypeAfterStem(const Road& road);
  // The road written with the entry's English; *denoted gets every road
  // that English could stand for.
  std::string TranslatedRoad(const TrUse& u, std::vector<uint32_t>* denoted) const;

  static uint64_t NumKey(bool ug, int main, int sub) {
    return (static_cast<uint64_t>(ug) << 62) |
           (static_cast<uint64_t>(static_cast<uint32_t>(main)) << 31) |
           static_cast<uint64_t>(static_cast<uint32_t>(sub) & 0x7FFFFFFFu);
  }

  void Build(const std::string& tsv);
  std::vector<LabelCase> Generate(size_t count, uint64_t seed) const;
  // The classes this database can produce, in ErrorClasses() order.
  std::vector<const ErrorClass*> Available() const;
  // One case of `cls` from the stream seeded with `stream`: up to 40
  // attempts, each drawing its row first.
  bool MakeCase(const ErrorClass& cls, uint64_t stream, LabelCase* out) const;
  // Denoted() for a road as written.
  std::vector<uint32_t> DenotedBy(const std::string& written, uint32_t truth) const {
    return Denoted(text::MatchKey(written), truth);
  }

  // Distinct road addresses that fit: rows at this number whose road is one
  // of `names` and that agree with the scope's region words about `row`.
  size_t CountFits(const std::vector<uint32_t>& names, const db::AddressRow& row,
                   const Scope& scope) const;
  // The roads a written road key may denote (exact key hits), always
  // including `truth`.
  std::vector<uint32_t> Denoted(const std::string& key, uint32_t truth) const;
  bool InScope(const db::AddressRow& r, const db::AddressRow& row, const Scope& s) const {
    if (s.sido && r.sido != row.sido) return false;
    if (s.sigungu && r.sigungu != row.sigungu) return false;
    if (s.emd && r.emd != row.emd) return false;
    if (s.zip && r.zip != row.zip) return false;
    return true;
  }

  // Label pieces in official English for a row, full scope.
  Parts EnglishParts(const db::AddressRow& r, Rng& rng, bool varied_marker) const;
  std::string SidoEnglish(const db::AddressRow& r) const;
  std::string SidoForm(const db::AddressRow& r, Rng& rng) const;
  // Sets the label's expectation from the fits count.
  void Expect(size_t fits, const std::string& addr, LabelCase* out) const {
    if (fits == 1) {
      out->expected = addr;
      out->expected_reason.clear();
    } else {
      out->expected.clear();
      out->expected_reason = "ambiguous";
    }
  }
  // Road-type spelling and stem variants of an official English road name.
  std::string RoadSpelling(const std::string& en, Rng& rng) const;
  bool TypoWord(std::string* word, size_t lo, size_t hi, Rng& rng) const;
  bool FarFromEveryRoad(const std::string& key) const;
  // A one-edit typo in the stem of row `ri`'s road as *written (which starts
  // with the RR stem), kept only when the true road stays the strict nearest
  // of its 시군구 (plain and SkeletonKey distance) and no road with this
  // number in scope `s` comes within one more edit.
  bool TypoRoad(uint32_t ri, const Scope& s, Rng& rng, std::string* written) const;
  // True when the road key `key` (a respelling of row ri's road) names no
  // other road exactly and, folded by SkeletonKey, lies at least two edits
  // from every other road of the row's 시군구.
  bool ClearlyNearest(uint32_t ri, const std::string& key) const;
};

void LabelGenerator::Impl::Build(const std::string& tsv) {
  address.reserve(rows.size());
  road_of_row.reserve(rows.size());
  for (uint32_t i = 0; i < rows.size(); ++i) {
    const db::AddressRow& r = rows[i];
    address.push_back(db::RoadAddress(r));
    addresses.insert(address.back());
    auto [it, fresh] = road_by_ko.emplace(r.road_name, static_cast<uint32_t>(roads.size()));
    if (fresh) {
      Road road;
      road.ko = r.road_name;
      road.en = text::RomanizeRoadName(r.road_name);
      road.stem_ko = RoadStemKo(r.road_name);
      if (!road.stem_ko.empty()) {
        std::string rr = text::RomanizeWord(road.stem_ko);
        if (!rr.empty() && Lower(road.en).starts_with(rr)) road.rr_stem = rr;
      }
      road.keys = text::RomanizationKeys(r.road_name);
      std::string official = text::MatchKey(road.en);
      if (std::find(road.keys.begin(), road.keys.end(), official) == road.keys.end()) {
        road.keys.insert(road.keys.begin(), official);
      }
      roads.push_back(std::move(road));
    }
    road_of_row.push_back(it->second);
    roads[it->second].rows.push_back(i);
    rows_by_number[NumKey(r.underground, r.main, r.sub)].push_back(i);
    if (r.underground) underground_rows.push_back(i);
    auto& in_region = roads_by_region[RegionOf(r)];
    if (in_region.empty() || in_region.back() != it->second) {
      if (std::find(in_region.begin(), in_region.end(), it->second) == in_region.end()) {
        in_region.push_back(it->second);
      }
    }
    sidos_present.insert(r.sido);
  }
  for (uint32_t k = 0; k < roads.size(); ++k) {
    roads_by_key[roads[k].ko].push_back(k);
    for (const auto& key : roads[k].keys) {
      roads_by_key[key].push_back(k);
      roads[k].skeletons.push_back(text::SkeletonKey(key));
      road_skeletons.push_back(roads[k].skeletons.back());
    }
  }
  // Region words, in every form the generator writes them.
  std::set<std::string> seen_regions;
  for (const auto& r : rows) {
    for (const std::string* w : {&r.sido, &r.sigungu, &r.emd}) {
      if (w->empty() || !seen_regions.insert(*w).second) continue;
      region_keys.insert(text::MatchKey(text::RomanizeAreaName(*w)));
      region_keys.insert(*w);
    }
  }
  for (const auto& s : db::AllSido()) region_keys.insert(text::MatchKey(s.english));

  // Translation table.
  text::ForEachLine(tsv, [&](std::string_view line, size_t) {
    if (line[0] == '#') return;
    size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0 || tab + 1 >= line.size()) return;
    Translation t{std::string(line.substr(0, tab)), std::string(line.substr(tab + 1))};
    size_t tab2 = t.ko.find('\t');
    if (tab2 != std::string::npos) t.ko.resize(tab2);
    if (t.ko.empty() || !text::IsValidUtf8(t.ko) || !text::IsValidUtf8(t.en)) return;
    // Only pure Hangul words can be found inside a stem.
    if (LeadingHangulBytes(t.ko) != t.ko.size()) return;
    translations.push_back(std::move(t));
  });
  // Where each table entry of two or more syllables fits a road: inside the
  // stem ("Nambu Ring-ro" for 남부순환로), or as the stem's end plus the
  // road type ("Culture Road" for 문화로).
  for (uint32_t ti = 0; ti < translations.size(); ++ti) {
    const std::string& ko = translations[ti].ko;
    if (ko.size() < 6) continue;
    for (uint32_t k = 0; k < roads.size(); ++k) {
      const Road& road = roads[k];
      if (road.rr_stem.empty()) continue;
      const size_t at = road.stem_ko.find(ko);
      if (at != std::string::npos) {
        translatable.push_back(TrUse{k, ti, static_cast<uint32_t>(at), false});
        continue;
      }
      const std::string_view type = RoadTypeAfterStem(road);
      if (type.empty() || !ko.ends_with(type)) continue;
      const std::string_view head = std::string_view(ko).substr(0, ko.size() - type.size());
      if (head.empty() || !std::string_view(road.stem_ko).ends_with(head)) continue;
      translatable.push_back(
          TrUse{k, ti, static_cast<uint32_t>(road.stem_ko.size() - head.size()), true});
    }
  }
}

std::string_view LabelGenerator::Impl::RoadTypeAfterStem(const Road& road) {
  std::string_view rest = std::string_view(road.ko).substr(road.stem_ko.size());
  for (std::string_view t : {"대로", "로", "길"}) {
    if (rest.starts_with(t)) return t;
  }
  return {};
}

std::string LabelGenerator::Impl::TranslatedRoad(const TrUse& u,
                                                 std::vector<uint32_t>* denoted) const {
  const Road& road = roads[u.road];
  const Translation& t = translations[u.ti];
  const std::string before = road.stem_ko.substr(0, u.at);
  std::string after, tail_ko;
  std::string tail_en = road.en.substr(road.rr_stem.size());  // "-ro 16-gil"
  if (u.with_type) {
    // The entry swallows the road type: "-ro 16-gil" -> " 16-gil".
    tail_ko = road.ko.substr(road.stem_ko.size() + RoadTypeAfterStem(road).size());
    const size_t sp = tail_en.find(' ');
    tail_en = sp == std::string::npos ? "" : tail_en.substr(sp);
  } else {
    after = road.stem_ko.substr(u.at + t.ko.size());
    tail_ko = road.ko.substr(road.stem_ko.size());
  }
  std::string words;
  bool start = true;
  for (char c : t.en) {
    words += start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    start = c == ' ';
  }
  std::string written;
  if (!before.empty()) written = Capitalize(text::RomanizeWord(before)) + " ";
  written += words;
  if (!after.empty()) written += " " + Capitalize(text::RomanizeWord(after));
  written += tail_en;
  // Every road the same English could stand for: the other Korean readings
  // of the same English words.
  denoted->assign(1, u.road);
  for (const Translation& other : translations) {
    if (other.en != t.en || other.ko == t.ko) continue;
    auto it = road_by_ko.find(before + other.ko + after + tail_ko);
    if (it != road_by_ko.end() &&
        std::find(denoted->begin(), denoted->end(), it->second) == denoted->end()) {
      denoted->push_back(it->second);
    }
  }
  return written;
}

std::vector<uint32_t> LabelGenerator::Impl::Denoted(const std::string& key,
                                                    uint32_t truth) const {
  std::vector<uint32_t> out{truth};
  auto it = roads_by_key.find(key);
  if (it != roads_by_key.end()) {
    for (uint32_t k : it->second) {
      if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
    }
  }
  return out;
}

size_t LabelGenerator::Impl::CountFits(const std::vector<uint32_t>& names,
                                       const db::AddressRow& row, const Scope& scope) const {
  auto it = rows_by_number.find(NumKey(row.underground, row.main, row.sub));
  if (it == rows_by_number.end()) return 0;
  std::set<std::string_view> fits;
  for (uint32_t i : it->second) {
    if (std::find(names.begin(), names.end(), road_of_row[i]) == names.end()) continue;
    if (!InScope(rows[i], row, scope)) continue;
    fits.insert(address[i]);
  }
  return fits.size();
}

std::string LabelGenerator::Impl::SidoEnglish(const db::AddressRow& r) const {
  const db::SidoInfo* s = db::FindSidoByKorean(r.sido);
  if (s != nullptr) return std::string(s->english);
  return text::RomanizeAreaName(r.sido);
}

std::string LabelGenerator::Impl::SidoForm(const db::AddressRow& r, Rng& rng) const {
  const db::SidoInfo* s = db::FindSidoByKorean(r.sido);
  if (s == nullptr) return rng.Percent(50) ? r.sido : text::RomanizeAreaName(r.sido);
  std::string en(s->english);
  std::string base = en;
  const bool province = en.ends_with("-do");
  if (en.ends_with("-si") || province) base.resize(en.size() - 3);
  const std::string kind(s->kind_en);
  const std::string short_ko(s->short_ko);
  switch (rng.Mod(7)) {
    case 0: return en;
    case 1: return base;
    case 2: return province ? en : base + "-si";
    case 3: return base + " " + kind;
    case 4: return std::string(s->korean);
    case 5: return short_ko;
    default: return province ? short_ko + "도" : short_ko + "시";
  }
}

Parts LabelGenerator::Impl::EnglishParts(const db::AddressRow& r, Rng& rng,
                                         bool varied_marker) const {
  Parts p;
  p.num = NumberWithMarker(r, rng, varied_marker);
  p.road = roads[road_by_ko.at(r.road_name)].en;
  if (db::IsEupMyeon(r.emd)) p.emd = text::RomanizeAreaName(r.emd);
  if (!r.sigungu.empty()) p.sigungu = EnglishSigungu(r.sigungu);
  p.sido = SidoEnglish(r);
  return p;
}

std::string LabelGenerator::Impl::RoadSpelling(const std::string& en, Rng& rng) const {
  // Tokens of the official form: "Samseongyo-ro", "16-gil".
  std::vector<std::string> tok;
  size_t start = 0;
  while (start < en.size()) {
    size_t sp = en.find(' ', start);
    if (sp == std::string::npos) sp = en.size();
    tok.push_back(en.substr(start, sp - start));
    start = sp + 1;
  }
  auto respell = [&](std::string t) {
    struct Sfx {
      const char* official;
      std::array<const char*, 5> forms;
    };
    static const Sfx kSfx[] = {
        {"-daero", {" Daero", "daero", "-Daero", "-dae-ro", " daero"}},
        {"beon-gil", {" beon-gil", "beongil", "-beon-gil", "beon gil", "beon-gil"}},
        {"-ro", {" ro", "ro", " Road", " Rd", "-Ro"}},
        {"-gil", {" gil", "gil", " Gil", "-Gil", "-GIL"}},
    };
    for (const auto& s : kSfx) {
      std::string_view off = s.official;
      if (t.size() > off.size() && std::string_view(t).ends_with(off)) {
        return t.substr(0, t.size() - off.size()) + rng.Pick(s.forms);
      }
    }
    return t;
  };
  std::string out;
  for (size_t i = 0; i < tok.size(); ++i) {
    std::string t = rng.Percent(70) ? respell(tok[i]) : tok[i];
    if (i == 0) {
      out = t;
    } else {
      // "Bangok 1-gil" -> "Bangok1-gil" sometimes.
      out += rng.Percent(30) ? "" : " ";
      out += t;
    }
  }
  return out;
}

// One edit inside word[lo, hi) (ASCII letters only), never at `lo` itself so
// the first letter survives.
bool LabelGenerator::Impl::TypoWord(std::string* word, size_t lo, size_t hi, Rng& rng) const {
  std::string& w = *word;
  if (hi > w.size() || hi < lo + 3) return false;
  for (size_t i = lo; i < hi; ++i) {
    if (!IsAsciiAlpha(w[i])) return false;
  }
  const size_t pos = lo + 1 + rng.Mod(hi - lo - 1);
  const bool upper = w[pos] >= 'A' && w[pos] <= 'Z';
  auto fit = [&](char c) {
    return upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
  };
  switch (rng.Mod(6)) {
    case 0: {  // keyboard neighbour
      std::string_view n = Neighbours(w[pos]);
      if (n.empty()) return false;
      w[pos] = fit(n[rng.Mod(n.size())]);
      return true;
    }
    case 1:  // any letter
      w[pos] = fit(static_cast<char>('a' + rng.Mod(26)));
      return true;
    case 2:  // insertion
      w.insert(w.begin() + static_cast<std::ptrdiff_t>(pos),
               static_cast<char>('a' + rng.Mod(26)));
      return true;
    case 3:  // deletion
      w.erase(w.begin() + static_cast<std::ptrdiff_t>(pos));
      return true;
    case 4:  // transposition
      if (pos + 1 >= hi || w[pos] == w[pos + 1]) return false;
      std::swap(w[pos], w[pos + 1]);
      return true;
    default:  // doubled letter
      w.insert(w.begin() + static_cast<std::ptrdiff_t>(pos), w[pos]);
      return true;
  }
}

bool LabelGenerator::Impl::FarFromEveryRoad(const std::string& key) const {
  const std::string sk = text::SkeletonKey(key);
  for (const auto& other : road_skeletons) {
    if (other.size() + 2 < sk.size() || sk.size() + 2 < other.size()) continue;
    if (text::EditDistance(sk, other, 2) <= 2) return false;
  }
  return true;
}

bool LabelGenerator::Impl::ClearlyNearest(uint32_t ri, const std::string& key) const {
  const db::AddressRow& row = rows[ri];
  const uint32_t road_id = road_of_row[ri];
  auto hit = roads_by_key.find(key);
  if (hit != roads_by_key.end()) {
    for (uint32_t k : hit->second) {
      if (k != road_id) return false;
    }
  }
  if (region_keys.count(key)) return false;
  const std::string sk = text::SkeletonKey(key);
  for (uint32_t other : roads_by_region.at(RegionOf(row))) {
    if (other == road_id) continue;
    for (const auto& other_sk : roads[other].skeletons) {
      if (text::EditDistance(sk, other_sk, 1) <= 1) return false;
    }
  }
  return true;
}

bool LabelGenerator::Impl::TypoRoad(uint32_t ri, const Scope& s, Rng& rng,
                                    std::string* written) const {
  const db::AddressRow& row = rows[ri];
  const uint32_t road_id = road_of_row[ri];
  const Road& road = roads[road_id];
  if (road.rr_stem.size() < 5 || !Lower(*written).starts_with(road.rr_stem)) return false;
  if (!TypoWord(written, 0, road.rr_stem.size(), rng)) return false;
  const std::string key = text::MatchKey(*written);
  if (roads_by_key.count(key) || region_keys.count(key)) return false;
  // The true road must be the clear nearest among roads with this number.
  int d_true = 99;
  for (const auto& k : road.keys) d_true = std::min(d_true, text::EditDistance(key, k, 3));
  if (d_true > 2) return false;
  // No other road of the 시군구 as close, letter for letter or once the
  // romanization differences are folded away.
  const std::string sk = text::SkeletonKey(key);
  int sk_true = 99;
  for (const auto& k : road.skeletons) sk_true = std::min(sk_true, text::EditDistance(sk, k, 3));
  for (uint32_t other : roads_by_region.at(RegionOf(row))) {
    if (other == road_id) continue;
    const Road& o = roads[other];
    for (size_t j = 0; j < o.keys.size(); ++j) {
      if (text::EditDistance(key, o.keys[j], d_true) <= d_true) return false;
      if (text::EditDistance(sk, o.skeletons[j], sk_true) <= sk_true) return false;
    }
  }
  auto it = rows_by_number.find(NumKey(row.underground, row.main, row.sub));
  if (it != rows_by_number.end()) {
    for (uint32_t i : it->second) {
      const uint32_t other = road_of_row[i];
      if (other == road_id || !InScope(rows[i], row, s)) continue;
      for (const auto& k : roads[other].keys) {
        if (text::EditDistance(key, k, d_true + 1) <= d_true + 1) return false;
      }
    }
  }
  return true;
}

// ---------------------------------------------------------------- error classes
namespace {

using Model = LabelGenerator::Impl;

// Where every class starts: one row, its road, and its label pieces in
// official English with every region word.
struct Draft {
  uint32_t ri;
  const db::AddressRow& row;
  uint32_t road_id;
  const Model::Road& road;
  const std::string& addr;  // the row's road address
  bool eup_myeon;
  Scope full;  // the region words of `p` as it starts
  Parts p;
};

Draft Start(const Model& g, uint32_t ri, Rng& rng, LabelCase* out) {
  out->source_row = ri;
  const db::AddressRow& row = g.rows[ri];
  const uint32_t road_id = g.road_of_row[ri];
  const bool eup_myeon = db::IsEupMyeon(row.emd);
  return Draft{ri,
               row,
               road_id,
               g.roads[road_id],
               g.address[ri],
               eup_myeon,
               Scope{true, !row.sigungu.empty(), eup_myeon, false},
               g.EnglishParts(row, rng, false)};
}

// The ending most units share: the label as `d` stands, in English, and the
// answer it deserves given the roads `names` and the region words `scope`.
bool FinishEnglish(const Model& g, const Draft& d, const std::vector<uint32_t>& names, const Scope& scope,
                   LabelCase* out) {
  out->label = RenderEnglish(d.p);
  g.Expect(g.CountFits(names, d.row, scope), d.addr, out);
  return true;
}

// One error class. Make writes one case of it into *out (error_class set,
// expectation cleared by the caller) or returns false, to be called again
// with the stream as it is. `drawn_row` is the uniform row every attempt
// draws first; a class that needs another kind of row draws its own.
class ErrorClass {
 public:
  virtual ~ErrorClass() = default;
  virtual std::string_view name() const = 0;
  // False when this database cannot produce the class.
  virtual bool Available(const Model&) const { return true; }
  virtual bool Make(const Model& g, uint32_t drawn_row, Rng& rng, LabelCase* out) const = 0;
};

struct Clean final : ErrorClass {
  std::string_view name() const override { return "clean"; }
  bool Make(const Model& g, uint32_t drawn_row, Rng& rng, LabelCase* out) const override {
    Draft d = Start(g, drawn_row, rng, out);
    if (rng.Percent(30)) d.p.zip = d.row.zip;
    if (rng.Percent(30)) d.p.country = "Republic of Korea";
    out->label = RenderEnglish(d.p);
    Scope s = d.full;
    s.zip = !d.p.zip.empty();
    g.Expect(g.CountFits(g.DenotedBy(d.p.road, d.road_id), d.row, s), d.addr, out);
    return true;
  }
};

struct NoteGlued final : ErrorClass {
  std::string_view name() const override { return "note_glued"; }
  bool Make(const Model& g, uint32_t drawn_row, Rng& rng, LabelCase* out) const override {
    Draft d = Start(g, drawn_row, rng, out);
    std::string note = rng.Pick(kNotes);
    if (rng.Percent(40)) d.p.country = rng.Pick(kCountries);
    std::string body = RenderEnglish(d.p);
    // Glued where the script changes ("Seoul경비실"); next to Hangul a
    // space, since nothing would mark the seam.
    if (rng.Percent(50)) {
      out->label = body + (EndsWithHangul(body) ? " " : "") + note;
    } else {
      out->label = note + (LeadingHangulBytes(body) > 0 ? " " : "") + body;
    }
    g.Expect(g.CountFits(g.DenotedBy(d.p.road, d.road_id), d.row, d.full), d.addr, out);
    return true;
  }
};

struct MixedScript final : ErrorClass {
  std::string_view name() const override { return "mixed_script"; }
  bool Make(const Model& g, uint32_t drawn_row, Rng& rng, LabelCase* out) const override {
    Draft d = Start(g, drawn_row, rng, out);
    const bool road_ko = rng.Percent(50);
    std::vector<uint32_t> names =
        road_ko ? std::vector<uint32_t>{d.road_id} : g.DenotedBy(d.p.road, d.road_id);
    if (road_ko) d.p.road = d.row.road_name;
    if (d.row.underground && rng.Percent(50)) d.p.num = "지하 " + NumberText(d.row);
    // Districts: whole Korean, or half-and-half ("Seongdong구", "마포-gu").
    auto mix = [&](const std::string& ko, std::string* en) {
      if (ko.empty() || ko.find(' ') != std::string::npos) return;
      const size_t hangul = LeadingHangulBytes(ko);
      if (hangul != ko.size() || ko.size() < 6) return;
      const std::string suffix_ko = ko.substr(ko.size() - 3);
      const std::string stem_ko = ko.substr(0, ko.size() - 3);
      const size_t dash = en->rfind('-');
      switch (rng.Mod(3)) {
        case 0: *en = ko; break;
        case 1:
          if (dash != std::string::npos) *en = en->substr(0, dash) + suffix_ko;
          break;
        default:
          if (dash != std::string::npos) *en = stem_ko + en->substr(dash);
          break;
      }
    };
    bool mixed = road_ko;
    if (!d.row.sigungu.empty() && rng.Percent(60)) {
      mix(d.row.sigungu, &d.p.sigungu);
      mixed = true;
    }
    if (!d.p.emd.empty() && rng.Percent(50)) { mix(d.row.emd, &d.p.emd); mixed = true; }
    if (!mixed) {
      // Nothing Korean yet: the city in Korean then.
      const db::SidoInfo* si = db::FindSidoByKorean(d.row.sido);
      d.p.sido = si != nullptr && rng.Percent(50) ? std::string(si->short_ko) : d.row.sido;
    } else if (rng.Percent(40)) {
      d.p.sido = g.SidoForm(d.row, rng);
    }
    if (rng.Percent(40)) d.p.country = rng.Pick(kCountries);
    out->label = rng.Percent(30) ? Join({d.p.num, d.p.road, d.p.emd, d.p.sigungu, d.p.sido}, " ")
                                 : RenderEnglish(d.p);
    g.Expect(g.CountFits(names, d.row, d.full), d.addr, out);
    return true;
  }
};

struct UnitsNames final : ErrorClass {
  std::string_view name() const override { return "units_names"; }
  bool Make(const Model& g, uint32_t drawn_row, Rng& rng, LabelCase* out) const override {
    Draft d = Start(g, drawn_row, rng, out);
    const int n = 1 + static_cast<int>(rng.Mod(2));
    for (int i = 0; i < n; ++i) {
      std::string extra = rng.Percent(50) ? std::string(rng.Pick(kNames)) : Unit(rng);
      if (rng.Percent(75)) {
        d.p.back.push_back(extra);
      } else {
        d.p.front.push_back(extra);
      }
    }
    if (rng.Percent(30)) d.p.country = rng.Pick(kCountries);
    return FinishEnglish(g, d, g.DenotedBy(d.p.road, d.road_id), d.full, out);
  }
};

struct ReorderedMissing final : ErrorClass {
  std::string_view name() const override { return "reordered_missing"; }
  bool Make(const Model& g, uint32_t drawn_row, Rng& rng, LabelCase* out) const override {
    Draft d = Start(g, drawn_row, rng, out);
    Scope s = d.full;
    d.p.num = NumberWithMarker(d.row, rng, true);
    if (rng.Percent(50)) { d.p.sido.clear(); s.sido = false; }
    if (!d.p.sigungu.empty() && rng.Percent(50)) { d.p.sigungu.clear(); s.sigungu = false; }
    if (!d.p.emd.empty() && rng.Percent(35)) { d.p.emd.clear(); s.emd = false; }
    if (!d.eup_myeon && !d.row.emd.empty() && rng.Percent(40)) {
      d.p.emd = "(" + text::RomanizeAreaName(d.row.emd) + ")";
      s.emd = true;
    }
    if (rng.Percent(30)) d.p.country = rng.Pick(kCountries);
    if (rng.Percent(20)) { d.p.zip = d.row.zip; s.zip = true; }
    std::vector<std::string> fields;
    switch (rng.Mod(3)) {
      case 0:  // Korean order: big to small, number last.
        fields = {d.p.zip, d.p.sido, d.p.sigungu, d.p.emd, d.p.road, d.p.num, d.p.country};
        break;
      case 1:  // number before the road, the rest shuffled
        fields = {d.p.sido, d.p.sigungu, d.p.emd, d.p.zip, d.p.country};
        for (size_t i = fields.size(); i > 1; --i) std::swap(fields[i - 1], fields[rng.Mod(i)]);
        // Not right after the postal code: "30011 12 Foo-ro" reads badly.
        fields.insert(fields.begin() + static_cast<std::ptrdiff_t>(
                                           fields[0].empty() || fields[0] == d.p.zip ? 0
                                                                                     : rng.Mod(2)),
                      d.p.num + " " + d.p.road);
        break;
      default:  // road then number ("Hannuri-daero 12"), rest shuffled
        fields = {d.p.sido, d.p.sigungu, d.p.emd, d.p.zip, d.p.country};
        for (size_t i = fields.size(); i > 1; --i) std::swap(fields[i - 1], fields[rng.Mod(i)]);
        fields.insert(fields.begin(), d.p.road + " " + d.p.num);
        break;
    }
    std::vector<std::string> kept;
    for (auto& f : fields) {
      if (!f.empty()) kept.push_back(f);
    }
    std::string label;
    const char* seps[] = {", ", " ", ""};
    for (size_t i = 0; i < kept.size(); ++i) {
      if (i > 0) {
        // Glue only where a script or bracket change still marks the seam.
        const bool can_glue = kept[i - 1].back() == ')' || kept[i][0] == '(';
        label += seps[can_glue ? rng.Mod(3) : rng.Mod(2)];
      }
      label += kept[i];
    }
    out->label = label;
    g.Expect(g.CountFits(g.DenotedBy(d.p.road, d.road_id), d.row, s), d.addr, out);
    return true;
  }
};

struct Typo final : ErrorClass {
  std::string_view name() const override { return "typo"; }
  bool Make(const Model& g, uint32_t drawn_row, Rng& rng, LabelCase* out) const override {
    Draft d = Start(g, drawn_row, rng, out);
    Scope s = d.full;
    std::vector<uint32_t> names = g.DenotedBy(d.p.road, d.road_id);
    const bool road_typo = rng.Percent(65);
    if (road_typo) {
      std::string written = d.p.road;
      if (!g.TypoRoad(d.ri, s, rng, &written)) return false;
      d.p.road = written;
      names = {d.road_id};
    } else {
      // A typo in the city or district word; the answer must not need it.
      std::string* target = nullptr;
      if (!d.p.sigungu.empty() && rng.Percent(50)) {
        target = &d.p.sigungu;
        s.sigungu = false;
      } else if (!d.p.emd.empty() && rng.Percent(40)) {
        target = &d.p.emd;
        s.emd = false;
      } else {
        target = &d.p.sido;
        s.sido = false;
        const db::SidoInfo* si = db::FindSidoByKorean(d.row.sido);
        if (si != nullptr && rng.Percent(30)) {
          // In Hangul: one vowel slips to a similar one (서울 -> 새울).
          std::string ko(si->short_ko);
          if (!HangulVowelSlip(&ko, rng) || g.region_keys.count(ko) ||
              db::FindSidoByKorean(ko) != nullptr) {
            return false;
          }
          *target = ko;
          out->label.clear();
          target = nullptr;
        } else if (rng.Percent(30)) {
          *target = Upper(*target);
        }
      }
      if (target == nullptr) {
        if (rng.Percent(20)) d.p.country = rng.Pick(kCountries);
        out->label = RenderEnglish(d.p);
        const size_t fits = g.CountFits(names, d.row, s);
        if (fits != 1) return false;
        g.Expect(fits, d.addr, out);
        return true;
      }
      size_t hi = 0;
      while (hi < target->size() && IsAsciiAlpha((*target)[hi])) ++hi;
      if (hi < 4) return false;
      std::string written = *target;
      if (!g.TypoWord(&written, 0, hi, rng)) return false;
      if (g.region_keys.count(text::MatchKey(written))) return false;
      *target = written;
    }
    if (rng.Percent(20)) d.p.country = rng.Pick(kCountries);
    out->label = RenderEnglish(d.p);
    const size_t fits = g.CountFits(names, d.row, s);
    if (fits != 1) return false;  // only typos a careful human resolves
    g.Expect(fits, d.addr, out);
    return true;
  }
};

struct RomanizationVariant final : ErrorClass {
  std::string_view name() const override { return "romanization_variant"; }
  bool Make(const Model& g, uint32_t drawn_row, Rng& rng, LabelCase* out) const override {
    Draft d = Start(g, drawn_row, rng, out);
    std::string written = d.p.road;
    bool changed = false;
    if (!d.road.rr_stem.empty() && rng.Percent(45)) {
      // Spellings people use that the romanizer does not produce itself:
      // older or McCune-Reischauer-like letters, one or two per stem.
      std::string stem = d.road.rr_stem;
      const int edits = 1 + static_cast<int>(rng.Mod(2));
      for (int e = 0; e < edits; ++e) stem = RespellStem(stem, rng);
      const std::string tail = written.substr(d.road.rr_stem.size());
      if (stem != d.road.rr_stem &&
          g.ClearlyNearest(d.ri, text::MatchKey(stem) + text::MatchKey(tail))) {
        written = Capitalize(stem) + tail;
        changed = true;
      }
    }
    if (!changed && !d.road.rr_stem.empty() && rng.Percent(60)) {
      std::vector<std::string> variants;
      for (const auto& k : text::RomanizationKeys(d.road.stem_ko)) {
        if (k != d.road.rr_stem && !k.empty()) variants.push_back(k);
      }
      if (!variants.empty()) {
        written = Capitalize(rng.Pick(variants)) + written.substr(d.road.rr_stem.size());
        changed = true;
      }
    }
    if (!changed || rng.Percent(50)) {
      written = g.RoadSpelling(written, rng);
    }
    if (written == d.p.road) return false;
    const std::string key = text::MatchKey(written);
    std::vector<uint32_t> names = g.Denoted(key, d.road_id);
    // A variant spelling that is another road's name is not this road's.
    for (uint32_t k : names) {
      if (k != d.road_id) return false;
    }
    d.p.road = written;
    if (rng.Percent(30)) d.p.sido = g.SidoForm(d.row, rng);
    return FinishEnglish(g, d, names, d.full, out);
  }
};

struct Translated final : ErrorClass {
  std::string_view name() const override { return "translated"; }
  bool Available(const Model& g) const override { return !g.translatable.empty(); }
  bool Make(const Model& g, uint32_t drawn_row, Rng& rng, LabelCase* out) const override {
    // Its own row: one on a road the table translates, with the entry.
    (void)drawn_row;
    if (g.translatable.empty()) return false;
    const Model::TrUse& use = g.translatable[rng.Mod(g.translatable.size())];
    const auto& on_road = g.roads[use.road].rows;
    Draft d = Start(g, on_road[rng.Mod(on_road.size())], rng, out);
    std::vector<uint32_t> names;
    d.p.road = g.TranslatedRoad(use, &names);
    if (rng.Percent(30)) d.p.country = rng.Pick(kCountries);
    return FinishEnglish(g, d, names, d.full, out);
  }
};

struct Basement final : ErrorClass {
  std::string_view name() const override { return "basement"; }
  bool Available(const Model& g) const override { return !g.underground_rows.empty(); }
  bool Make(const Model& g, uint32_t drawn_row, Rng& rng, LabelCase* out) const override {
    // Its own row: an underground one.
    (void)drawn_row;
    if (g.underground_rows.empty()) return false;
    Draft d = Start(g, g.underground_rows[rng.Mod(g.underground_rows.size())], rng, out);
    d.p.num = NumberWithMarker(d.row, rng, true);
    if (rng.Percent(30)) d.p.country = rng.Pick(kCountries);
    return FinishEnglish(g, d, g.DenotedBy(d.p.road, d.road_id), d.full, out);
  }
};

struct LetterCase final : ErrorClass {
  std::string_view name() const override { return "case"; }
  bool Make(const Model& g, uint32_t drawn_row, Rng& rng, LabelCase* out) const override {
    Draft d = Start(g, drawn_row, rng, out);
    if (rng.Percent(40)) d.p.road = g.RoadSpelling(d.p.road, rng);
    if (rng.Percent(30)) d.p.country = rng.Pick(kCountries);
    if (rng.Percent(30)) d.p.zip = d.row.zip;
    std::string label = RenderEnglish(d.p);
    out->label = rng.Percent(50) ? Upper(label) : Lower(label);
    const std::vector<uint32_t> names = g.Denoted(text::MatchKey(d.p.road), d.road_id);
    Scope s = d.full;
    s.zip = !d.p.zip.empty();
    g.Expect(g.CountFits(names, d.row, s), d.addr, out);
    return true;
  }
};

struct Postal final : ErrorClass {
  std::string_view name() const override { return "postal"; }
  bool Make(const Model& g, uint32_t drawn_row, Rng& rng, LabelCase* out) const override {
    Draft d = Start(g, drawn_row, rng, out);
    Scope s = d.full;
    s.zip = true;
    if (rng.Percent(30) && !d.p.sigungu.empty()) { d.p.sigungu.clear(); s.sigungu = false; }
    std::string body;
    switch (rng.Mod(4)) {
      case 0: d.p.zip = d.row.zip; body = RenderEnglish(d.p); break;
      case 1: body = d.row.zip + " " + RenderEnglish(d.p); break;
      case 2: body = "(" + d.row.zip + ") " + RenderEnglish(d.p); break;
      default: d.p.road += " (" + d.row.zip + ")"; body = RenderEnglish(d.p); break;
    }
    if (rng.Percent(40)) body += ", " + std::string(rng.Pick(kCountries));
    out->label = body;
    g.Expect(g.CountFits(g.DenotedBy(d.road.en, d.road_id), d.row, s), d.addr, out);
    return true;
  }
};

struct Combined final : ErrorClass {
  std::string_view name() const override { return "combined"; }
  bool Make(const Model& g, uint32_t drawn_row, Rng& rng, LabelCase* out) const override {
    Draft d = Start(g, drawn_row, rng, out);
    // Several of the above at once, as real labels have them.
    Scope s = d.full;
    std::vector<uint32_t> names = g.DenotedBy(d.p.road, d.road_id);
    d.p.num = NumberWithMarker(d.row, rng, true);
    bool typo = false;
    int changes = 0;
    while (changes < 3) {
      switch (rng.Mod(9)) {
        case 0:
          if (rng.Percent(50)) {
            d.p.back.push_back(rng.Percent(50) ? std::string(rng.Pick(kNames)) : Unit(rng));
          } else {
            d.p.front.push_back(rng.Percent(50) ? std::string(rng.Pick(kNames)) : Unit(rng));
          }
          break;
        case 1: d.p.sido = g.SidoForm(d.row, rng); break;
        case 2:
          if (typo) continue;
          d.p.road = d.row.road_name;
          names = {d.road_id};
          break;
        case 3: {
          if (typo || d.p.road != d.road.en) continue;
          std::string written = g.RoadSpelling(d.p.road, rng);
          std::vector<uint32_t> denoted = g.Denoted(text::MatchKey(written), d.road_id);
          if (denoted.size() != 1) continue;
          d.p.road = written;
          names = denoted;
          break;
        }
        case 4: {
          // A typo only while the 시군구 is still named: the nearest-road
          // check works within it.
          if (typo || d.p.road != d.road.en || !s.sido || (!d.row.sigungu.empty() && !s.sigungu)) {
            continue;
          }
          std::string written = d.p.road;
          if (!g.TypoRoad(d.ri, s, rng, &written)) continue;
          d.p.road = written;
          names = {d.road_id};
          typo = true;
          break;
        }
        case 5:
          if (typo) continue;
          if (!d.p.sigungu.empty() && rng.Percent(50)) {
            d.p.sigungu.clear();
            s.sigungu = false;
          } else if (!d.p.emd.empty() && rng.Percent(50)) {
            d.p.emd.clear();
            s.emd = false;
          } else {
            d.p.sido.clear();
            s.sido = false;
          }
          break;
        case 6: d.p.zip = d.row.zip; s.zip = true; break;
        case 7: d.p.country = rng.Pick(kCountries); break;
        default:
          if (!d.eup_myeon && !d.row.emd.empty()) {
            d.p.emd = "(" + text::RomanizeAreaName(d.row.emd) + ")";
            s.emd = true;
          }
          break;
      }
      ++changes;
    }
    std::string label;
    if (rng.Percent(30)) {  // Korean order, big to small
      std::vector<std::string> f = d.p.front;
      for (const std::string* x :
           {&d.p.zip, &d.p.sido, &d.p.sigungu, &d.p.emd, &d.p.road, &d.p.num, &d.p.country}) {
        f.push_back(*x);
      }
      f.insert(f.end(), d.p.back.begin(), d.p.back.end());
      label = Join(f, " ");
    } else {
      label = RenderEnglish(d.p);
    }
    if (rng.Percent(25)) label = rng.Percent(50) ? Upper(label) : Lower(label);
    if (rng.Percent(30)) {
      const std::string note = rng.Pick(kNotes);
      label += (EndsWithHangul(label) ? " " : "") + note;
    }
    out->label = label;
    const size_t fits = g.CountFits(names, d.row, s);
    if (typo && fits != 1) return false;
    g.Expect(fits, d.addr, out);
    return true;
  }
};

struct NegNumber final : ErrorClass {
  std::string_view name() const override { return "neg_number"; }
  bool Make(const Model& g, uint32_t drawn_row, Rng& rng, LabelCase* out) const override {
    Draft d = Start(g, drawn_row, rng, out);
    // A main number no row of any road spelled like this one carries.
    std::vector<uint32_t> names = g.DenotedBy(d.road.en, d.road_id);
    std::set<int> used;
    int max_main = 0;
    for (uint32_t k : names) {
      for (uint32_t i : g.roads[k].rows) {
        used.insert(g.rows[i].main);
        max_main = std::max(max_main, g.rows[i].main);
      }
    }
    int n = 0;
    for (int attempt = 0; attempt < 20 && n == 0; ++attempt) {
      int cand = rng.Percent(50) ? 1 + static_cast<int>(rng.Mod(max_main + 1))
                                 : max_main + 1 + static_cast<int>(rng.Mod(200));
      if (!used.count(cand)) n = cand;
    }
    if (n == 0) return false;
    d.p.num = std::to_string(n);
    if (rng.Percent(30)) d.p.country = rng.Pick(kCountries);
    out->label = RenderEnglish(d.p);
    out->expected_reason = "no_building";
    return true;
  }
};

struct NegRoad final : ErrorClass {
  std::string_view name() const override { return "neg_road"; }
  bool Make(const Model& g, uint32_t drawn_row, Rng& rng, LabelCase* out) const override {
    Draft d = Start(g, drawn_row, rng, out);
    std::string fake;
    const size_t syl = 2 + rng.Mod(2);
    for (size_t i = 0; i < syl; ++i) fake += rng.Pick(kFakeSyllables);
    fake += rng.Percent(70) ? "로" : "길";
    if (g.road_by_ko.count(fake)) return false;
    const std::string en = text::RomanizeRoadName(fake);
    for (const auto& k : text::RomanizationKeys(fake)) {
      if (!g.FarFromEveryRoad(k) || g.region_keys.count(k)) return false;
    }
    if (!g.FarFromEveryRoad(text::MatchKey(en))) return false;
    d.p.road = rng.Percent(25) ? fake : en;
    d.p.num = NumberText(d.row);
    if (rng.Percent(30)) d.p.country = rng.Pick(kCountries);
    out->label = RenderEnglish(d.p);
    out->expected_reason = "no_road";
    return true;
  }
};

struct NegNoRoad final : ErrorClass {
  std::string_view name() const override { return "neg_no_road"; }
  bool Make(const Model& g, uint32_t drawn_row, Rng& rng, LabelCase* out) const override {
    Draft d = Start(g, drawn_row, rng, out);
    Parts q;
    // Not an area named like a road (the 동 세종로, 을지로4가 read as roads).
    if (!d.row.emd.empty() && d.row.emd.find("로") == std::string::npos &&
        d.row.emd.find("길") == std::string::npos) {
      q.emd = text::RomanizeAreaName(d.row.emd);
      if (g.roads_by_key.count(text::MatchKey(q.emd))) q.emd.clear();
    }
    q.sigungu = d.p.sigungu;
    q.sido = g.SidoForm(d.row, rng);
    if (rng.Percent(40)) q.zip = d.row.zip;
    if (rng.Percent(40)) q.country = rng.Pick(kCountries);
    q.front.push_back(rng.Percent(50) ? Unit(rng) : std::string(rng.Pick(kNames)));
    if (rng.Percent(40)) q.back.push_back(rng.Pick(kNotes));
    out->label = RenderEnglish(q);
    out->expected_reason = "no_road";
    return true;
  }
};

struct NegOtherCity final : ErrorClass {
  std::string_view name() const override { return "neg_other_city"; }
  bool Available(const Model& g) const override {
    return g.sidos_present.size() < db::AllSido().size();
  }
  bool Make(const Model& g, uint32_t drawn_row, Rng& rng, LabelCase* out) const override {
    Draft d = Start(g, drawn_row, rng, out);
    std::vector<const db::SidoInfo*> absent;
    for (const auto& s : db::AllSido()) {
      if (!g.sidos_present.count(std::string(s.korean)) &&
          (s.former_ko.empty() || !g.sidos_present.count(std::string(s.former_ko)))) {
        absent.push_back(&s);
      }
    }
    if (absent.empty()) return false;
    const db::SidoInfo* other = absent[rng.Mod(absent.size())];
    d.p.emd.clear();
    d.p.sigungu.clear();
    d.p.sido = rng.Percent(80) ? std::string(other->english) : std::string(other->korean);
    if (rng.Percent(30)) d.p.country = rng.Pick(kCountries);
    out->label = RenderEnglish(d.p);
    out->expected_reason = "region_conflict";
    return true;
  }
};

// Every class, positives first then negatives; Generate takes them in turn.
const std::vector<const ErrorClass*>& ErrorClasses() {
  static const Clean kClean{};
  static const NoteGlued kNoteGlued{};
  static const MixedScript kMixedScript{};
  static const UnitsNames kUnitsNames{};
  static const ReorderedMissing kReorderedMissing{};
  static const Typo kTypo{};
  static const RomanizationVariant kRomanizationVariant{};
  static const Translated kTranslated{};
  static const Basement kBasement{};
  static const LetterCase kLetterCase{};
  static const Postal kPostal{};
  static const Combined kCombined{};
  static const NegNumber kNegNumber{};
  static const NegRoad kNegRoad{};
  static const NegNoRoad kNegNoRoad{};
  static const NegOtherCity kNegOtherCity{};
  static const std::vector<const ErrorClass*> kAll = {
      &kClean,      &kNoteGlued, &kMixedScript,         &kUnitsNames,
      &kReorderedMissing, &kTypo, &kRomanizationVariant, &kTranslated,
      &kBasement,   &kLetterCase, &kPostal,             &kCombined,
      &kNegNumber,  &kNegRoad,   &kNegNoRoad,           &kNegOtherCity};
  return kAll;
}

// The stream of case `i` of a run: each case has its own, so one class's
// retries do not shift the others.
uint64_t CaseStream(uint64_t seed, size_t i) {
  return seed * 0x2545F4914F6CDD1Dull + i * 0x9E3779B97F4A7C15ull + 1;
}

const ErrorClass* FindErrorClass(std::string_view name) {
  for (const ErrorClass* c : ErrorClasses()) {
    if (c->name() == name) return c;
  }
  return nullptr;
}

}  // namespace

std::vector<const ErrorClass*> LabelGenerator::Impl::Available() const {
  std::vector<const ErrorClass*> out;
  for (const ErrorClass* c : ErrorClasses()) {
    if (c->Available(*this)) out.push_back(c);
  }
  return out;
}

bool LabelGenerator::Impl::MakeCase(const ErrorClass& cls, uint64_t stream, LabelCase* out) const {
  Rng rng(stream);
  for (int attempt = 0; attempt < 40; ++attempt) {
    out->error_class = cls.name();
    out->expected.clear();
    out->expected_reason.clear();
    const uint32_t drawn_row = static_cast<uint32_t>(rng.Mod(rows.size()));
    if (cls.Make(*this, drawn_row, rng, out)) return true;
  }
  return false;
}

std::vector<LabelCase> LabelGenerator::Impl::Generate(size_t count, uint64_t seed) const {
  std::vector<LabelCase> out;
  if (rows.empty() || count == 0) return out;
  const std::vector<const ErrorClass*> classes = Available();
  out.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    LabelCase c;
    if (MakeCase(*classes[i % classes.size()], CaseStream(seed, i), &c)) {
      out.push_back(std::move(c));
    }
  }
  return out;
}

// ---------------------------------------------------------------- public
const std::vector<std::string>& LabelClasses() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const ErrorClass* c : ErrorClasses()) names.emplace_back(c->name());
    return names;
  }();
  return kNames;
}

bool LoadRows(const std::string& path, std::vector<db::AddressRow>* rows, std::string* error) {
  LoadReport report;
  auto sink = [rows](db::AddressRow&& r) { rows->push_back(std::move(r)); };
  if (path.empty()) {
    for (const auto& f : embedded::DemoDatabase()) {
      db::ReadAddressBytes(f.name, f.content, sink, &report);
    }
    return true;
  }
  return db::ReadAddressPath(path, sink, &report, error);
}

LabelGenerator::LabelGenerator(std::vector<db::AddressRow> rows,
                               const std::string* translations_tsv)
    : impl_(std::make_unique<Impl>()) {
  impl_->rows = std::move(rows);
  std::string tsv = translations_tsv != nullptr ? *translations_tsv
                                                : std::string(embedded::Translations());
  impl_->Build(tsv);
}

LabelGenerator::~LabelGenerator() = default;

std::vector<LabelCase> LabelGenerator::Generate(size_t count, uint64_t seed) const {
  return impl_->Generate(count, seed);
}

bool LabelGenerator::MakeCase(std::string_view error_class, uint64_t seed, LabelCase* out) const {
  const ErrorClass* cls = FindErrorClass(error_class);
  if (cls == nullptr || impl_->rows.empty() || !cls->Available(*impl_)) return false;
  return impl_->MakeCase(*cls, CaseStream(seed, 0), out);
}

std::vector<std::string> LabelGenerator::AvailableClasses() const {
  std::vector<std::string> names;
  for (const ErrorClass* c : impl_->Available()) names.emplace_back(c->name());
  return names;
}

const std::vector<db::AddressRow>& LabelGenerator::rows() const { return impl_->rows; }

bool LabelGenerator::HasAddress(std::string_view address) const {
  return impl_->addresses.count(std::string(address)) > 0;
}

bool LabelGenerator::HasRoadNumber(std::string_view road_ko, int main) const {
  auto it = impl_->road_by_ko.find(std::string(road_ko));
  if (it == impl_->road_by_ko.end()) return false;
  for (uint32_t i : impl_->roads[it->second].rows) {
    if (impl_->rows[i].main == main) return true;
  }
  return false;
}

namespace {
std::string Clean(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}
}  // namespace

std::string CaseToTsv(const LabelCase& c) {
  return Clean(c.label) + "\t" + Clean(c.error_class) + "\t" + Clean(c.expected) + "\t" +
         Clean(c.expected_reason) + (c.expected_detail.empty() ? "" : "\t" + Clean(c.expected_detail));
}

bool CaseFromTsv(std::string_view line, LabelCase* c) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string_view fields[5];
  size_t n = 0;
  while (n < 5) {
    const size_t tab = line.find('\t');
    fields[n++] = line.substr(0, tab);
    if (tab == std::string_view::npos) break;
    line.remove_prefix(tab + 1);
  }
  if (n < 3 || fields[0].empty()) return false;
  *c = LabelCase{};
  c->label = fields[0];
  c->error_class = fields[1];
  c->expected = fields[2];
  if (n >= 4) c->expected_reason = fields[3];
  if (n >= 5) c->expected_detail = fields[4];
  return true;
}

std::string CaseToJson(const LabelCase& c) {
  return "{\"label\":" + JsonString(c.label) + ",\"class\":" + JsonString(c.error_class) +
         ",\"expected\":" + JsonString(c.expected) +
         ",\"expected_reason\":" + JsonString(c.expected_reason) +
         (c.expected_detail.empty() ? "" : ",\"expected_detail\":" + JsonString(c.expected_detail)) +
         "}";
}

}  // namespace doro::gen
