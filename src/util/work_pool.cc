#include "util/work_pool.h"

#include <algorithm>
#include <atomic>
#include <memory>

namespace doro::util {

WorkPool::WorkPool(unsigned threads) {
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { Run(); });
}

WorkPool::~WorkPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

void WorkPool::Post(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(task));
  }
  cv_.notify_one();
}

void WorkPool::Run() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stop_ and drained
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

void WorkPool::ParallelFor(size_t n, size_t grain, const std::function<void(size_t, size_t)>& fn) {
  if (grain == 0) grain = 1;
  const size_t chunks = (n + grain - 1) / grain;
  if (chunks <= 1 || threads_.empty()) {
    if (n > 0) fn(0, n);
    return;
  }
  // Shared with helpers that may start after the caller has returned; they
  // then find no chunk left and never touch fn.
  struct State {
    std::atomic<size_t> next{0};
    std::mutex mu;
    std::condition_variable cv;
    size_t done = 0;
  };
  auto state = std::make_shared<State>();
  const std::function<void(size_t, size_t)>* f = &fn;
  auto work = [state, f, n, grain, chunks] {
    for (;;) {
      const size_t c = state->next.fetch_add(1);
      if (c >= chunks) return;
      const size_t begin = c * grain;
      (*f)(begin, std::min(n, begin + grain));
      std::lock_guard<std::mutex> lock(state->mu);
      if (++state->done == chunks) state->cv.notify_all();
    }
  };
  const size_t helpers = std::min<size_t>(threads_.size(), chunks - 1);
  for (size_t i = 0; i < helpers; ++i) Post(work);
  work();
  std::unique_lock<std::mutex> lock(state->mu);
  state->cv.wait(lock, [&] { return state->done == chunks; });
}

}  // namespace doro::util
