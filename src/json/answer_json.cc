#include "json/answer_json.h"

#include <string>

#include "text/utf8.h"

namespace doro::json {
namespace {

void Str(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

std::string Num(uint32_t v) { return std::to_string(v); }
const char* Flag(bool v) { return v ? "1" : "0"; }

// The address fields, written as strings; "" without an answer (juso's
// convention, so a client reads one type whatever the status).
template <typename Fn>
void ForEachAddressField(const Answer& a, Fn&& fn) {
  const bool ok = a.ok();
  const AddressParts& p = a.parts;
  auto field = [&](const char* name, std::string_view value) { fn(name, ok ? value : std::string_view()); };
  field("roadAddr", a.address_full);
  field("roadAddrPart1", a.address);
  field("roadAddrPart2", a.reference);
  field("jibunAddr", p.jibun);
  field("engAddr", a.english);
  field("engAddrSource", a.english.empty() ? "" : p.official_english ? "official" : "romanized");
  field("zipNo", a.zip);
  field("bdMgtSn", a.building_id);
  field("bdNm", p.building_name);
  field("siNm", p.sido);
  field("sggNm", p.sigungu);
  field("emdNm", p.emd);
  field("liNm", p.ri);
  field("rn", p.road);
  field("admCd", p.legal_code);
  field("rnMgtSn", p.road_code);
  const bool known = ok && p.main != 0;
  field("udrtYn", known ? Flag(p.underground) : "");
  field("buldMnnm", known ? Num(p.main) : "");
  field("buldSlno", known ? Num(p.sub) : "");
  const bool lot = ok && p.lot_main != 0;
  field("mtYn", lot ? Flag(p.mountain) : "");
  field("lnbrMnnm", lot ? Num(p.lot_main) : "");
  field("lnbrSlno", lot ? Num(p.lot_sub) : "");
}

}  // namespace

void ForEachFlatField(const Answer& a,
                      const std::function<void(std::string_view name, std::string_view value)>& fn) {
  fn("status", a.ok() ? "ok" : "no_answer");
  ForEachAddressField(a, fn);
  fn("detailAddr", a.detail_address);
  fn("deliveryAddr", a.ok() ? std::string_view(a.delivery) : std::string_view());
  fn("reason", a.ok() ? "" : ReasonName(a.reason));
  fn("why", a.why);
}

void WriteAnswer(Writer& w, std::string_view input, const Answer& a) {
  const bool ok = a.ok();
  w.StartObject();
  w.Key("input");
  Str(w, text::ToValidUtf8(input));
  w.Key("status");
  w.String(ok ? "ok" : "no_answer");
  ForEachAddressField(a, [&](const char* name, std::string_view value) {
    w.Key(name);
    Str(w, value);
  });
  w.Key("detailAddr");
  Str(w, a.detail_address);
  w.Key("unit");
  if (a.unit.empty()) {
    w.Null();
  } else {
    w.StartObject();
    w.Key("dong");
    Str(w, a.unit.dong);
    w.Key("floor");
    Str(w, a.unit.floor);
    w.Key("ho");
    Str(w, a.unit.ho);
    w.Key("text");
    Str(w, a.unit.text);
    w.EndObject();
  }
  w.Key("deliveryAddr");
  Str(w, ok ? std::string_view(a.delivery) : std::string_view());
  w.Key("reason");
  if (ok) {
    w.Null();
  } else {
    w.String(ReasonName(a.reason));
  }
  w.Key("why");
  Str(w, a.why);
  w.Key("warnings");
  w.StartArray();
  for (const Warning warning : a.warnings) w.String(WarningName(warning));
  w.EndArray();
  w.Key("used");
  w.StartArray();
  for (const auto& s : a.used) Str(w, s);
  w.EndArray();
  w.Key("ignored");
  w.StartArray();
  for (const auto& s : a.ignored) Str(w, s);
  w.EndArray();
  w.Key("candidates");
  w.StartArray();
  for (const auto& c : a.candidates) {
    w.StartObject();
    w.Key("roadAddr");
    Str(w, c.address_full);
    w.Key("roadAddrPart1");
    Str(w, c.address);
    w.Key("zipNo");
    Str(w, c.zip);
    w.Key("bdMgtSn");
    Str(w, c.building_id);
    w.Key("score");
    w.Double(c.score);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

std::string AnswerToJson(std::string_view input, const Answer& answer) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  WriteAnswer(w, input, answer);
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace doro::json
