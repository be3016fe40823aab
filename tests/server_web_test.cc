// The operator page as `doro serve` hands it out: GET / is the embedded
// index.html, each file it loads is there with its content type, the list
// in /assets.json names what is embedded, and only GET is accepted.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "server/handlers.h"
#include "server/web_assets.h"
#include "server_test_util.h"

namespace doro::server {
namespace {

using testing::FakeEngine;
using testing::ParseJson;

std::string ReadSource(const std::string& relative) {
  std::ifstream in(std::string(DORO_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class WebTest : public ::testing::Test {
 protected:
  Response Get(std::string_view target) { return handlers_.Handle(Request{"GET", target, "", true}); }
  Handlers handlers_{Limits{}, std::make_shared<FakeEngine>(), nullptr, nullptr};
};

TEST_F(WebTest, RootIsTheEmbeddedIndexPage) {
  const Response r = Get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(r.body, ReadSource("web/src/index.html"));  // byte for byte, as committed
  EXPECT_EQ(Get("/index.html").body, r.body);
  EXPECT_EQ(Get("/?lang=en").body, r.body);  // a query does not change the path
}

TEST_F(WebTest, EverySourceFileIsServedWithItsType) {
  const auto list = ParseJson(Get("/assets.json").body);
  ASSERT_TRUE(list.IsArray());
  std::vector<std::string> names;
  for (const auto& v : list.GetArray()) names.emplace_back(v.GetString());
  for (const char* name : {"app.js", "i18n.js", "tabular.js", "results.js", "refine.js", "xlsx.js", "style.css"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
    const Response r = Get("/" + std::string(name));
    EXPECT_EQ(r.status, 200) << name;
    EXPECT_EQ(r.body, ReadSource(std::string("web/src/") + name)) << name;
    const std::string type = std::string(name).ends_with(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
    EXPECT_EQ(r.content_type, type) << name;
  }
  // Every listed asset is really there.
  for (const std::string& name : names) EXPECT_EQ(Get("/" + name).status, 200) << name;
}

TEST_F(WebTest, OnlyGetAndOnlyKnownPaths) {
  const Response post = handlers_.Handle(Request{"POST", "/", "{}", true});
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.allow, "GET");
  EXPECT_EQ(Get("/app.js/").status, 404);
  EXPECT_EQ(Get("/../CMakeLists.txt").status, 404);
  EXPECT_EQ(Get("/vendor/").status, 404);
  EXPECT_EQ(FindWebAsset("/nope.js"), nullptr);
  // The API is not shadowed by the page.
  EXPECT_EQ(Get("/healthz").status, 200);
}

TEST_F(WebTest, PageRequestsAreCountedUnderOneLabel) {
  Get("/");
  Get("/app.js");
  Get("/nope");
  const Response m = Get("/metrics");
  EXPECT_NE(m.body.find(R"(doro_http_requests_total{endpoint="/",code="200"} 2)"), std::string::npos) << m.body;
}

}  // namespace
}  // namespace doro::server
