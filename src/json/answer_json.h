// An Answer as one JSON object, written with RapidJSON: the one answer
// vocabulary of the CLI (`refine --json`, `batch`) and the HTTP rich
// answers. Names are the juso search API's where one exists:
//
//   input, status ("ok"/"no_answer"),
//   roadAddr, roadAddrPart1, roadAddrPart2, jibunAddr, engAddr,
//   engAddrSource ("official"/"romanized"), zipNo, bdMgtSn, bdNm, siNm,
//   sggNm, emdNm, liNm, rn, admCd, rnMgtSn, udrtYn, buldMnnm, buldSlno,
//   mtYn, lnbrMnnm, lnbrSlno            (strings; "" without an answer)
//   detailAddr, unit ({dong, floor, ho, text} or null), deliveryAddr,
//   reason (null when ok), why, warnings, used, ignored,
//   candidates: [{roadAddr, roadAddrPart1, zipNo, bdMgtSn, score}]
#ifndef DORO_JSON_ANSWER_JSON_H_
#define DORO_JSON_ANSWER_JSON_H_

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <functional>
#include <string>
#include <string_view>

#include "api/answer.h"

namespace doro::json {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// Writes one answer object into `w`. `input` is echoed with invalid UTF-8
// replaced.
void WriteAnswer(Writer& w, std::string_view input, const Answer& answer);

// The same object alone, as one line without a newline.
std::string AnswerToJson(std::string_view input, const Answer& answer);

// The answer's fields that are one string each (status through
// deliveryAddr, reason, why), in the order above: for tables (CSV) and
// bindings that want flat columns. `reason` is "" when ok.
void ForEachFlatField(const Answer& answer,
                      const std::function<void(std::string_view name, std::string_view value)>& fn);

}  // namespace doro::json

#endif  // DORO_JSON_ANSWER_JSON_H_
