// The HTTP service over real loopback sockets, with the server on an
// ephemeral port inside the test and a fake engine: keep-alive, chunked
// bodies, malformed requests, limits, timeouts, concurrency, graceful stop
// and reload under load.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "server/server.h"
#include "server_test_util.h"

namespace doro::server {
namespace {

using namespace doro::server::testing;  // NOLINT

// Sleeps on labels "slow:<ms>" so that a request can be in flight on purpose.
class SlowEngine : public FakeEngine {
 public:
  Answer RefineChecked(std::string_view label, Detail detail) const override {
    if (label.substr(0, 5) == "slow:") {
      slow_entered.fetch_add(1);
      std::this_thread::sleep_for(std::chrono::milliseconds(std::stoi(std::string(label.substr(5)))));
    }
    return FakeEngine::RefineChecked(label, detail);
  }
  mutable std::atomic<int> slow_entered{0};
};

class HttpTest : public ::testing::Test {
 protected:
  void StartServer(ServerOptions options = {}, ReloadFn reload = nullptr) {
    options.port = 0;
    if (options.threads == 0) options.threads = 2;
    engine_ = std::make_shared<SlowEngine>();
    server_ = std::make_unique<Server>(options, engine_, std::move(reload));
    std::string error;
    ASSERT_TRUE(server_->Start(&error)) << error;
    ASSERT_NE(server_->port(), 0);
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }
  uint16_t port() const { return server_->port(); }
  void ExpectHealthy() {
    Client c(port());
    const HttpResponse r = c.Get("/healthz");
    EXPECT_EQ(r.result_int(), 200);
    EXPECT_EQ(ParseJson(r.body())["status"].GetString(), std::string("ok"));
  }

  std::shared_ptr<SlowEngine> engine_;
  std::unique_ptr<Server> server_;
};

std::string ContestBody(int n, int offset = 0) {
  std::string body = R"({"requestList":[)";
  for (int i = 0; i < n; ++i) {
    if (i) body += ",";
    const int k = i + offset;
    body += R"({"seq":)" + std::to_string(k) + R"(,"requestAddress":")" + (k % 4 ? "ok:" : "none:") +
            std::to_string(k) + R"("})";
  }
  return body + "]}";
}

void ExpectContestAnswers(const std::string& response, int n, int offset = 0) {
  const auto d = ParseJson(response);
  ASSERT_TRUE(d.IsObject()) << response.substr(0, 300);
  ASSERT_STREQ(d["HEADER"]["RESULT_CODE"].GetString(), "S");
  ASSERT_EQ(d["BODY"].Size(), static_cast<unsigned>(n));
  for (int i = 0; i < n; ++i) {
    const int k = i + offset;
    ASSERT_EQ(d["BODY"][i]["seq"].GetString(), std::to_string(k));
    ASSERT_EQ(d["BODY"][i]["resultAddress"].GetString(), k % 4 ? "주소 " + std::to_string(k) : std::string("답 없음"));
  }
}

TEST_F(HttpTest, ContestShapeAndKeepAlive) {
  StartServer();
  Client c(port());
  for (int round = 0; round < 3; ++round) {  // one connection throughout
    const HttpResponse r = c.Post("/v1/batch", R"({"requestList":[{"seq":1,"requestAddress":"ok:a"},{"seq":"2","requestAddress":"b"}]})");
    EXPECT_EQ(r.result_int(), 200);
    EXPECT_EQ(r[http::field::content_type], "application/json");
    EXPECT_TRUE(r.keep_alive());
    EXPECT_EQ(r.body(),
              R"({"HEADER":{"RESULT_CODE":"S","RESULT_MSG":"Success"},"BODY":[)"
              R"({"seq":"1","resultAddress":"주소 a"},{"seq":"2","resultAddress":"답 없음"}]})");
  }
}

TEST_F(HttpTest, TwentyThousandLabelsCompleteAndInOrder) {
  StartServer();
  Client c(port());
  const HttpResponse r = c.Post("/v1/batch", ContestBody(20000));
  ASSERT_EQ(r.result_int(), 200);
  ExpectContestAnswers(r.body(), 20000);
}

TEST_F(HttpTest, MultiMegabyteBodyIsParsedWhole) {
  StartServer();
  Client c(port());
  const int n = 40000;
  std::string body = R"({"requestList":[)";
  const std::string pad(150, 'p');
  for (int i = 0; i < n; ++i) {
    body += std::string(i ? "," : "") + R"({"seq":)" + std::to_string(i) + R"(,"requestAddress":"ok:)" +
            std::to_string(i) + R"(","note":")" + pad + R"(\""})";
  }
  body += "]}";
  ASSERT_GT(body.size(), size_t{6} << 20);
  const HttpResponse r = c.Post("/v1/batch", body);
  ASSERT_EQ(r.result_int(), 200);
  const auto d = ParseJson(r.body());
  ASSERT_EQ(d["BODY"].Size(), static_cast<unsigned>(n));
  for (int i = 0; i < n; i += 997) {
    EXPECT_EQ(d["BODY"][i]["resultAddress"].GetString(), "주소 " + std::to_string(i));
  }
  // And a small one right after, on the same connection and thread.
  EXPECT_EQ(c.Post("/v1/batch", ContestBody(3)).result_int(), 200);
}

TEST_F(HttpTest, ChunkedBodiesWork) {
  StartServer();
  Client c(port());
  const std::string body = ContestBody(300);
  const std::string expected = c.Post("/v1/batch", body).body();
  for (size_t chunk : {1, 7, 4096, 1 << 20}) {
    const HttpResponse r = c.PostChunked("/v1/batch", body, chunk);
    EXPECT_EQ(r.result_int(), 200) << chunk;
    EXPECT_EQ(r.body(), expected) << chunk;
  }
  const HttpResponse one = c.PostChunked("/v1/refine", R"({"address":"ok:x"})", 3);
  EXPECT_EQ(one.result_int(), 200);
  EXPECT_EQ(ParseJson(one.body())["roadAddrPart1"].GetString(), std::string("주소 x"));
}

TEST_F(HttpTest, MalformedBodiesAnswer400AndKeepServing) {
  StartServer();
  Client c(port());
  const std::vector<std::string> bodies = {
      "", "{", "}", "[]", "[{}]", "null", "{\"requestList\":", "{\"requestList\":[{\"seq\":1,",
      R"({"requestList":[{"seq":1,"requestAddress":"a"}]]})", R"({"requestList":[{"seq":{},"requestAddress":"a"}]})",
      R"({"requestList":[{"seq":1,"requestAddress":false}]})", std::string(100000, '['), std::string(5000, '{'),
      "\xff\xfe\xfd", std::string("{\"requestList\":[]\0}", 19), "{\"requestList\":[]} trailing"};
  for (const auto& body : bodies) {
    for (const char* target : {"/v1/batch", "/v1/refine", "/v1/refine/batch"}) {
      const HttpResponse r = c.Post(target, body);
      EXPECT_EQ(r.result_int(), 400) << target << " " << body.substr(0, 40);
      const auto d = ParseJson(r.body());
      EXPECT_TRUE(d.IsObject()) << r.body();
    }
  }
  ExpectHealthy();
}

TEST_F(HttpTest, ContentTypeIsNotRequired) {
  StartServer();
  Client c(port());
  for (std::string_view type : {"text/plain", "", "application/x-www-form-urlencoded"}) {
    const HttpResponse r = c.Send(http::verb::post, "/v1/refine", R"({"address":"ok:q"})", true, type);
    EXPECT_EQ(r.result_int(), 200) << type;
  }
}

TEST_F(HttpTest, UnknownPathsAndMethods) {
  StartServer();
  Client c(port());
  HttpResponse r = c.Get("/nope");
  EXPECT_EQ(r.result_int(), 404);
  EXPECT_EQ(ParseJson(r.body())["code"].GetInt(), 404);
  r = c.Send(http::verb::put, "/v1/batch", "{}");
  EXPECT_EQ(r.result_int(), 405);
  EXPECT_EQ(r[http::field::allow], "POST");
  r = c.Send(http::verb::delete_, "/v1/refine");
  EXPECT_EQ(r.result_int(), 405);
  EXPECT_EQ(r[http::field::allow], "GET, POST");
  r = c.Get("/v1/refine?address=ok%3Az");
  EXPECT_EQ(r.result_int(), 200);
}

TEST_F(HttpTest, GarbageHttpIs400ThenClosed) {
  StartServer();
  {
    Client c(port());
    c.WriteRaw("THIS IS NOT HTTP\r\n\r\n");
    const HttpResponse r = c.ReadResponse();
    EXPECT_EQ(r.result_int(), 400);
    EXPECT_TRUE(c.ClosedByPeer());
  }
  {
    Client c(port());
    c.WriteRaw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(100000, 'a') + "\r\n\r\n");
    const HttpResponse r = c.ReadResponse();
    EXPECT_EQ(r.result_int(), 431);
  }
  {
    Client c(port());  // chunk size that is not hex
    c.WriteRaw("POST /v1/batch HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
    EXPECT_EQ(c.ReadResponse().result_int(), 400);
  }
  ExpectHealthy();
}

TEST_F(HttpTest, BodyOverLimitIs413) {
  ServerOptions options;
  options.limits.max_body_bytes = 1000;
  StartServer(options);
  {
    Client c(port());
    const HttpResponse r = c.Post("/v1/batch", ContestBody(100));
    EXPECT_EQ(r.result_int(), 413);
    const auto d = ParseJson(r.body());
    ASSERT_TRUE(d.IsObject()) << r.body();
    EXPECT_STREQ(d["HEADER"]["RESULT_CODE"].GetString(), "F");
  }
  {
    Client c(port());
    const HttpResponse r = c.PostChunked("/v1/refine/batch", R"({"addresses":[")" + std::string(5000, 'a') + "\"]}", 100);
    EXPECT_EQ(r.result_int(), 413);
    EXPECT_EQ(ParseJson(r.body())["code"].GetInt(), 413);
  }
  Client c(port());
  EXPECT_EQ(c.Post("/v1/batch", ContestBody(3)).result_int(), 200);
}

// curl sends "Expect: 100-continue" before bodies over 1 MiB and waits up to
// a second for the go-ahead; the server must give it at once (and refuse an
// oversized body before it is sent).
TEST_F(HttpTest, ExpectContinueIsAnsweredBeforeTheBody) {
  ServerOptions options;
  options.limits.max_body_bytes = 100000;
  StartServer(options);
  const std::string body = ContestBody(3);
  {
    Client c(port());
    c.SetReadTimeout(5);
    c.WriteRaw("POST /v1/batch HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n");
    EXPECT_EQ(c.ReadResponse().result_int(), 100);
    c.WriteRaw(body);
    const HttpResponse r = c.ReadResponse();
    EXPECT_EQ(r.result_int(), 200);
    EXPECT_EQ(std::string(ParseJson(r.body())["HEADER"]["RESULT_CODE"].GetString()), "S");
  }
  {
    Client c(port());
    c.SetReadTimeout(5);
    c.WriteRaw("POST /v1/batch HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 200000\r\n\r\n");
    EXPECT_EQ(c.ReadResponse().result_int(), 413);
  }
  ExpectHealthy();
}

// The body of known length is read in one go: it may arrive in pieces, be
// followed by a pipelined request, or stop short when the client gives up.
TEST_F(HttpTest, BodiesInPiecesFollowedOrCutShort) {
  StartServer();
  const std::string body = ContestBody(2000);
  const std::string head = "POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  {
    Client c(port());
    c.WriteRaw(head + body.substr(0, 100));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    c.WriteRaw(body.substr(100, 50000));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    c.WriteRaw(body.substr(50100) + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    const HttpResponse r = c.ReadResponse();
    EXPECT_EQ(r.result_int(), 200);
    EXPECT_EQ(ParseJson(r.body())["BODY"].Size(), 2000u);
    EXPECT_EQ(c.ReadResponse().result_int(), 200);  // the pipelined GET
  }
  {
    Client c(port());
    c.WriteRaw(head + body.substr(0, 1000));
    beast::error_code ec;
    c.socket().shutdown(tcp::socket::shutdown_send, ec);
    beast::flat_buffer buffer;
    http::response<http::string_body> r;
    http::read(c.socket(), buffer, r, ec);  // a 400, or the connection just closes
    if (!ec) {
      EXPECT_EQ(r.result_int(), 400);
    }
  }
  ExpectHealthy();
}

TEST_F(HttpTest, PipelinedRequestsAnswerInOrder) {
  StartServer();
  Client c(port());
  std::string raw;
  for (int i = 0; i < 5; ++i) {
    const std::string body = R"({"address":"ok:p)" + std::to_string(i) + "\"}";
    raw += "POST /v1/refine HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  }
  c.WriteRaw(raw);
  for (int i = 0; i < 5; ++i) {
    const HttpResponse r = c.ReadResponse();
    EXPECT_EQ(ParseJson(r.body())["input"].GetString(), "ok:p" + std::to_string(i));
  }
}

TEST_F(HttpTest, Http10AndConnectionClose) {
  StartServer();
  {
    Client c(port());
    c.WriteRaw("GET /healthz HTTP/1.0\r\n\r\n");
    EXPECT_EQ(c.ReadResponse().result_int(), 200);
    EXPECT_TRUE(c.ClosedByPeer());
  }
  {
    Client c(port());
    const HttpResponse r = c.Send(http::verb::get, "/healthz", "", /*keep_alive=*/false);
    EXPECT_EQ(r.result_int(), 200);
    EXPECT_FALSE(r.keep_alive());
    EXPECT_TRUE(c.ClosedByPeer());
  }
}

TEST_F(HttpTest, IdleAndSlowClientsAreDroppedWithoutPinningAThread) {
  ServerOptions options;
  options.threads = 1;
  options.idle_timeout = std::chrono::milliseconds(300);
  StartServer(options);
  Client idle(port());
  Client slow(port());
  slow.WriteRaw("POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"requ");
  // With one I/O thread, other clients are still served meanwhile.
  for (int i = 0; i < 5; ++i) ExpectHealthy();
  EXPECT_TRUE(idle.ClosedByPeer());
  EXPECT_TRUE(slow.ClosedByPeer());
  ExpectHealthy();
}

TEST_F(HttpTest, ConcurrentClients) {
  ServerOptions options;
  options.threads = 3;
  StartServer(options);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      Client c(port());
      for (int i = 0; i < 100; ++i) {
        const int k = t * 1000 + i;
        if (i % 10 == 0) {
          const HttpResponse r = c.Post("/v1/batch", ContestBody(50, k));
          if (r.result_int() != 200 || r.body().find("\"seq\":\"" + std::to_string(k + 49) + "\"") == std::string::npos) {
            ++failures;
          }
        } else {
          const HttpResponse r = c.Get("/v1/refine?address=ok:" + std::to_string(k));
          if (r.result_int() != 200 || ParseJson(r.body())["roadAddrPart1"].GetString() != "주소 " + std::to_string(k)) {
            ++failures;
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  ExpectHealthy();
}

TEST_F(HttpTest, StopFinishesInFlightRequests) {
  StartServer();
  Client idle(port());
  EXPECT_EQ(idle.Get("/healthz").result_int(), 200);  // now an idle keep-alive connection
  HttpResponse slow_response;
  std::thread in_flight([&] {
    Client c(port());
    slow_response = c.Get("/v1/refine?address=slow:400");
  });
  // Stop only once the slow request is inside the engine.
  for (int i = 0; i < 1000 && engine_->slow_entered == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(engine_->slow_entered, 1);
  server_->Stop();
  in_flight.join();
  EXPECT_EQ(slow_response.result_int(), 200);
  EXPECT_FALSE(slow_response.keep_alive());
  EXPECT_TRUE(idle.ClosedByPeer());
  net::io_context ioc;
  tcp::socket s(ioc);
  beast::error_code ec;
  s.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port()), ec);
  EXPECT_TRUE(ec) << "still accepting after Stop()";
}

TEST_F(HttpTest, ReloadUnderLoadDropsNothing) {
  std::atomic<int> generation{0};
  StartServer({}, [&](std::string*) -> std::shared_ptr<const Engine> {
    return std::make_shared<FakeEngine>("#" + std::to_string(++generation));
  });
  std::atomic<bool> done{false};
  std::atomic<int> failures{0}, requests{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&, t] {
      Client c(port());
      int i = 0;
      while (!done) {
        ++i;
        if (t % 2) {
          const HttpResponse r = c.Post("/v1/batch", ContestBody(40, i * 40));
          const auto d = ParseJson(r.body());
          if (r.result_int() != 200 || !d.IsObject() || d["BODY"].Size() != 40) ++failures;
        } else {
          const HttpResponse r = c.Get("/v1/refine?address=ok:w");
          const auto d = ParseJson(r.body());
          if (r.result_int() != 200 || !d.IsObject() ||
              std::string(d["roadAddrPart1"].GetString()).rfind("주소 w", 0) != 0) {
            ++failures;
          }
        }
        ++requests;
      }
    });
  }
  Client admin(port());
  for (int i = 0; i < 20; ++i) {
    const HttpResponse r = admin.Post("/admin/reload", "");
    EXPECT_EQ(r.result_int(), 200) << r.body();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  done = true;
  for (auto& t : clients) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GE(requests.load(), 4);
  EXPECT_EQ(generation.load(), 20);
  Client c(port());
  EXPECT_EQ(ParseJson(c.Get("/v1/refine?address=ok:w").body())["roadAddrPart1"].GetString(), std::string("주소 w#20"));
}

TEST_F(HttpTest, ReloadAsyncForSignals) {
  StartServer({}, [](std::string* error) -> std::shared_ptr<const Engine> {
    *error = "no such directory";
    return nullptr;
  });
  std::promise<Response> got;
  server_->ReloadAsync([&](const Response& r) { got.set_value(r); });
  const Response r = got.get_future().get();
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(r.body.find("no such directory"), std::string::npos);
  ExpectHealthy();
}

// A reload blocked until the test lets it go, so that signals arrive while
// it runs: forced interleavings, no timing.
struct BlockedReload {
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released{release.get_future().share()};
  std::atomic<int> calls{0};
  ReloadFn Fn() {
    return [this](std::string*) -> std::shared_ptr<const Engine> {
      if (calls.fetch_add(1) == 0) {
        entered.set_value();
        released.wait();
      }
      return std::make_shared<FakeEngine>("#" + std::to_string(calls.load()));
    };
  }
};

struct Collected {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<int> statuses;
  std::function<void(const Response&)> Add() {
    return [this](const Response& r) {
      std::lock_guard<std::mutex> lock(mu);
      statuses.push_back(r.status);
      cv.notify_all();
    };
  }
  std::vector<int> WaitFor(size_t n) {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return statuses.size() >= n; });
    return statuses;
  }
};

TEST_F(HttpTest, FiftySignalsDuringAReloadRunOneMoreReload) {
  BlockedReload reload;
  StartServer({}, reload.Fn());
  Collected got;
  server_->ReloadAsync(got.Add());
  reload.entered.get_future().wait();
  for (int i = 0; i < 49; ++i) server_->ReloadAsync(got.Add());
  ExpectHealthy();  // requests are served while it reloads
  reload.release.set_value();
  const auto statuses = got.WaitFor(50);
  for (int s : statuses) EXPECT_EQ(s, 200);
  EXPECT_EQ(reload.calls.load(), 2);
  Client c(port());
  EXPECT_EQ(ParseJson(c.Get("/v1/refine?address=ok:w").body())["roadAddrPart1"].GetString(), std::string("주소 w#2"));
}

TEST_F(HttpTest, StopDuringAReloadDropsTheWaitingOne) {
  BlockedReload reload;
  StartServer({}, reload.Fn());
  Collected got;
  server_->ReloadAsync(got.Add());
  reload.entered.get_future().wait();
  for (int i = 0; i < 49; ++i) server_->ReloadAsync(got.Add());
  std::thread stopper([&] { server_->Stop(); });
  // The 49 waiting are answered 503 as Stop begins; the running one ends.
  for (int s : got.WaitFor(49)) EXPECT_EQ(s, 503);
  reload.release.set_value();
  const auto statuses = got.WaitFor(50);
  stopper.join();
  EXPECT_EQ(statuses.back(), 200);
  EXPECT_EQ(reload.calls.load(), 1);
}

// Bodies being received share one budget: past it a new large body gets 503
// with Retry-After before it is read, small requests still pass, and the
// budget comes back when a body is done or its client goes away.
TEST_F(HttpTest, BodiesPastTheBudgetGet503AndTheServerStaysHealthy) {
  ServerOptions options;
  options.max_buffered_body_bytes = 1 << 20;
  StartServer(options);
  std::string big = R"({"addresses":[)";
  for (int i = 0; i < 6800; ++i) big += (i ? ",\"ok:" : "\"ok:") + std::string(96, 'a') + "\"";
  big += "]}";
  ASSERT_GT(big.size(), 600000u);
  ASSERT_LT(big.size(), 800000u);
  const std::string head = "POST /v1/refine/batch HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: " +
                           std::to_string(big.size()) + "\r\n\r\n";
  auto buffered = [&] {
    Client m(port());
    const std::string text = m.Get("/metrics").body();
    const std::string key = "\ndoro_request_body_bytes_buffered ";
    const size_t at = text.find(key);
    return at == std::string::npos ? -1 : std::stoll(text.substr(at + key.size()));
  };
  // A holds most of the budget: its header is in, its body not yet sent.
  Client a(port());
  a.WriteRaw(head);
  ASSERT_EQ(a.ReadResponse().result_int(), 100);  // charged before the go-ahead
  EXPECT_EQ(buffered(), static_cast<long long>(big.size()));
  {
    Client b(port());
    const HttpResponse r = b.Post("/v1/refine/batch", big);
    EXPECT_EQ(r.result_int(), 503);
    EXPECT_EQ(r[http::field::retry_after], "1");
    EXPECT_EQ(ParseJson(r.body())["code"].GetInt(), 503);
    EXPECT_NE(r.body().find("budget"), std::string::npos) << r.body();
  }
  {
    Client b(port());
    const HttpResponse r = b.Send(http::verb::post, "/v1/batch", big);
    EXPECT_EQ(r.result_int(), 503);
    EXPECT_STREQ(ParseJson(r.body())["HEADER"]["RESULT_CODE"].GetString(), "F");  // the contest shape
  }
  {
    Client chunked(port());  // charged chunk by chunk, refused at the chunk past the budget
    const HttpResponse r = chunked.PostChunked("/v1/refine/batch", big, 100000);
    EXPECT_EQ(r.result_int(), 503);
    EXPECT_EQ(r[http::field::retry_after], "1");
  }
  ExpectHealthy();
  {
    Client small(port());
    EXPECT_EQ(small.Post("/v1/refine", R"({"address":"ok:x"})").result_int(), 200);
    EXPECT_EQ(small.Post("/v1/batch", ContestBody(50)).result_int(), 200);
  }
  EXPECT_EQ(buffered(), static_cast<long long>(big.size()));  // the refused ones gave theirs back
  a.WriteRaw(big);
  const HttpResponse done = a.ReadResponse();
  EXPECT_EQ(done.result_int(), 200);
  EXPECT_EQ(ParseJson(done.body())["results"].Size(), 6800u);
  EXPECT_EQ(buffered(), 0);
  {
    Client b(port());
    EXPECT_EQ(b.Post("/v1/refine/batch", big).result_int(), 200);
  }
  // A client that goes away mid-body gives its share back.
  {
    Client gone(port());
    gone.WriteRaw(head);
    ASSERT_EQ(gone.ReadResponse().result_int(), 100);
    gone.WriteRaw(big.substr(0, 1000));
  }
  long long left = -1;
  for (int i = 0; i < 10000 && (left = buffered()) != 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_EQ(left, 0);
  Client b(port());
  EXPECT_EQ(b.Post("/v1/refine/batch", big).result_int(), 200);
  const std::string metrics = b.Get("/metrics").body();
  EXPECT_NE(metrics.find("doro_request_bodies_over_budget_total 3\n"), std::string::npos) << metrics;
}

TEST(ServerStartTest, BadHostAndBusyPort) {
  ServerOptions options;
  options.host = "not-an-address";
  options.port = 0;
  Server bad(options, std::make_shared<FakeEngine>(), nullptr);
  std::string error;
  EXPECT_FALSE(bad.Start(&error));
  EXPECT_NE(error.find("not-an-address"), std::string::npos);

  options.host = "127.0.0.1";
  Server first(options, std::make_shared<FakeEngine>(), nullptr);
  ASSERT_TRUE(first.Start(&error)) << error;
  options.port = first.port();
  Server second(options, std::make_shared<FakeEngine>(), nullptr);
  EXPECT_FALSE(second.Start(&error));
  first.Stop();
}

}  // namespace
}  // namespace doro::server
