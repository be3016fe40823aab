// ReloadQueue: requests made while a reload runs are merged into one
// waiting reload; Close drops the waiting one. The reload function blocks
// on a gate the test opens, so every interleaving here is forced, not timed.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "server/reload_queue.h"

namespace doro::server {
namespace {

// A reload that waits until the test opens the gate, counting runs.
class Gate {
 public:
  Response Run() {
    std::unique_lock<std::mutex> lock(mu_);
    ++entered_;
    cv_.notify_all();
    cv_.wait(lock, [&] { return open_; });
    Response r;
    r.body = "run " + std::to_string(entered_);
    return r;
  }
  void WaitEntered(int n) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return entered_ >= n; });
  }
  void Open() {
    std::lock_guard<std::mutex> lock(mu_);
    open_ = true;
    cv_.notify_all();
  }
  int entered() {
    std::lock_guard<std::mutex> lock(mu_);
    return entered_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int entered_ = 0;
  bool open_ = false;
};

// Runs posted jobs on one thread, like the server's reload thread.
class OneThread {
 public:
  ~OneThread() { Join(); }
  void Post(std::function<void()> job) {
    Join();
    thread_ = std::thread(std::move(job));
  }
  void Join() {
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::thread thread_;
};

struct Answers {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<Response> got;
  ReloadQueue::Done Collector() {
    return [this](const Response& r) {
      std::lock_guard<std::mutex> lock(mu);
      got.push_back(r);
      cv.notify_all();
    };
  }
  void WaitFor(size_t n) {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return got.size() >= n; });
  }
};

TEST(ReloadQueueTest, FiftyRequestsDuringOneReloadRunTwoReloads) {
  Gate gate;
  OneThread thread;
  ReloadQueue queue([&] { return gate.Run(); }, [&](std::function<void()> job) { thread.Post(std::move(job)); });
  Answers answers;
  queue.Request(answers.Collector());
  gate.WaitEntered(1);  // the first reload is running (and blocked)
  for (int i = 0; i < 49; ++i) queue.Request(answers.Collector());
  gate.Open();
  answers.WaitFor(50);
  thread.Join();
  EXPECT_EQ(gate.entered(), 2);
  EXPECT_EQ(queue.runs(), 2u);
  EXPECT_EQ(queue.merged(), 48u);  // the 2nd..49th of those waiting joined the 1st
  // The first requester got the first run; the 49 later ones the second,
  // which began after all of them.
  EXPECT_EQ(answers.got[0].body, "run 1");
  for (size_t i = 1; i < answers.got.size(); ++i) EXPECT_EQ(answers.got[i].body, "run 2") << i;
}

TEST(ReloadQueueTest, ARequestAfterTheLastReloadStartsANewOne) {
  Gate gate;
  gate.Open();
  OneThread thread;
  ReloadQueue queue([&] { return gate.Run(); }, [&](std::function<void()> job) { thread.Post(std::move(job)); });
  for (int i = 1; i <= 3; ++i) {
    std::promise<Response> done;
    queue.Request([&](const Response& r) { done.set_value(r); });
    EXPECT_EQ(done.get_future().get().body, "run " + std::to_string(i));
    thread.Join();  // the loop has seen nothing waiting and stopped
  }
  EXPECT_EQ(queue.runs(), 3u);
  EXPECT_EQ(queue.merged(), 0u);
}

TEST(ReloadQueueTest, CloseDropsTheWaitingReloadAndLetsTheRunningOneFinish) {
  Gate gate;
  OneThread thread;
  ReloadQueue queue([&] { return gate.Run(); }, [&](std::function<void()> job) { thread.Post(std::move(job)); });
  Answers answers;
  queue.Request(answers.Collector());
  gate.WaitEntered(1);
  for (int i = 0; i < 10; ++i) queue.Request(answers.Collector());
  queue.Close();
  answers.WaitFor(10);  // the waiting ones are answered at once
  for (const auto& r : answers.got) EXPECT_EQ(r.status, 503);
  queue.Request(answers.Collector());  // after Close: refused too
  answers.WaitFor(11);
  EXPECT_EQ(answers.got.back().status, 503);
  gate.Open();
  answers.WaitFor(12);
  thread.Join();
  EXPECT_EQ(answers.got.back().status, 200);
  EXPECT_EQ(answers.got.back().body, "run 1");
  EXPECT_EQ(gate.entered(), 1);
  EXPECT_EQ(queue.runs(), 1u);
}

}  // namespace
}  // namespace doro::server
