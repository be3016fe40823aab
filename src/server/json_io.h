// JSON in and out of the HTTP service. Requests are parsed with simdjson
// (ondemand, every value walked so malformed JSON anywhere is rejected);
// responses are written with RapidJSON.
//
// Error policy, shared by every endpoint:
//  - a body that is not the documented shape (not JSON, trailing bytes,
//    wrong types, missing fields) fails as a whole, with a message naming
//    the offending item index, e.g. "requestList[3].requestAddress must be
//    a string";
//  - a label string that is well placed but does not decode (invalid UTF-8,
//    an escaped lone surrogate) does not fail the request: that item is
//    marked `bad` and is answered with no answer (reason bad_input). Every
//    other check of a label (its length) is the engine's (Engine::Refine),
//    which answers bad_input the same way.
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

// One rich answer object (json::kJusoNames): input, status, roadAddr,
// roadAddrPart1, roadAddrPart2, engAddr, zipNo, bdMgtSn, reason (null when
// ok), detail, used, ignored, candidates. `input` is echoed up to
// max_input_bytes (the engine's label limit): a label refused for its
// length is not sent back whole.
std::string RichAnswer(std::string_view input, const Answer& answer, size_t max_input_bytes);
// {"count":n,"results":[RichAnswer...]}
std::string RichAnswers(const std::vector<LabelIn>& labels,
                        const std::vector<Answer>& answers, size_t max_input_bytes);
// {"status":"error","code":code,"message":message}
std::string GenericError(int code, std::string_view message);
// `s` as a JSON string literal, quotes included (invalid UTF-8 replaced):
// for values such as file paths put into hand-formatted bodies.
std::string JsonStringLiteral(std::string_view s);

}  // namespace doro::server

#endif  // DORO_SERVER_JSON_IO_H_
