// docs/openapi.json against what the server really returns: every
// documented operation and response code is exercised over a socket, each
// response's status must be documented, and its JSON body must satisfy the
// documented schema (types, required properties, enums, nullable, oneOf,
// arrays and nested objects, $ref into components).
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <fstream>
#include <set>
#include <sstream>

#include "server/server.h"
#include "server_test_util.h"

namespace doro::server {
namespace {

using namespace doro::server::testing;  // NOLINT
using rapidjson::Value;

class SchemaChecker {
 public:
  explicit SchemaChecker(const rapidjson::Document& doc) : doc_(doc) {}

  const Value& Resolve(const Value& schema) const {
    if (schema.IsObject() && schema.HasMember("$ref")) {
      const std::string ref = schema["$ref"].GetString();
      const std::string prefix = "#/components/schemas/";
      EXPECT_EQ(ref.rfind(prefix, 0), 0u) << ref;
      const Value& schemas = doc_["components"]["schemas"];
      const std::string name = ref.substr(prefix.size());
      EXPECT_TRUE(schemas.HasMember(name.c_str())) << "dangling $ref " << ref;
      return schemas[name.c_str()];
    }
    return schema;
  }

  // Appends to *errors what is wrong with `v` at `where`.
  void Check(const Value& schema_in, const Value& v, const std::string& where, std::vector<std::string>* errors) const {
    const Value& s = Resolve(schema_in);
    if (s.HasMember("oneOf")) {
      int matches = 0;
      for (const auto& alt : s["oneOf"].GetArray()) {
        std::vector<std::string> local;
        Check(alt, v, where, &local);
        if (local.empty()) ++matches;
      }
      if (matches != 1) errors->push_back(where + ": matches " + std::to_string(matches) + " oneOf alternatives");
      return;
    }
    if (v.IsNull()) {
      if (!(s.HasMember("nullable") && s["nullable"].GetBool())) errors->push_back(where + ": null not allowed");
      return;
    }
    if (s.HasMember("enum")) {
      bool found = false;
      for (const auto& e : s["enum"].GetArray()) found = found || e == v;
      if (!found) errors->push_back(where + ": value not in enum");
    }
    if (!s.HasMember("type")) return;
    const std::string type = s["type"].GetString();
    if (type == "string") {
      if (!v.IsString()) errors->push_back(where + ": not a string");
    } else if (type == "integer") {
      if (!v.IsInt64() && !v.IsUint64()) errors->push_back(where + ": not an integer");
    } else if (type == "number") {
      if (!v.IsNumber()) errors->push_back(where + ": not a number");
    } else if (type == "boolean") {
      if (!v.IsBool()) errors->push_back(where + ": not a boolean");
    } else if (type == "array") {
      if (!v.IsArray()) {
        errors->push_back(where + ": not an array");
        return;
      }
      for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
        Check(s["items"], v[i], where + "[" + std::to_string(i) + "]", errors);
      }
    } else if (type == "object") {
      if (!v.IsObject()) {
        errors->push_back(where + ": not an object");
        return;
      }
      if (s.HasMember("required")) {
        for (const auto& r : s["required"].GetArray()) {
          if (!v.HasMember(r.GetString())) errors->push_back(where + ": missing required " + r.GetString());
        }
      }
      if (s.HasMember("properties")) {
        for (const auto& m : v.GetObject()) {
          if (s["properties"].HasMember(m.name)) {
            Check(s["properties"][m.name.GetString()], m.value, where + "." + m.name.GetString(), errors);
          }
        }
      }
    } else {
      errors->push_back(where + ": schema type " + type + " unknown to this checker");
    }
  }

 private:
  const rapidjson::Document& doc_;
};

struct Case {
  std::string method, target, body;
  int status;
  bool loopback = true;  // false: sent to the handlers as if from another host
};

TEST(OpenApiTest, ServerResponsesMatchTheDocument) {
  std::ifstream in(std::string(DORO_SOURCE_DIR) + "/docs/openapi.json");
  ASSERT_TRUE(in) << "docs/openapi.json missing";
  std::stringstream text;
  text << in.rdbuf();
  rapidjson::Document doc;
  doc.Parse(text.str().c_str());
  ASSERT_FALSE(doc.HasParseError()) << "docs/openapi.json is not JSON";
  ASSERT_EQ(std::string(doc["openapi"].GetString()).substr(0, 2), "3.");
  const SchemaChecker checker(doc);

  std::atomic<bool> fail_reload{false};
  ServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.limits.max_items = 5;
  options.limits.max_body_bytes = 4096;
  Server server(options, std::make_shared<FakeEngine>(), [&](std::string* error) -> std::shared_ptr<const Engine> {
    if (fail_reload) {
      *error = "cannot open";
      return nullptr;
    }
    return std::make_shared<FakeEngine>();
  });
  std::string error;
  ASSERT_TRUE(server.Start(&error)) << error;

  const std::string six = R"(["a","b","c","d","e","f"])";
  std::string six_items = R"({"requestList":[)";
  for (int i = 0; i < 6; ++i) six_items += std::string(i ? "," : "") + R"({"seq":1,"requestAddress":"a"})";
  six_items += "]}";
  const std::vector<Case> cases = {
      {"POST", "/v1/batch", R"({"requestList":[{"seq":1,"requestAddress":"ok:a"},{"seq":"2","requestAddress":"x"}]})", 200},
      {"POST", "/v1/batch", R"({"requestList":[{"seq":1}]})", 400},
      {"POST", "/v1/batch", R"({"requestList":[)" + std::string(5000, ' ') + "]}", 413},
      {"POST", "/v1/batch", six_items, 413},
      {"GET", "/v1/batch", "", 405},
      {"GET", "/v1/refine?address=ok%3Aa", "", 200},
      {"GET", "/v1/refine?address=nowhere", "", 200},
      {"GET", "/v1/refine?address=%FF", "", 200},
      {"GET", "/v1/refine", "", 400},
      {"PUT", "/v1/refine", "", 405},
      {"POST", "/v1/refine", R"({"address":"ok:b"})", 200},
      {"POST", "/v1/refine", R"({"address":"none"})", 200},
      {"POST", "/v1/refine", R"({"address":5})", 400},
      {"POST", "/v1/refine", R"({"address":")" + std::string(5000, 'a') + "\"}", 413},
      {"POST", "/v1/refine/batch", R"({"addresses":["ok:a","b","\ud800"]})", 200},
      {"POST", "/v1/refine/batch", R"({"addresses":[1]})", 400},
      {"POST", "/v1/refine/batch", R"({"addresses":)" + six + "}", 413},
      {"GET", "/v1/refine/batch", "", 405},
      {"GET", "/healthz", "", 200},
      {"POST", "/healthz", "", 405},
      {"GET", "/metrics", "", 200},
      {"DELETE", "/metrics", "", 405},
      {"POST", "/admin/reload", "", 200},
      {"POST", "/admin/reload", "", 403, /*loopback=*/false},
      {"GET", "/admin/reload", "", 405},
      {"POST", "/admin/reload", "fail", 500},
  };

  std::set<std::string> exercised;  // "path method status"
  Client client(server.port());
  for (const auto& c : cases) {
    SCOPED_TRACE(c.method + " " + c.target.substr(0, 60));
    fail_reload = c.body == "fail";
    int status;
    std::string body, content_type;
    if (c.loopback) {
      Client fresh(server.port());  // 413 closes the connection
      const HttpResponse r = fresh.Send(http::string_to_verb(c.method), c.target, c.body);
      status = r.result_int();
      body = r.body();
      content_type = std::string(r[http::field::content_type]);
    } else {
      const Response r = server.handlers().Handle(Request{c.method, c.target, c.body, false});
      status = r.status;
      body = r.body;
      content_type = r.content_type;
    }
    EXPECT_EQ(status, c.status) << body.substr(0, 300);
    const std::string path = c.target.substr(0, c.target.find('?'));
    std::string method = c.method;
    for (auto& ch : method) ch = static_cast<char>(std::tolower(ch));
    const Value& paths = doc["paths"];
    ASSERT_TRUE(paths.HasMember(path.c_str())) << "path not documented";
    const Value& item = paths[path.c_str()];
    // A 405 is documented on the path's operations, for the methods not offered.
    const Value* op = nullptr;
    if (item.HasMember(method.c_str())) {
      op = &item[method.c_str()];
    } else {
      ASSERT_EQ(status, 405) << "method not documented";
      op = &item.MemberBegin()->value;
    }
    const std::string code = std::to_string(status);
    ASSERT_TRUE((*op)["responses"].HasMember(code.c_str())) << "status " << code << " not documented";
    exercised.insert(path + " " + (item.HasMember(method.c_str()) ? method : item.MemberBegin()->name.GetString()) +
                     " " + code);
    const Value& content = (*op)["responses"][code.c_str()]["content"];
    if (content.HasMember("application/json")) {
      EXPECT_EQ(content_type, "application/json");
      rapidjson::Document got;
      got.Parse(body.c_str());
      ASSERT_FALSE(got.HasParseError()) << body.substr(0, 300);
      std::vector<std::string> errors;
      checker.Check(content["application/json"]["schema"], got, "$", &errors);
      for (const auto& e : errors) ADD_FAILURE() << e << "\nbody: " << body.substr(0, 300);
    } else {
      ASSERT_TRUE(content.HasMember("text/plain"));
      EXPECT_EQ(content_type.rfind("text/plain", 0), 0u);
    }
  }

  // Every documented operation and response code was exercised above.
  for (const auto& p : doc["paths"].GetObject()) {
    for (const auto& op : p.value.GetObject()) {
      for (const auto& r : op.value["responses"].GetObject()) {
        const std::string key = std::string(p.name.GetString()) + " " + op.name.GetString() + " " + r.name.GetString();
        EXPECT_TRUE(exercised.count(key)) << "documented but not checked: " << key;
      }
    }
  }
  server.Stop();
}

}  // namespace
}  // namespace doro::server
