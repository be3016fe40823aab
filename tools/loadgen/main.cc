// loadgen: a small load generator for `doro serve`, loopback only, bounded
// in requests and time. Two phases:
//   (a) batch: one POST /v1/batch of --batch-size labels, --batch-runs times;
//       prints each wall time and min/median.
//   (b) get: single-label GET /v1/refine with keep-alive at each of
//       --connections levels for --seconds (or --max-requests) each;
//       prints requests/s and p50/p90/p99/max latency.
// Labels come from --labels FILE (one per line), or are generated from the
// rows of --gen-db PATH (the messy-label generator), default: data/demo/labels.txt.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "db/address_row.h"
#include "testgen/labels.h"

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Flags {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  std::string labels_file;
  std::string gen_db;
  std::string phases = "batch,get";
  size_t batch_size = 20000;
  int batch_runs = 5;
  std::vector<int> connections = {1, 16, 64};
  double seconds = 5;
  uint64_t max_requests = 2000000;
};

std::string UrlEncode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

std::string JsonEscape(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out + "\"";
}

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const size_t k = std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5));
  std::nth_element(v.begin(), v.begin() + k, v.end());
  return v[k];
}

std::vector<std::string> LoadLabels(const Flags& f) {
  std::vector<std::string> labels;
  if (!f.gen_db.empty()) {
    std::vector<doro::db::AddressRow> rows;
    std::string error;
    if (!doro::gen::LoadRows(f.gen_db, &rows, &error)) {
      std::fprintf(stderr, "loadgen: %s\n", error.c_str());
      throw CLI::RuntimeError(2);
    }
    doro::gen::LabelGenerator gen(std::move(rows));
    for (auto& c : gen.Generate(f.batch_size, /*seed=*/1)) labels.push_back(std::move(c.label));
  } else {
    const std::string path = f.labels_file.empty() ? std::string("data/demo/labels.txt") : f.labels_file;
    std::ifstream in(path);
    if (!in) {
      std::fprintf(stderr, "loadgen: cannot read %s\n", path.c_str());
      throw CLI::RuntimeError(2);
    }
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) labels.push_back(line);
    }
  }
  if (labels.empty()) {
    std::fprintf(stderr, "loadgen: no labels\n");
    throw CLI::RuntimeError(2);
  }
  return labels;
}

void BatchPhase(const Flags& f, const std::vector<std::string>& labels) {
  std::string body = R"({"requestList":[)";
  for (size_t i = 0; i < f.batch_size; ++i) {
    if (i) body += ",";
    body += R"({"seq":)" + std::to_string(i + 1) + R"(,"requestAddress":)" + JsonEscape(labels[i % labels.size()]) + "}";
  }
  body += "]}";
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(tcp::endpoint(net::ip::make_address(f.host), f.port));
  std::vector<double> ms;
  for (int run = 0; run < f.batch_runs; ++run) {
    http::request<http::string_body> req{http::verb::post, "/v1/batch", 11};
    req.set(http::field::host, f.host);
    req.set(http::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(1ull << 30);
    stream.expires_after(std::chrono::seconds(60));
    const auto start = Clock::now();
    http::write(stream, req);
    http::read(stream, buffer, parser);
    const double t = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    const auto& res = parser.get();
    size_t answered = 0, pos = 0;
    const std::string& rb = res.body();
    while ((pos = rb.find("\"resultAddress\":\"", pos)) != std::string::npos) {
      pos += 17;
      answered += rb.compare(pos, 10, "답 없음") != 0;
    }
    std::printf("batch run %d: %zu labels, HTTP %d, %zu answered, %zu bytes in, %.1f ms\n", run + 1, f.batch_size,
                res.result_int(), answered, rb.size(), t);
    ms.push_back(t);
  }
  std::sort(ms.begin(), ms.end());
  std::printf("batch %zu labels x %d runs: min %.1f ms, median %.1f ms\n", f.batch_size, f.batch_runs, ms.front(),
              ms[ms.size() / 2]);
}

// One keep-alive connection issuing GETs back to back.
class Conn : public std::enable_shared_from_this<Conn> {
 public:
  struct Shared {
    const std::vector<std::string>* targets;
    Clock::time_point deadline;
    uint64_t max_requests;
    uint64_t issued = 0;
    uint64_t errors = 0;
    std::vector<double> latencies_us;
  };
  Conn(net::io_context& ioc, Shared* shared, size_t offset) : stream_(ioc), shared_(shared), next_(offset) {}

  void Start(const tcp::endpoint& ep) {
    stream_.async_connect(ep, [self = shared_from_this()](beast::error_code ec) {
      if (ec) {
        ++self->shared_->errors;
        return;
      }
      self->stream_.socket().set_option(tcp::no_delay(true));
      self->Next();
    });
  }

 private:
  void Next() {
    if (Clock::now() >= shared_->deadline || shared_->issued >= shared_->max_requests) return;
    ++shared_->issued;
    req_ = {http::verb::get, (*shared_->targets)[next_++ % shared_->targets->size()], 11};
    req_.set(http::field::host, "127.0.0.1");
    start_ = Clock::now();
    stream_.expires_after(std::chrono::seconds(10));
    http::async_write(stream_, req_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) {
        ++self->shared_->errors;
        return;
      }
      self->res_ = {};
      http::async_read(self->stream_, self->buffer_, self->res_, [self](beast::error_code ec2, size_t) {
        if (ec2 || self->res_.result_int() != 200) {
          ++self->shared_->errors;
          if (ec2) return;
        }
        self->shared_->latencies_us.push_back(
            std::chrono::duration<double, std::micro>(Clock::now() - self->start_).count());
        self->Next();
      });
    });
  }

  beast::tcp_stream stream_;
  Shared* shared_;
  size_t next_;
  beast::flat_buffer buffer_;
  http::request<http::empty_body> req_;
  http::response<http::string_body> res_;
  Clock::time_point start_;
};

void GetPhase(const Flags& f, const std::vector<std::string>& labels) {
  std::vector<std::string> targets;
  for (const auto& l : labels) targets.push_back("/v1/refine?address=" + UrlEncode(l));
  const tcp::endpoint ep(net::ip::make_address(f.host), f.port);
  for (int conns : f.connections) {
    net::io_context ioc;
    Conn::Shared shared;
    shared.targets = &targets;
    shared.max_requests = f.max_requests;
    shared.latencies_us.reserve(1 << 20);
    const auto start = Clock::now();
    shared.deadline = start + std::chrono::milliseconds(static_cast<int64_t>(f.seconds * 1000));
    for (int i = 0; i < conns; ++i) {
      std::make_shared<Conn>(ioc, &shared, static_cast<size_t>(i) * 7919)->Start(ep);
    }
    ioc.run();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    auto& lat = shared.latencies_us;
    const size_t done = lat.size();
    std::printf("get %2d conn: %8zu requests in %.2f s = %8.0f req/s, p50 %.0f us, p90 %.0f us, p99 %.0f us, max %.0f us, errors %llu\n",
                conns, done, elapsed, done / elapsed, Percentile(lat, 0.5), Percentile(lat, 0.9),
                Percentile(lat, 0.99), lat.empty() ? 0.0 : *std::max_element(lat.begin(), lat.end()),
                static_cast<unsigned long long>(shared.errors));
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"loadgen: load generator for doro serve (loopback only)"};
  Flags f;
  app.add_option("--host", f.host, "Server address (loopback only)")->capture_default_str();
  app.add_option("--port", f.port, "Server port")->capture_default_str();
  app.add_option("--labels", f.labels_file, "Labels, one per line (default: data/demo/labels.txt, relative to the working directory)");
  app.add_option("--gen-db", f.gen_db, "Generate --batch-size labels from the rows of this database instead");
  app.add_option("--phases", f.phases, "Comma-separated: batch, get")->capture_default_str();
  app.add_option("--batch-size", f.batch_size, "Labels in the batch POST")->capture_default_str()->check(CLI::Range(1, 100000));
  app.add_option("--batch-runs", f.batch_runs, "Batch POSTs to time")->capture_default_str()->check(CLI::Range(1, 100));
  app.add_option("--connections", f.connections, "Connection counts for the GET phase")->delimiter(',')->check(CLI::Range(1, 512));
  app.add_option("--seconds", f.seconds, "Duration of each GET level")->capture_default_str()->check(CLI::Range(0.1, 60.0));
  app.add_option("--max-requests", f.max_requests, "Cap on GETs per level")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  boost::system::error_code ec;
  const auto addr = net::ip::make_address(f.host, ec);
  if (ec || !addr.is_loopback()) {
    std::fprintf(stderr, "loadgen: --host must be a loopback address\n");
    return 2;
  }
  try {
    const auto labels = LoadLabels(f);
    std::printf("loadgen: %zu distinct labels, server %s:%u\n", labels.size(), f.host.c_str(), f.port);
    if (f.phases.find("batch") != std::string::npos) BatchPhase(f, labels);
    if (f.phases.find("get") != std::string::npos) GetPhase(f, labels);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "loadgen: %s\n", e.what());
    return 1;
  }
  return 0;
}
