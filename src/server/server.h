// The HTTP/1.1 server behind `doro serve`: Boost.Beast over Asio, keep-alive,
// chunked request bodies, one strand per connection on N I/O threads.
//
//   Server server(options, engine, reload_fn);
//   if (!server.Start(&error)) ...;      // binds; port 0 = ephemeral
//   ... server.port() ...
//   server.Stop();                       // graceful: see below
//
// Every read and write has a deadline (idle_timeout): a slow or idle client
// is disconnected, never pins a thread. Stop() closes the listening socket,
// lets requests already being read or handled finish and get their response
// (with Connection: close), drops idle keep-alive connections, and returns
// when all are done (or after drain_timeout, forcibly); a reload still
// waiting to start is dropped, one running is finished.
//
// Reloads (POST /admin/reload, ReloadAsync, a changed watch_path, a newer
// file in watch_dir) go through one ReloadQueue: at most one runs and one
// waits.
//
// Request bodies share a budget (max_buffered_body_bytes): a body that
// would take the bytes buffered by all connections past it gets 503 with
// Retry-After before it is read (bodies up to kSmallBodyBytes always pass),
// so slow uploads cannot take the server's memory.
#ifndef DORO_SERVER_SERVER_H_
#define DORO_SERVER_SERVER_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "match/engine.h"
#include "server/handlers.h"
#include "server/index_dir.h"
#include "util/file_signature.h"

namespace doro::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 = any free port
  unsigned threads = 0;  // I/O threads (a batch runs on its I/O thread and threads - 1 helpers); 0 = hardware threads
  Limits limits;
  std::chrono::milliseconds idle_timeout{30000};
  std::chrono::milliseconds drain_timeout{30000};
  // Total of request bodies held at once, across connections.
  size_t max_buffered_body_bytes = size_t{512} << 20;
  // When set, the signature of this path (an index file) is polled every
  // watch_interval and a change queues a reload; the baseline
  // is watch_baseline (taken before the database was opened), else the
  // signature at Start().
  std::string watch_path;
  std::chrono::milliseconds watch_interval{0};
  std::optional<util::FileSignature> watch_baseline;
  // When set (`doro serve --watch DIR`), the server follows a directory
  // instead of watch_path: every watch_interval it asks watch_dir whether
  // a newer index file arrived and, if so, queues a reload; explicit
  // reloads (ReloadAsync, POST /admin/reload) ask it for a full rescan.
  // The reload function given to the Server must be watch_dir->Reopen.
  std::shared_ptr<IndexDir> watch_dir;
  // One info line per request through spdlog: method, path (query left
  // out: it holds the label, personal data), status, items, milliseconds.
  bool access_log = false;
};

// Bodies this small are admitted even past the budget: a full budget must
// not stop health checks and single-label requests.
inline constexpr size_t kSmallBodyBytes = 64 * 1024;

class Server {
 public:
  Server(ServerOptions options, std::shared_ptr<const Engine> engine, ReloadFn reload);
  ~Server();  // Stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts serving on background threads; false + *error when
  // the address cannot be bound.
  bool Start(std::string* error);
  // The bound port (after Start).
  uint16_t port() const;
  // Graceful stop; safe to call more than once and from any non-I/O thread.
  void Stop();

  // Reload in the background (as POST /admin/reload does), merged with any
  // reload already waiting; `done` gets the response on a background
  // thread. Used for SIGHUP.
  void ReloadAsync(std::function<void(const Response&)> done);

  Handlers& handlers();

  struct Impl;  // opaque; public only so that connection objects can name it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace doro::server

#endif  // DORO_SERVER_SERVER_H_
