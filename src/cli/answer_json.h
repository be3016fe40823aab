// The JSON object the CLI prints for one answer (`refine --json`, `batch`).
#ifndef DORO_CLI_ANSWER_JSON_H_
#define DORO_CLI_ANSWER_JSON_H_

#include <string>
#include <string_view>

#include "match/engine.h"

namespace doro::cli {

// One line of JSON, no newline: input, status ("ok"/"no_answer"), address,
// address_full, zip, english, building_id, reason (null when ok), detail,
// used, ignored, candidates.
std::string AnswerToJson(std::string_view input, const Answer& answer);

}  // namespace doro::cli

#endif  // DORO_CLI_ANSWER_JSON_H_
