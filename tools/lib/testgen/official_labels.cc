#include "testgen/official_labels.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "db/format.h"
#include "text/encoding.h"
#include "testgen/rng.h"
#include "text/utf8.h"

namespace doro::testgen {
namespace {

// The generators' shared PRNG (testgen/rng.h): a seed gives the same cases
// on every platform.
using Rng = gen::SplitMixRng;


// ---------------------------------------------------------------- classes
const std::vector<std::string> kClasses = {
    "official_clean", "suffix_spelling", "hyphen_space",   "mr_spelling",   "typo1",
    "typo2",          "korean_road",     "number_after",   "korean_order",  "units_floors",
    "company_note",   "postcode_old",    "dong_in_label",  "case",          "basement",
    "branch_road",    "district_missing", "neg_number",    "neg_other_city", "neg_no_road"};

const std::array<const char*, 10> kCompanies = {
    "ABC Co., Ltd.", "Hanbit Trading", "(주)대한물산", "Daeseong Corp.", "Kim & Partners",
    "Blue Ocean Inc.", "한국정밀", "Mirae Design Studio", "Attn: Mr. Park", "Green Foods LLC"};
const std::array<const char*, 10> kNotes = {
    "경비실 맡겨주세요", "Please leave at the door", "문 앞에 놓아주세요", "Call before delivery",
    "부재시 연락주세요", "Leave with the security office", "파손주의", "Fragile",
    "도착 전 전화 부탁드립니다", "Ring the bell twice"};
// Syllables for invented road names (as official English spells syllables).
const std::array<const char*, 24> kSyllables = {
    "Gwol", "Mak", "Seul", "Haek", "Byeot", "Ryeom", "Chwi", "Pyeot", "Dwae", "Hyeok", "Gyut",
    "Nwe",  "Sop", "Ttam", "Jjok", "Kkeul", "Ppyeon", "Ssik", "Tteom", "Kwak", "Phun", "Yol",
    "Weok", "Chyu"};

// ---------------------------------------------------------------- text helpers
std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}
std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsVowel(char c) {
  c = static_cast<char>(c | 0x20);
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'w';
}
// Capital after a non-letter, small elsewhere: "Daedeok-Gu".
std::string Title(const std::string& s) {
  std::string out = s;
  bool start = true;
  for (char& c : out) {
    if (IsAlpha(c)) {
      c = start ? static_cast<char>(c & ~0x20) : static_cast<char>(c | 0x20);
      start = false;
    } else {
      start = c == ' ' || c == '-' || c == ',' || c == '(' || c == '.';
    }
  }
  return out;
}

// Lower-case ASCII letters and digits only (other bytes, Hangul included,
// are kept so that "66번길" stays distinct): what is left when hyphens,
// spaces and case are lost.
std::string Fold(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (IsAlpha(c)) out += static_cast<char>(c | 0x20);
    else if (IsDigit(c) || static_cast<unsigned char>(c) >= 0x80) out += c;
  }
  return out;
}

void ReplaceAll(std::string* s, std::string_view from, std::string_view to) {
  for (size_t p = 0; (p = s->find(from, p)) != std::string::npos; p += to.size()) {
    s->replace(p, from.size(), to);
  }
}

// Fold that also merges what McCune-Reischauer and older spellings change:
// two names equal here can be confused by an mr_spelling label.
std::string MrFold(std::string_view s) {
  std::string f = Fold(s);
  ReplaceAll(&f, "eo", "o");
  ReplaceAll(&f, "eu", "u");
  ReplaceAll(&f, "shi", "si");
  ReplaceAll(&f, "j", "ch");
  for (char& c : f) {
    if (c == 'k') c = 'g';
    if (c == 't') c = 'd';
    if (c == 'p') c = 'b';
  }
  return f;
}

// Optimal-string-alignment distance, or k+1 when it is above k.
int BoundedDistance(std::string_view a, std::string_view b, int k) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > k) return k + 1;
  const int inf = k + 1;
  std::vector<int> prev2(m + 1, inf), prev(m + 1, inf), cur(m + 1, inf);
  for (int j = 0; j <= std::min(m, k); ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    std::fill(cur.begin(), cur.end(), inf);
    if (i <= k) cur[0] = i;
    int best = cur[0];
    for (int j = std::max(1, i - k); j <= std::min(m, i + k); ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, prev2[j - 2] + 1);
      }
      cur[j] = std::min(v, inf);
      best = std::min(best, cur[j]);
    }
    if (best > k) return k + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], inf);
}

std::vector<std::string_view> SplitBar(std::string_view line, char sep) {
  std::vector<std::string_view> f;
  for (;;) {
    const size_t p = line.find(sep);
    f.push_back(line.substr(0, p));
    if (p == std::string_view::npos) break;
    line.remove_prefix(p + 1);
  }
  return f;
}

bool ReadText(const std::string& path, std::string* out, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read " + path;
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string bytes = ss.str();
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.erase(0, 3);
  if (text::IsValidUtf8(bytes)) {
    *out = std::move(bytes);
    return true;
  }
  auto utf8 = text::Cp949ToUtf8(bytes);
  if (!utf8) {
    *error = path + ": neither UTF-8 nor CP949";
    return false;
  }
  *out = std::move(*utf8);
  return true;
}

template <typename F>
void ForEachLine(std::string_view text, F&& f) {
  while (!text.empty()) {
    size_t p = text.find('\n');
    std::string_view line = text.substr(0, p);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) f(line);
    if (p == std::string_view::npos) break;
    text.remove_prefix(p + 1);
  }
}

const std::string* Find(const std::map<std::string, std::string>& m, const std::string& k) {
  auto it = m.find(k);
  return it == m.end() || it->second.empty() ? nullptr : &it->second;
}

// Which region words a label keeps (only those with an English name are
// written, and only written ones narrow the candidates).
struct Keep {
  bool sigungu = true;
  bool eupmyeon = true;
};

}  // namespace

bool ReadRoadEnglish(const std::string& path, OfficialNames* names, std::string* error) {
  std::string text;
  if (!ReadText(path, &text, error)) return false;
  ForEachLine(text, [&](std::string_view line) {
    const auto f = SplitBar(line, '|');
    if (f.size() < 17) return;
    const std::string code = std::string(f[0]) + std::string(f[1]);
    if (!f[4].empty() && !names->roads.count(code)) {
      names->roads[code] = {std::string(f[3]), std::string(f[4])};
    }
    if (!f[14].empty()) names->tn_sido.emplace(std::string(f[0]), std::string(f[14]));
    if (!f[15].empty()) names->tn_sigungu.emplace(std::string(f[0]), std::string(f[15]));
    if (!f[16].empty()) {
      names->tn_emd.emplace(code + "|" + std::string(f[9]), std::string(f[16]));
    }
  });
  return true;
}

bool ReadAdminEnglish(const std::string& dir, OfficialNames* names, std::string* error) {
  for (const char* file : {"admin_sido_sigungu_en.tsv", "admin_legal_emd_li_en.tsv"}) {
    std::string text;
    if (!ReadText(dir + "/" + file, &text, error)) return false;
    ForEachLine(text, [&](std::string_view line) {
      const auto f = SplitBar(line, '\t');
      if (f.size() < 4 || f[0] == "level") return;
      names->areas[std::string(f[1])] = {std::string(f[2]), std::string(f[3])};
    });
  }
  return true;
}

bool LoadDataPath(const std::string& path, std::vector<db::AddressRow>* rows,
                  OfficialNames* names, std::vector<std::string>* files, std::string* error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    *error = "no such file or folder: " + path;
    return false;
  }
  std::vector<std::string> row_files, tn_files, sub_dirs;
  if (fs::is_directory(path, ec)) {
    for (const auto& e : fs::directory_iterator(path, ec)) {
      const std::string name = e.path().filename().string();
      if (e.is_directory()) sub_dirs.push_back(e.path().string());
      else if (name.starts_with("rnaddrkor_") && name.ends_with(".txt")) row_files.push_back(e.path().string());
      else if (name == "TN_SPRD_RDNM.txt") tn_files.push_back(e.path().string());
    }
  } else {
    row_files.push_back(path);
  }
  std::sort(row_files.begin(), row_files.end());
  std::sort(sub_dirs.begin(), sub_dirs.end());
  if (row_files.empty()) {  // a folder of region folders
    bool any = false;
    for (const auto& d : sub_dirs) {
      std::string why;
      const size_t before = files->size();
      if (LoadDataPath(d, rows, names, files, &why)) any = any || files->size() > before;
    }
    if (!any) *error = "no rnaddrkor_*.txt under " + path;
    return any;
  }
  for (const auto& t : tn_files) {
    if (!ReadRoadEnglish(t, names, error)) return false;
  }
  for (const auto& f : row_files) {
    LoadReport report;
    if (!db::ReadAddressPath(f, [rows](db::AddressRow&& r) { rows->push_back(std::move(r)); },
                             &report, error)) {
      return false;
    }
    files->push_back(f);
  }
  return true;
}

const std::vector<std::string>& OfficialClasses() { return kClasses; }

// ---------------------------------------------------------------- generator
struct OfficialLabelGenerator::Impl {
  // One road address (several rows of a campus are one).
  struct Addr {
    size_t row = 0;  // the first row
    std::string address, road_ko, road_en, fold, mrfold;
    std::string sido, sigungu, eupmyeon;  // Korean; eupmyeon "" in 동 areas
    std::string sido_en, sigungu_en, eupmyeon_en, dong_en, zip;
    int main = 0, sub = 0;
    bool underground = false;
  };

  std::vector<db::AddressRow> rows;
  OfficialNames names;
  std::vector<Addr> addrs;
  std::unordered_map<std::string, std::vector<uint32_t>> by_fold, by_mrfold, by_ko;
  std::unordered_map<std::string, std::set<int>> mains_by_fold, mains_by_ko;
  std::set<std::pair<std::string, std::string>> sido_fold;  // (시도, fold)
  std::vector<std::string> folds;                            // distinct, sorted
  std::set<std::string> mrfolds;
  std::vector<std::string> sido_codes;                       // admin 시도 codes
  // Pools of address indexes by what a class needs.
  std::vector<uint32_t> above, below, branch, dong, dong_numeral;

  static std::string Key(std::string_view road, int main, int sub, bool ug) {
    std::string k(road);
    k += '|' + std::to_string(main) + '-' + std::to_string(sub) + (ug ? "u" : "");
    return k;
  }

  // False for the few English names in the source that do not name their
  // road: other digits than the Korean ("성남로32번길" as "Sinsang-ro",
  // "상서3길" as "Sangseo -gil").
  static bool Faithful(const OfficialNames::Road& road) {
    auto digits = [](const std::string& s) {
      std::string d;
      for (char c : s) {
        if (IsDigit(c)) d += c;
      }
      return d;
    };
    return digits(road.ko) == digits(road.en) && road.en.find(" -") == std::string::npos;
  }

  std::string AreaEn(const std::string& code, const std::string& ko) const {
    auto it = names.areas.find(code);
    if (it != names.areas.end() && it->second.ko == ko) return it->second.en;
    return "";
  }

  void Build() {
    std::unordered_map<std::string, uint32_t> seen;
    for (size_t i = 0; i < rows.size(); ++i) {
      const db::AddressRow& r = rows[i];
      auto rd = names.roads.find(r.road_code);
      if (rd == names.roads.end() || rd->second.ko != r.road_name) continue;
      if (!Faithful(rd->second)) continue;
      std::string address = db::RoadAddress(r);
      if (seen.count(address)) continue;
      seen.emplace(address, static_cast<uint32_t>(addrs.size()));
      Addr a;
      a.row = i;
      a.address = std::move(address);
      a.road_ko = r.road_name;
      a.road_en = rd->second.en;
      a.fold = Fold(a.road_en);
      a.mrfold = MrFold(a.road_en);
      a.sido = r.sido;
      a.sigungu = r.sigungu;
      a.eupmyeon = db::IsEupMyeon(r.emd) ? r.emd : "";
      a.main = r.main;
      a.sub = r.sub;
      a.underground = r.underground;
      a.zip = r.zip;
      const std::string sgg = r.legal_code.substr(0, 5);
      a.sido_en = AreaEn(r.legal_code.substr(0, 2), r.sido);
      if (a.sido_en.empty()) {
        if (const auto* s = Find(names.tn_sido, sgg)) a.sido_en = *s;
      }
      if (a.sido_en.empty()) continue;
      if (!r.sigungu.empty()) {
        a.sigungu_en = AreaEn(sgg, r.sigungu);
        if (a.sigungu_en.empty()) {
          if (const auto* s = Find(names.tn_sigungu, sgg)) a.sigungu_en = *s;
        }
      }
      const std::string emd_en = AreaEn(r.legal_code.substr(0, 8), r.emd);
      if (!a.eupmyeon.empty()) {
        a.eupmyeon_en = emd_en;
        if (a.eupmyeon_en.empty()) {
          if (const auto* s = Find(names.tn_emd, r.road_code + "|" + r.emd)) a.eupmyeon_en = *s;
        }
        if (!r.ri.empty()) a.dong_en = AreaEn(r.legal_code, r.ri);
      } else {
        a.dong_en = emd_en;
      }
      addrs.push_back(std::move(a));
    }
    std::set<std::string> fold_set;
    for (uint32_t i = 0; i < addrs.size(); ++i) {
      const Addr& a = addrs[i];
      by_fold[Key(a.fold, a.main, a.sub, a.underground)].push_back(i);
      by_mrfold[Key(a.mrfold, a.main, a.sub, a.underground)].push_back(i);
      by_ko[Key(a.road_ko, a.main, a.sub, a.underground)].push_back(i);
      mains_by_fold[a.fold].insert(a.main);
      mains_by_ko[a.road_ko].insert(a.main);
      sido_fold.emplace(a.sido, a.fold);
      fold_set.insert(a.fold);
      if (a.underground) {
        below.push_back(i);
        continue;
      }
      above.push_back(i);
      if (BranchParts(a.road_en, nullptr, nullptr, nullptr)) branch.push_back(i);
      if (!a.dong_en.empty()) {
        dong.push_back(i);
        if (a.dong_en.find('(') != std::string::npos) dong_numeral.push_back(i);
      }
    }
    // Roads without an official English name still confuse: their Korean
    // names count for neg_number.
    for (const auto& r : rows) mains_by_ko[r.road_name].insert(r.main);
    folds.assign(fold_set.begin(), fold_set.end());
    for (const auto& f : folds) mrfolds.insert(MrFold(f));
    for (const auto& [code, area] : names.areas) {
      if (code.size() == 2 && !area.en.empty()) sido_codes.push_back(code);
    }
  }

  // "Jungang-ro 66beon-gil" -> base "Jungang-ro", digits "66", beon true;
  // "Daecheong-ro 1-gil" -> beon false.
  static bool BranchParts(const std::string& en, std::string* base, std::string* digits,
                          bool* beon) {
    const size_t sp = en.rfind(' ');
    if (sp == std::string::npos) return false;
    const std::string_view last = std::string_view(en).substr(sp + 1);
    size_t d = 0;
    while (d < last.size() && IsDigit(last[d])) ++d;
    if (d == 0) return false;
    const std::string_view rest = last.substr(d);
    if (rest != "beon-gil" && rest != "-gil") return false;
    if (base) *base = en.substr(0, sp);
    if (digits) *digits = std::string(last.substr(0, d));
    if (beon) *beon = rest == "beon-gil";
    return true;
  }

  // The addresses among `list` that the region words of `a` kept by `keep` fit.
  size_t Fits(const std::vector<uint32_t>* list, const Addr& a, Keep keep,
              std::set<uint32_t>* out) const {
    if (list == nullptr) return out->size();
    const bool sgg = keep.sigungu && !a.sigungu_en.empty();
    const bool em = keep.eupmyeon && !a.eupmyeon_en.empty();
    for (uint32_t i : *list) {
      const Addr& b = addrs[i];
      if (b.sido != a.sido) continue;
      if (sgg && b.sigungu != a.sigungu) continue;
      if (em && b.eupmyeon != a.eupmyeon) continue;
      out->insert(i);
    }
    return out->size();
  }
  const std::vector<uint32_t>* Lookup(
      const std::unordered_map<std::string, std::vector<uint32_t>>& m, const std::string& k) const {
    auto it = m.find(k);
    return it == m.end() ? nullptr : &it->second;
  }

  // Positive when the candidates are one address, else "ambiguous".
  void Decide(const std::set<uint32_t>& fit, const Addr& a, LabelCase* c) const {
    if (fit.size() == 1) {
      c->expected = a.address;
      c->expected_reason.clear();
    } else {
      c->expected.clear();
      c->expected_reason = "ambiguous";
    }
  }

  // Region words in official English order: [읍면,] [시군구,] 시도.
  std::vector<std::string> Tail(const Addr& a, Keep keep) const {
    std::vector<std::string> t;
    if (keep.eupmyeon && !a.eupmyeon_en.empty()) t.push_back(a.eupmyeon_en);
    if (keep.sigungu && !a.sigungu_en.empty()) t.push_back(a.sigungu_en);
    t.push_back(a.sido_en);
    return t;
  }
  static std::string Join(const std::vector<std::string>& parts, const char* sep) {
    std::string out;
    for (const auto& p : parts) {
      if (!out.empty()) out += sep;
      out += p;
    }
    return out;
  }
  static std::string Num(const Addr& a) {
    std::string n = std::to_string(a.main);
    if (a.sub > 0) n += "-" + std::to_string(a.sub);
    return n;
  }
  std::string Official(const std::string& num, const std::string& road, const Addr& a,
                       Keep keep = {}) const {
    return num + ", " + road + ", " + Join(Tail(a, keep), ", ");
  }

  // Splits "Daecheonghosu-ro" into "Daecheonghosu" and "ro" (kind "ro",
  // "daero" or "gil"); false for other endings ("... Expressway").
  static bool SuffixParts(const std::string& en, std::string* base, std::string* kind) {
    for (const char* k : {"daero", "ro", "gil"}) {
      const std::string tail = std::string("-") + k;
      if (en.size() > tail.size() + 1 && en.ends_with(tail)) {
        *base = en.substr(0, en.size() - tail.size());
        *kind = k;
        return true;
      }
    }
    return false;
  }

  // The same road name under several spellings of its suffix.
  bool SuffixSpelling(const Addr& a, Rng& rng, std::string* road,
                      std::vector<std::string>* cands) const {
    std::string base, kind;
    if (!SuffixParts(a.road_en, &base, &kind)) return false;
    const std::string fb = Fold(base);
    if (kind == "daero") {
      static const std::array<const char*, 6> k = {" Daero", "daero", " Boulevard",
                                                   " Blvd", " Ave", " Avenue"};
      const std::string s = rng.Pick(k);
      *road = base + s;
      cands->push_back(fb + "daero");
      if (s != " Daero" && s != "daero") cands->push_back(fb + "ro");
    } else if (kind == "ro") {
      static const std::array<const char*, 7> k = {" Road", " Rd", " Rd.", " St", " Street",
                                                   " ro", " Ro"};
      const std::string s = rng.Pick(k);
      *road = base + s;
      cands->push_back(fb + "ro");
      if (s == " St" || s == " Street") cands->push_back(fb + "gil");
    } else {
      static const std::array<const char*, 6> k = {" gil", "gil", " Gil", "Gil", " St", " Street"};
      const std::string s = rng.Pick(k);
      *road = base + s;
      cands->push_back(fb + "gil");
      if (s == " St" || s == " Street") cands->push_back(fb + "ro");
    }
    return true;
  }

  // Hyphens lost or added, spaces in or out; the letters stay.
  static bool HyphenSpace(const std::string& en, Rng& rng, std::string* out) {
    std::string s = en;
    switch (rng.Mod(4)) {
      case 0:  // hyphens and spaces lost
        s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == '-' || c == ' '; }),
                s.end());
        break;
      case 1:  // hyphens become spaces
        std::replace(s.begin(), s.end(), '-', ' ');
        break;
      default: {  // a hyphen or space inside a word, at a vowel->consonant seam
        std::vector<size_t> seams;
        for (size_t i = 2; i + 2 < s.size(); ++i) {
          if (IsAlpha(s[i - 1]) && IsAlpha(s[i]) && IsVowel(s[i - 1]) && !IsVowel(s[i]) &&
              IsAlpha(s[i - 2]) && IsAlpha(s[i + 1])) {
            seams.push_back(i);
          }
        }
        if (seams.empty()) return false;
        s.insert(rng.Pick(seams), rng.Percent(60) ? "-" : " ");
        if (rng.Percent(30)) std::replace(s.begin(), s.end(), ' ', '-');
      }
    }
    if (s == en) return false;
    *out = s;
    return true;
  }

  // McCune-Reischauer / older spellings by letter rules.
  // End of the road's own name: "Jungang" of "Jungang-ro 66beon-gil",
  // "Daecheonghosu" of "Daecheonghosu-ro". Spelling changes stay inside it,
  // so that the suffix and a branch part stay as written.
  static size_t NameEnd(const std::string& s) {
    size_t end = std::min(s.find(' '), s.size());
    const size_t hyphen = s.rfind('-', end);
    if (hyphen != std::string::npos && hyphen > 0) end = hyphen;
    return end;
  }

  static bool MrSpelling(const std::string& en, Rng& rng, std::string* out) {
    const std::string base = en.substr(0, NameEnd(en)), tail = en.substr(base.size());
    std::string s = base;
    for (int tries = 0; tries < 4 && s == base; ++tries) {
      if (rng.Percent(60)) ReplaceAll(&s, "eo", "o");
      if (rng.Percent(50)) ReplaceAll(&s, "eu", "u");
      if (rng.Percent(40)) ReplaceAll(&s, "ch", "ch'");
      if (rng.Percent(40)) {
        ReplaceAll(&s, "si", "shi");
        ReplaceAll(&s, "Si", "Shi");
      }
      if (rng.Percent(70)) {  // word-initial plain consonants
        for (size_t i = 0; i < s.size(); ++i) {
          if (i > 0 && s[i - 1] != ' ' && s[i - 1] != '-') continue;
          const char c = s[i];
          if (c == 'G') s[i] = 'K';
          if (c == 'D') s[i] = 'T';
          if (c == 'B') s[i] = 'P';
          if (c == 'J') s.replace(i, 1, "Ch");
        }
      }
      if (rng.Percent(30)) {  // medial d -> t, b -> p, j -> ch
        for (size_t i = 1; i + 1 < s.size(); ++i) {
          if (s[i] == 'j') s.replace(i, 1, "ch");
          else if (s[i] == 'd' && IsVowel(s[i - 1])) s[i] = 't';
          else if (s[i] == 'b' && IsVowel(s[i - 1])) s[i] = 'p';
        }
      }
    }
    if (s == base) return false;
    *out = s + tail;
    return true;
  }

  // `edits` letter edits inside the road name's base (not the first letter,
  // not the suffix).
  static bool Typo(const std::string& en, int edits, Rng& rng, std::string* out) {
    std::string base, kind, tail;
    if (SuffixParts(en, &base, &kind)) {
      tail = en.substr(base.size());
    } else {
      base = en;
    }
    static const char kNear[] = "qwertyuiopasdfghjklzxcvbnm";
    std::string s = base;
    for (int e = 0; e < edits; ++e) {
      const size_t end = NameEnd(s);
      std::vector<size_t> pos;
      for (size_t i = 1; i < end; ++i) {
        if (IsAlpha(s[i]) && s[i] >= 'a') pos.push_back(i);
      }
      if (pos.empty()) return false;
      const size_t p = rng.Pick(pos);
      switch (rng.Mod(4)) {
        case 0: {
          char c;
          do c = kNear[rng.Mod(26)]; while (c == s[p]);
          s[p] = c;
          break;
        }
        case 1: s.erase(p, 1); break;
        case 2: s.insert(p, 1, s[p]); break;
        default:
          if (p + 1 < s.size() && IsAlpha(s[p + 1]) && s[p + 1] != s[p]) std::swap(s[p], s[p + 1]);
          else s.erase(p, 1);
      }
    }
    *out = s + tail;
    return BoundedDistance(Fold(*out), Fold(en), edits) == edits;
  }

  // True when no other road's folded name lies within `k` of `f`.
  bool Isolated(const std::string& f, const std::string& own, int k) const {
    for (const auto& g : folds) {
      if (g == own) continue;
      if (BoundedDistance(f, g, k) <= k) return false;
    }
    return true;
  }

  static std::string Unit(Rng& rng) {
    const int floor = 1 + static_cast<int>(rng.Mod(20));
    const int ho = floor * 100 + 1 + static_cast<int>(rng.Mod(8));
    const int dong = 101 + static_cast<int>(rng.Mod(15));
    const char* nth = floor == 1 ? "st" : floor == 2 ? "nd" : floor == 3 ? "rd" : "th";
    switch (rng.Mod(8)) {
      case 0: return "Apt. " + std::to_string(dong) + "-dong " + std::to_string(ho) + "-ho";
      case 1: return "#" + std::to_string(ho);
      case 2: return std::to_string(floor) + "F";
      case 3: return std::to_string(floor) + nth + " floor";
      case 4: return "Suite " + std::to_string(ho);
      case 5: return "Room " + std::to_string(ho);
      case 6: return std::to_string(dong) + "동 " + std::to_string(ho) + "호";
      default: return "Unit " + std::to_string(ho);
    }
  }

  static std::string Postcode(const std::string& zip, Rng& rng) {
    if (zip.size() != 6) return zip;
    const std::string dashed = zip.substr(0, 3) + "-" + zip.substr(3);
    switch (rng.Mod(3)) {
      case 0: return dashed;
      case 1: return zip;
      default: return "(" + dashed + ")";
    }
  }

  // Builds one case of class `cls` from address `a`; false when `a` cannot
  // honestly make one.
  bool Make(const std::string& cls, const Addr& a, Rng& rng, LabelCase* c) const {
    c->error_class = cls;
    c->source_row = a.row;
    c->expected.clear();
    c->expected_reason.clear();
    const std::string num = Num(a);
    std::set<uint32_t> fit;
    const std::string key = Key(a.fold, a.main, a.sub, a.underground);
    auto plain = [&](Keep keep = {}) {
      Fits(Lookup(by_fold, key), a, keep, &fit);
      Decide(fit, a, c);
      return true;
    };
    if (cls == "official_clean") {
      c->label = Official(num, a.road_en, a);
      return plain();
    }
    if (cls == "suffix_spelling") {
      std::string road;
      std::vector<std::string> cands;
      if (!SuffixSpelling(a, rng, &road, &cands)) return false;
      c->label = rng.Percent(70) ? Official(num, road, a)
                                : road + " " + num + ", " + Join(Tail(a, {}), ", ");
      for (const auto& f : cands) Fits(Lookup(by_fold, Key(f, a.main, a.sub, false)), a, {}, &fit);
      Decide(fit, a, c);
      return true;
    }
    if (cls == "hyphen_space") {
      std::string road;
      if (!HyphenSpace(a.road_en, rng, &road)) return false;
      c->label = Official(num, road, a);
      return plain();
    }
    if (cls == "mr_spelling") {
      std::string road;
      if (!MrSpelling(a.road_en, rng, &road) || MrFold(road) != a.mrfold) return false;
      c->label = Official(num, road, a);
      // The fold merges more than the letter rules make, so several fits
      // need not mean a human could not tell: skip rather than expect
      // ambiguous.
      if (Fits(Lookup(by_mrfold, Key(a.mrfold, a.main, a.sub, false)), a, {}, &fit) != 1) {
        return false;
      }
      Decide(fit, a, c);
      return true;
    }
    if (cls == "typo1" || cls == "typo2") {
      const int k = cls == "typo1" ? 1 : 2;
      size_t letters = 0;
      for (size_t i = 0; i < NameEnd(a.road_en); ++i) letters += IsAlpha(a.road_en[i]);
      if (k == 2 && letters < 10) return false;
      if (k == 1 && letters < 5) return false;
      std::string road;
      if (!Typo(a.road_en, k, rng, &road)) return false;
      if (!Isolated(Fold(road), a.fold, k)) return false;
      c->label = Official(num, road, a);
      return plain();
    }
    if (cls == "korean_road") {
      c->label = rng.Percent(60) ? num + " " + a.road_ko + ", " + Join(Tail(a, {}), ", ")
                                : a.road_ko + " " + num + ", " + Join(Tail(a, {}), ", ");
      Fits(Lookup(by_ko, Key(a.road_ko, a.main, a.sub, false)), a, {}, &fit);
      Decide(fit, a, c);
      return true;
    }
    if (cls == "number_after") {
      c->label = a.road_en + " " + num + ", " + Join(Tail(a, {}), ", ");
      return plain();
    }
    if (cls == "korean_order") {
      auto t = Tail(a, {});
      std::reverse(t.begin(), t.end());
      c->label = Join(t, rng.Percent(70) ? " " : ", ") + " " + a.road_en + " " + num;
      return plain();
    }
    if (cls == "units_floors") {
      const std::string u = Unit(rng);
      const std::string tail = Join(Tail(a, {}), ", ");
      switch (rng.Mod(4)) {
        case 0: c->label = u + ", " + Official(num, a.road_en, a); break;
        case 1: c->label = Official(num, a.road_en, a) + ", " + u; break;
        case 2: c->label = a.road_en + " " + num + " " + u + ", " + tail; break;
        default: c->label = num + ", " + a.road_en + ", " + u + ", " + tail;
      }
      return plain();
    }
    if (cls == "company_note") {
      const std::string off = Official(num, a.road_en, a);
      const std::string co = rng.Pick(kCompanies), note = rng.Pick(kNotes);
      switch (rng.Mod(4)) {
        case 0: c->label = co + ", " + off; break;
        case 1: c->label = off + " (" + note + ")"; break;
        case 2: c->label = co + " " + off + " " + note; break;
        default: c->label = note + " / " + off + ", " + co;
      }
      return plain();
    }
    if (cls == "postcode_old") {
      if (a.zip.size() < 5) return false;
      const std::string pc = Postcode(a.zip, rng);
      const std::string off = Official(num, a.road_en, a);
      switch (rng.Mod(3)) {
        case 0: c->label = pc + " " + off; break;
        case 1: c->label = off + " " + pc; break;
        default: c->label = off + ", " + pc;
      }
      return plain();
    }
    if (cls == "dong_in_label") {
      if (a.dong_en.empty()) return false;
      const std::string tail = Join(Tail(a, {}), ", ");
      c->label = rng.Percent(60) ? num + ", " + a.road_en + ", " + a.dong_en + ", " + tail
                                : Official(num, a.road_en, a) + " (" + a.dong_en + ")";
      return plain();
    }
    if (cls == "case") {
      const std::string off = Official(num, a.road_en, a);
      switch (rng.Mod(3)) {
        case 0: c->label = Upper(off); break;
        case 1: c->label = Lower(off); break;
        default: c->label = Title(off);
      }
      return plain();
    }
    if (cls == "basement") {
      if (!a.underground) return false;
      static const std::array<const char*, 5> forms = {"B", "B ", "Underground ", "지하 ", ""};
      const char* f = rng.Pick(forms);
      const std::string n = *f ? f + num : num + "B";
      c->label = rng.Percent(70) ? Official(n, a.road_en, a)
                                : a.road_en + " " + n + ", " + Join(Tail(a, {}), ", ");
      return plain();
    }
    if (cls == "branch_road") {
      std::string base, digits;
      bool beon = false;
      if (!BranchParts(a.road_en, &base, &digits, &beon)) return false;
      std::string road;
      if (beon) {
        static const std::array<const char*, 8> v = {"beon-gil", "bun-gil", "bon-gil", "beongil",
                                                     " beon-gil", "번길", "beon gil", "bungil"};
        road = base + " " + digits + rng.Pick(v);
      } else {
        static const std::array<const char*, 6> v = {"-gil", "gil", " gil", "-Gil", "길", " Gil"};
        road = base + " " + digits + rng.Pick(v);
      }
      c->label = rng.Percent(75) ? Official(num, road, a)
                                : road + " " + num + ", " + Join(Tail(a, {}), ", ");
      return plain();
    }
    if (cls == "district_missing") {
      if (a.sigungu_en.empty() && a.eupmyeon_en.empty()) return false;
      const Keep keep{false, false};
      c->label = rng.Percent(70) ? Official(num, a.road_en, a, keep)
                                : a.road_en + " " + num + ", " + a.sido_en;
      return plain(keep);
    }
    if (cls == "neg_number") {
      const auto& used_f = mains_by_fold.at(a.fold);
      const auto it = mains_by_ko.find(a.road_ko);
      const int top = *used_f.rbegin();
      for (int tries = 0; tries < 20; ++tries) {
        const int n = 1 + static_cast<int>(rng.Mod(static_cast<size_t>(top + top / 2 + 20)));
        if (used_f.count(n) || (it != mains_by_ko.end() && it->second.count(n))) continue;
        c->label = Official(std::to_string(n), a.road_en, a);
        c->expected_reason = "no_building";
        return true;
      }
      return false;
    }
    if (cls == "neg_other_city") {
      if (sido_codes.size() < 2) return false;
      const std::string& code = rng.Pick(sido_codes);
      const auto& sido = names.areas.at(code);
      if (sido.ko == a.sido || sido_fold.count({sido.ko, a.fold})) return false;
      std::vector<const OfficialNames::Area*> sgg;
      for (auto it = names.areas.lower_bound(code); it != names.areas.end(); ++it) {
        if (!it->first.starts_with(code)) break;
        if (it->first.size() == 5 && it->second.ko != sido.ko) sgg.push_back(&it->second);
      }
      std::string region = sido.en;
      if (!sgg.empty()) region = rng.Pick(sgg)->en + ", " + region;
      c->label = num + ", " + a.road_en + ", " + region;
      c->expected_reason = kAnyNoAnswer;
      return true;
    }
    if (cls == "neg_no_road") {
      std::string base = rng.Pick(kSyllables);
      const size_t more = 1 + rng.Mod(2);
      for (size_t i = 0; i < more; ++i) base += Lower(rng.Pick(kSyllables));
      static const std::array<const char*, 3> suffix = {"-ro", "-gil", "-daero"};
      const std::string road = base + rng.Pick(suffix);
      const std::string f = Fold(road);
      if (!Isolated(f, "", 2)) return false;
      if (mrfolds.count(MrFold(road))) return false;
      c->label = Official(num, road, a);
      c->expected_reason = "no_road";
      return true;
    }
    return false;
  }

  const std::vector<uint32_t>& Pool(const std::string& cls) const {
    if (cls == "basement") return below;
    if (cls == "branch_road") return branch;
    if (cls == "dong_in_label") return dong;
    return above;
  }

  std::vector<std::string> Available() const {
    std::vector<std::string> out;
    for (const auto& cls : kClasses) {
      if (Pool(cls).empty()) continue;
      if (cls == "neg_other_city" && sido_codes.size() < 2) continue;
      out.push_back(cls);
    }
    return out;
  }

  std::vector<LabelCase> Generate(size_t count, uint64_t seed) const {
    std::vector<LabelCase> out;
    const auto classes = Available();
    if (classes.empty() || count == 0) return out;
    for (size_t k = 0; k < classes.size(); ++k) {
      const std::string& cls = classes[k];
      const size_t want = count / classes.size() + (k < count % classes.size() ? 1 : 0);
      Rng rng(seed ^ gen::Fnv1a(cls));
      const auto& pool = Pool(cls);
      size_t made = 0;
      for (size_t tries = 0; made < want && tries < want * 40 + 40; ++tries) {
        uint32_t idx = rng.Pick(pool);
        // A third of dong cases use the numbered 법정동 ("Dongin-dong 1(il)-ga").
        if (cls == "dong_in_label" && !dong_numeral.empty() && rng.Percent(33)) {
          idx = rng.Pick(dong_numeral);
        }
        LabelCase c;
        if (!Make(cls, addrs[idx], rng, &c)) continue;
        out.push_back(std::move(c));
        ++made;
      }
    }
    return out;
  }
};

OfficialLabelGenerator::OfficialLabelGenerator(std::vector<db::AddressRow> rows,
                                               OfficialNames names)
    : impl_(std::make_unique<Impl>()) {
  impl_->rows = std::move(rows);
  impl_->names = std::move(names);
  impl_->Build();
}

OfficialLabelGenerator::~OfficialLabelGenerator() = default;

std::vector<LabelCase> OfficialLabelGenerator::Generate(size_t count, uint64_t seed) const {
  return impl_->Generate(count, seed);
}

std::vector<std::string> OfficialLabelGenerator::AvailableClasses() const {
  return impl_->Available();
}

size_t OfficialLabelGenerator::AddressCount() const { return impl_->addrs.size(); }

bool LoadOfficialSources(const std::vector<std::string>& data_paths,
                         const std::vector<std::string>& english_paths, const std::string& admin_dir,
                         std::vector<db::AddressRow>* rows, OfficialNames* names,
                         std::vector<std::string>* files, std::string* error) {
  for (const auto& p : data_paths) {
    if (!LoadDataPath(p, rows, names, files, error)) return false;
  }
  for (const auto& p : english_paths) {
    if (!ReadRoadEnglish(p, names, error)) return false;
  }
  return ReadAdminEnglish(admin_dir, names, error);
}

}  // namespace doro::testgen
