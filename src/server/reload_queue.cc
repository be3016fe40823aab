#include "server/reload_queue.h"

#include <utility>

#include "server/json_io.h"

namespace doro::server {
namespace {

Response Stopping() {
  Response r;
  r.status = 503;
  r.body = GenericError(503, "the server is stopping; reload not run");
  return r;
}

}  // namespace

ReloadQueue::ReloadQueue(std::function<Response()> run, std::function<void(std::function<void()>)> post)
    : run_(std::move(run)), post_(std::move(post)) {}

void ReloadQueue::Request(Done done) {
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (!closed_) {
      if (running_) {
        // The running reload may have read the file before this request:
        // join the next one instead.
        if (!waiting_.empty()) ++merged_;
        waiting_.push_back(std::move(done));
        return;
      }
      running_ = true;
      ++runs_;
      lock.unlock();
      std::vector<Done> waiters;
      waiters.push_back(std::move(done));
      post_([this, waiters = std::move(waiters)]() mutable { RunLoop(std::move(waiters)); });
      return;
    }
  }
  done(Stopping());
}

void ReloadQueue::RunLoop(std::vector<Done> waiters) {
  for (;;) {
    const Response response = run_();
    for (auto& done : waiters) done(response);
    std::lock_guard<std::mutex> lock(mu_);
    if (waiting_.empty() || closed_) {
      running_ = false;
      return;
    }
    waiters = std::exchange(waiting_, {});
    ++runs_;
  }
}

void ReloadQueue::Close() {
  std::vector<Done> dropped;
  {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    dropped = std::exchange(waiting_, {});
  }
  for (auto& done : dropped) done(Stopping());
}

uint64_t ReloadQueue::runs() const {
  std::lock_guard<std::mutex> lock(mu_);
  return runs_;
}

uint64_t ReloadQueue::merged() const {
  std::lock_guard<std::mutex> lock(mu_);
  return merged_;
}

}  // namespace doro::server
