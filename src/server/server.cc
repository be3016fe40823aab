#include "server/server.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "server/reload_queue.h"
#include "util/work_pool.h"

namespace doro::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr uint32_t kHeaderLimit = 64 * 1024;  // a URL-encoded 2,000-byte label fits
constexpr auto kLinger = std::chrono::seconds(2);

bool IsLoopback(const net::ip::address& a) {
  if (a.is_loopback()) return true;
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    return net::ip::make_address_v4(net::ip::v4_mapped, a.to_v6()).is_loopback();
  }
  return false;
}

}  // namespace

class Session;

struct Server::Impl {
  ServerOptions options;
  std::shared_ptr<const Engine> initial_engine;
  ReloadFn reload;
  std::unique_ptr<WorkPool> pool;
  std::unique_ptr<Handlers> handlers;

  // Declared before the io_context: sessions destroyed with it unregister here.
  std::mutex sessions_mu;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;

  std::mutex state_mu;
  std::condition_variable threads_done;
  unsigned running = 0;
  bool started = false;
  bool stopped = false;

  net::io_context ioc;
  std::optional<tcp::acceptor> acceptor;
  std::optional<net::steady_timer> retry_timer;
  std::optional<net::thread_pool> slow;  // reloads, off the I/O threads
  std::unique_ptr<ReloadQueue> reloads;
  std::optional<net::steady_timer> watch_timer;  // on a strand of its own
  // The watched file's signature as last seen by the watcher or opened by
  // a reload: the timer's handler and the reload thread both set it.
  std::mutex watch_mu;
  util::FileSignature watch_seen;
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};
  uint16_t port = 0;

  void Accept();
  void Watch();
  void WatchDir();
  Response Reload();
  // An operator's reload (SIGHUP, POST /admin/reload): with a watched
  // directory, a full rescan of it.
  void RequestExplicitReload(ReloadQueue::Done done) {
    if (options.watch_dir) options.watch_dir->RequestFullRescan();
    reloads->Request(std::move(done));
  }
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Server::Impl* impl) : stream_(std::move(socket)), impl_(impl) {
    beast::error_code ec;
    const auto peer = stream_.socket().remote_endpoint(ec);
    loopback_ = !ec && IsLoopback(peer.address());
    // A chunked body's size is known one chunk at a time: each chunk is
    // charged to the budget before its bytes are read.
    on_chunk_ = [this](uint64_t size, std::string_view, beast::error_code& cec) {
      if (size > 0 && !Charge(size)) {
        over_budget_ = true;
        cec = net::error::no_buffer_space;
      }
    };
  }

  ~Session() {
    ReleaseBody();
    std::lock_guard<std::mutex> lock(impl_->sessions_mu);
    impl_->sessions.erase(this);
  }

  void Run() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::Read, shared_from_this()));
  }

  // At shutdown: a connection waiting for its next request is closed; one
  // with a request under way is left to finish it.
  void CloseIfIdle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->reading_ && self->parser_ && !self->parser_->got_some() && self->buffer_.size() == 0) {
        beast::error_code ec;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        self->stream_.close();
      }
    });
  }

 private:
  void Read() {
    if (impl_->stopping) {
      Close();
      return;
    }
    ReleaseBody();
    // A buffer that once held a large body would keep its size for the
    // life of the connection.
    if (buffer_.size() == 0 && buffer_.capacity() > kSmallBodyBytes) buffer_.shrink_to_fit();
    parser_.emplace();
    parser_->body_limit(impl_->options.limits.max_body_bytes);
    parser_->header_limit(kHeaderLimit);
    parser_->on_chunk_header(on_chunk_);
    over_budget_ = false;
    reading_ = true;
    stream_.expires_after(impl_->options.idle_timeout);
    // The header first: a client that sent "Expect: 100-continue" (curl
    // does for bodies over 1 MiB) waits for our go-ahead before the body.
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, size_t bytes) {
    started_ = std::chrono::steady_clock::now();
    if (ec) return OnRead(ec, bytes);
    const auto& req = parser_->get();
    // Charged before any of the body is read, and before "100 Continue":
    // a body past the budget is refused without being received.
    if (const auto length = parser_->content_length();
        length && *length > 0 && *length <= impl_->options.limits.max_body_bytes && !Charge(*length)) {
      return RefuseOverBudget();
    }
    auto read_rest = [self = shared_from_this()] { self->ReadBody(); };
    if (req.version() < 11 || !beast::iequals(req[http::field::expect], "100-continue") ||
        parser_->is_done()) {
      return read_rest();
    }
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                     [self = shared_from_this(), read_rest](beast::error_code wec, size_t) {
                       if (wec) return self->Close();
                       read_rest();
                     });
  }

  // The body. With its length known it is read in one operation of as many
  // bytes as the kernel hands over, then given to the parser in one piece:
  // Beast's own loop reads at most 64 KiB at a time, and a 2 MB batch took
  // 20-30 ms of such round trips with the client on loopback.
  void ReadBody() {
    const auto remaining = parser_->content_length_remaining();
    const size_t have = buffer_.size();
    if (parser_->is_done() || parser_->chunked() || !remaining || *remaining <= have) {
      http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::OnRead, shared_from_this()));
      return;
    }
    const size_t need = static_cast<size_t>(*remaining) - have;
    net::async_read(stream_, buffer_.prepare(need), [self = shared_from_this()](beast::error_code ec, size_t n) {
      self->buffer_.commit(n);
      if (ec) return self->OnRead(ec == net::error::eof ? http::error::partial_message : ec, n);
      const size_t used = self->parser_->put(self->buffer_.data(), ec);
      self->buffer_.consume(used);
      if (ec || self->parser_->is_done()) return self->OnRead(ec, used);
      http::async_read(self->stream_, self->buffer_, *self->parser_,
                       beast::bind_front_handler(&Session::OnRead, self));
    });
  }

  void OnRead(beast::error_code ec, size_t) {
    reading_ = false;
    Handlers& handlers = *impl_->handlers;
    if (over_budget_) return RefuseOverBudget();
    if (ec == http::error::end_of_stream || ec == net::error::operation_aborted || ec == beast::error::timeout) {
      Close();  // client done, shutdown, or too slow: nothing to answer
      return;
    }
    if (ec == http::error::body_limit) {
      const std::string target(parser_->get().target());  // set once the request line is read
      Send(handlers.Error(target, 413,
                          "request body larger than " + std::to_string(impl_->options.limits.max_body_bytes) + " bytes"),
           true, 11);
      return;
    }
    if (ec) {
      if (parser_->got_some()) {
        const std::string target(parser_->get().target());  // set once the request line is read
        const int status = ec == http::error::header_limit ? 431 : 400;
        Send(handlers.Error(target, status, "bad HTTP request: " + ec.message()), true, 11);
      } else {
        Close();
      }
      return;
    }
    const auto& req = parser_->get();
    Request request;
    request.method = req.method_string();
    request.target = req.target();
    request.body = req.body();
    request.loopback_peer = loopback_;
    const bool close = !req.keep_alive();
    const unsigned version = req.version();
    if (Handlers::IsSlow(request)) {
      // A reload, merged with any other waiting. The work guard keeps the
      // I/O threads alive (even during Stop) until the response has been
      // posted back.
      auto guard = net::make_work_guard(stream_.get_executor());
      const auto start = std::chrono::steady_clock::now();
      impl_->RequestExplicitReload([self = shared_from_this(), guard, close, version, start](const Response& r) {
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        self->impl_->handlers->metrics().CountRequest("/admin/reload", r.status, seconds);
        auto response = std::make_shared<Response>(r);
        net::post(self->stream_.get_executor(),
                  [self, response, close, version] { self->Send(std::move(*response), close, version); });
      });
      return;
    }
    Response response = handlers.Handle(request);
    // The body is done with: give its memory and its share of the budget back
    // before the (perhaps long) write of the response.
    NoteRequest();
    parser_.reset();
    ReleaseBody();
    Send(std::move(response), close, version);
  }

  // Adds `bytes` to the bytes held for this connection's body; false (and
  // nothing added) when that would take all connections past the budget,
  // unless the body stays small.
  bool Charge(uint64_t bytes) {
    Metrics& metrics = impl_->handlers->metrics();
    const bool small = charged_ + bytes <= kSmallBodyBytes;
    const auto delta = static_cast<int64_t>(bytes);
    if (metrics.AddBufferedBodyBytes(delta) > static_cast<int64_t>(impl_->options.max_buffered_body_bytes) &&
        !small) {
      metrics.AddBufferedBodyBytes(-delta);
      return false;
    }
    charged_ += bytes;
    return true;
  }

  void ReleaseBody() {
    if (charged_ == 0) return;
    impl_->handlers->metrics().AddBufferedBodyBytes(-static_cast<int64_t>(charged_));
    charged_ = 0;
  }

  // 503 + Retry-After, and the connection closed: the body is not read.
  void RefuseOverBudget() {
    reading_ = false;
    impl_->handlers->metrics().CountBodyOverBudget();
    const std::string target(parser_->get().target());
    const unsigned version = parser_->get().version();
    NoteRequest();
    parser_.reset();
    ReleaseBody();
    Response r = impl_->handlers->Error(
        target, 503,
        "server busy: request bodies being received already use the budget of " +
            std::to_string(impl_->options.max_buffered_body_bytes) + " bytes; retry later");
    r.retry_after = "1";
    Send(std::move(r), true, version);
  }

  void Send(Response response, bool close, unsigned version) {
    if (impl_->options.access_log) LogAccess(response);
    auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(response.status), version);
    res->set(http::field::server, "doro");
    res->set(http::field::content_type, response.content_type);
    if (!response.allow.empty()) res->set(http::field::allow, response.allow);
    if (!response.retry_after.empty()) res->set(http::field::retry_after, response.retry_after);
    res->body() = std::move(response.body);
    res->keep_alive(!close && !impl_->stopping);
    res->prepare_payload();
    stream_.expires_after(impl_->options.idle_timeout);
    http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, size_t) {
      if (ec) return;  // the socket is closed with the session
      if (res->need_eof()) {
        self->Linger();
      } else {
        self->Read();
      }
    });
  }

  // The access log's method and path, kept before the parser (and the
  // body's memory) goes.
  void NoteRequest() {
    access_method_.clear();
    access_path_.clear();
    if (!impl_->options.access_log || !parser_ || !parser_->got_some()) return;
    const auto& req = parser_->get();
    access_method_ = req.method_string();
    access_path_ = req.target().substr(0, req.target().find('?'));
  }

  void LogAccess(const Response& response) {
    if (parser_) NoteRequest();
    const std::string_view method = access_method_, path = access_path_;
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
    spdlog::info("access {} {} {} {} {:.1f}ms", method.empty() ? "-" : method, path.empty() ? "-" : path.substr(0, 200),
                 response.status, response.items, ms);
  }

  // Half-closes and discards what the client still sends, briefly, so that
  // an error response is not lost to a reset caused by unread request bytes.
  void Linger() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return Close();
    stream_.expires_after(kLinger);
    Drain();
  }

  void Drain() {
    stream_.async_read_some(net::buffer(scratch_), [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->Close();
      self->Drain();
    });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  Server::Impl* impl_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  bool loopback_ = false;
  bool reading_ = false;
  uint64_t charged_ = 0;  // bytes of the budget this connection's body holds
  bool over_budget_ = false;
  std::function<void(uint64_t, std::string_view, beast::error_code&)> on_chunk_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::string access_method_, access_path_;
  std::array<char, 16384> scratch_;
};

void Server::Impl::Accept() {
  acceptor->async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (!acceptor->is_open() || stopping) return;
    if (ec) {
      // Typically out of file descriptors: back off instead of spinning.
      spdlog::warn("accept failed: {}", ec.message());
      retry_timer->expires_after(std::chrono::milliseconds(50));
      retry_timer->async_wait([this](beast::error_code) {
        net::post(acceptor->get_executor(), [this] {
          if (acceptor->is_open() && !stopping) Accept();
        });
      });
      return;
    }
    auto session = std::make_shared<Session>(std::move(socket), this);
    {
      std::lock_guard<std::mutex> lock(sessions_mu);
      sessions.emplace(session.get(), session);
    }
    session->Run();
    Accept();
  });
}

void Server::Impl::Watch() {
  watch_timer->expires_after(options.watch_interval);
  watch_timer->async_wait([this](beast::error_code ec) {
    if (ec || stopping) return;
    const util::FileSignature now = util::SignatureOf(options.watch_path);
    bool changed = false;
    {
      // Remembered before the reload: a file still being written changes
      // again, and that change queues the next reload.
      std::lock_guard<std::mutex> lock(watch_mu);
      changed = now != watch_seen;
      watch_seen = now;
    }
    if (changed) {
      spdlog::info("{} changed: reloading", options.watch_path);
      reloads->Request([path = options.watch_path](const Response& r) {
        if (r.status != 200) spdlog::error("reload after a change of {} failed: {}", path, r.body);
      });
    }
    Watch();
  });
}

// The directory's poll: a reload is queued only when there is a newer file
// to try, so a refused file (remembered by the directory) or a deleted one
// queues nothing. Reloads already queued absorb further requests.
void Server::Impl::WatchDir() {
  watch_timer->expires_after(options.watch_interval);
  watch_timer->async_wait([this](beast::error_code ec) {
    if (ec || stopping) return;
    // A refusal is logged by the directory and by Handlers::Reload already.
    if (options.watch_dir->HasNewer()) reloads->Request([](const Response&) {});
    WatchDir();
  });
}

// Any reload (a signal, /admin/reload, the watcher) opens the file as it is
// now; the watcher of watch_path is told, so that a file replaced and then
// signalled is not reloaded a second time when the timer next looks (a
// watched directory remembers what it served itself).
Response Server::Impl::Reload() {
  if (options.watch_dir) {
    // A watcher's request that an earlier reload already served (it found
    // the same new file) has nothing left to do: not a reload, not a
    // failure; the answer describes the database served, as a reload's does.
    if (!options.watch_dir->FullRescanRequested() && !options.watch_dir->HasNewer()) {
      const std::shared_ptr<const Engine> engine = handlers->engine().get();
      const LoadReport& served = engine->report();
      Response r;
      r.body = fmt::format(R"({{"status":"ok","rows":{},"bad_lines":{},"roads":{},"files":{},"seconds":{}}})",
                           served.rows, served.bad_lines, served.roads, served.files.size(), served.seconds);
      return r;
    }
    return handlers->Reload();
  }
  if (options.watch_path.empty()) return handlers->Reload();
  const util::FileSignature before = util::SignatureOf(options.watch_path);
  Response r = handlers->Reload();
  if (r.status == 200) {
    std::lock_guard<std::mutex> lock(watch_mu);
    watch_seen = before;
  }
  return r;
}

Server::Server(ServerOptions options, std::shared_ptr<const Engine> engine, ReloadFn reload)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  if (impl_->options.threads == 0) impl_->options.threads = std::max(1u, std::thread::hardware_concurrency());
  // The I/O thread that got a batch works on it too: threads - 1 helpers
  // keep one busy thread per core instead of three on two cores.
  impl_->pool = std::make_unique<WorkPool>(impl_->options.threads - 1);
  impl_->handlers = std::make_unique<Handlers>(impl_->options.limits, std::move(engine), std::move(reload),
                                               impl_->pool.get());
  if (const auto& dir = impl_->options.watch_dir) {
    // Refusals while choosing the first index, then every later one.
    Metrics& metrics = impl_->handlers->metrics();
    metrics.CountIndexRefused(dir->refused());
    dir->OnRefused([&metrics] { metrics.CountIndexRefused(1); });
  }
}

Server::~Server() {
  Stop();
  // The hook names this server's metrics; the directory may outlive it.
  if (impl_->options.watch_dir) impl_->options.watch_dir->OnRefused(nullptr);
}

Handlers& Server::handlers() { return *impl_->handlers; }

uint16_t Server::port() const { return impl_->port; }

bool Server::Start(std::string* error) {
  std::lock_guard<std::mutex> lock(impl_->state_mu);
  if (impl_->started) {
    *error = "server already started";
    return false;
  }
  Impl& s = *impl_;
  beast::error_code ec;
  const auto address = net::ip::make_address(s.options.host, ec);
  if (ec) {
    *error = "bad --host '" + s.options.host + "': " + ec.message();
    return false;
  }
  s.acceptor.emplace(net::make_strand(s.ioc));
  s.retry_timer.emplace(s.ioc);
  const tcp::endpoint endpoint(address, s.options.port);
  s.acceptor->open(endpoint.protocol(), ec);
  if (!ec) s.acceptor->set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor->bind(endpoint, ec);
  if (!ec) s.acceptor->listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    *error = "cannot listen on " + s.options.host + ":" + std::to_string(s.options.port) + ": " + ec.message();
    s.acceptor.reset();
    return false;
  }
  s.port = s.acceptor->local_endpoint().port();
  s.slow.emplace(1);
  s.reloads = std::make_unique<ReloadQueue>([&s] { return s.Reload(); },
                                            [&s](std::function<void()> job) { net::post(*s.slow, std::move(job)); });
  s.started = true;
  s.Accept();
  if (s.options.watch_dir && s.options.watch_interval.count() > 0) {
    s.watch_timer.emplace(net::make_strand(s.ioc));
    net::post(s.watch_timer->get_executor(), [&s] { s.WatchDir(); });
  } else if (!s.options.watch_path.empty() && s.options.watch_interval.count() > 0) {
    s.watch_seen = s.options.watch_baseline ? *s.options.watch_baseline : util::SignatureOf(s.options.watch_path);
    s.watch_timer.emplace(net::make_strand(s.ioc));
    net::post(s.watch_timer->get_executor(), [&s] { s.Watch(); });
  }
  s.running = s.options.threads;
  for (unsigned i = 0; i < s.options.threads; ++i) {
    s.threads.emplace_back([&s] {
      s.ioc.run();
      std::lock_guard<std::mutex> lock(s.state_mu);
      if (--s.running == 0) s.threads_done.notify_all();
    });
  }
  return true;
}

void Server::Stop() {
  Impl& s = *impl_;
  {
    std::unique_lock<std::mutex> lock(s.state_mu);
    if (!s.started || s.stopped) return;
    s.stopped = true;
    s.stopping = true;
    s.reloads->Close();  // a reload waiting to start is dropped
    net::post(s.acceptor->get_executor(), [&s] {
      beast::error_code ec;
      s.acceptor->close(ec);
      s.retry_timer->cancel();
    });
    if (s.watch_timer) net::post(s.watch_timer->get_executor(), [&s] { s.watch_timer->cancel(); });
    // Collected first: the last reference to a session may be dropped here,
    // and its destructor takes sessions_mu.
    std::vector<std::shared_ptr<Session>> live;
    {
      std::lock_guard<std::mutex> slock(s.sessions_mu);
      for (auto& [ptr, weak] : s.sessions) {
        if (auto session = weak.lock()) live.push_back(std::move(session));
      }
    }
    for (auto& session : live) session->CloseIfIdle();
    live.clear();
    if (!s.threads_done.wait_for(lock, s.options.drain_timeout, [&s] { return s.running == 0; })) {
      spdlog::warn("connections still open after {} ms; closing them", s.options.drain_timeout.count());
      s.ioc.stop();
    }
  }
  for (auto& t : s.threads) t.join();
  s.threads.clear();
  s.slow->join();
}

void Server::ReloadAsync(std::function<void(const Response&)> done) {
  Impl& s = *impl_;
  if (!s.reloads) {
    if (s.options.watch_dir) s.options.watch_dir->RequestFullRescan();
    done(s.handlers->Reload());
    return;
  }
  s.RequestExplicitReload(std::move(done));
}

}  // namespace doro::server
