// Shared by the server tests: a fake engine with predictable answers, and a
// small blocking HTTP client built on Beast.
#ifndef DORO_TESTS_SERVER_TEST_UTIL_H_
#define DORO_TESTS_SERVER_TEST_UTIL_H_

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <cstdio>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <string>
#include <string_view>

#include "match/engine.h"

namespace doro::server::testing {

// Answers labels of the form "ok:<word>" with made-up address fields built
// from <word> and `tag`; everything else gets no_road. Counts calls.
class FakeEngine : public Engine {
 public:
  explicit FakeEngine(std::string tag = "", uint64_t rows = 7, EngineOptions options = {})
      : Engine(options), tag_(std::move(tag)) {
    report_.rows = rows;
    report_.roads = 3;
    report_.files = {{"fake.txt"}};
  }
  Answer RefineChecked(std::string_view label, Detail) const override {
    calls_.fetch_add(1);
    Answer a;
    if (label.substr(0, 3) != "ok:") {
      a.reason = Reason::kNoRoad;
      a.why = "fake: no road";
      a.ignored = {std::string(label)};
      return a;
    }
    const std::string word(label.substr(3));
    a.reason = Reason::kNone;
    a.address = "주소 " + word + tag_;
    a.reference = "(동)";
    a.address_full = a.address + " " + a.reference;
    a.zip = "12345";
    a.english = "E " + word;
    a.building_id = "B" + word;
    a.why = "fake: ok";
    a.used = {word};
    a.candidates = {{a.address, a.address_full, a.zip, a.building_id, 0.75}};
    return a;
  }
  const LoadReport& report() const override { return report_; }
  uint64_t calls() const { return calls_.load(); }

 private:
  std::string tag_;
  LoadReport report_;
  mutable std::atomic<uint64_t> calls_{0};
};

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using HttpResponse = http::response<http::string_body>;

// One keep-alive connection to 127.0.0.1:port.
class Client {
 public:
  explicit Client(uint16_t port) : socket_(ioc_) {
    socket_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    SetReadTimeout(60);
  }
  HttpResponse Send(http::verb method, std::string_view target, std::string body = "",
                    bool keep_alive = true, std::string_view content_type = "application/json") {
    http::request<http::string_body> req{method, std::string(target), 11};
    req.set(http::field::host, "127.0.0.1");
    if (!content_type.empty() && method == http::verb::post) req.set(http::field::content_type, content_type);
    req.keep_alive(keep_alive);
    req.body() = std::move(body);
    req.prepare_payload();
    http::write(socket_, req);
    return ReadResponse();
  }
  HttpResponse Get(std::string_view target) { return Send(http::verb::get, target); }
  HttpResponse Post(std::string_view target, std::string body) { return Send(http::verb::post, target, std::move(body)); }

  // Sends `body` with Transfer-Encoding: chunked, in chunks of `chunk` bytes.
  HttpResponse PostChunked(std::string_view target, std::string_view body, size_t chunk) {
    std::string raw = "POST " + std::string(target) +
                      " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n";
    for (size_t i = 0; i < body.size(); i += chunk) {
      const std::string_view part = body.substr(i, chunk);
      char size[32];
      std::snprintf(size, sizeof size, "%zx\r\n", part.size());
      raw += size;
      raw += part;
      raw += "\r\n";
    }
    raw += "0\r\n\r\n";
    WriteRaw(raw);
    return ReadResponse();
  }

  void WriteRaw(std::string_view bytes) { net::write(socket_, net::buffer(bytes.data(), bytes.size())); }
  HttpResponse ReadResponse() {
    http::response_parser<http::string_body> parser;
    parser.body_limit(1ull << 30);
    http::read(socket_, buffer_, parser);
    return parser.release();
  }
  // True when the server has closed the connection (reads EOF).
  bool ClosedByPeer() {
    beast::error_code ec;
    char c;
    socket_.read_some(net::buffer(&c, 1), ec);
    return ec == net::error::eof || ec == net::error::connection_reset;
  }
  tcp::socket& socket() { return socket_; }
  // Blocking reads fail after `seconds` instead of hanging a broken test.
  void SetReadTimeout(int seconds) {
    timeval tv{seconds, 0};
    ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }

 private:
  net::io_context ioc_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
};

inline rapidjson::Document ParseJson(const std::string& body) {
  rapidjson::Document d;
  d.Parse(body.data(), body.size());
  return d;
}

}  // namespace doro::server::testing

#endif  // DORO_TESTS_SERVER_TEST_UTIL_H_
