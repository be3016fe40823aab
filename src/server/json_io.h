// JSON in and out of the HTTP service. Requests are parsed with simdjson
// (ondemand, every value walked so malformed JSON anywhere is rejected);
// responses are written with RapidJSON.
//
// Error policy, shared by every endpoint:
//  - a body that is not the documented shape (not JSON, trailing bytes,
//    wrong types, missing fields) fails as a whole, with a message naming
//    the offending item index, e.g. "requestList[3].requestAddress must be
//    a string";
//  - a label string that is well placed but unusable (invalid UTF-8, an
//    escaped lone surrogate, longer than max_label_bytes) does not fail the
//    request: that item is marked `bad` and is answered with no answer
//    (reason bad_input).
#ifndef DORO_SERVER_JSON_IO_H_
#define DORO_SERVER_JSON_IO_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "match/engine.h"

namespace doro::server {

struct ParseLimits {
  size_t max_items = 100000;       // list longer than this -> 413
  size_t max_label_bytes = 2000;   // label longer than this -> bad item
};

// One label from a request. When `bad`, `text` is a printable stand-in and
// `why` says what was wrong; the engine must not be asked.
struct LabelIn {
  std::string text;
  bool bad = false;
  std::string why;
};

struct ContestItem {
  std::string seq;  // always a string: numbers are echoed as written
  LabelIn label;
};

struct ParseError {
  int status = 400;  // 400, or 413 when a limit is exceeded
  std::string message;
};

// {"requestList":[{"seq":1|"1","requestAddress":"..."}, ...]}
bool ParseContestBatch(std::string_view body, const ParseLimits& limits,
                       std::vector<ContestItem>* items, ParseError* error);
// {"address":"..."}
bool ParseRefineOne(std::string_view body, const ParseLimits& limits,
                    LabelIn* label, ParseError* error);
// {"addresses":["...", ...]}
bool ParseRefineBatch(std::string_view body, const ParseLimits& limits,
                      std::vector<LabelIn>* labels, ParseError* error);

// Checks one label given outside JSON (a URL query value).
LabelIn CheckLabel(std::string_view text, const ParseLimits& limits);
// The same for a string known to be valid UTF-8 (decoded from a request
// body that passed simdjson's UTF-8 validation): only the length is checked.
LabelIn CheckValidLabel(std::string_view text, const ParseLimits& limits);

// The answer for a bad label: reason kBadInput, detail = label.why.
Answer BadInputAnswer(const LabelIn& label);

// The contest's reply text for no answer.
inline constexpr std::string_view kNoAnswer = "답 없음";

// {"HEADER":{"RESULT_CODE":"S","RESULT_MSG":"Success"},"BODY":[{"seq","resultAddress"}...]}
// `results[i]` empty means no answer.
std::string ContestResponse(const std::vector<ContestItem>& items,
                            const std::vector<std::string>& results);
// {"HEADER":{"RESULT_CODE":"F","RESULT_MSG":message}}
std::string ContestError(std::string_view message);

// One rich answer object (juso API field names where they exist): input,
// status, roadAddr, roadAddrPart1, roadAddrPart2, engAddr, zipNo, bdMgtSn,
// reason (null when ok), detail, used, ignored, candidates.
std::string RichAnswer(std::string_view input, const Answer& answer);
// {"count":n,"results":[RichAnswer...]}
std::string RichAnswers(const std::vector<LabelIn>& labels,
                        const std::vector<Answer>& answers);
// {"status":"error","code":code,"message":message}
std::string GenericError(int code, std::string_view message);

}  // namespace doro::server

#endif  // DORO_SERVER_JSON_IO_H_
