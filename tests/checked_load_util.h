// Load for the tests that replace the index under a running server: one
// connection posting a 20,000-label batch and two sending GETs of every
// demo label, without pause until Stop(). Every answer must be exactly what
// one of the three DemoIndexes answers; anything else is counted as bad.
#ifndef DORO_TESTS_CHECKED_LOAD_UTIL_H_
#define DORO_TESTS_CHECKED_LOAD_UTIL_H_

#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "index_fixture_util.h"
#include "server_test_util.h"

namespace doro::testing {

class CheckedLoad {
 public:
  CheckedLoad(const DemoIndexes& indexes, const std::vector<std::string>& labels)
      : labels_(labels), batch_body_(ContestBody(labels, 20000)), get_ok_(labels.size()) {
    for (int k = 0; k < 3; ++k) {
      batch_ok_.insert(indexes.Expected(k, server::Request{"POST", "/v1/batch", batch_body_, true}));
      for (size_t i = 0; i < labels.size(); ++i) {
        get_ok_[i].insert(indexes.Expected(k, server::Request{"GET", RefineTarget(labels[i]), "", true}));
      }
    }
  }
  ~CheckedLoad() { Stop(); }

  void Start(uint16_t port) {
    threads_.emplace_back([this, port] {
      server::testing::Client c(port);
      while (!stop_) {
        const auto r = c.Post("/v1/batch", batch_body_);
        if (r.result_int() != 200 || !batch_ok_.count(r.body())) NoteBad("batch: " + std::to_string(r.result_int()));
        ++batches_;
      }
    });
    for (size_t t = 0; t < 2; ++t) {
      threads_.emplace_back([this, port, t] {
        server::testing::Client c(port);
        for (size_t i = t; !stop_; ++i) {
          const size_t l = i % labels_.size();
          const auto r = c.Get(RefineTarget(labels_[l]));
          if (r.result_int() != 200 || !get_ok_[l].count(r.body())) NoteBad("GET: " + r.body());
          ++gets_;
        }
      });
    }
  }

  void Stop() {
    stop_ = true;
    for (auto& t : threads_) t.join();
    threads_.clear();
  }

  int batches() const { return batches_; }
  int gets() const { return gets_; }
  int bad() const { return bad_; }
  std::string first_bad() {
    std::lock_guard<std::mutex> lock(mu_);
    return first_bad_;
  }

 private:
  void NoteBad(const std::string& what) {
    if (bad_.fetch_add(1) == 0) {
      std::lock_guard<std::mutex> lock(mu_);
      first_bad_ = what.substr(0, 300);
    }
  }

  const std::vector<std::string>& labels_;
  const std::string batch_body_;
  std::set<std::string> batch_ok_;
  std::vector<std::set<std::string>> get_ok_;
  std::atomic<bool> stop_{false};
  std::atomic<int> batches_{0}, gets_{0}, bad_{0};
  std::mutex mu_;
  std::string first_bad_;
  std::vector<std::thread> threads_;
};

}  // namespace doro::testing

#endif  // DORO_TESTS_CHECKED_LOAD_UTIL_H_
