// An Answer as one JSON object, written with RapidJSON. The CLI and the HTTP
// service print the same object under two sets of names (their own, and
// the juso API's); a name table says which, so the shape is written once:
//
//   input, status ("ok"/"no_answer"), <address fields in table order>,
//   reason (null when ok), detail, used, ignored, warnings,
//   candidates: [{<address>, <building id>, score}]
#ifndef DORO_JSON_ANSWER_JSON_H_
#define DORO_JSON_ANSWER_JSON_H_

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "api/answer.h"

namespace doro::json {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// The address fields of an Answer.
enum class AnswerField : uint8_t { kAddress, kReference, kAddressFull, kZip, kEnglish, kBuildingId };

struct AnswerNames {
  struct Field {
    const char* name;
    AnswerField field;
  };
  std::span<const Field> fields;  // written in this order
  bool null_when_no_answer;       // the fields above without an answer: null, or ""
  const char* candidate_address;
  const char* candidate_building_id;
};

// `doro refine --json`, `doro batch`: address, address_full, zip, english,
// building_id; null without an answer.
extern const AnswerNames kCliNames;
// The HTTP rich answer: roadAddr, roadAddrPart1, roadAddrPart2, engAddr,
// zipNo, bdMgtSn; "" without an answer.
extern const AnswerNames kJusoNames;

// Writes one answer object into `w`. `input` is echoed with invalid UTF-8
// replaced.
void WriteAnswer(Writer& w, std::string_view input, const Answer& answer, const AnswerNames& names);

// The same object alone, as one line without a newline.
std::string AnswerToJson(std::string_view input, const Answer& answer, const AnswerNames& names);

}  // namespace doro::json

#endif  // DORO_JSON_ANSWER_JSON_H_
