#include "json/answer_json.h"

#include "text/utf8.h"

namespace doro::json {
namespace {

using F = AnswerField;

constexpr AnswerNames::Field kCliFields[] = {
    {"address", F::kAddress}, {"address_full", F::kAddressFull}, {"zip", F::kZip},
    {"english", F::kEnglish}, {"building_id", F::kBuildingId},
};
constexpr AnswerNames::Field kJusoFields[] = {
    {"roadAddr", F::kAddressFull}, {"roadAddrPart1", F::kAddress}, {"roadAddrPart2", F::kReference},
    {"engAddr", F::kEnglish},      {"zipNo", F::kZip},             {"bdMgtSn", F::kBuildingId},
};

const std::string& ValueOf(const Answer& a, AnswerField f) {
  switch (f) {
    case F::kAddress: return a.address;
    case F::kReference: return a.reference;
    case F::kAddressFull: return a.address_full;
    case F::kZip: return a.zip;
    case F::kEnglish: return a.english;
    case F::kBuildingId: return a.building_id;
  }
  return a.address;
}

void Str(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

}  // namespace

const AnswerNames kCliNames = {kCliFields, true, "address", "building_id"};
const AnswerNames kJusoNames = {kJusoFields, false, "roadAddrPart1", "bdMgtSn"};

void WriteAnswer(Writer& w, std::string_view input, const Answer& a, const AnswerNames& names) {
  const bool ok = a.ok();
  w.StartObject();
  w.Key("input");
  Str(w, text::ToValidUtf8(input));
  w.Key("status");
  w.String(ok ? "ok" : "no_answer");
  for (const auto& [name, field] : names.fields) {
    w.Key(name);
    if (ok) {
      Str(w, ValueOf(a, field));
    } else if (names.null_when_no_answer) {
      w.Null();
    } else {
      w.String("");
    }
  }
  w.Key("reason");
  if (ok) {
    w.Null();
  } else {
    w.String(ReasonName(a.reason));
  }
  w.Key("detail");
  Str(w, a.detail);
  w.Key("used");
  w.StartArray();
  for (const auto& s : a.used) Str(w, s);
  w.EndArray();
  w.Key("ignored");
  w.StartArray();
  for (const auto& s : a.ignored) Str(w, s);
  w.EndArray();
  w.Key("warnings");
  w.StartArray();
  for (const Warning warning : a.warnings) w.String(WarningName(warning));
  w.EndArray();
  w.Key("candidates");
  w.StartArray();
  for (const auto& c : a.candidates) {
    w.StartObject();
    w.Key(names.candidate_address);
    Str(w, c.address);
    w.Key(names.candidate_building_id);
    Str(w, c.building_id);
    w.Key("score");
    w.Double(c.score);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

std::string AnswerToJson(std::string_view input, const Answer& answer, const AnswerNames& names) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  WriteAnswer(w, input, answer, names);
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace doro::json
