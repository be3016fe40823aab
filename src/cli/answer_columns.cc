#include "cli/answer_columns.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstring>

#include "api/answer.h"
#include "api/reason.h"
#include "api/warning.h"
#include "json/answer_json.h"

namespace doro::cli {

std::string AnswerJson(std::string_view input, const Answer& answer) {
  return json::AnswerToJson(input, answer);
}

const std::string& AnswerWhy(const Answer& answer) { return answer.why; }

const std::vector<std::string>& AnswerFieldNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    rapidjson::Document d;
    d.Parse(AnswerJson("", Answer{}).c_str());
    if (d.IsObject()) {
      for (const auto& m : d.GetObject()) out.emplace_back(m.name.GetString(), m.name.GetStringLength());
    }
    return out;
  }();
  return names;
}

std::vector<std::string> AnswerCells(std::string_view answer_json) {
  std::vector<std::string> cells;
  rapidjson::Document d;
  d.Parse(answer_json.data(), answer_json.size());
  if (!d.IsObject()) return cells;
  for (const auto& m : d.GetObject()) {
    const auto& v = m.value;
    if (v.IsString()) {
      cells.emplace_back(v.GetString(), v.GetStringLength());
    } else if (v.IsNull()) {
      cells.emplace_back();
    } else {
      rapidjson::StringBuffer buf;
      rapidjson::Writer<rapidjson::StringBuffer> w(buf);
      v.Accept(w);
      cells.emplace_back(buf.GetString(), buf.GetSize());
    }
  }
  return cells;
}

std::vector<std::string> ReasonNames() {
  std::vector<std::string> out;
  for (int r = 1; r < 256; ++r) {
    const char* name = ReasonName(static_cast<Reason>(r));
    if (std::strcmp(name, "unknown") == 0) break;
    out.emplace_back(name);
  }
  return out;
}

std::vector<std::string> WarningNames() {
  std::vector<std::string> out;
  for (int w = 0; w < 256; ++w) {
    const char* name = WarningName(static_cast<Warning>(w));
    if (std::strcmp(name, "unknown") == 0) break;
    out.emplace_back(name);
  }
  return out;
}

}  // namespace doro::cli
