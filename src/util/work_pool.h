// A fixed set of threads that helps split one large batch: the server's
// batch endpoints and `doro batch` both refine through it. ParallelFor runs
// on the calling thread too, so it finishes even when every pool thread is
// busy with other batches; pool threads only speed it up. It lives apart
// from both users so that neither depends on the other.
#ifndef DORO_UTIL_WORK_POOL_H_
#define DORO_UTIL_WORK_POOL_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace doro::util {

class WorkPool {
 public:
  explicit WorkPool(unsigned threads);
  ~WorkPool();  // finishes queued work, joins
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  // Calls fn(begin, end) over [0, n) in chunks of `grain`, in parallel;
  // returns when every chunk is done. fn must not throw.
  void ParallelFor(size_t n, size_t grain, const std::function<void(size_t, size_t)>& fn);

  unsigned size() const { return static_cast<unsigned>(threads_.size()); }

 private:
  void Post(std::function<void()> task);
  void Run();

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace doro::util

#endif  // DORO_UTIL_WORK_POOL_H_
