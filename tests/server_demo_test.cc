// The HTTP service end to end with the real engine on the built-in demo
// database: the contest example, a 20,000-label batch whose every result
// must equal what the engine says for that label, rich answers equal to the
// engine's Answer, and reload of the real database under load.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "server/server.h"
#include "server_test_util.h"

namespace doro::server {
namespace {

using namespace doro::server::testing;  // NOLINT

std::shared_ptr<const Engine> OpenDemo() {
  std::string error;
  std::shared_ptr<const Engine> engine = Engine::Open("", &error);
  EXPECT_TRUE(engine) << error;
  return engine;
}

std::vector<std::string> DemoLabels() {
  std::ifstream in(std::string(DORO_SOURCE_DIR) + "/data/demo/labels.txt");
  std::vector<std::string> labels;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) labels.push_back(line);
  }
  labels.push_back("nothing like an address");
  labels.push_back("");
  return labels;
}

std::string JsonString(std::string_view s) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  return buf.GetString();
}

class DemoServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_ = OpenDemo();
    ASSERT_TRUE(engine_);
    ServerOptions options;
    options.port = 0;
    options.threads = 2;
    server_ = std::make_unique<Server>(options, engine_, [](std::string* error) {
      return std::shared_ptr<const Engine>(Engine::Open("", error));
    });
    std::string error;
    ASSERT_TRUE(server_->Start(&error)) << error;
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }
  std::shared_ptr<const Engine> engine_;
  std::unique_ptr<Server> server_;
};

TEST_F(DemoServerTest, ContestExample) {
  Client c(server_->port());
  const HttpResponse r =
      c.Post("/v1/batch", R"({"requestList":[{"seq":1,"requestAddress":"B 93, Wangsan-ro, Dongdaemun-gu, Seoul"}]})");
  ASSERT_EQ(r.result_int(), 200);
  EXPECT_EQ(r.body(),
            R"({"HEADER":{"RESULT_CODE":"S","RESULT_MSG":"Success"},"BODY":[)"
            R"({"seq":"1","resultAddress":"서울특별시 동대문구 왕산로 지하 93"}]})");
}

TEST_F(DemoServerTest, TwentyThousandLabelsMatchTheEngineInOrder) {
  const auto labels = DemoLabels();
  ASSERT_GT(labels.size(), 10u);
  const int n = 20000;
  std::string body = R"({"requestList":[)";
  std::vector<std::string> expected;
  for (int i = 0; i < n; ++i) {
    const std::string& label = labels[(i * 7) % labels.size()];
    if (i) body += ",";
    body += R"({"seq":)" + std::to_string(i) + R"(,"requestAddress":)" + JsonString(label) + "}";
    const Answer a = engine_->Refine(label);
    expected.push_back(a.ok() ? a.address : "답 없음");
  }
  body += "]}";
  Client c(server_->port());
  const HttpResponse r = c.Post("/v1/batch", body);
  ASSERT_EQ(r.result_int(), 200);
  const auto d = ParseJson(r.body());
  ASSERT_EQ(d["BODY"].Size(), static_cast<unsigned>(n));
  int answered = 0;
  for (int i = 0; i < n; ++i) {
    ASSERT_EQ(d["BODY"][i]["seq"].GetString(), std::to_string(i));
    ASSERT_EQ(d["BODY"][i]["resultAddress"].GetString(), expected[i]) << i;
    answered += expected[i] != "답 없음";
  }
  EXPECT_GT(answered, n / 2);
}

TEST_F(DemoServerTest, RichAnswerIsTheEngineAnswer) {
  Client c(server_->port());
  for (const auto& label : DemoLabels()) {
    const Answer a = engine_->Refine(label);
    const HttpResponse r = c.Post("/v1/refine", R"({"address":)" + JsonString(label) + "}");
    ASSERT_EQ(r.result_int(), 200);
    const auto d = ParseJson(r.body());
    EXPECT_EQ(d["status"].GetString(), std::string(a.ok() ? "ok" : "no_answer")) << label;
    EXPECT_EQ(d["roadAddrPart1"].GetString(), a.ok() ? a.address : "") << label;
    EXPECT_EQ(d["roadAddr"].GetString(), a.ok() ? a.address_full : "") << label;
    EXPECT_EQ(d["zipNo"].GetString(), a.ok() ? a.zip : "") << label;
    EXPECT_EQ(d["bdMgtSn"].GetString(), a.ok() ? a.building_id : "") << label;
    if (a.ok()) {
      EXPECT_TRUE(d["reason"].IsNull());
    } else {
      EXPECT_EQ(d["reason"].GetString(), std::string(ReasonName(a.reason))) << label;
    }
    EXPECT_EQ(d["candidates"].Size(), a.candidates.size());
    EXPECT_EQ(d["used"].Size(), a.used.size());
  }
  const HttpResponse h = c.Get("/healthz");
  EXPECT_EQ(ParseJson(h.body())["rows"].GetUint64(), engine_->report().rows);
  const std::string metrics = c.Get("/metrics").body();
  EXPECT_NE(metrics.find("doro_db_rows " + std::to_string(engine_->report().rows) + "\n"), std::string::npos);
}

TEST_F(DemoServerTest, ReloadUnderLoadWithTheRealDatabase) {
  const std::string label = "B 93, Wangsan-ro, Dongdaemun-gu, Seoul";
  const std::string want = engine_->Refine(label).address;
  std::atomic<bool> done{false};
  std::atomic<int> failures{0}, requests{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 3; ++t) {
    clients.emplace_back([&] {
      Client c(server_->port());
      while (!done) {
        const HttpResponse r = c.Get("/v1/refine?address=B+93%2C+Wangsan-ro%2C+Dongdaemun-gu%2C+Seoul");
        const auto d = ParseJson(r.body());
        if (r.result_int() != 200 || !d.IsObject() || d["roadAddrPart1"].GetString() != want) ++failures;
        ++requests;
      }
    });
  }
  Client admin(server_->port());
  for (int i = 0; i < 5; ++i) {
    const HttpResponse r = admin.Post("/admin/reload", "");
    EXPECT_EQ(r.result_int(), 200) << r.body();
  }
  done = true;
  for (auto& t : clients) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(requests.load(), 0);
}

}  // namespace
}  // namespace doro::server
