// The HTTP service's request -> response logic, without sockets: request
// parsing, the contest byte shape, rich answers, errors, limits, metrics,
// reload. Uses a fake engine so that the shapes are checked exactly.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "server/handlers.h"
#include "server/json_io.h"
#include "util/work_pool.h"
#include "server_test_util.h"

namespace doro::server {
namespace {

using testing::FakeEngine;
using testing::ParseJson;

class HandlersTest : public ::testing::Test {
 protected:
  HandlersTest() { Reset(Limits{}); }

  void Reset(Limits limits, ReloadFn reload = nullptr) {
    engine_ = std::make_shared<FakeEngine>();
    handlers_ = std::make_unique<Handlers>(limits, engine_, std::move(reload), &pool_);
  }
  Response Post(std::string_view target, std::string_view body, bool loopback = true) {
    return handlers_->Handle(Request{"POST", target, body, loopback});
  }
  Response Get(std::string_view target) { return handlers_->Handle(Request{"GET", target, "", true}); }

  // A 400 from /v1/batch: contest failure shape whose message contains `needle`.
  void ExpectContest400(std::string_view body, std::string_view needle) {
    const Response r = Post("/v1/batch", body);
    EXPECT_EQ(r.status, 400) << body << " -> " << r.body;
    const auto d = ParseJson(r.body);
    ASSERT_TRUE(d.IsObject()) << r.body;
    ASSERT_TRUE(d.HasMember("HEADER")) << r.body;
    EXPECT_STREQ(d["HEADER"]["RESULT_CODE"].GetString(), "F");
    EXPECT_NE(std::string(d["HEADER"]["RESULT_MSG"].GetString()).find(needle), std::string::npos)
        << "message for " << body << " was " << d["HEADER"]["RESULT_MSG"].GetString();
    EXPECT_FALSE(d.HasMember("BODY"));
  }

  WorkPool pool_{2};
  std::shared_ptr<FakeEngine> engine_;
  std::unique_ptr<Handlers> handlers_;
};

TEST_F(HandlersTest, ContestBatchExactBytes) {
  const Response r = Post("/v1/batch",
                          R"({"requestList":[{"seq":1,"requestAddress":"ok:a"},)"
                          R"({"seq":"x2","requestAddress":"nothing"},)"
                          R"( {"requestAddress":"ok:b","seq":-3.50 , "extra":{"k":[1,2,null,true]}}]})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.body,
            R"({"HEADER":{"RESULT_CODE":"S","RESULT_MSG":"Success"},"BODY":[)"
            R"({"seq":"1","resultAddress":"주소 a"},)"
            R"({"seq":"x2","resultAddress":"답 없음"},)"
            R"({"seq":"-3.50","resultAddress":"주소 b"}]})");
}

TEST_F(HandlersTest, ContestSeqAnyValidNumberEchoedAsWritten) {
  for (const std::string seq : {"1e400", "123456789012345678901234567890", "-0", "1E+2", "0.5e-10",
                                "-123456789012345678901234567890.25e-999"}) {
    const Response r = Post("/v1/batch", R"({"requestList":[{"seq":)" + seq + R"( ,"requestAddress":"ok:a"}]})");
    EXPECT_EQ(r.status, 200) << seq << ": " << r.body;
    EXPECT_EQ(r.body, R"({"HEADER":{"RESULT_CODE":"S","RESULT_MSG":"Success"},"BODY":[)"
                      R"({"seq":")" + seq + R"(","resultAddress":"주소 a"}]})")
        << seq;
  }
  for (const std::string seq : {"-", "01", "1.", "1e", "1e+", "-x", "1.5.5", "--1"}) {
    ExpectContest400(R"({"requestList":[{"seq":)" + seq + R"(,"requestAddress":"a"}]})", "requestList[0].seq");
  }
}

TEST_F(HandlersTest, ContentAfterTheBodyIsNamed) {
  for (const std::string tail : {" x", " 1", "{\"requestList\":[]}", " ]", " }", " \"s\"", " [1]", " null", ","}) {
    const std::string body = R"({"requestList":[]})" + tail;
    ExpectContest400(body, "unexpected content after the top-level object");
  }
  ExpectContest400(R"({"requestList":[{"seq":1,"requestAddress":"a]}"}]} x)",
                   "unexpected content after the top-level object");
  // Unclosed is not trailing.
  for (const std::string body : {R"({"requestList":[)", R"({"requestList":[{"seq":1})", R"({"requestList":"}" x)",
                                 R"({"requestList":[}] x)"}) {
    const Response r = Post("/v1/batch", body);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(r.body.find("after the top-level"), std::string::npos) << body << " -> " << r.body;
  }
}

TEST_F(HandlersTest, ContestEmptyListIsSuccess) {
  const Response r = Post("/v1/batch", R"({"requestList":[]})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"HEADER":{"RESULT_CODE":"S","RESULT_MSG":"Success"},"BODY":[]})");
}

TEST_F(HandlersTest, ContestStructuralErrorsName400AndIndex) {
  const std::string good = R"({"seq":1,"requestAddress":"ok:a"})";
  ExpectContest400("", "malformed JSON");
  ExpectContest400("   ", "malformed JSON");
  ExpectContest400("[]", "must be a JSON object");
  ExpectContest400("null", "must be a JSON object");
  ExpectContest400("42", "must be a JSON object");
  ExpectContest400(R"("requestList")", "must be a JSON object");
  ExpectContest400("{}", "missing requestList");
  ExpectContest400(R"({"requestlist":[]})", "missing requestList");
  ExpectContest400(R"({"requestList":{}})", "requestList must be an array");
  ExpectContest400(R"({"requestList":"a"})", "requestList must be an array");
  ExpectContest400(R"({"requestList":null})", "requestList must be an array");
  ExpectContest400(R"({"requestList":[],"requestList":[]})", "twice");
  ExpectContest400(R"({"requestList":[)" + good + R"(,1]})", "requestList[1] must be an object");
  ExpectContest400(R"({"requestList":[)" + good + R"(,[]]})", "requestList[1] must be an object");
  ExpectContest400(R"({"requestList":[)" + good + R"(,{"seq":2}]})", "requestList[1] is missing requestAddress");
  ExpectContest400(R"({"requestList":[{"requestAddress":"a"}]})", "requestList[0] is missing seq");
  ExpectContest400(R"({"requestList":[{"seq":null,"requestAddress":"a"}]})", "requestList[0].seq must be a string or a number");
  ExpectContest400(R"({"requestList":[{"seq":true,"requestAddress":"a"}]})", "requestList[0].seq must be");
  ExpectContest400(R"({"requestList":[{"seq":[1],"requestAddress":"a"}]})", "requestList[0].seq must be");
  ExpectContest400(R"({"requestList":[)" + good + "," + good + R"(,{"seq":3,"requestAddress":7}]})",
                   "requestList[2].requestAddress must be a string");
  ExpectContest400(R"({"requestList":[{"seq":3,"requestAddress":null}]})", "requestList[0].requestAddress must be a string");
  ExpectContest400(R"({"requestList":[{"seq":3,"requestAddress":["a"]}]})", "requestList[0].requestAddress must be a string");
  ExpectContest400(R"({"requestList":[{"seq":1,"seq":2,"requestAddress":"a"}]})", "requestList[0] has seq twice");
  ExpectContest400(R"({"requestList":[]} x)", "malformed JSON");
  ExpectContest400(R"({"requestList":[]}{"requestList":[]})", "malformed JSON");
  ExpectContest400(R"({"requestList":[],})", "malformed JSON");
  ExpectContest400(R"({"requestList":[)" + good + R"(,]})", "malformed JSON");
  ExpectContest400(R"({"requestList":[], "other":[1,,2]})", "malformed JSON");
  ExpectContest400(R"({"requestList":[], "other":tru})", "malformed JSON");
  ExpectContest400(R"({"requestList":[], "other":"\x"})", "malformed JSON");
  ExpectContest400(R"({'requestList':[]})", "malformed JSON");
  ExpectContest400(std::string("{\"requestList\":[]}\0", 19), "malformed JSON");
}

TEST_F(HandlersTest, EveryTruncationOfAValidBodyIs400) {
  const std::string body =
      R"({"requestList":[{"seq":1,"requestAddress":"ok:가나"},{"seq":"2","requestAddress":"x\"y\u0041"},)"
      R"({"seq":3e2,"requestAddress":"ok:c","n":[{"a":null},false]}]})";
  ASSERT_EQ(Post("/v1/batch", body).status, 200);
  for (size_t n = 0; n < body.size(); ++n) {
    const Response r = Post("/v1/batch", body.substr(0, n));
    EXPECT_EQ(r.status, 400) << "prefix of " << n << " bytes: " << r.body;
  }
}

TEST_F(HandlersTest, DeepNestingIsRejectedNotCrashed) {
  for (size_t depth : {100, 200, 1500, 100000}) {
    const std::string body = R"({"requestList":[],"x":)" + std::string(depth, '[') + std::string(depth, ']') + "}";
    const Response r = Post("/v1/batch", body);
    EXPECT_TRUE(r.status == 200 || r.status == 400) << depth << ": " << r.status;
    EXPECT_EQ(r.status, depth > 150 ? 400 : 200) << depth;
  }
}

TEST_F(HandlersTest, BadLabelTextAnswersThatItemOnly) {
  std::string body = R"({"requestList":[{"seq":1,"requestAddress":"ok:a"},{"seq":2,"requestAddress":"ok:)";
  body += "\xff\xfe";  // invalid UTF-8 inside the label
  body += R"("},{"seq":3,"requestAddress":"ok:\ud800"},{"seq":4,"requestAddress":")";
  body += "ok:" + std::string(3000, 'z');  // over the 2,000-byte limit
  body += R"("},{"seq":5,"requestAddress":"ok:b"}]})";
  const uint64_t calls_before = engine_->calls();
  const Response r = Post("/v1/batch", body);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body,
            R"({"HEADER":{"RESULT_CODE":"S","RESULT_MSG":"Success"},"BODY":[)"
            R"({"seq":"1","resultAddress":"주소 a"},{"seq":"2","resultAddress":"답 없음"},)"
            R"({"seq":"3","resultAddress":"답 없음"},{"seq":"4","resultAddress":"답 없음"},)"
            R"({"seq":"5","resultAddress":"주소 b"}]})");
  // Bad labels never reach the engine.
  EXPECT_EQ(engine_->calls() - calls_before, 2u);
}

TEST_F(HandlersTest, SurrogateEscapesAreBadLabels) {
  // Lone high, lone low, and a high one followed by a non-surrogate: none
  // decodes to UTF-8, so none reaches the engine; a proper pair does.
  const uint64_t calls_before = engine_->calls();
  const Response r = Post("/v1/batch", R"({"requestList":[{"seq":1,"requestAddress":"ok:\ud800"},)"
                                       R"({"seq":2,"requestAddress":"ok:\udc00"},)"
                                       R"({"seq":3,"requestAddress":"ok:\ud800\u1234"},)"
                                       R"({"seq":4,"requestAddress":"ok:\ud83d\ude00"}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body,
            R"({"HEADER":{"RESULT_CODE":"S","RESULT_MSG":"Success"},"BODY":[)"
            R"({"seq":"1","resultAddress":"답 없음"},{"seq":"2","resultAddress":"답 없음"},)"
            R"({"seq":"3","resultAddress":"답 없음"},{"seq":"4","resultAddress":"주소 😀"}]})");
  EXPECT_EQ(engine_->calls() - calls_before, 1u);
}

// Control characters echoed back (a label, a seq) are escaped wherever
// they sit in a long string: JSON forbids them raw. (RapidJSON 1.1.0's SSE2
// string scan, tried for speed, missed 0x1A-0x1F inside long strings.)
TEST_F(HandlersTest, ControlCharactersAreEscapedInLongStrings) {
  const std::string padding(40, 'a');
  for (const char* control : {"\\u001a", "\\u001b", "\\u001f", "\\u0001"}) {
    const std::string text = "ok:" + padding + control + padding;
    const Response responses[] = {
        Post("/v1/refine", R"({"address":")" + text + R"("})"),
        Post("/v1/batch", R"({"requestList":[{"seq":")" + text + R"(","requestAddress":"ok:a"}]})")};
    for (const Response& r : responses) {
      ASSERT_EQ(r.status, 200) << r.body;
      for (unsigned char c : r.body) ASSERT_GE(c, 0x20) << control << " raw in " << r.body;
      EXPECT_TRUE(ParseJson(r.body).IsObject()) << r.body;
    }
  }
}

TEST_F(HandlersTest, InvalidUtf8OutsideALabelIs400) {
  ExpectContest400("{\"requestList\":[{\"seq\":1,\"request\xff\x41\x64\x64ress\":\"a\"}]}", "missing requestAddress");
  ExpectContest400("{\"requestList\":[]}\xff", "malformed JSON");
  ExpectContest400("\xef\xbb\xbf\xff{\"requestList\":[]}", "malformed JSON");
}

TEST_F(HandlersTest, BadLabelGetsBadInputReasonInRichAnswer) {
  const Response r = Post("/v1/refine", "{\"address\":\"ok:\xc3\x28\"}");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto d = ParseJson(r.body);
  EXPECT_STREQ(d["status"].GetString(), "no_answer");
  EXPECT_STREQ(d["reason"].GetString(), "bad_input");
  EXPECT_STREQ(d["why"].GetString(), "label is not valid UTF-8");
  const Response over = Post("/v1/refine", R"({"address":")" + std::string(2001, 'a') + R"("})");
  ASSERT_EQ(over.status, 200);
  EXPECT_STREQ(ParseJson(over.body)["reason"].GetString(), "bad_input");
  const Response at = Post("/v1/refine", R"({"address":")" + std::string(2000, 'a') + R"("})");
  EXPECT_STREQ(ParseJson(at.body)["reason"].GetString(), "no_road");
}

TEST_F(HandlersTest, TooManyItemsIs413) {
  Limits limits;
  limits.max_items = 3;
  Reset(limits);
  std::string items = R"({"seq":1,"requestAddress":"a"})";
  const Response ok = Post("/v1/batch", R"({"requestList":[)" + items + "," + items + "," + items + "]}");
  EXPECT_EQ(ok.status, 200);
  const Response r = Post("/v1/batch", R"({"requestList":[)" + items + "," + items + "," + items + "," + items + "]}");
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.body.find("more than 3 items"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find(R"("RESULT_CODE":"F")"), std::string::npos);
  const Response rb = Post("/v1/refine/batch", R"({"addresses":["a","b","c","d"]})");
  EXPECT_EQ(rb.status, 413);
  EXPECT_EQ(ParseJson(rb.body)["code"].GetInt(), 413);
}

TEST_F(HandlersTest, RefineGetDecodesTheQuery) {
  const Response r = Get("/v1/refine?x=1&address=ok%3A%EA%B0%80+b&y");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto d = ParseJson(r.body);
  EXPECT_STREQ(d["input"].GetString(), "ok:가 b");
  EXPECT_STREQ(d["status"].GetString(), "ok");
  EXPECT_STREQ(d["roadAddrPart1"].GetString(), "주소 가 b");
  EXPECT_STREQ(d["roadAddrPart2"].GetString(), "(동)");
  EXPECT_STREQ(d["roadAddr"].GetString(), "주소 가 b (동)");
  EXPECT_STREQ(d["engAddr"].GetString(), "E 가 b");
  EXPECT_STREQ(d["zipNo"].GetString(), "12345");
  EXPECT_STREQ(d["bdMgtSn"].GetString(), "B가 b");
  EXPECT_TRUE(d["reason"].IsNull());
  ASSERT_TRUE(d["used"].IsArray());
  EXPECT_STREQ(d["used"][0].GetString(), "가 b");
  ASSERT_EQ(d["candidates"].Size(), 1u);
  EXPECT_DOUBLE_EQ(d["candidates"][0]["score"].GetDouble(), 0.75);
  EXPECT_STREQ(d["candidates"][0]["bdMgtSn"].GetString(), "B가 b");
}

TEST_F(HandlersTest, RefineGetErrors) {
  EXPECT_EQ(Get("/v1/refine").status, 400);
  EXPECT_EQ(Get("/v1/refine?addr=x").status, 400);
  EXPECT_EQ(Get("/v1/refine?address=%zz").status, 400);
  EXPECT_EQ(Get("/v1/refine?address=%4").status, 400);
  EXPECT_EQ(Get("/v1/refine?address=a&address=b").status, 400);
  const Response empty = Get("/v1/refine?address=");
  EXPECT_EQ(empty.status, 200);
  EXPECT_STREQ(ParseJson(empty.body)["status"].GetString(), "no_answer");
  const Response bad = Get("/v1/refine?address=ok%3A%FF");
  EXPECT_EQ(bad.status, 200);
  const auto d = ParseJson(bad.body);
  ASSERT_TRUE(d.IsObject()) << bad.body;
  EXPECT_STREQ(d["reason"].GetString(), "bad_input");
}

TEST_F(HandlersTest, RefinePostAndNoAnswerShape) {
  const Response r = Post("/v1/refine", R"({"address":"somewhere","other":1})");
  ASSERT_EQ(r.status, 200);
  const auto d = ParseJson(r.body);
  EXPECT_STREQ(d["status"].GetString(), "no_answer");
  EXPECT_STREQ(d["reason"].GetString(), "no_road");
  EXPECT_STREQ(d["roadAddr"].GetString(), "");
  EXPECT_STREQ(d["why"].GetString(), "fake: no road");
  EXPECT_EQ(d["candidates"].Size(), 0u);
  for (const char* body : {"", "[]", "{}", R"({"address":1})", R"({"address":null})", R"({"address":["a"]})",
                           R"({"address":"a")", R"({"address":"a","address":"b"})"}) {
    const Response e = Post("/v1/refine", body);
    EXPECT_EQ(e.status, 400) << body;
    const auto err = ParseJson(e.body);
    ASSERT_TRUE(err.IsObject()) << e.body;
    EXPECT_STREQ(err["status"].GetString(), "error");
    EXPECT_EQ(err["code"].GetInt(), 400);
    EXPECT_TRUE(err["message"].IsString());
  }
}

TEST_F(HandlersTest, RefineBatchKeepsOrder) {
  const Response r = Post("/v1/refine/batch", R"({"addresses":["ok:a","b","ok:c"]})");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto d = ParseJson(r.body);
  EXPECT_EQ(d["count"].GetInt(), 3);
  ASSERT_EQ(d["results"].Size(), 3u);
  EXPECT_STREQ(d["results"][0]["roadAddrPart1"].GetString(), "주소 a");
  EXPECT_STREQ(d["results"][1]["status"].GetString(), "no_answer");
  EXPECT_STREQ(d["results"][2]["input"].GetString(), "ok:c");
  const Response e = Post("/v1/refine/batch", R"({"addresses":["a",2]})");
  EXPECT_EQ(e.status, 400);
  EXPECT_NE(e.body.find("addresses[1] must be a string"), std::string::npos) << e.body;
}

TEST_F(HandlersTest, LargeBatchSplitAcrossThreadsStaysInOrder) {
  std::string body = R"({"requestList":[)";
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    if (i) body += ",";
    body += R"({"seq":)" + std::to_string(i) + R"(,"requestAddress":")" + (i % 3 ? "ok:" : "no:") +
            std::to_string(i) + R"("})";
  }
  body += "]}";
  const Response r = Post("/v1/batch", body);
  ASSERT_EQ(r.status, 200);
  const auto d = ParseJson(r.body);
  ASSERT_EQ(d["BODY"].Size(), static_cast<unsigned>(n));
  for (int i = 0; i < n; ++i) {
    const auto& item = d["BODY"][i];
    ASSERT_EQ(item["seq"].GetString(), std::to_string(i));
    ASSERT_EQ(item["resultAddress"].GetString(), i % 3 ? "주소 " + std::to_string(i) : std::string("답 없음"));
  }
}

TEST_F(HandlersTest, UnknownPathAndWrongMethod) {
  const Response nf = Get("/v2/nothing?x=1");
  EXPECT_EQ(nf.status, 404);
  EXPECT_EQ(ParseJson(nf.body)["code"].GetInt(), 404);
  const Response m = Get("/v1/batch");
  EXPECT_EQ(m.status, 405);
  EXPECT_EQ(m.allow, "POST");
  EXPECT_STREQ(ParseJson(m.body)["HEADER"]["RESULT_CODE"].GetString(), "F");
  const Response m2 = handlers_->Handle(Request{"DELETE", "/v1/refine", "", true});
  EXPECT_EQ(m2.status, 405);
  EXPECT_EQ(m2.allow, "GET, POST");
  EXPECT_EQ(Post("/healthz", "").status, 405);
  EXPECT_EQ(Post("/metrics", "").status, 405);
  EXPECT_EQ(Get("/admin/reload").status, 405);
}

TEST_F(HandlersTest, HealthAndMetrics) {
  const Response h = Get("/healthz");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(ParseJson(h.body)["rows"].GetInt(), 7);
  Post("/v1/batch", R"({"requestList":[{"seq":1,"requestAddress":"ok:a"},{"seq":2,"requestAddress":"b"}]})");
  Post("/v1/batch", "nope");
  Get("/nowhere");
  const Response m = Get("/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_EQ(m.content_type.rfind("text/plain", 0), 0u);
  auto has = [&](const std::string& line) {
    EXPECT_NE(m.body.find(line + "\n"), std::string::npos) << "missing: " << line << "\n" << m.body;
  };
  has(R"(doro_http_requests_total{endpoint="/v1/batch",code="200"} 1)");
  has(R"(doro_http_requests_total{endpoint="/v1/batch",code="400"} 1)");
  has(R"(doro_http_requests_total{endpoint="other",code="404"} 1)");
  has(R"(doro_http_requests_total{endpoint="/healthz",code="200"} 1)");
  has(R"(doro_labels_total{status="ok",reason="none"} 1)");
  has(R"(doro_labels_total{status="no_answer",reason="no_road"} 1)");
  has(R"(doro_http_request_duration_seconds_bucket{le="+Inf"} 4)");
  has(R"(doro_http_request_duration_seconds_count 4)");
  has("doro_db_rows 7");
  has("# TYPE doro_http_request_duration_seconds histogram");
}

TEST_F(HandlersTest, ReloadSwapsOrKeepsTheEngine) {
  int opened = 0;
  bool fail = false;
  Reset(Limits{}, [&](std::string* error) -> std::shared_ptr<const Engine> {
    if (fail) {
      *error = "disk on fire";
      return nullptr;
    }
    ++opened;
    return std::make_shared<FakeEngine>("#" + std::to_string(opened), 100 + opened);
  });
  auto answer = [&]() -> std::string { return ParseJson(Get("/v1/refine?address=ok:a").body)["roadAddrPart1"].GetString(); };
  EXPECT_EQ(std::string(answer()), "주소 a");
  EXPECT_EQ(Post("/admin/reload", "", /*loopback=*/false).status, 403);
  EXPECT_EQ(opened, 0);
  const Response ok = Post("/admin/reload", "");
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ParseJson(ok.body)["rows"].GetInt(), 101);
  EXPECT_EQ(std::string(answer()), "주소 a#1");
  fail = true;
  const Response bad = Post("/admin/reload", "");
  EXPECT_EQ(bad.status, 500);
  EXPECT_NE(bad.body.find("disk on fire"), std::string::npos) << bad.body;
  EXPECT_EQ(std::string(answer()), "주소 a#1");
  EXPECT_EQ(ParseJson(Get("/healthz").body)["rows"].GetInt(), 101);
  const std::string metrics = Get("/metrics").body;
  EXPECT_NE(metrics.find("doro_reloads_total{result=\"ok\"} 1\n"), std::string::npos);
  EXPECT_NE(metrics.find("doro_reloads_total{result=\"failed\"} 1\n"), std::string::npos);
}

TEST_F(HandlersTest, ReloadWithoutFunctionIs500) {
  EXPECT_EQ(Post("/admin/reload", "").status, 500);
}

TEST(UrlDecodeTest, Escapes) {
  std::string out;
  EXPECT_TRUE(UrlDecode("a%20b+c%2B%e2%82%AC", &out));
  EXPECT_EQ(out, "a b c+€");
  EXPECT_TRUE(UrlDecode("", &out));
  EXPECT_EQ(out, "");
  EXPECT_FALSE(UrlDecode("%", &out));
  EXPECT_FALSE(UrlDecode("a%2", &out));
  EXPECT_FALSE(UrlDecode("%g0", &out));
  EXPECT_TRUE(UrlDecode("%00", &out));
  EXPECT_EQ(out, std::string(1, '\0'));
}

TEST(WorkPoolTest, EveryIndexOnceFromManyCallers) {
  WorkPool pool(3);
  std::vector<std::thread> callers;
  std::vector<std::vector<int>> hits(4, std::vector<int>(10007));
  for (int c = 0; c < 4; ++c) {
    callers.emplace_back([&, c] {
      pool.ParallelFor(hits[c].size(), 100, [&](size_t b, size_t e) {
        for (size_t i = b; i < e; ++i) ++hits[c][i];
      });
    });
  }
  for (auto& t : callers) t.join();
  for (const auto& h : hits) {
    for (int v : h) ASSERT_EQ(v, 1);
  }
  int calls = 0;
  pool.ParallelFor(0, 10, [&](size_t, size_t) { ++calls; });
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace doro::server
