#include "testgen/lot_labels.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

#include "db/format.h"
#include "testgen/rng.h"
#include "text/utf8.h"

namespace doro::testgen {
namespace {

using Rng = gen::SplitMixRng;


const std::vector<std::string> kClasses = {
    "lot_ko",     "lot_en",          "lot_mixed",  "lot_san",    "lot_ri",
    "lot_noise",  "lot_multi",       "name_ko",    "name_ko_variant", "name_mixed",
    "name_multi", "unit_en",         "unit_ko",    "unit_compact",
    "neg_lot_missing", "neg_lot_area"};

const std::array<const char*, 6> kCountries = {"Republic of Korea", "South Korea", "KOREA",
                                               "대한민국", "Korea", "S. Korea"};
const std::array<const char*, 8> kNoise = {"(주)대한물산", "Hanbit Trading", "Attn: Mr. Kim",
                                           "부재시 경비실", "Call before delivery", "Fragile",
                                           "문 앞에 놓아주세요", "Kim & Partners"};
// Names of what every town has: a label of them alone names no one place.
const std::array<const char*, 24> kGeneric = {
    "주택", "빌라", "교회", "창고", "공장", "상가", "주유소", "마을회관", "경로당", "아파트",
    "전원주택", "단독주택", "근린생활시설", "노인정", "회관", "사무실", "점포", "관리사무소",
    "경비실", "축사", "주차장", "화장실", "연립주택", "다세대주택"};

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Lower-case ASCII letters and digits; other bytes (Hangul) kept.
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

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool HasHangul(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0xEA && c <= 0xED) return true;  // lead bytes of U+AC00..U+D7A3
  }
  return false;
}

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// The short Korean name people write for a metropolitan city: 대전광역시 ->
// 대전, 세종특별자치시 -> 세종 or 세종시. Provinces keep their full name (their
// short forms, 충남, are not a suffix cut).
std::string KoSido(const std::string& sido, Rng& rng) {
  for (const char* suffix : {"특별자치시", "광역시", "특별시"}) {
    if (sido.ends_with(suffix) && sido.size() > std::string_view(suffix).size()) {
      const int pick = static_cast<int>(rng.Mod(3));
      if (pick == 0) return sido;
      std::string s = sido.substr(0, sido.size() - std::string_view(suffix).size());
      return pick == 2 && std::string_view(suffix) == "특별자치시" ? s + "시" : s;
    }
  }
  return sido;
}

bool IsApartmentName(const std::string& name) {
  if (name.find("아파트") != std::string::npos) return true;
  const std::string f = Fold(name);
  return f.find("apt") != std::string::npos;
}

// 101동, A동, 상가동, "삼성아파트 101동": a part of a building, read as a unit.
bool NamesAPart(const std::string& name) {
  const size_t sp = name.rfind(' ');
  const std::string last = sp == std::string::npos ? name : name.substr(sp + 1);
  if (!last.ends_with("동")) return false;
  if (CodePoints(last) <= 3) return true;
  const char before = last[last.size() - std::string_view("동").size() - 1];
  return IsDigit(before) || IsAlpha(before);
}

}  // namespace

const std::vector<std::string>& LotClasses() { return kClasses; }

std::string NameKey(std::string_view name) {
  std::string s(name);
  for (const char* drop : {"(주)", "㈜", "주식회사", "( 주 )"}) ReplaceAll(&s, drop, "");
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t') continue;
    out += IsAlpha(c) ? static_cast<char>(c | 0x20) : c;
  }
  ReplaceAll(&out, "apt.", "아파트");
  ReplaceAll(&out, "apt", "아파트");
  ReplaceAll(&out, "b/d", "빌딩");
  ReplaceAll(&out, "bldg.", "빌딩");
  ReplaceAll(&out, "bldg", "빌딩");
  return out;
}

struct LotLabelGenerator::Impl {
  struct Addr {
    size_t row = 0;
    std::string address, road_ko, road_en;
    std::string sido, sigungu, eupmyeon;          // Korean; eupmyeon "" in 동 areas
    std::string sido_en, sigungu_en, eupmyeon_en;  // "" when unknown
    int main = 0, sub = 0;
    bool underground = false;
    bool apartment = false;
    bool english_road_ok = false;  // its official English road label fits it alone
  };
  struct Area {  // one 법정동, or one 리 of a 읍/면
    std::string sido, sigungu, emd, ri;
    std::string sido_en, sigungu_en, emd_en, ri_en;
    bool english_ok = false;  // all English known and naming this area alone in its district
    std::set<int> mains;      // 지번본번 of every row (산 or not)
    std::vector<uint32_t> lots;
    std::string District() const { return sido + "|" + sigungu; }
    bool IsRi() const { return !ri.empty(); }
  };
  struct Lot {
    uint32_t area = 0;
    bool mountain = false;
    int main = 0, sub = 0;
    size_t row = 0;
    std::vector<uint32_t> addrs;  // distinct, in row order
  };
  struct Name {
    size_t row = 0;
    std::string name, key;
  };

  std::vector<db::AddressRow> rows;
  OfficialNames names;
  std::vector<Addr> addrs;
  std::vector<uint32_t> addr_of_row;
  std::vector<Area> areas;
  std::vector<Lot> lots;
  std::vector<Name> building_names;
  std::unordered_map<std::string, std::vector<size_t>> rows_by_name_key;
  std::unordered_map<std::string, std::set<std::string>> area_names_of_district;  // Korean
  std::unordered_map<std::string, std::set<std::string>> area_folds_of_district;  // English
  std::map<std::string, std::string> en_by_name;  // "sgg5|emd" / "sgg5|emd|ri" -> English
  // Pools.
  std::vector<uint32_t> lot_single, lot_single_en, lot_san, lot_ri, lot_multi;
  std::vector<uint32_t> lot_single_apt;
  std::vector<uint32_t> name_single, name_multi_pool, name_single_apt;
  std::vector<uint32_t> road_above, road_apt;
  std::vector<uint32_t> areas_with_lots;
  size_t row_districts = 0;  // distinct 시도+시군구 of the rows
  // Admin-table 법정동 (not 읍/면) and 리 of districts the rows do not cover.
  std::vector<const std::pair<const std::string, OfficialNames::Area>*> foreign_areas;

  // ------------------------------------------------------------ English of areas
  std::string AreaEn(const std::string& code, const std::string& ko) const {
    auto it = names.areas.find(code);
    if (it != names.areas.end() && it->second.ko == ko) return it->second.en;
    return "";
  }
  std::string ByName(const std::string& key) const {
    auto it = en_by_name.find(key);
    return it == en_by_name.end() ? "" : it->second;
  }
  void IndexEnglishByName() {
    // Codes of 2013 may differ from today's tables: the same names inside the
    // same 시군구 code are the same area. Names given two Englishes are dropped.
    std::map<std::string, std::set<std::string>> seen;
    for (const auto& [code, area] : names.areas) {
      if (code.size() == 8) seen[code.substr(0, 5) + "|" + area.ko].insert(area.en);
      if (code.size() == 10) {
        auto parent = names.areas.find(code.substr(0, 8));
        if (parent == names.areas.end()) continue;
        seen[code.substr(0, 5) + "|" + parent->second.ko + "|" + area.ko].insert(area.en);
      }
    }
    for (auto& [k, v] : seen) {
      if (v.size() == 1 && !v.begin()->empty()) en_by_name[k] = *v.begin();
    }
  }
  static const std::string* Find(const std::map<std::string, std::string>& m, const std::string& k) {
    auto it = m.find(k);
    return it == m.end() || it->second.empty() ? nullptr : &it->second;
  }
  std::string SidoEn(const db::AddressRow& r) const {
    std::string en = AreaEn(r.legal_code.substr(0, 2), r.sido);
    if (en.empty()) {
      if (const auto* s = Find(names.tn_sido, r.legal_code.substr(0, 5))) en = *s;
    }
    return en;
  }
  std::string SigunguEn(const db::AddressRow& r) const {
    if (r.sigungu.empty()) return "";
    std::string en = AreaEn(r.legal_code.substr(0, 5), r.sigungu);
    if (en.empty()) {
      if (const auto* s = Find(names.tn_sigungu, r.legal_code.substr(0, 5))) en = *s;
    }
    return en;
  }
  std::string EmdEn(const db::AddressRow& r) const {
    std::string en = AreaEn(r.legal_code.substr(0, 8), r.emd);
    if (en.empty()) en = ByName(r.legal_code.substr(0, 5) + "|" + r.emd);
    if (en.empty() && db::IsEupMyeon(r.emd)) {
      if (const auto* s = Find(names.tn_emd, r.road_code + "|" + r.emd)) en = *s;
    }
    return en;
  }
  std::string RiEn(const db::AddressRow& r) const {
    if (r.ri.empty()) return "";
    std::string en = AreaEn(r.legal_code, r.ri);
    if (en.empty()) en = ByName(r.legal_code.substr(0, 5) + "|" + r.emd + "|" + r.ri);
    return en;
  }

  // ------------------------------------------------------------ build
  void Build() {
    IndexEnglishByName();
    std::unordered_map<std::string, uint32_t> addr_index, area_index, lot_index;
    addr_of_row.resize(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      const db::AddressRow& r = rows[i];
      std::string address = db::RoadAddress(r);
      auto [it, fresh] = addr_index.emplace(address, static_cast<uint32_t>(addrs.size()));
      if (fresh) {
        Addr a;
        a.row = i;
        a.address = std::move(address);
        a.road_ko = r.road_name;
        auto rd = names.roads.find(r.road_code);
        if (rd != names.roads.end() && rd->second.ko == r.road_name) a.road_en = rd->second.en;
        a.sido = r.sido;
        a.sigungu = r.sigungu;
        a.eupmyeon = db::IsEupMyeon(r.emd) ? r.emd : "";
        a.sido_en = SidoEn(r);
        a.sigungu_en = SigunguEn(r);
        if (!a.eupmyeon.empty()) a.eupmyeon_en = EmdEn(r);
        a.main = r.main;
        a.sub = r.sub;
        a.underground = r.underground;
        addrs.push_back(std::move(a));
      }
      Addr& a = addrs[it->second];
      addr_of_row[i] = it->second;
      if (r.apartment || IsApartmentName(r.building_name) || IsApartmentName(r.register_name)) {
        a.apartment = true;
      }

      const std::string area_key = r.sido + "|" + r.sigungu + "|" + r.emd + "|" + r.ri;
      auto [ai, area_fresh] = area_index.emplace(area_key, static_cast<uint32_t>(areas.size()));
      if (area_fresh) {
        Area ar;
        ar.sido = r.sido;
        ar.sigungu = r.sigungu;
        ar.emd = r.emd;
        ar.ri = r.ri;
        ar.sido_en = SidoEn(r);
        ar.sigungu_en = SigunguEn(r);
        ar.emd_en = EmdEn(r);
        ar.ri_en = RiEn(r);
        areas.push_back(std::move(ar));
      }
      Area& ar = areas[ai->second];
      ar.mains.insert(r.jibun_main);
      auto& district_names = area_names_of_district[ar.District()];
      district_names.insert(r.emd);
      if (!r.ri.empty()) district_names.insert(r.ri);
      if (!r.admin_name.empty()) district_names.insert(r.admin_name);

      if (r.jibun_main > 0) {
        const std::string lot_key = area_key + "|" + (r.mountain ? "1" : "0") + "|" +
                                    std::to_string(r.jibun_main) + "-" + std::to_string(r.jibun_sub);
        auto [li, lot_fresh] = lot_index.emplace(lot_key, static_cast<uint32_t>(lots.size()));
        if (lot_fresh) {
          lots.push_back(Lot{ai->second, r.mountain, r.jibun_main, r.jibun_sub, i, {}});
          ar.lots.push_back(li->second);
        }
        auto& la = lots[li->second].addrs;
        if (std::find(la.begin(), la.end(), it->second) == la.end()) la.push_back(it->second);
      }

      for (const std::string* n : {&r.building_name, &r.register_name}) {
        if (n->empty()) continue;
        const std::string key = NameKey(*n);
        auto& list = rows_by_name_key[key];
        if (list.empty() || list.back() != i) list.push_back(i);
      }
    }
    // Admin-table names of each district count as existing areas too (a 동
    // without buildings still exists).
    std::map<std::string, std::string> district_of_sgg_code;
    for (const auto& r : rows) district_of_sgg_code.emplace(r.legal_code.substr(0, 5), r.sido + "|" + r.sigungu);
    for (const auto& [code, area] : names.areas) {
      if (code.size() != 8 && code.size() != 10) continue;
      auto d = district_of_sgg_code.find(code.substr(0, 5));
      if (d == district_of_sgg_code.end()) continue;
      area_names_of_district[d->second].insert(area.ko);
      area_folds_of_district[d->second].insert(Fold(area.en));
    }
    // English areas must name one Korean area of their district.
    std::map<std::string, std::set<uint32_t>> by_english;
    for (uint32_t i = 0; i < areas.size(); ++i) {
      const Area& ar = areas[i];
      if (ar.sido_en.empty() || (!ar.sigungu.empty() && ar.sigungu_en.empty()) || ar.emd_en.empty() ||
          (ar.IsRi() && ar.ri_en.empty())) {
        continue;
      }
      by_english[ar.District() + "|" + Fold(ar.emd_en) + "|" + Fold(ar.ri_en)].insert(i);
      area_folds_of_district[ar.District()].insert(Fold(ar.ri_en.empty() ? ar.emd_en : ar.ri_en));
    }
    for (const auto& [k, set] : by_english) {
      if (set.size() == 1) areas[*set.begin()].english_ok = true;
    }
    // Road English labels: the folded official name, number and region fit one address.
    std::map<std::string, uint32_t> road_en_count;
    auto road_key = [](const Addr& a) {
      return a.sido + "|" + a.sigungu + "|" + a.eupmyeon + "|" + Fold(a.road_en) + "|" +
             std::to_string(a.main) + "-" + std::to_string(a.sub) + (a.underground ? "u" : "");
    };
    for (const Addr& a : addrs) {
      if (!a.road_en.empty()) ++road_en_count[road_key(a)];
    }
    for (uint32_t i = 0; i < addrs.size(); ++i) {
      Addr& a = addrs[i];
      a.english_road_ok = !a.road_en.empty() && road_en_count[road_key(a)] == 1 && !a.sido_en.empty() &&
                          (a.sigungu.empty() || !a.sigungu_en.empty()) &&
                          (a.eupmyeon.empty() || !a.eupmyeon_en.empty());
      if (a.underground) continue;
      road_above.push_back(i);
      if (a.apartment) road_apt.push_back(i);
    }
    for (uint32_t i = 0; i < lots.size(); ++i) {
      const Lot& l = lots[i];
      const Area& ar = areas[l.area];
      if (l.addrs.size() > 1) {
        lot_multi.push_back(i);
        continue;
      }
      if (l.mountain) {
        lot_san.push_back(i);
        continue;
      }
      lot_single.push_back(i);
      if (ar.english_ok) lot_single_en.push_back(i);
      if (ar.IsRi()) lot_ri.push_back(i);
      if (addrs[l.addrs[0]].apartment) lot_single_apt.push_back(i);
    }
    std::set<std::string> districts;
    for (uint32_t i = 0; i < areas.size(); ++i) {
      if (!areas[i].lots.empty()) areas_with_lots.push_back(i);
      districts.insert(areas[i].District());
    }
    row_districts = districts.size();
    for (const auto& entry : names.areas) {
      const auto& [code, area] = entry;
      if (code.size() != 8 && code.size() != 10) continue;
      if (district_of_sgg_code.count(code.substr(0, 5)) || area.ko.empty()) continue;
      if (code.size() == 8 && db::IsEupMyeon(area.ko)) continue;
      foreign_areas.push_back(&entry);
    }
    // Building names: one entry per row name that may make a label.
    std::unordered_map<std::string, std::set<std::string>> districts_of_key;
    for (const auto& [key, list] : rows_by_name_key) {
      for (size_t r : list) districts_of_key[key].insert(rows[r].sido + "|" + rows[r].sigungu);
    }
    // A name that is also a road's or an area's name would be read as one.
    std::set<std::string> place_keys;
    for (const auto& r : rows) {
      place_keys.insert(NameKey(r.road_name));
      place_keys.insert(NameKey(r.emd));
      if (!r.ri.empty()) place_keys.insert(NameKey(r.ri));
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < rows.size(); ++i) {
      const db::AddressRow& r = rows[i];
      const std::string& n = r.building_name.empty() ? r.register_name : r.building_name;
      if (n.empty() || !Usable(n) || place_keys.count(NameKey(n))) continue;
      const std::string key = NameKey(n);
      if (districts_of_key[key].size() >= 5) continue;
      if (!seen.insert(key + "|" + r.sido + "|" + r.sigungu + "|" + r.emd).second) continue;
      const uint32_t idx = static_cast<uint32_t>(building_names.size());
      building_names.push_back(Name{i, n, key});
      std::set<uint32_t> fit;
      NameFits(key, r.sido, r.sigungu, "", &fit);
      if (fit.size() == 1) {
        name_single.push_back(idx);
        if (addrs[addr_of_row[i]].apartment) name_single_apt.push_back(idx);
      } else {
        name_multi_pool.push_back(idx);
      }
    }
  }

  static bool Usable(const std::string& n) {
    if (!HasHangul(n) || CodePoints(NameKey(n)) < 3 || NamesAPart(n)) return false;
    const std::string key = NameKey(n);
    for (const char* g : kGeneric) {
      if (key == NameKey(g)) return false;
    }
    return true;
  }

  // The addresses of rows named `key` in the region (fields "" = not written).
  void NameFits(const std::string& key, const std::string& sido, const std::string& sigungu,
                const std::string& emd, std::set<uint32_t>* out) const {
    auto it = rows_by_name_key.find(key);
    if (it == rows_by_name_key.end()) return;
    for (size_t r : it->second) {
      const db::AddressRow& row = rows[r];
      if (!sido.empty() && row.sido != sido) continue;
      if (!sido.empty() && row.sigungu != sigungu) continue;  // sigungu "" in Sejong
      if (!emd.empty() && row.emd != emd) continue;
      out->insert(addr_of_row[r]);
    }
  }

  // ------------------------------------------------------------ writing
  // A label split where a unit may follow the number or name: head + tail.
  struct Base {
    std::string head, tail;
    bool english = false;  // region words in English (units go first or last)
    bool road = false;     // head ends in a road's building number
  };

  static std::string LotNumber(int main, int sub) {
    return std::to_string(main) + (sub > 0 ? "-" + std::to_string(sub) : "");
  }
  static std::string KoLot(const Lot& l, Rng& rng) {
    std::string n = LotNumber(l.main, l.sub);
    if (rng.Percent(30)) n += "번지";
    if (l.mountain) n = (rng.Percent(60) ? "산" : "산 ") + n;
    return n;
  }
  static std::string EnLot(const Lot& l, Rng& rng) {
    std::string n = LotNumber(l.main, l.sub);
    if (l.mountain) {
      static const std::array<const char*, 5> m = {"San ", "San", "Mt. ", "Mt.", "산 "};
      n = rng.Pick(m) + n;
    }
    return n;
  }
  // "판암동" / "조치원읍 신안리" and "Panam-dong" / "Sinan-ri, Jochiwon-eup".
  static std::string KoArea(const Area& a) { return a.IsRi() ? a.emd + " " + a.ri : a.emd; }
  static std::string EnArea(const Area& a) { return a.IsRi() ? a.ri_en + ", " + a.emd_en : a.emd_en; }

  Base KoreanLot(const Area& a, const std::string& lot, Rng& rng) const {
    const std::string sido = KoSido(a.sido, rng);
    switch (rng.Mod(3)) {
      case 0: return {Join({sido, a.sigungu, KoArea(a), lot}, " "), "", false, false};
      case 1: return {KoArea(a) + " " + lot, ", " + Join({a.sigungu, sido}, " "), false, false};
      default: return {KoArea(a) + " " + lot, ", " + Join({a.sigungu, sido}, ", "), false, false};
    }
  }
  Base EnglishLot(const Area& a, const std::string& lot, Rng& rng) const {
    const std::string tail = ", " + Join({a.sigungu_en, a.sido_en}, ", ");
    switch (rng.Mod(4)) {
      case 0: return {lot + " " + EnArea(a), tail, true, false};
      case 1:  // the number right after the 동/리: "Sinan-ri 300, Jochiwon-eup"
        return {(a.IsRi() ? a.ri_en : a.emd_en) + " " + lot, (a.IsRi() ? ", " + a.emd_en : "") + tail,
                true, false};
      case 2: return {lot + ", " + EnArea(a), tail, true, false};
      default: {
        std::string area = a.IsRi() ? a.emd_en + " " + a.ri_en : a.emd_en;
        return {Join({a.sido_en, a.sigungu_en, area}, " ") + " " + lot, "", true, false};
      }
    }
  }
  Base MixedLot(const Area& a, const std::string& ko_lot, const std::string& en_lot, Rng& rng) const {
    switch (rng.Mod(3)) {
      case 0: return {KoArea(a) + " " + ko_lot, ", " + Join({a.sigungu_en, a.sido_en}, ", "), true, false};
      case 1: return {en_lot + " " + EnArea(a), ", " + Join({a.sigungu, KoSido(a.sido, rng)}, ", "), false, false};
      default: return {Join({a.sido_en, a.sigungu, KoArea(a)}, " ") + " " + ko_lot, "", false, false};
    }
  }

  Base KoreanRoad(const Addr& a, Rng& rng) const {
    std::string num = std::to_string(a.main) + (a.sub > 0 ? "-" + std::to_string(a.sub) : "");
    const std::string sido = KoSido(a.sido, rng);
    if (rng.Percent(70)) return {Join({sido, a.sigungu, a.eupmyeon, a.road_ko, num}, " "), "", false, true};
    return {a.road_ko + " " + num, ", " + Join({a.eupmyeon, a.sigungu, sido}, " "), false, true};
  }
  Base EnglishRoad(const Addr& a, Rng& rng) const {
    std::string num = std::to_string(a.main) + (a.sub > 0 ? "-" + std::to_string(a.sub) : "");
    const std::string tail = ", " + Join({a.eupmyeon_en, a.sigungu_en, a.sido_en}, ", ");
    if (rng.Percent(50)) return {num + " " + a.road_en, tail, true, false};
    return {a.road_en + " " + num, tail, true, true};
  }

  // ------------------------------------------------------------ cases
  void Positive(const Addr& a, LotCase* out) const {
    out->c.expected = a.address;
    out->c.expected_reason.clear();
  }
  void SetLot(const Lot& l, LotCase* out) const {
    const Area& a = areas[l.area];
    out->kind = "lot";
    out->sido = a.sido;
    out->sigungu = a.sigungu;
    out->emd = a.emd;
    out->ri = a.ri;
    out->mountain = l.mountain;
    out->lot_main = l.main;
    out->lot_sub = l.sub;
    out->c.source_row = l.row;
  }

  bool MakeLot(const std::string& cls, Rng& rng, LotCase* out) const {
    const std::vector<uint32_t>* pool = &lot_single;
    if (cls == "lot_en") pool = &lot_single_en;
    if (cls == "lot_san") pool = &lot_san;
    if (cls == "lot_ri") pool = &lot_ri;
    if (cls == "lot_multi") pool = &lot_multi;
    if (pool->empty()) return false;
    const Lot& l = lots[rng.Pick(*pool)];
    const Area& a = areas[l.area];
    SetLot(l, out);
    const std::string ko = KoLot(l, rng), en = EnLot(l, rng);
    bool english = cls == "lot_en" || (cls != "lot_ko" && cls != "lot_mixed" && rng.Percent(50));
    if (english && !a.english_ok) {
      if (cls == "lot_en") return false;
      english = false;
    }
    Base b;
    if (cls == "lot_mixed") {
      if (!a.english_ok) return false;
      b = MixedLot(a, ko, en, rng);
    } else {
      b = english ? EnglishLot(a, en, rng) : KoreanLot(a, ko, rng);
    }
    out->c.label = b.head + b.tail;
    if (cls == "lot_noise") {
      const Addr& ad = addrs[l.addrs[0]];
      const std::string& zip = rows[ad.row].zip;
      switch (rng.Mod(4)) {
        case 0: out->c.label += english ? ", " + std::string(rng.Pick(kCountries)) : " " + std::string(rng.Pick(kCountries)); break;
        case 1:
          // In brackets: a bare number before the area would read as the lot.
          if (zip.size() == 6) out->c.label = "(" + zip.substr(0, 3) + "-" + zip.substr(3) + ") " + out->c.label;
          else out->c.label = "(" + zip + ") " + out->c.label;
          break;
        case 2: out->c.label = std::string(rng.Pick(kNoise)) + ", " + out->c.label; break;
        default: out->c.label += " " + zip + " " + rng.Pick(kCountries);
      }
    }
    if (cls == "lot_multi") {
      out->c.expected.clear();
      out->c.expected_reason = "ambiguous";
    } else {
      Positive(addrs[l.addrs[0]], out);
    }
    return true;
  }

  bool MakeLotMissing(Rng& rng, LotCase* out) const {
    const Area& a = areas[rng.Pick(areas_with_lots)];
    const int top = *a.mains.rbegin();
    for (int tries = 0; tries < 20; ++tries) {
      const int n = 1 + static_cast<int>(rng.Mod(static_cast<size_t>(top + top / 2 + 20)));
      if (a.mains.count(n)) continue;
      Lot l{static_cast<uint32_t>(&a - areas.data()), rng.Percent(15), n,
            rng.Percent(40) ? 1 + static_cast<int>(rng.Mod(30)) : 0, lots[a.lots[0]].row, {}};
      SetLot(l, out);
      const Base b = a.english_ok && rng.Percent(50) ? EnglishLot(a, EnLot(l, rng), rng)
                                                     : KoreanLot(a, KoLot(l, rng), rng);
      out->c.label = b.head + b.tail;
      out->c.expected.clear();
      out->c.expected_reason = "no_building";
      return true;
    }
    return false;
  }

  bool MakeLotArea(Rng& rng, LotCase* out) const {
    // The name of a real area elsewhere: another district's of the rows, or,
    // when the rows hold one district only (Sejong) and in a third of the
    // cases, one of the admin table's districts the rows do not cover.
    bool is_ri = false;
    std::string name, name_en;
    bool english_ok = false;
    Lot l;
    std::string src_district;
    const bool from_admin = !foreign_areas.empty() && (row_districts < 2 || rng.Percent(30));
    if (from_admin) {
      const auto& [code, area] = *foreign_areas[rng.Mod(foreign_areas.size())];
      is_ri = code.size() == 10;
      name = area.ko;
      name_en = area.en;
      english_ok = !name_en.empty();
      l.main = 1 + static_cast<int>(rng.Mod(1500));
      l.sub = rng.Percent(50) ? 1 + static_cast<int>(rng.Mod(50)) : 0;
      l.mountain = rng.Percent(10);
    } else {
      if (row_districts < 2) return false;
      const Area& src = areas[rng.Pick(areas_with_lots)];
      is_ri = src.IsRi();
      name = is_ri ? src.ri : src.emd;
      name_en = is_ri ? src.ri_en : src.emd_en;
      english_ok = src.english_ok;
      l = lots[rng.Pick(src.lots)];
      src_district = src.District();
    }
    const Area& dst = areas[rng.Pick(areas_with_lots)];
    if (dst.District() == src_district || dst.IsRi() != is_ri) return false;
    auto names_it = area_names_of_district.find(dst.District());
    if (names_it != area_names_of_district.end() && names_it->second.count(name)) return false;
    // The written area: the named district (and its 읍/면 for a 리), the other's name.
    Area fake = dst;
    if (is_ri) {
      fake.ri = name;
      fake.ri_en = name_en;
    } else {
      fake.emd = name;
      fake.emd_en = name_en;
    }
    bool english = rng.Percent(50) && english_ok && dst.english_ok;
    if (english) {
      auto folds = area_folds_of_district.find(dst.District());
      if (folds != area_folds_of_district.end() && folds->second.count(Fold(name_en))) english = false;
    }
    out->kind = "lot";
    out->sido = fake.sido;
    out->sigungu = fake.sigungu;
    out->emd = fake.emd;
    out->ri = fake.ri;
    out->mountain = l.mountain;
    out->lot_main = l.main;
    out->lot_sub = l.sub;
    out->c.source_row = from_admin ? lots[dst.lots[0]].row : l.row;
    const Base b = english ? EnglishLot(fake, EnLot(l, rng), rng) : KoreanLot(fake, KoLot(l, rng), rng);
    out->c.label = b.head + b.tail;
    out->c.expected.clear();
    out->c.expected_reason = "no_road";
    return true;
  }

  // A name label: the region written at a random level; the case is made
  // only when the fit is one address (positive) or, for name_multi, several.
  bool MakeName(const std::string& cls, Rng& rng, LotCase* out) const {
    const bool multi = cls == "name_multi";
    const auto& pool = multi ? name_multi_pool : name_single;
    if (pool.empty()) return false;
    const Name& n = building_names[rng.Pick(pool)];
    const db::AddressRow& r = rows[n.row];
    const Addr& a = addrs[addr_of_row[n.row]];
    std::string written = n.name;
    if (cls == "name_ko_variant" && !Variant(n.name, rng, &written)) return false;
    if (NameKey(written) != n.key) return false;
    // Region level: 0 none, 1 시도, 2 시도+시군구, 3 + 읍면동.
    int level = static_cast<int>(rng.Mod(4));
    if (cls == "name_mixed") level = 2 + static_cast<int>(rng.Mod(2));
    if (multi) level = 2;
    std::set<uint32_t> fit;
    const std::string sido = level >= 1 ? r.sido : "";
    const std::string sigungu = level >= 1 ? r.sigungu : "";  // 시도 level in Sejong = whole city
    const std::string emd = level >= 3 ? r.emd : "";
    if (level == 1) {
      // 시도 only: any district of the city.
      auto it = rows_by_name_key.find(n.key);
      for (size_t k : it->second) {
        if (rows[k].sido == r.sido) fit.insert(addr_of_row[k]);
      }
    } else if (level == 0) {
      for (size_t k : rows_by_name_key.at(n.key)) fit.insert(addr_of_row[k]);
    } else {
      NameFits(n.key, sido, sigungu, emd, &fit);
    }
    if (multi ? fit.size() < 2 : fit.size() != 1) return false;
    out->kind = "name";
    out->name = written;
    out->row_name = n.name;
    out->sido = sido;
    out->sigungu = level >= 2 ? sigungu : "";
    out->emd = emd;
    out->c.source_row = n.row;
    Base b = NameBase(a, r, written, level, cls == "name_mixed", rng);
    if (b.head.empty()) return false;
    out->c.label = b.head + b.tail;
    if (multi) {
      out->c.expected.clear();
      out->c.expected_reason = "ambiguous";
    } else {
      Positive(a, out);
    }
    return true;
  }

  Base NameBase(const Addr& a, const db::AddressRow& r, const std::string& name, int level, bool english,
                Rng& rng) const {
    if (level == 0) return {name, "", false, false};
    if (english) {
      const std::string emd_en = level >= 3 ? EmdEn(r) : "";
      if (a.sido_en.empty() || (!r.sigungu.empty() && a.sigungu_en.empty()) || (level >= 3 && emd_en.empty())) {
        return {};
      }
      const std::string region = Join({emd_en, a.sigungu_en, a.sido_en}, ", ");
      if (rng.Percent(70)) return {name, ", " + region, true, false};
      return {Join({a.sido_en, a.sigungu_en}, " ") + " " + name, "", true, false};
    }
    const std::string sido = KoSido(r.sido, rng);
    const std::string region = level == 1 ? sido : Join({sido, r.sigungu, level >= 3 ? r.emd : ""}, " ");
    switch (rng.Mod(3)) {
      case 0: return {region + " " + name, "", false, false};
      case 1: return {name, ", " + region, false, false};
      default: return {name, " (" + region + ")", false, false};
    }
  }

  // Spacing and suffix variants of a name; false when none differs.
  static bool Variant(const std::string& name, Rng& rng, std::string* out) {
    std::string s = name;
    static const std::array<const char*, 12> kSuffixes = {"아파트", "빌딩", "고등학교", "중학교", "초등학교",
                                                          "대학교", "캠퍼스", "센터", "병원", "교회",
                                                          "오피스텔", "타워"};
    for (int tries = 0; tries < 4 && s == name; ++tries) {
      switch (rng.Mod(5)) {
        case 0:  // spaces dropped
          s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
          break;
        case 1: {  // a space before a known suffix
          for (const char* suf : kSuffixes) {
            const size_t p = s.rfind(suf);
            if (p != std::string::npos && p > 0 && s[p - 1] != ' ') {
              s.insert(p, " ");
              break;
            }
          }
          break;
        }
        case 2: {  // 아파트 -> APT / apt
          static const std::array<const char*, 5> apt = {"APT", " APT", "apt", " Apt", "Apt"};
          if (s.ends_with("아파트")) s = s.substr(0, s.size() - std::string_view("아파트").size()) + rng.Pick(apt);
          break;
        }
        case 3: {  // 빌딩 -> B/D / Bldg
          static const std::array<const char*, 5> bd = {"B/D", " B/D", "Bldg", " Bldg", " BLDG"};
          if (s.ends_with("빌딩")) s = s.substr(0, s.size() - std::string_view("빌딩").size()) + rng.Pick(bd);
          break;
        }
        default: {  // a company's (주) dropped or moved (never added: a school is no company)
          const size_t ju = std::string_view("(주)").size();
          if (s.starts_with("(주)")) s = s.substr(ju) + (rng.Percent(50) ? "(주)" : "");
          else if (s.ends_with("(주)")) s = rng.Percent(50) ? s.substr(0, s.size() - ju) : "(주)" + s.substr(0, s.size() - ju);
        }
      }
      while (!s.empty() && s.front() == ' ') s.erase(0, 1);
    }
    if (s == name || s.empty()) return false;
    *out = s;
    return true;
  }

  // A unit label: a road, lot or name label of one above-ground address,
  // with a unit in a form of the class's kind.
  bool MakeUnit(const std::string& cls, Rng& rng, LotCase* out) const {
    const bool compact = cls == "unit_compact";
    const bool korean = cls == "unit_ko";
    // Apartments are few among buildings but carry most units (101동 1203호):
    // two cases in five are drawn from them.
    const bool apartment = compact || rng.Percent(40);
    // What the label names.
    const int kind = static_cast<int>(rng.Mod(compact ? 4 : 5));  // 0,1 road; 2 lot; 3 name; 4 road en
    Base b;
    const Addr* a = nullptr;
    if (kind == 0 || kind == 1 || kind == 4) {
      const auto& pool = apartment ? road_apt : road_above;
      if (pool.empty()) return false;
      a = &addrs[rng.Pick(pool)];
      const bool english = (kind == 4 || (kind == 1 && !korean)) && a->english_road_ok;
      b = english ? EnglishRoad(*a, rng) : KoreanRoad(*a, rng);
      out->kind = "road";
      out->sido = a->sido;
      out->sigungu = a->sigungu;
      out->emd = a->eupmyeon;
      out->c.source_row = a->row;
    } else if (kind == 2) {
      const auto& pool = apartment ? lot_single_apt : lot_single;
      if (pool.empty()) return false;
      const Lot& l = lots[rng.Pick(pool)];
      const Area& ar = areas[l.area];
      a = &addrs[l.addrs[0]];
      if (a->underground) return false;
      SetLot(l, out);
      b = (!korean && ar.english_ok) ? EnglishLot(ar, EnLot(l, rng), rng) : KoreanLot(ar, KoLot(l, rng), rng);
    } else {
      const auto& pool = apartment ? name_single_apt : name_single;
      if (pool.empty()) return false;
      const Name& n = building_names[rng.Pick(pool)];
      const db::AddressRow& r = rows[n.row];
      a = &addrs[addr_of_row[n.row]];
      if (a->underground) return false;
      std::set<uint32_t> fit;
      NameFits(n.key, r.sido, r.sigungu, "", &fit);
      if (fit.size() != 1) return false;
      b = NameBase(*a, r, n.name, 2, false, rng);
      out->kind = "name";
      out->name = n.name;
      out->row_name = n.name;
      out->sido = r.sido;
      out->sigungu = r.sigungu;
      out->c.source_row = n.row;
    }
    // The unit's parts.
    Unit u;
    const int floor = 1 + static_cast<int>(rng.Mod(25));
    const int ho = floor * 100 + 1 + static_cast<int>(rng.Mod(8));
    if (compact || (a->apartment && rng.Percent(90))) {
      u.dong = 101 + static_cast<int>(rng.Mod(15));
      if (compact || rng.Percent(88)) u.ho = ho;  // else 101동 alone
    } else {
      switch (rng.Mod(4)) {
        case 0: u.ho = ho; break;
        case 1: u.floor = floor; break;
        case 2: u.floor = -1 - static_cast<int>(rng.Mod(3)); break;
        default: u.floor = floor; u.ho = ho;
      }
    }
    std::vector<UnitForm> forms;
    for (const auto& f : UnitForms()) {
      if (!FormFits(u, f.form)) continue;
      if (compact != f.compact) continue;
      if (!compact && f.korean != korean) continue;
      if (f.form == UnitForm::kDongHoDash && !b.road) continue;
      forms.push_back(f.form);
    }
    if (forms.empty()) return false;
    const UnitForm form = rng.Pick(forms);
    const std::string text = WriteUnit(u, form);
    const bool basement = u.floor < 0;
    if (form == UnitForm::kDongHoDash) {
      out->c.label = b.head + " " + text + b.tail;
    } else if (basement) {
      out->c.label = b.head + b.tail + ", " + text;
    } else if (b.english) {
      switch (rng.Mod(3)) {
        case 0: out->c.label = text + ", " + b.head + b.tail; break;
        case 1: out->c.label = b.head + b.tail + ", " + text; break;
        default: out->c.label = b.head + " " + text + b.tail;
      }
    } else {
      switch (rng.Mod(3)) {
        case 0: out->c.label = b.head + " " + text + b.tail; break;
        case 1: out->c.label = b.head + ", " + text + b.tail; break;
        default: out->c.label = b.head + b.tail + (b.tail.empty() ? " " : ", ") + text;
      }
    }
    out->unit = u;
    out->unit_text = text;
    out->c.expected_detail = DetailAddr(u);
    Positive(*a, out);
    return true;
  }

  bool Make(const std::string& cls, Rng& rng, LotCase* out) const {
    *out = LotCase{};
    out->c.error_class = cls;
    if (cls.starts_with("lot_")) return MakeLot(cls, rng, out);
    if (cls.starts_with("name_")) return MakeName(cls, rng, out);
    if (cls.starts_with("unit_")) return MakeUnit(cls, rng, out);
    if (cls == "neg_lot_missing") return MakeLotMissing(rng, out);
    if (cls == "neg_lot_area") return MakeLotArea(rng, out);
    return false;
  }

  size_t PoolSize(const std::string& cls) const {
    if (cls == "lot_en") return lot_single_en.size();
    if (cls == "lot_san") return lot_san.size();
    if (cls == "lot_ri") return lot_ri.size();
    if (cls == "lot_multi") return lot_multi.size();
    if (cls.starts_with("lot_")) return lot_single.size();
    if (cls == "name_multi") return name_multi_pool.size();
    if (cls.starts_with("name_")) return name_single.size();
    if (cls == "unit_compact") return road_apt.size();
    if (cls.starts_with("unit_")) return road_above.size();
    if (cls == "neg_lot_missing") return areas_with_lots.size();
    if (cls == "neg_lot_area") {
      return row_districts > 1 || !foreign_areas.empty() ? areas_with_lots.size() : 0;
    }
    return 0;
  }

  std::vector<std::string> Available() const {
    std::vector<std::string> out;
    for (const auto& cls : kClasses) {
      if (PoolSize(cls) > 0) out.push_back(cls);
    }
    return out;
  }

  std::vector<LotCase> Generate(size_t count, uint64_t seed) const {
    std::vector<LotCase> out;
    const auto classes = Available();
    if (classes.empty() || count == 0) return out;
    for (size_t k = 0; k < classes.size(); ++k) {
      const std::string& cls = classes[k];
      const size_t want = count / classes.size() + (k < count % classes.size() ? 1 : 0);
      Rng rng(seed ^ gen::Fnv1a(cls));
      size_t made = 0;
      std::set<std::string> labels;  // no label twice in a class: small pools stay small
      for (size_t tries = 0; made < want && tries < want * 40 + 40; ++tries) {
        LotCase c;
        if (!Make(cls, rng, &c) || !labels.insert(c.c.label).second) continue;
        out.push_back(std::move(c));
        ++made;
      }
    }
    return out;
  }
};

LotLabelGenerator::LotLabelGenerator(std::vector<db::AddressRow> rows, OfficialNames names)
    : impl_(std::make_unique<Impl>()) {
  impl_->rows = std::move(rows);
  impl_->names = std::move(names);
  impl_->Build();
}

LotLabelGenerator::~LotLabelGenerator() = default;

std::vector<LabelCase> LotLabelGenerator::Generate(size_t count, uint64_t seed) const {
  std::vector<LabelCase> out;
  for (auto& c : impl_->Generate(count, seed)) out.push_back(std::move(c.c));
  return out;
}

std::vector<LotCase> LotLabelGenerator::GenerateDetailed(size_t count, uint64_t seed) const {
  return impl_->Generate(count, seed);
}

std::vector<std::string> LotLabelGenerator::AvailableClasses() const { return impl_->Available(); }

std::vector<std::pair<std::string, size_t>> LotLabelGenerator::PoolSizes() const {
  std::vector<std::pair<std::string, size_t>> out;
  for (const auto& cls : kClasses) out.emplace_back(cls, impl_->PoolSize(cls));
  return out;
}

const std::vector<db::AddressRow>& LotLabelGenerator::rows() const { return impl_->rows; }

}  // namespace doro::testgen
