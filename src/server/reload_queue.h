// Merges reload requests: at most one reload runs and at most one waits.
// Every request made while a reload runs joins the one waiting, which starts
// when the running one ends, so 50 SIGHUPs in a second cost two reloads, not
// fifty, and each request is still answered by a reload that began after it
// was made (so it sees the file as it was when the request came in).
//
//   ReloadQueue q([&] { return handlers.Reload(); },
//                 [&](std::function<void()> job) { net::post(pool, job); });
//   q.Request([](const Response& r) { ... });   // any thread, never blocks
//   q.Close();   // at shutdown: the waiting reload is dropped (503 to its
//                // requesters); a running one finishes on its thread
#ifndef DORO_SERVER_RELOAD_QUEUE_H_
#define DORO_SERVER_RELOAD_QUEUE_H_

#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

#include "server/handlers.h"

namespace doro::server {

class ReloadQueue {
 public:
  using Done = std::function<void(const Response&)>;
  // `run` does one reload (blocking); `post` runs a job on another thread.
  ReloadQueue(std::function<Response()> run, std::function<void(std::function<void()>)> post);

  // `done` is called once, on the reload thread (or here, after Close).
  void Request(Done done);
  // No reload starts after this; requests still waiting get a 503.
  void Close();

  // Reloads started, and requests that joined one already waiting.
  uint64_t runs() const;
  uint64_t merged() const;

 private:
  void RunLoop(std::vector<Done> waiters);

  std::function<Response()> run_;
  std::function<void(std::function<void()>)> post_;
  mutable std::mutex mu_;
  bool running_ = false;
  bool closed_ = false;
  std::vector<Done> waiting_;  // requesters of the next reload
  uint64_t runs_ = 0;
  uint64_t merged_ = 0;
};

}  // namespace doro::server

#endif  // DORO_SERVER_RELOAD_QUEUE_H_
