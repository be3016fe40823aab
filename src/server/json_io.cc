#include "server/json_io.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <simdjson.h>

#include <algorithm>
#include <memory>
#include <string>

#include "json/answer_json.h"
#include "text/utf8.h"

namespace doro::server {
namespace {

namespace od = simdjson::ondemand;
using json::Writer;

// The request body as simdjson wants it. simdjson rejects a whole document
// with invalid UTF-8 anywhere; to confine the damage to the one string that
// holds the bad bytes, each invalid byte is replaced by '?' (same length, so
// offsets keep) and its offset remembered. A replaced byte outside a string
// still makes the JSON invalid; one inside a label marks that label bad.
class Input {
 public:
  explicit Input(std::string_view body) {
    if (simdjson::validate_utf8(body.data(), body.size())) {
      padded_ = simdjson::padded_string(body.data(), body.size());
      return;
    }
    std::string copy(body);
    size_t pos = 0;
    while (pos < copy.size()) {
      const size_t start = pos;
      const char32_t cp = text::DecodeUtf8(copy, &pos);
      if (cp == 0xFFFD && pos - start == 1) {
        copy[start] = '?';
        invalid_.push_back(start);
      }
    }
    padded_ = simdjson::padded_string(copy.data(), copy.size());
  }

  const simdjson::padded_string& padded() const { return padded_; }

  // True when any replaced byte lies inside `raw`, a view into padded().
  bool Tainted(std::string_view raw) const {
    if (invalid_.empty()) return false;
    const size_t begin = static_cast<size_t>(raw.data() - padded_.data());
    auto it = std::lower_bound(invalid_.begin(), invalid_.end(), begin);
    return it != invalid_.end() && *it < begin + raw.size();
  }

 private:
  simdjson::padded_string padded_;
  std::vector<size_t> invalid_;  // sorted offsets of replaced bytes
};

// ReadLabel trusts get_string() to return valid UTF-8 for a valid body:
// simdjson rejects lone and mismatched surrogate escapes from 2.2.3 on
// (earlier versions decoded them to invalid bytes).
static_assert(simdjson::SIMDJSON_VERSION_MAJOR > 2 ||
                  (simdjson::SIMDJSON_VERSION_MAJOR == 2 &&
                   (simdjson::SIMDJSON_VERSION_MINOR > 2 ||
                    (simdjson::SIMDJSON_VERSION_MINOR == 2 && simdjson::SIMDJSON_VERSION_REVISION >= 3))),
              "simdjson 2.2.3 or later is needed (surrogate escapes must fail to decode)");

constexpr int kMaxDepth = 128;  // for values the request does not use
// Bytes per batch item in a typical request (a contest item with a short
// English label is ~100; 80 leans to reserving a little more than needed),
// used only to reserve room before parsing.
constexpr size_t kTypicalItemBytes = 80;
constexpr size_t kReusableParserBytes = size_t{4} << 20;

od::parser& ThreadParser() {
  thread_local od::parser parser;
  return parser;
}

// The JSON number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool IsJsonNumber(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    const size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

// True when `body` starts with a balanced object or array (brackets matched,
// strings skipped) that is followed by more than whitespace. Only for error
// messages: it does not validate the value.
bool ContentAfterTopLevel(std::string_view body) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  size_t i = 0;
  while (i < body.size() && space(body[i])) ++i;
  std::string open;  // the closers expected, innermost last
  bool in_string = false;
  for (; i < body.size(); ++i) {
    const char c = body[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      open += c == '{' ? '}' : ']';
    } else if (c == '}' || c == ']') {
      if (open.empty() || open.back() != c) return false;
      open.pop_back();
      if (open.empty()) break;
    } else if (open.empty()) {
      return false;  // not an object or array
    }
  }
  if (!open.empty() || i >= body.size()) return false;
  for (++i; i < body.size(); ++i) {
    if (!space(body[i])) return true;
  }
  return false;
}

// Where in the body a value sits, for error messages: spelled out only when
// a message is needed (a 20,000-item batch would otherwise build 60,000
// strings that nobody reads).
struct Where {
  static constexpr size_t kNoIndex = ~size_t{0};
  std::string_view name;     // "requestList", "address"
  size_t index = kNoIndex;   // [index] when the value is a list's item
  std::string_view field;    // ".seq" when it is a field of that item
  std::string str() const {
    std::string out(name);
    if (index != kNoIndex) ((out += '[') += std::to_string(index)) += ']';  // not "[" + ...: GCC 12 -Wrestrict false positive
    out += field;
    return out;
  }
  Where In(std::string_view f) const { return {name, index, f}; }
};

class Walker {
 public:
  Walker(const Input& in, const ParseLimits& limits, ParseError* error)
      : in_(in), limits_(limits), error_(error) {
    // A parser keeps its buffers (several times the document size); only
    // small documents reuse the per-thread one, so that one huge request
    // does not pin that much memory on every I/O thread.
    if (in.padded().size() <= kReusableParserBytes) {
      parser_ = &ThreadParser();
    } else {
      owned_parser_ = std::make_unique<od::parser>();
      parser_ = owned_parser_.get();
    }
  }

  bool Fail(std::string message, int status = 400) {
    error_->status = status;
    error_->message = std::move(message);
    return false;
  }
  bool Fail(const std::string& where, simdjson::error_code e) {
    // simdjson reports a complete object followed by more as an unclosed one.
    if (e == simdjson::INCOMPLETE_ARRAY_OR_OBJECT && ContentAfterTopLevel(in_.padded())) return FailTrailing();
    return Fail("malformed JSON at " + where + ": " + simdjson::error_message(e));
  }
  bool FailTrailing() { return Fail("malformed JSON: unexpected content after the top-level object"); }
  bool Fail(const Where& where, simdjson::error_code e) { return Fail(where.str(), e); }

  // Opens the document and its root object.
  bool Open(od::document* doc, od::object* root) {
    auto e = parser_->iterate(in_.padded()).get(*doc);
    if (e) return Fail(std::string("malformed JSON: ") + simdjson::error_message(e));
    od::json_type type;
    if ((e = doc->type().get(type))) return Fail(std::string("malformed JSON: ") + simdjson::error_message(e));
    if (type != od::json_type::object) return Fail("body must be a JSON object");
    if ((e = doc->get_object().get(*root))) return Fail("body", e);
    return true;
  }

  // After the root object: nothing but whitespace may follow.
  bool Close(od::document* doc) {
    auto loc = doc->current_location();
    if (loc.error() == simdjson::OUT_OF_BOUNDS) return true;
    if (loc.error()) return Fail("body", loc.error());
    return FailTrailing();
  }

  // Walks a value the request does not use, so that malformed JSON inside it
  // is still caught. Nesting is bounded here: the fallback parser does not
  // bound it, and recursion must not run off the stack.
  bool Consume(od::value v, const std::string& where, int depth = 0) {
    if (depth > kMaxDepth) return Fail("JSON nested deeper than " + std::to_string(kMaxDepth) + " at " + where);
    od::json_type type;
    if (auto e = v.type().get(type)) return Fail(where, e);
    switch (type) {
      case od::json_type::array: {
        od::array a;
        if (auto e = v.get_array().get(a)) return Fail(where, e);
        for (auto el : a) {
          od::value x;
          if (auto e = std::move(el).get(x)) return Fail(where, e);
          if (!Consume(x, where, depth + 1)) return false;
        }
        return true;
      }
      case od::json_type::object: {
        od::object o;
        if (auto e = v.get_object().get(o)) return Fail(where, e);
        for (auto f : o) {
          od::field field;
          if (auto e = std::move(f).get(field)) return Fail(where, e);
          std::string_view key;
          if (auto e = field.unescaped_key().get(key)) return Fail(where, e);
          if (!Consume(field.value(), where, depth + 1)) return false;
        }
        return true;
      }
      case od::json_type::number: {
        od::number n;
        auto e = v.get_number().get(n);
        if (e) return Fail(where, e);
        return true;
      }
      case od::json_type::string: {
        std::string_view s;
        if (auto e = v.get_string().get(s)) return Fail(where, e);
        return true;
      }
      case od::json_type::boolean: {
        bool b;
        if (auto e = v.get_bool().get(b)) return Fail(where, e);
        return true;
      }
      case od::json_type::null: {
        bool is_null = false;
        if (auto e = v.is_null().get(is_null)) return Fail(where, e);
        if (!is_null) return Fail("malformed JSON at " + where);
        return true;
      }
    }
    return Fail("malformed JSON at " + where);
  }

  // A label: must be a JSON string; a bad one is kept and marked.
  bool ReadLabel(od::value v, const Where& where, LabelIn* out) {
    od::json_type type;
    if (auto e = v.type().get(type)) return Fail(where, e);
    if (type != od::json_type::string) return Fail(where.str() + " must be a string");
    const std::string_view raw = v.raw_json_token();
    const bool tainted = in_.Tainted(raw);
    std::string_view s;
    auto e = v.get_string().get(s);
    if (e == simdjson::STRING_ERROR) {
      out->bad = true;
      out->why = "label is not a decodable JSON string (bad escape or lone surrogate)";
      out->text = text::ToValidUtf8(raw);
      return true;
    }
    if (e) return Fail(where, e);
    if (tainted) {
      out->bad = true;
      out->why = "label is not valid UTF-8";
      out->text = std::string(s);
      return true;
    }
    // Valid UTF-8: the body's invalid bytes were replaced (and the label
    // would be tainted), and simdjson refuses escapes that decode to
    // surrogates (STRING_ERROR above; see the version check at the top).
    // Its length is for the engine to judge.
    out->text = std::string(s);
    return true;
  }

  // seq: a string, or a number echoed exactly as written.
  bool ReadSeq(od::value v, const Where& where, std::string* out) {
    od::json_type type;
    if (auto e = v.type().get(type)) return Fail(where, e);
    if (type == od::json_type::string) {
      std::string_view s;
      if (auto e = v.get_string().get(s)) return Fail(where, e);
      *out = std::string(s);
      return true;
    }
    if (type == od::json_type::number) {
      std::string_view raw = v.raw_json_token();
      while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\n' || raw.back() == '\r')) {
        raw.remove_suffix(1);
      }
      // Checked by the grammar, not converted: 1e400 or a 30-digit integer
      // is a valid JSON number that no double or int64 holds.
      if (!IsJsonNumber(raw)) return Fail(where, simdjson::NUMBER_ERROR);
      *out = std::string(raw);
      return true;
    }
    return Fail(where.str() + " must be a string or a number");
  }

  bool ReadContestItem(od::value v, size_t index, ContestItem* item) {
    const Where where{"requestList", index, ""};
    od::json_type type;
    if (auto e = v.type().get(type)) return Fail(where, e);
    if (type != od::json_type::object) return Fail(where.str() + " must be an object");
    od::object o;
    if (auto e = v.get_object().get(o)) return Fail(where, e);
    bool has_seq = false, has_address = false;
    for (auto f : o) {
      od::field field;
      if (auto e = std::move(f).get(field)) return Fail(where, e);
      std::string_view key;
      if (auto e = field.unescaped_key().get(key)) return Fail(where, e);
      if (key == "seq") {
        if (has_seq) return Fail(where.str() + " has seq twice");
        has_seq = true;
        if (!ReadSeq(field.value(), where.In(".seq"), &item->seq)) return false;
      } else if (key == "requestAddress") {
        if (has_address) return Fail(where.str() + " has requestAddress twice");
        has_address = true;
        if (!ReadLabel(field.value(), where.In(".requestAddress"), &item->label)) return false;
      } else {
        if (!Consume(field.value(), where.str() + "." + std::string(key))) return false;
      }
    }
    if (!has_seq) return Fail(where.str() + " is missing seq");
    if (!has_address) return Fail(where.str() + " is missing requestAddress");
    return true;
  }

  // A list of labels under `name`.
  bool ReadLabelList(od::value v, const std::string& name, std::vector<LabelIn>* out) {
    od::json_type type;
    if (auto e = v.type().get(type)) return Fail(name, e);
    if (type != od::json_type::array) return Fail(name + " must be an array");
    od::array a;
    if (auto e = v.get_array().get(a)) return Fail(name, e);
    size_t i = 0;
    for (auto el : a) {
      od::value x;
      const Where where{name, i, ""};
      if (auto e = std::move(el).get(x)) return Fail(where, e);
      if (out->size() >= limits_.max_items) {
        return Fail(name + " has more than " + std::to_string(limits_.max_items) + " items", 413);
      }
      LabelIn label;
      if (!ReadLabel(x, where, &label)) return false;
      out->push_back(std::move(label));
      ++i;
    }
    return true;
  }

  const ParseLimits& limits() const { return limits_; }

 private:
  const Input& in_;
  const ParseLimits& limits_;
  ParseError* error_;
  od::parser* parser_;
  std::unique_ptr<od::parser> owned_parser_;
};

void Str(Writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

// A body that is one JSON object of which one field (`name`) matters; other
// fields are skipped (and checked for depth). Calls read(walker, value) for
// that field; the field must be there, once.
template <typename Read>
bool ParseObjectWithField(std::string_view body, const ParseLimits& limits, ParseError* error,
                          const std::string& name, Read&& read) {
  Input in(body);
  Walker w(in, limits, error);
  od::document doc;
  od::object root;
  if (!w.Open(&doc, &root)) return false;
  bool seen = false;
  for (auto f : root) {
    od::field field;
    if (auto e = std::move(f).get(field)) return w.Fail("body", e);
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return w.Fail("body", e);
    if (key != name) {
      if (!w.Consume(field.value(), std::string(key))) return false;
      continue;
    }
    if (seen) return w.Fail(name + " given twice");
    seen = true;
    if (!read(w, field.value())) return false;
  }
  if (!w.Close(&doc)) return false;
  if (!seen) return w.Fail("body is missing " + name);
  return true;
}

}  // namespace

Answer BadInputAnswer(const LabelIn& label) {
  Answer a;
  a.reason = Reason::kBadInput;
  a.why = label.why;
  return a;
}

bool ParseContestBatch(std::string_view body, const ParseLimits& limits,
                       std::vector<ContestItem>* items, ParseError* error) {
  items->clear();
  // Room for the items a body this size usually holds (a 20,000-label batch
  // is about 2 MB): growing the vector moved every item several times.
  items->reserve(std::min(limits.max_items, body.size() / kTypicalItemBytes));
  return ParseObjectWithField(body, limits, error, "requestList", [&](Walker& w, od::value v) {
    od::json_type type;
    if (auto e = v.type().get(type)) return w.Fail("requestList", e);
    if (type != od::json_type::array) return w.Fail("requestList must be an array");
    od::array a;
    if (auto e = v.get_array().get(a)) return w.Fail("requestList", e);
    size_t i = 0;
    for (auto el : a) {
      od::value x;
      if (auto e = std::move(el).get(x)) return w.Fail("requestList[" + std::to_string(i) + "]", e);
      if (items->size() >= limits.max_items) {
        return w.Fail("requestList has more than " + std::to_string(limits.max_items) + " items", 413);
      }
      ContestItem item;
      if (!w.ReadContestItem(x, i, &item)) return false;
      items->push_back(std::move(item));
      ++i;
    }
    return true;
  });
}

bool ParseRefineOne(std::string_view body, const ParseLimits& limits,
                    LabelIn* label, ParseError* error) {
  return ParseObjectWithField(body, limits, error, "address", [&](Walker& w, od::value v) {
    return w.ReadLabel(v, Where{"address", Where::kNoIndex, ""}, label);
  });
}

bool ParseRefineBatch(std::string_view body, const ParseLimits& limits,
                      std::vector<LabelIn>* labels, ParseError* error) {
  labels->clear();
  labels->reserve(std::min(limits.max_items, body.size() / kTypicalItemBytes));
  return ParseObjectWithField(body, limits, error, "addresses", [&](Walker& w, od::value v) {
    return w.ReadLabelList(v, "addresses", labels);
  });
}

std::string ContestResponse(const std::vector<ContestItem>& items,
                            const std::vector<std::string>& results) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  w.Key("HEADER");
  w.StartObject();
  w.Key("RESULT_CODE");
  w.String("S");
  w.Key("RESULT_MSG");
  w.String("Success");
  w.EndObject();
  w.Key("BODY");
  w.StartArray();
  for (size_t i = 0; i < items.size(); ++i) {
    w.StartObject();
    w.Key("seq");
    Str(w, items[i].seq);
    w.Key("resultAddress");
    Str(w, i < results.size() && !results[i].empty() ? std::string_view(results[i]) : kNoAnswer);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

std::string ContestError(std::string_view message) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  w.Key("HEADER");
  w.StartObject();
  w.Key("RESULT_CODE");
  w.String("F");
  w.Key("RESULT_MSG");
  Str(w, text::ToValidUtf8(message));
  w.EndObject();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

std::string RichAnswer(std::string_view input, const Answer& answer, size_t max_input_bytes) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  json::WriteAnswer(w, input.substr(0, max_input_bytes), answer);
  return std::string(buf.GetString(), buf.GetSize());
}

std::string RichAnswers(const std::vector<LabelIn>& labels,
                        const std::vector<Answer>& answers, size_t max_input_bytes) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  w.Key("count");
  w.Uint64(labels.size());
  w.Key("results");
  w.StartArray();
  for (size_t i = 0; i < labels.size() && i < answers.size(); ++i) {
    json::WriteAnswer(w, std::string_view(labels[i].text).substr(0, max_input_bytes), answers[i]);
  }
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

std::string GenericError(int code, std::string_view message) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  w.Key("status");
  w.String("error");
  w.Key("code");
  w.Int(code);
  w.Key("message");
  Str(w, text::ToValidUtf8(message));
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

std::string JsonStringLiteral(std::string_view s) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  Str(w, text::ToValidUtf8(s));
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace doro::server
