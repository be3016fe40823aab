// The answer as table columns, for `doro batch --format csv|tsv` and the
// help texts. The columns are the members of the one JSON answer writer's
// object (json/answer_json.h), read back from what it writes, so a field it
// gains appears here without a second list to keep in step.
#ifndef DORO_CLI_ANSWER_COLUMNS_H_
#define DORO_CLI_ANSWER_COLUMNS_H_

#include <string>
#include <string_view>
#include <vector>

#include "api/answer.h"

namespace doro::cli {

// The CLI's answer object (`refine --json`, `batch`): the one writer's, on
// one line. Every CLI use of the writer goes through here and AnswerWhy.
std::string AnswerJson(std::string_view input, const Answer& answer);

// The human-readable word on the decision, for `refine`'s text output.
const std::string& AnswerWhy(const Answer& answer);

// The names of the CLI's answer fields, in the writer's order.
const std::vector<std::string>& AnswerFieldNames();

// One answer's JSON object (as AnswerToJson writes it) -> one cell per
// member, in order: strings as they are, null as "", numbers and booleans
// as written, arrays and objects as compact JSON.
std::vector<std::string> AnswerCells(std::string_view answer_json);

// Every reason name ReasonName gives, "ok" excluded, in enum order.
std::vector<std::string> ReasonNames();

// Every warning name WarningName gives, in enum order.
std::vector<std::string> WarningNames();

}  // namespace doro::cli

#endif  // DORO_CLI_ANSWER_COLUMNS_H_
