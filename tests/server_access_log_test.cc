// `doro serve` for operators: the access log (one line per request), a
// request line with raw spaces answered 400 (not a dropped connection), and
// `keyword` accepted as the juso API's name for `address`.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <mutex>
#include <regex>
#include <sstream>

#include "server/server.h"
#include "server_test_util.h"

namespace doro::server {
namespace {

using namespace doro::server::testing;  // NOLINT
using ::testing::HasSubstr;
using ::testing::Not;

// Captures what spdlog's default logger writes while it lives.
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(stream_);
    sink->set_pattern("%v");
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", sink));
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  std::string text() {
    spdlog::default_logger()->flush();
    return stream_.str();
  }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::ostringstream stream_;
};

class ServerOpsTest : public ::testing::Test {
 protected:
  void Start(bool access_log) {
    ServerOptions options;
    options.port = 0;
    options.threads = 1;
    options.access_log = access_log;
    server_ = std::make_unique<Server>(options, std::make_shared<FakeEngine>(), nullptr);
    std::string error;
    ASSERT_TRUE(server_->Start(&error)) << error;
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }
  std::unique_ptr<Server> server_;
};

TEST_F(ServerOpsTest, AccessLogHasOneLinePerRequestWithoutTheQuery) {
  LogCapture log;
  Start(true);
  {
    Client c(server_->port());
    EXPECT_EQ(c.Get("/v1/refine?address=ok%3Asecret").result_int(), 200);
    EXPECT_EQ(c.Post("/v1/refine/batch", R"({"addresses":["ok:a","b","ok:c"]})").result_int(), 200);
    EXPECT_EQ(c.Get("/nowhere").result_int(), 404);
  }
  server_->Stop();
  const std::string text = log.text();
  EXPECT_TRUE(std::regex_search(text, std::regex(R"(access GET /v1/refine 200 1 \d+\.\dms\n)"))) << text;
  EXPECT_TRUE(std::regex_search(text, std::regex(R"(access POST /v1/refine/batch 200 3 \d+\.\dms\n)"))) << text;
  EXPECT_TRUE(std::regex_search(text, std::regex(R"(access GET /nowhere 404 0 \d+\.\dms\n)"))) << text;
  EXPECT_THAT(text, Not(HasSubstr("secret")));  // labels are personal data
}

TEST_F(ServerOpsTest, NoAccessLogUnlessAsked) {
  LogCapture log;
  Start(false);
  {
    Client c(server_->port());
    EXPECT_EQ(c.Get("/healthz").result_int(), 200);
  }
  server_->Stop();
  EXPECT_THAT(log.text(), Not(HasSubstr("access ")));
}

// What a hand-written client or a shell script sends when it forgets to
// encode the label: a 400 that says so, not a closed connection.
TEST_F(ServerOpsTest, RawSpacesInTheUrlAre400) {
  Start(true);
  for (const std::string target : {"/v1/refine?address=ok:a b", "/v1/refine?address=Seoul  Jongno-gu 1"}) {
    Client c(server_->port());
    c.WriteRaw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    const HttpResponse r = c.ReadResponse();
    EXPECT_EQ(r.result_int(), 400) << target;
    EXPECT_THAT(r.body(), HasSubstr("bad HTTP request")) << target;
  }
  Client c(server_->port());
  EXPECT_EQ(c.Get("/v1/refine?address=ok%3Aa%20b").result_int(), 200);
}

TEST_F(ServerOpsTest, KeywordIsAnAliasOfAddress) {
  Start(false);
  Client c(server_->port());
  const HttpResponse by_keyword = c.Get("/v1/refine?keyword=ok%3Awang");
  EXPECT_EQ(by_keyword.result_int(), 200);
  EXPECT_EQ(by_keyword.body(), c.Get("/v1/refine?address=ok%3Awang").body());
  EXPECT_THAT(by_keyword.body(), HasSubstr("\"status\":\"ok\""));
  EXPECT_EQ(c.Get("/v1/refine?keyword=ok%3Aa&address=ok%3Ab").result_int(), 400);
  const HttpResponse missing = c.Get("/v1/refine?q=x");
  EXPECT_EQ(missing.result_int(), 400);
  EXPECT_THAT(missing.body(), HasSubstr("keyword"));
}

}  // namespace
}  // namespace doro::server
