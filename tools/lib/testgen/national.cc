#include "testgen/national.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "db/sido.h"
#include "testgen/rng.h"
#include "db/sigungu_table.h"
#include "text/encoding.h"
#include "text/hangul.h"
#include "text/utf8.h"

namespace doro::gen {
namespace {

// Long streams, one per 시도 or 시군구 (testgen/rng.h).
using Rng = XoshiroRng;

uint64_t HashCode(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

// ---------------------------------------------------------------- syllables
bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Splits a string of Hangul syllables; false if anything else is in it.
bool SplitSyllables(std::string_view s, std::vector<std::string>* out) {
  out->clear();
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t start = pos;
    const char32_t cp = text::DecodeUtf8(s, &pos);
    if (!text::IsHangulSyllable(cp) || pos == start) return false;
    out->emplace_back(s.substr(start, pos - start));
  }
  return true;
}

// The stem of a road name: 한누리대로12번길 -> 한누리, 청라2길 -> 청라, 세종로1길 -> 세종.
std::string_view RoadStem(std::string_view name) {
  auto strip_digits = [](std::string_view* s) {
    bool any = false;
    while (!s->empty() && s->back() >= '0' && s->back() <= '9') {
      s->remove_suffix(1);
      any = true;
    }
    return any;
  };
  std::string_view s = name;
  bool numbered = false;
  if (EndsWith(s, "번길")) {
    s.remove_suffix(std::string_view("번길").size());
    numbered = strip_digits(&s);
  } else if (EndsWith(s, "길")) {
    s.remove_suffix(std::string_view("길").size());
    numbered = strip_digits(&s);
    if (!numbered) return s;  // 헌터길: the stem is what precedes 길
  }
  if (EndsWith(s, "대로")) {
    s.remove_suffix(std::string_view("대로").size());
  } else if (EndsWith(s, "로") && s.size() > std::string_view("로").size()) {
    s.remove_suffix(std::string_view("로").size());
  }
  return s;
}

// A first-order (bigram) model of the syllables of place and road stems.
class SyllableModel {
 public:
  void Add(std::string_view stem) {
    if (!SplitSyllables(stem, &tmp_) || tmp_.empty() || tmp_.size() > 5) return;
    known_.emplace(stem);
    ++len_count_[tmp_.size()];
    int prev = -1;
    for (size_t i = 0; i < tmp_.size(); ++i) {
      const int id = Id(tmp_[i]);
      ++any_[id];
      if (i == 0) ++first_[id];
      if (prev >= 0) ++next_[prev][id];
      prev = id;
    }
  }

  void Finish() {
    // Tempered (square root of the counts): a small source file has a few
    // very frequent syllables (세종's 조치원, 고운, 한누리), and the whole
    // country drawn from it raw would repeat their names everywhere.
    auto cum = [](const std::vector<uint64_t>& w) {
      std::vector<uint64_t> c(w.size());
      uint64_t t = 0;
      for (size_t i = 0; i < w.size(); ++i) {
        if (w[i] > 0) t += static_cast<uint64_t>(std::sqrt(16.0 * static_cast<double>(w[i])));
        c[i] = t;
      }
      return c;
    };
    first_cum_ = cum(first_);
    any_cum_ = cum(any_);
    next_ids_.assign(syl_.size(), {});
    next_cum_.assign(syl_.size(), {});
    for (size_t a = 0; a < syl_.size(); ++a) {
      // Sorted by id: the map's iteration order must not decide the output.
      std::vector<std::pair<int, uint64_t>> items(next_[a].begin(), next_[a].end());
      std::sort(items.begin(), items.end());
      uint64_t t = 0;
      for (auto& [id, n] : items) {
        next_ids_[a].push_back(id);
        next_cum_[a].push_back(t += n);
      }
    }
    uint64_t t = 0;
    for (int n = 0; n < 6; ++n) len_cum_[n] = (t += len_count_[n]);
  }

  size_t size() const { return syl_.size(); }

  // A stem of 2..4 syllables, mostly not one of the training stems (the
  // statistics should yield new names, not the source file's names again).
  // `len` > 0 fixes the number of syllables.
  std::string Stem(Rng& rng, int len = 0) const {
    std::string s;
    for (int attempt = 0; attempt < 4; ++attempt) {
      s = OneStem(rng, len);
      if (!known_.count(s) || !rng.Chance(0.85)) break;
    }
    return s;
  }

 private:
  std::string OneStem(Rng& rng, int len) const {
    if (len <= 0) len = static_cast<int>(Pick(len_cum_.data(), len_cum_.size(), rng));
    len = std::clamp(len, 2, 4);
    std::string out;
    int prev = -1;
    for (int i = 0; i < len; ++i) {
      int id;
      if (i == 0) {
        id = static_cast<int>(Pick(first_cum_.data(), first_cum_.size(), rng));
      } else if (!next_ids_[prev].empty() && rng.Chance(0.5)) {
        id = next_ids_[prev][Pick(next_cum_[prev].data(), next_cum_[prev].size(), rng)];
      } else {
        id = static_cast<int>(Pick(any_cum_.data(), any_cum_.size(), rng));
      }
      if (id == prev) id = static_cast<int>(Pick(any_cum_.data(), any_cum_.size(), rng));
      out += syl_[id];
      prev = id;
    }
    return out;
  }

  static size_t Pick(const uint64_t* cum, size_t n, Rng& rng) {
    if (n == 0 || cum[n - 1] == 0) return 0;
    const uint64_t r = rng.Below(cum[n - 1]);
    return static_cast<size_t>(std::upper_bound(cum, cum + n, r) - cum);
  }

  int Id(const std::string& s) {
    auto [it, inserted] = ids_.emplace(s, static_cast<int>(syl_.size()));
    if (inserted) {
      syl_.push_back(s);
      first_.push_back(0);
      any_.push_back(0);
      next_.emplace_back();
    }
    return it->second;
  }

  std::unordered_set<std::string> known_;
  std::unordered_map<std::string, int> ids_;
  std::vector<std::string> syl_;
  std::vector<uint64_t> first_, any_;
  std::vector<std::unordered_map<int, uint64_t>> next_;
  std::array<uint64_t, 6> len_count_{};
  std::vector<uint64_t> first_cum_, any_cum_;
  std::vector<std::vector<int>> next_ids_;
  std::vector<std::vector<uint64_t>> next_cum_;
  std::array<uint64_t, 6> len_cum_{};
  std::vector<std::string> tmp_;
};

// Fallback statistics: syllables common in Korean place names, most common
// first, combined freely.
constexpr std::string_view kFallbackSyllables =
    "동신대산성화중안천원양남북서송장광명청금용수평상하문정도고구봉월연덕학"
    "영운석곡계백오인한강진두마삼관호봉부초미내갈황가전매촌주선우사회봉"
    "은창당현효충의구례지능림향암리교소태모율행복세무공";

bool LearnFromFile(const std::string& path, SyllableModel* model) {
  if (path.empty()) return false;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  std::unordered_set<std::string> seen;
  std::vector<std::string> stems;
  LoadReport report;
  std::string error;
  const bool ok = db::ReadAddressPath(
      path,
      [&](db::AddressRow&& row) {
        if (seen.insert(row.road_name).second) stems.emplace_back(RoadStem(row.road_name));
        for (std::string_view area : {std::string_view(row.emd), std::string_view(row.ri)}) {
          if (area.size() <= 3) continue;
          if (!seen.insert(std::string(area)).second) continue;
          stems.emplace_back(area.substr(0, area.size() - 3));  // 동/읍/면/리: one syllable
        }
      },
      &report, &error);
  if (!ok || stems.empty()) return false;
  std::sort(stems.begin(), stems.end());  // file order must not matter
  for (const auto& s : stems) model->Add(s);
  model->Finish();
  return model->size() >= 20;
}

void BuildFallback(SyllableModel* model) {
  std::vector<std::string> syl;
  SplitSyllables(kFallbackSyllables, &syl);
  // Weighted by position: stems made of pairs and triples of the list.
  Rng rng(12345);
  for (int i = 0; i < 4000; ++i) {
    const int len = i % 10 < 6 ? 2 : (i % 10 < 9 ? 3 : 4);
    std::string s;
    for (int j = 0; j < len; ++j) {
      const size_t a = rng.Below(syl.size()), b = rng.Below(syl.size());
      s += syl[std::min(a, b)];  // min of two: earlier syllables more often
    }
    model->Add(s);
  }
  model->Finish();
}

// ---------------------------------------------------------------- tables
struct SidoPlan {
  std::string_view code;
  std::string_view slug;   // rnaddrkor_<slug>.txt
  int thousand_rows;       // roughly the real file's size
  int zip_lo, zip_hi;      // postal codes [zip_lo, zip_hi)
};

// Postal code ranges by 시도 are the public 2015 five-digit scheme.
constexpr SidoPlan kSidoPlans[] = {
    {"11", "seoul", 600, 1000, 9000},     {"26", "busan", 330, 46000, 50000},
    {"27", "daegu", 240, 41000, 44000},   {"28", "incheon", 230, 21000, 24000},
    {"29", "gwangju", 130, 61000, 63000}, {"30", "daejeon", 125, 34000, 36000},
    {"31", "ulsan", 135, 44000, 46000},   {"36", "sejong", 27, 30000, 30200},
    {"41", "gyunggi", 1380, 10000, 19000}, {"43", "chungbuk", 320, 27000, 30000},
    {"44", "chungnam", 420, 31000, 34000}, {"46", "jeonnam", 530, 57000, 61000},
    {"47", "gyeongbuk", 580, 36000, 41000}, {"48", "gyeongnam", 560, 50000, 54000},
    {"50", "jeju", 140, 63000, 64000},    {"51", "gangwon", 330, 24000, 27000},
    {"52", "jeonbuk", 360, 54000, 57000},
};

// Road names found in many 시군구, with the chance that one 시군구 has it.
struct CommonRoad {
  std::string_view name;
  double p;
};
constexpr CommonRoad kCommonRoads[] = {
    {"중앙로", 0.35},  {"문화로", 0.25},  {"번영로", 0.2},   {"시청로", 0.15},
    {"역전로", 0.12},  {"중앙대로", 0.08}, {"평화로", 0.1},   {"시장로", 0.15},
    {"공원로", 0.15},  {"강변로", 0.15},  {"산업로", 0.12},  {"대학로", 0.12},
    {"신촌로", 0.08},  {"해안로", 0.1},   {"충무로", 0.06},  {"새마을로", 0.1},
    {"동문로", 0.05},  {"서문로", 0.05},  {"남문로", 0.04},  {"북문로", 0.04},
    {"터미널로", 0.06}, {"향교길", 0.15},  {"현충로", 0.08},  {"읍내로", 0.1},
    {"시민로", 0.08},  {"희망로", 0.08},  {"통일로", 0.05},  {"대동로", 0.06},
    {"공단로", 0.1},   {"신흥로", 0.06},  {"장터길", 0.08},  {"교동로", 0.05},
    {"관광로", 0.05},  {"서부로", 0.08},  {"동부로", 0.08},  {"남부로", 0.06},
    {"북부로", 0.06},  {"순환로", 0.08},  {"역전길", 0.06},  {"학교길", 0.1},
    {"중앙길", 0.08},  {"시장길", 0.1},   {"강변길", 0.06},  {"구시장길", 0.04},
};

constexpr std::string_view kBrands[] = {
    "푸르지오", "자이", "래미안", "힐스테이트", "아이파크", "e편한세상",
    "롯데캐슬", "한신휴플러스", "우미린", "호반베르디움", "더샵", "하늘채",
    "센트럴파크", "리버뷰", "스위첸", "꿈에그린",
};
constexpr std::string_view kBuildingTypes[] = {
    "빌딩", "상가", "빌라", "교회", "타워", "프라자", "오피스텔", "초등학교",
    "중학교", "고등학교", "우체국", "주민센터", "경로당", "의원", "병원", "어린이집",
    "맨션", "하이츠", "창고", "공장", "유치원", "성당", "파출소", "연립",
};
constexpr std::string_view kRuralBuildingTypes[] = {
    "마을회관", "경로당", "교회", "창고", "축사", "농협", "보건진료소", "정미소",
    "주유소", "초등학교",
};

// ---------------------------------------------------------------- one 시군구
struct Ri {
  std::string name;
  std::string code2;
};

struct Emd {
  std::string name;
  std::string stem;
  std::string code3;
  bool rural = false;  // 읍 or 면 (with 리)
  std::vector<Ri> ris;
  std::vector<std::string> admin_codes;  // 10 digits
  std::vector<std::string> admin_names;
  int jibun_max = 1000;
};

constexpr int kMaxUsesPerSido = 3;

enum RoadKind { kDaero, kRo, kGilMain, kBranch };

struct Road {
  std::string name;
  std::string stem;
  std::string code7;
  RoadKind kind = kRo;
  int emd = 0;
  int ri = -1;
  int len_k = 50;
  int rows = 0;
  int scheme = 0;  // parents: 0 = 로N번길, 1 = 로N길, 2 = stemN길
  std::vector<int> branches;
};

std::string Pad(int v, int width) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*d", width, v);
  return buf;
}

struct Context {
  SyllableModel model;
  bool learned = false;
  double scale = 1.0;
  uint64_t seed = 1;
};

class SigunguGenerator {
 public:
  SigunguGenerator(const Context& ctx, const db::SidoInfo& sido, const db::SigunguInfo& sgg,
                   int target_rows, int zip_lo, int zip_hi,
                   std::unordered_map<std::string, int>* sido_uses)
      : ctx_(ctx), sido_(sido), sgg_(sgg), sido_uses_(sido_uses), target_(target_rows),
        zip_lo_(zip_lo), zip_hi_(zip_hi),
        rng_(MixSeeds(ctx.seed, HashCode(sgg.code))) {}

  // Emits every row; returns the number of roads.
  template <typename Emit>
  int Run(Emit&& emit) {
    MakeAreas();
    MakeRoads();
    AllocateRows();
    row_.sido = std::string(sido_.korean);
    row_.sigungu = std::string(sgg_.name);
    for (size_t i = 0; i < roads_.size(); ++i) EmitRoad(static_cast<int>(i), emit);
    return static_cast<int>(roads_.size());
  }

 private:
  bool IsGun() const { return EndsWith(sgg_.name, "군"); }
  bool IsMetro() const {
    const int c = (sgg_.code[0] - '0') * 10 + (sgg_.code[1] - '0');
    return c == 11 || (c >= 26 && c <= 31);
  }

  std::string UniqueAreaStem(std::unordered_set<std::string>* used, std::string_view suffix) {
    for (int attempt = 0; attempt < 50; ++attempt) {
      // Area names are mostly two syllables (반곡동, 청라리), whatever roads are.
      std::string stem = ctx_.model.Stem(rng_, rng_.Chance(0.85) ? 2 : 3);
      if (used->insert(stem + std::string(suffix)).second) return stem;
    }
    std::string stem = ctx_.model.Stem(rng_) + std::to_string(used->size());
    used->insert(stem + std::string(suffix));
    return stem;
  }

  void AddEmd(std::string stem, std::string_view suffix, std::string code3, bool rural) {
    Emd e;
    e.stem = std::move(stem);
    e.name = e.stem + std::string(suffix);
    e.code3 = std::move(code3);
    e.rural = rural;
    e.jibun_max = rural ? rng_.Int(300, 1500) : rng_.Int(100, 1200);
    const std::string sgg5(sgg_.code);
    if (rural) {
      e.admin_codes.push_back(sgg5 + e.code3 + "00");
      e.admin_names.push_back(e.name);
      std::unordered_set<std::string> used;
      const int nri = rng_.Int(6, 25);
      for (int i = 0; i < nri; ++i) {
        std::string ri_stem = UniqueAreaStem(&used, "리");
        e.ris.push_back({ri_stem + "리", Pad(21 + i, 2)});
      }
    } else {
      const int idx = static_cast<int>(emds_.size());
      const int base = 510 + 6 * std::min(idx, 80);
      const int variants = rng_.Chance(0.3) ? rng_.Int(2, 4) : 1;
      for (int v = 0; v < variants; ++v) {
        e.admin_codes.push_back(sgg5 + Pad(base + v, 3) + "00");
        e.admin_names.push_back(variants == 1 ? e.name : e.stem + std::to_string(v + 1) + "동");
      }
    }
    emds_.push_back(std::move(e));
  }

  void MakeAreas() {
    int dongs = 0, eups = 0, myeons = 0;
    if (IsGun()) {
      eups = rng_.Int(1, 2);
      myeons = rng_.Int(5, 12);
    } else if (IsMetro()) {
      dongs = rng_.Int(10, 29);
    } else if (EndsWith(sgg_.name, "구")) {  // 일반구 of a 시
      dongs = rng_.Int(8, 22);
      if (rng_.Chance(0.5)) {
        eups = rng_.Int(0, 1);
        myeons = rng_.Int(2, 5);
      }
    } else {  // 시 without 구, and Sejong
      dongs = rng_.Int(8, 27);
      if (rng_.Chance(0.85)) {
        eups = rng_.Int(0, 2);
        myeons = rng_.Int(2, 9);
      }
    }
    std::unordered_set<std::string> used;
    for (int i = 0; i < dongs; ++i) {
      AddEmd(UniqueAreaStem(&used, "동"), "동", Pad(101 + i, 3), false);
    }
    for (int i = 0; i < eups; ++i) {
      std::string stem;
      if (i == 0 && IsGun()) {
        // The county seat is named after the county: 홍천군 -> 홍천읍.
        stem = std::string(sgg_.name.substr(0, sgg_.name.size() - 3));
        used.insert(stem + "읍");
      } else {
        stem = UniqueAreaStem(&used, "읍");
      }
      AddEmd(stem, "읍", Pad(250 + 3 * i, 3), true);
    }
    for (int i = 0; i < myeons; ++i) {
      AddEmd(UniqueAreaStem(&used, "면"), "면", Pad(310 + 10 * i, 3), true);
    }
    // Where roads are: towns (동, 읍) are denser than townships (면).
    uint64_t t = 0;
    for (const auto& e : emds_) {
      t += e.rural ? (EndsWith(e.name, "읍") ? 6 : 2) : 4;
      emd_cum_.push_back(t);
    }
  }

  int PickEmd() {
    const uint64_t r = rng_.Below(emd_cum_.back());
    return static_cast<int>(std::upper_bound(emd_cum_.begin(), emd_cum_.end(), r) -
                            emd_cum_.begin());
  }

  bool TakeName(const std::string& name) { return names_.insert(name).second; }

  void NameMain(Road* r, std::string_view common) {
    if (!common.empty() && TakeName(std::string(common))) {
      r->name = std::string(common);
      r->stem = std::string(RoadStem(common));
      return;
    }
    const std::string_view suffix = r->kind == kDaero ? "대로" : r->kind == kRo ? "로" : "길";
    const Emd& e = emds_[r->emd];
    for (int attempt = 0; attempt < 60; ++attempt) {
      std::string stem;
      const double u = rng_.Unit();
      if (attempt < 3 && u < 0.2) {
        stem = e.stem;
      } else if (attempt < 3 && u < 0.35 && r->ri >= 0) {
        const std::string& ri = e.ris[r->ri].name;
        stem = ri.substr(0, ri.size() - 3);
      } else {
        stem = ctx_.model.Stem(rng_);
      }
      // Names ending in a digit would read as numbered branches.
      if (attempt >= 30) stem += ctx_.model.Stem(rng_);
      std::string name = stem + std::string(suffix);
      // Outside the common list a name recurs in a few 시군구 of a 시도, not in
      // half the country (the bigrams of one small file are concentrated).
      int& uses = (*sido_uses_)[name];
      if (uses >= kMaxUsesPerSido && attempt < 50) continue;
      if (TakeName(name)) {
        ++uses;
        r->name = std::move(name);
        r->stem = std::move(stem);
        return;
      }
    }
    r->name.clear();
  }

  void MakeRoads() {
    const int n = std::max(1, static_cast<int>(target_ / 18.3 + 0.5));
    const int mains = std::max(1, static_cast<int>(n * 0.3 + 0.5));
    const int branches = n - mains;
    std::vector<std::string_view> common;
    const double common_boost = IsGun() ? 0.9 : 1.0;
    for (const auto& c : kCommonRoads) {
      if (rng_.Chance(c.p * common_boost)) common.push_back(c.name);
    }
    for (size_t i = common.size(); i > 1; --i) std::swap(common[i - 1], common[rng_.Below(i)]);

    int next_main = 2000000 + rng_.Int(0, 999);
    int next_gil = 3000000 + rng_.Int(0, 9999);
    int next_branch = 4000000 + rng_.Int(0, 99999);
    const double p_daero = IsGun() ? 0.02 : 0.07;
    for (int i = 0; i < mains; ++i) {
      Road r;
      std::string_view c = i < static_cast<int>(common.size()) ? common[i] : "";
      if (!c.empty()) {
        r.kind = EndsWith(c, "대로") ? kDaero : EndsWith(c, "로") ? kRo : kGilMain;
      } else {
        const double u = rng_.Unit();
        r.kind = u < p_daero ? kDaero : u < p_daero + (IsGun() ? 0.25 : 0.12) ? kGilMain : kRo;
      }
      if (i == 0 && branches > 0 && r.kind == kGilMain) {
        r.kind = kRo;
        c = "";
      }
      r.emd = PickEmd();
      if (!emds_[r.emd].ris.empty()) r.ri = static_cast<int>(rng_.Below(emds_[r.emd].ris.size()));
      NameMain(&r, c);
      if (r.name.empty()) continue;
      switch (r.kind) {
        case kDaero: r.len_k = rng_.Int(150, 750); break;
        case kRo: r.len_k = rng_.Int(30, 330); break;
        default: r.len_k = rng_.Int(5, 65); break;
      }
      const double u = rng_.Unit();
      if (sido_.code == "11") {
        r.scheme = u < 0.85 ? 1 : u < 0.95 ? 0 : 2;
      } else {
        r.scheme = u < 0.7 ? 0 : u < 0.82 ? 1 : 2;
      }
      if (r.kind == kDaero && r.scheme == 2) r.scheme = 0;
      next_main += rng_.Int(1, 8);
      next_gil += rng_.Int(1, 8);
      r.code7 = std::to_string(r.kind == kGilMain ? next_gil : next_main);
      roads_.push_back(std::move(r));
    }

    // Branches hang off 대로/로 mains, more on longer roads.
    std::vector<int> parents;
    std::vector<uint64_t> cum;
    uint64_t t = 0;
    for (size_t i = 0; i < roads_.size(); ++i) {
      if (roads_[i].kind == kGilMain) continue;
      parents.push_back(static_cast<int>(i));
      cum.push_back(t += static_cast<uint64_t>(roads_[i].len_k));
    }
    if (parents.empty()) return;
    std::vector<int> per_parent(parents.size(), 0);
    for (int b = 0; b < branches; ++b) {
      const uint64_t r = rng_.Below(t);
      ++per_parent[std::upper_bound(cum.begin(), cum.end(), r) - cum.begin()];
    }
    for (size_t p = 0; p < parents.size(); ++p) {
      const int count = per_parent[p];
      if (count == 0) continue;
      const int pi = parents[p];
      if (roads_[pi].len_k < 2 * count) roads_[pi].len_k = 2 * count + 2;
      // Branch points along the main road, increasing; each on one side.
      const int avg = std::max(1, roads_[pi].len_k / (count + 1));
      int k = 0, odd_seq = -1, even_seq = 0;
      for (int b = 0; b < count; ++b) {
        k += 1 + static_cast<int>(rng_.Below(static_cast<uint64_t>(2 * avg - 1 > 0 ? 2 * avg - 1 : 1)));
        const int side = static_cast<int>(rng_.Below(2));
        int& seq = side ? even_seq : odd_seq;
        Road br;
        for (int attempt = 0; attempt < 10 && br.name.empty(); ++attempt) {
          std::string name;
          const Road& parent = roads_[pi];
          if (parent.scheme == 0) {
            name = parent.name + std::to_string(2 * (k + attempt) - 1 + side) + "번길";
          } else {
            seq += 2;
            name = (parent.scheme == 1 ? parent.name : parent.stem) + std::to_string(seq) + "길";
          }
          if (TakeName(name)) br.name = std::move(name);
        }
        if (br.name.empty()) continue;
        br.kind = kBranch;
        br.stem = roads_[pi].stem;
        br.emd = roads_[pi].emd;
        br.ri = roads_[pi].ri;
        br.len_k = rng_.Int(5, 55);
        next_branch += rng_.Int(1, 12);
        br.code7 = std::to_string(std::min(next_branch, 9999999));
        roads_.push_back(std::move(br));
      }
    }
  }

  void AllocateRows() {
    std::vector<double> w(roads_.size());
    double sum = 0;
    for (size_t i = 0; i < roads_.size(); ++i) {
      const double u = rng_.Unit();
      const double base = roads_[i].kind == kDaero ? 3.0
                          : roads_[i].kind == kRo  ? 1.6
                          : roads_[i].kind == kGilMain ? 0.8 : 0.75;
      w[i] = base * (0.25 + 3.0 * u * u * u);
      sum += w[i];
    }
    for (size_t i = 0; i < roads_.size(); ++i) {
      const double want = target_ * w[i] / sum;
      roads_[i].rows = std::max(1, static_cast<int>(want + rng_.Unit()));
    }
  }

  std::string DateText() {
    if (rng_.Chance(0.45)) return "20110729";  // the initial notice of the road names
    const int y = rng_.Int(2012, 2024), m = rng_.Int(1, 12), d = rng_.Int(1, 28);
    return std::to_string(y) + Pad(m, 2) + Pad(d, 2);
  }

  void BuildingName(const Emd& e, std::string* name, bool* apartment) {
    name->clear();
    *apartment = false;
    const double u = rng_.Unit();
    const double p_apt = e.rural ? 0.012 : 0.05;
    if (u < p_apt) {
      *apartment = true;
      const double v = rng_.Unit();
      if (v < 0.45) {
        *name = (rng_.Chance(0.5) ? e.stem : ctx_.model.Stem(rng_)) +
                std::string(kBrands[rng_.Below(std::size(kBrands))]);
      } else if (v < 0.75) {
        *name = ctx_.model.Stem(rng_) + "마을" + std::to_string(rng_.Int(1, 12)) + "단지";
      } else {
        *name = (rng_.Chance(0.5) ? e.stem : ctx_.model.Stem(rng_)) + "아파트";
      }
      if (rng_.Chance(0.3)) *name = e.name + " " + *name;
    } else if (u < p_apt + 0.16) {
      const std::string_view type =
          e.rural ? kRuralBuildingTypes[rng_.Below(std::size(kRuralBuildingTypes))]
                  : kBuildingTypes[rng_.Below(std::size(kBuildingTypes))];
      *name = (rng_.Chance(0.4) ? e.stem : ctx_.model.Stem(rng_)) + std::string(type);
      if (type == "빌라" || type == "연립" || type == "맨션") *apartment = rng_.Chance(0.7);
    }
  }

  template <typename Emit>
  void EmitRoad(int index, Emit& emit) {
    const Road& road = roads_[index];
    int emd = road.emd, ri = road.ri;
    const double groups_est = std::max(1.0, road.rows / 1.5);
    const int avg = std::max(1, static_cast<int>(road.len_k / groups_est));
    const double p_basement = road.kind == kDaero ? 0.06 : 0.02;
    const std::string sgg5(sgg_.code);
    row_.road_name = road.name;
    row_.road_code = sgg5 + road.code7;
    const int jibun_base = 1 + static_cast<int>(rng_.Below(emds_[emd].jibun_max));
    const int zip_span = zip_hi_ - zip_lo_;
    const int per_emd = std::max(1, zip_span / static_cast<int>(emds_.size()));
    int k = 0, emitted = 0, group = 0;
    std::string bname;
    bool apt = false;
    while (emitted < road.rows) {
      k += 1 + static_cast<int>(rng_.Below(static_cast<uint64_t>(2 * avg - 1)));
      const int main = 2 * k - 1 + static_cast<int>(rng_.Below(2));
      if (main > 99999) break;
      if (road.kind != kBranch && group > 0 && group % 40 == 0 && rng_.Chance(0.5)) {
        emd = (emd + 1) % static_cast<int>(emds_.size());  // long roads cross areas
        ri = emds_[emd].ris.empty() ? -1 : static_cast<int>(rng_.Below(emds_[emd].ris.size()));
      }
      ++group;
      const Emd& e = emds_[emd];
      // Group shape: plain number, number with sub-numbers, or sub-number only.
      const double shape = rng_.Unit();
      int first_sub = 0, count = 1;
      if (shape < 0.2) {
        count = rng_.Int(2, 5);
      } else if (shape < 0.3) {
        first_sub = rng_.Int(1, 12);
      }
      const bool only_basement = rng_.Chance(0.005);
      const bool extra_basement = !only_basement && rng_.Chance(p_basement);

      row_.legal_code = sgg5 + e.code3 + (ri >= 0 ? e.ris[ri].code2 : "00");
      row_.emd = e.name;
      row_.ri = ri >= 0 ? e.ris[ri].name : "";
      const int av = (index + k / 50) % static_cast<int>(e.admin_codes.size());
      row_.admin_code = e.admin_codes[av];
      row_.admin_name = e.admin_names[av];
      const int zip = zip_lo_ + std::min(emd * per_emd, zip_span - 1) +
                      (index * 7 + k / 25) % std::max(1, std::min(per_emd, zip_span));
      row_.zip = Pad(std::min(zip, zip_hi_ - 1), 5);
      row_.main = main;
      const int jibun_main = jibun_base + k / 3 + rng_.Int(0, 4);
      int sub = first_sub;
      for (int j = 0; j < count + (extra_basement ? 1 : 0) && emitted < road.rows; ++j) {
        const bool basement = only_basement || (extra_basement && j == count);
        row_.underground = basement;
        row_.sub = basement && extra_basement ? 0 : sub;
        row_.mountain = e.rural && rng_.Chance(0.01);
        row_.jibun_main = jibun_main + (j > 0 && rng_.Chance(0.3) ? 1 : 0);
        row_.jibun_sub = rng_.Chance(0.55) ? 0 : rng_.Int(1, 40);
        row_.effective_date = DateText();
        if (j == 0 || rng_.Chance(0.1)) {
          BuildingName(e, &bname, &apt);
        } else {
          bname.clear();
          apt = false;
        }
        row_.building_name = bname;
        row_.apartment = apt;
        if (!bname.empty() && rng_.Chance(0.3)) {
          row_.register_name = bname;
        } else {
          row_.register_name.clear();
        }
        row_.mgmt_no = sgg5 + e.code3 + road.code7 + (basement ? "1" : "0") + Pad(main, 5) +
                       Pad(row_.sub, 5);
        emit(row_);
        ++emitted;
        if (!(basement && extra_basement)) sub += 1 + (rng_.Chance(0.15) ? 1 : 0);
      }
    }
  }

  const Context& ctx_;
  const db::SidoInfo& sido_;
  const db::SigunguInfo& sgg_;
  std::unordered_map<std::string, int>* sido_uses_;  // generated main-road names so far
  int target_;
  int zip_lo_, zip_hi_;
  Rng rng_;
  std::vector<Emd> emds_;
  std::vector<uint64_t> emd_cum_;
  std::vector<Road> roads_;
  std::unordered_set<std::string> names_;
  db::AddressRow row_;
};

const SidoPlan* PlanFor(std::string_view code) {
  for (const auto& p : kSidoPlans) {
    if (p.code == code) return &p;
  }
  return nullptr;
}

// Generates one 시도; `emit` sees every row. Fills rows and roads.
template <typename Emit>
void GenerateSido(const Context& ctx, const db::SidoInfo& sido, Emit&& emit,
                  NationalFileCount* count) {
  const SidoPlan* plan = PlanFor(sido.code);
  if (plan == nullptr) return;
  std::vector<const db::SigunguInfo*> sggs;
  for (const auto& s : db::AllSigungu()) {
    if (s.code.substr(0, 2) == sido.code) sggs.push_back(&s);
  }
  if (sggs.empty()) return;
  // Sizes of the 시군구 vary (seeded, independent of scale).
  std::vector<double> weight;
  double sum = 0;
  for (const auto* s : sggs) {
    Rng r(MixSeeds(ctx.seed ^ 0x5151, HashCode(s->code)));
    weight.push_back(0.4 + 1.2 * r.Unit());
    sum += weight.back();
  }
  const double sido_rows = plan->thousand_rows * 1000.0 * ctx.scale;
  const int zip_span = plan->zip_hi - plan->zip_lo;
  double acc = 0;
  std::unordered_map<std::string, int> uses;
  for (size_t i = 0; i < sggs.size(); ++i) {
    const int z0 = plan->zip_lo + static_cast<int>(zip_span * (acc / sum));
    acc += weight[i];
    const int z1 = std::max(z0 + 1, plan->zip_lo + static_cast<int>(zip_span * (acc / sum)));
    const int target = std::max(1, static_cast<int>(sido_rows * weight[i] / sum + 0.5));
    SigunguGenerator gen(ctx, sido, *sggs[i], target, z0, z1, &uses);
    count->roads += static_cast<uint64_t>(gen.Run([&](const db::AddressRow& row) {
      ++count->rows;
      emit(row);
    }));
  }
}

void Prepare(const NationalOptions& options, Context* ctx) {
  // NaN, negative and absurd scales are clamped (a row count must fit an int).
  ctx->scale = options.scale >= 0 ? std::min(options.scale, 100.0) : 0.0;
  ctx->seed = options.seed;
  ctx->learned = LearnFromFile(options.sejong_path, &ctx->model);
  if (!ctx->learned) {
    ctx->model = SyllableModel();
    BuildFallback(&ctx->model);
  }
}

}  // namespace

std::string_view NationalFileName(std::string_view sido_code) {
  static const auto* names = [] {
    auto* m = new std::vector<std::pair<std::string_view, std::string>>;
    for (const auto& p : kSidoPlans) {
      m->emplace_back(p.code, "rnaddrkor_" + std::string(p.slug) + ".txt");
    }
    return m;
  }();
  for (const auto& [code, name] : *names) {
    if (code == sido_code) return name;
  }
  return "";
}

NationalCounts GenerateNational(const NationalOptions& options, const NationalSink& sink) {
  Context ctx;
  Prepare(options, &ctx);
  NationalCounts counts;
  counts.learned = ctx.learned;
  for (const auto& sido : db::AllSido()) {
    NationalFileCount fc;
    fc.file = std::string(NationalFileName(sido.code));
    GenerateSido(ctx, sido, [&](const db::AddressRow& row) { if (sink) sink(fc.file, row); },
                 &fc);
    counts.rows += fc.rows;
    counts.roads += fc.roads;
    counts.files.push_back(std::move(fc));
  }
  return counts;
}

bool WriteNational(const NationalOptions& options, const std::string& dir,
                   NationalCounts* counts, std::string* error) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) {
    *error = "cannot create directory " + dir;
    return false;
  }
  Context ctx;
  Prepare(options, &ctx);
  const auto all = db::AllSido();
  std::vector<NationalFileCount> files(all.size());
  std::vector<std::string> errors(all.size());
  // Largest 시도 first so two workers finish together.
  std::vector<size_t> order(all.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const SidoPlan* pa = PlanFor(all[a].code);
    const SidoPlan* pb = PlanFor(all[b].code);
    return (pa ? pa->thousand_rows : 0) > (pb ? pb->thousand_rows : 0);
  });
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t n; (n = next.fetch_add(1)) < order.size();) {
      const size_t i = order[n];
      NationalFileCount& fc = files[i];
      fc.file = std::string(NationalFileName(all[i].code));
      const std::string path = (std::filesystem::path(dir) / fc.file).string();
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      if (!out) {
        errors[i] = "cannot write " + path;
        continue;
      }
      std::string buf;
      constexpr size_t kChunk = 8 << 20;
      buf.reserve(kChunk + 4096);
      bool ok = true;
      auto flush = [&] {
        if (buf.empty() || !ok) return;
        if (options.cp949) {
          auto enc = text::Utf8ToCp949(buf);
          if (!enc) {
            errors[i] = "a generated name has no CP949 form in " + fc.file;
            ok = false;
            return;
          }
          out.write(enc->data(), static_cast<std::streamsize>(enc->size()));
          fc.bytes += enc->size();
        } else {
          out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
          fc.bytes += buf.size();
        }
        buf.clear();
      };
      GenerateSido(ctx, all[i],
                   [&](const db::AddressRow& row) {
                     buf += db::FormatAddressRow(row);
                     buf.push_back('\n');
                     if (buf.size() >= kChunk) flush();
                   },
                   &fc);
      flush();
      out.close();
      if (ok && !out) errors[i] = "write failed: " + path;
    }
  };
  const int threads = std::clamp(options.threads, 1, 16);
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& th : pool) th.join();

  NationalCounts c;
  c.learned = ctx.learned;
  for (size_t i = 0; i < files.size(); ++i) {
    if (!errors[i].empty()) {
      *error = errors[i];
      return false;
    }
    c.rows += files[i].rows;
    c.roads += files[i].roads;
    c.bytes += files[i].bytes;
  }
  c.files = std::move(files);
  if (counts) *counts = std::move(c);
  return true;
}

}  // namespace doro::gen
