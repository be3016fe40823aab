#include "cli/answer_json.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "text/utf8.h"

namespace doro::cli {

std::string AnswerToJson(std::string_view input, const Answer& a) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  auto str = [&](const char* key, std::string_view value) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  };
  auto str_or_null = [&](const char* key, std::string_view value) {
    if (a.ok()) {
      str(key, value);
    } else {
      w.Key(key);
      w.Null();
    }
  };
  auto list = [&](const char* key, const std::vector<std::string>& items) {
    w.Key(key);
    w.StartArray();
    for (const auto& s : items) w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    w.EndArray();
  };
  w.StartObject();
  const std::string safe_input = text::ToValidUtf8(input);
  str("input", safe_input);
  str("status", a.ok() ? "ok" : "no_answer");
  str_or_null("address", a.address);
  str_or_null("address_full", a.address_full);
  str_or_null("zip", a.zip);
  str_or_null("english", a.english);
  str_or_null("building_id", a.building_id);
  w.Key("reason");
  if (a.ok()) {
    w.Null();
  } else {
    w.String(ReasonName(a.reason));
  }
  str("detail", a.detail);
  list("used", a.used);
  list("ignored", a.ignored);
  w.Key("candidates");
  w.StartArray();
  for (const auto& c : a.candidates) {
    w.StartObject();
    str("address", c.address);
    str("building_id", c.building_id);
    w.Key("score");
    w.Double(c.score);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace doro::cli
