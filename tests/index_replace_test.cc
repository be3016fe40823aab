// An index file replaced under a running server: overwritten in place
// (smaller, same size with bad bytes, larger), truncated, or renamed over,
// while a 20,000-label batch and GETs are in flight. The server must never
// crash (a SIGBUS would end this test) and every response must be exactly
// what one of the checked indexes answers. Three real indexes are built
// from parts of the demo rows, so each gives different answers.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "db/database.h"
#include "db/index_file.h"
#include "checked_load_util.h"
#include "index_fixture_util.h"
#include "match/engine.h"
#include "server/server.h"
#include "server_test_util.h"
#include "util/work_pool.h"

namespace doro {
namespace {

namespace fs = std::filesystem;
using server::Handlers;
using server::Request;
using server::Response;
using server::Server;
using server::ServerOptions;
using server::testing::Client;
using server::testing::HttpResponse;
using testing::CheckedLoad;
using testing::ContestBody;
using testing::Damaged;
using testing::DemoLabels;
using testing::ReadFile;
using testing::RefineTarget;

// As `cp` does: the same inode, truncated, then written a piece at a time.
void OverwriteInPlace(const fs::path& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC);
  ASSERT_GE(fd, 0);
  for (size_t at = 0; at < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + at, std::min<size_t>(16384, bytes.size() - at));
    ASSERT_GT(n, 0);
    at += static_cast<size_t>(n);
  }
  ::close(fd);
}

void TruncateTo(const fs::path& path, size_t size) { ASSERT_EQ(::truncate(path.c_str(), static_cast<off_t>(size)), 0); }

// Writes a new file beside `path` and renames it over: the safe way.
void ReplaceByRename(const fs::path& path, std::string_view bytes) {
  const fs::path tmp = path.string() + ".new";
  std::ofstream(tmp, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  fs::rename(tmp, path);
}

class IndexReplaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("doro_replace_test_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    // small: a third of the demo rows, mid: two thirds, large: all.
    ASSERT_NO_FATAL_FAILURE(indexes_.Build(dir_));
    for (int k = 0; k < 3; ++k) {
      bytes_[k] = indexes_.bytes[k];
      engines_[k] = indexes_.engines[k];
    }
    live_ = dir_ / "live.doroidx";
    std::ofstream(live_, std::ios::binary) << bytes_[1];
    labels_ = DemoLabels();
    ASSERT_FALSE(labels_.empty());
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(dir_);
  }

  // What a server over index k answers (computed without sockets).
  std::string Expected(int k, const Request& request) { return indexes_.Expected(k, request); }

  // Starts a server over live_ that also polls it every `interval`; each
  // reload reopens live_ (counted in *opened when given). Call inside
  // ASSERT_NO_FATAL_FAILURE.
  void StartWatching(unsigned threads, std::chrono::milliseconds interval, std::atomic<int>* opened = nullptr) {
    ServerOptions options;
    options.port = 0;
    options.threads = threads;
    options.watch_path = live_.string();
    options.watch_interval = interval;
    std::string error;
    std::shared_ptr<const Engine> initial = Engine::Open(live_.string(), &error);
    ASSERT_NE(initial, nullptr) << error;
    server_ = std::make_unique<Server>(options, initial,
                                       [live = live_.string(), opened](std::string* err) -> std::shared_ptr<const Engine> {
                                         if (opened) ++*opened;
                                         return Engine::Open(live, err);
                                       });
    ASSERT_TRUE(server_->Start(&error)) << error;
  }

  testing::DemoIndexes indexes_;
  fs::path dir_;
  fs::path live_;
  std::string bytes_[3];
  std::shared_ptr<const Engine> engines_[3];
  std::vector<std::string> labels_;
  std::unique_ptr<Server> server_;
};

// A digest of the main tables the matcher reads.
size_t TableDigest(const db::Database& db) {
  const db::Tables& t = db.tables();
  std::string out(t.strings.data(), t.strings.size());
  out.append(reinterpret_cast<const char*>(t.buildings.data()), t.buildings.size_bytes());
  out.append(reinterpret_cast<const char*>(t.roads.data()), t.roads.size_bytes());
  out.append(reinterpret_cast<const char*>(t.road_keys.entries().data()), t.road_keys.entries().size_bytes());
  out.append(reinterpret_cast<const char*>(t.road_keys.slots().data()), t.road_keys.slots().size_bytes());
  return std::hash<std::string>{}(out);
}

TEST_F(IndexReplaceTest, AnOpenIndexDoesNotSeeItsFileChange) {
  LoadReport report;
  std::string error;
  auto db = db::IndexFile::Open(live_.string(), &report, &error);
  ASSERT_NE(db, nullptr) << error;
  auto engine = Engine::Open(live_.string(), &error);
  ASSERT_NE(engine, nullptr) << error;
  const size_t tables = TableDigest(*db);
  std::vector<std::string> answers;
  for (const auto& l : labels_) answers.push_back(engine->Refine(l).address_full);

  struct Step {
    const char* what;
    std::function<void()> apply;
  };
  const Step steps[] = {
      {"overwritten in place by a smaller index", [&] { OverwriteInPlace(live_, bytes_[0]); }},
      {"overwritten in place by damaged bytes of the same size",
       [&] { OverwriteInPlace(live_, Damaged(bytes_[1])); }},
      {"overwritten in place by a larger index", [&] { OverwriteInPlace(live_, bytes_[2]); }},
      {"truncated to half", [&] { TruncateTo(live_, bytes_[1].size() / 2); }},
      {"truncated to nothing", [&] { TruncateTo(live_, 0); }},
      {"removed", [&] { fs::remove(live_); }},
  };
  for (const auto& step : steps) {
    step.apply();
    EXPECT_EQ(TableDigest(*db), tables) << step.what;
    for (size_t i = 0; i < labels_.size(); ++i) {
      EXPECT_EQ(engine->Refine(labels_[i]).address_full, answers[i]) << step.what << ": " << labels_[i];
    }
  }
}

TEST_F(IndexReplaceTest, ReplacedInPlaceOrRenamedOverUnderLoadEveryAnswerFromACheckedIndex) {
  // The three indexes must answer differently for the test to tell them apart.
  const std::string probe_body = ContestBody(labels_, labels_.size());
  const Request probe{"POST", "/v1/batch", probe_body, true};
  std::string probe_expected[3];
  for (int k = 0; k < 3; ++k) probe_expected[k] = Expected(k, probe);
  ASSERT_NE(probe_expected[0], probe_expected[1]);
  ASSERT_NE(probe_expected[1], probe_expected[2]);
  CheckedLoad load(indexes_, labels_);
  ASSERT_NO_FATAL_FAILURE(StartWatching(2, std::chrono::milliseconds(1)));  // reloads also race the writes
  const uint16_t port = server_->port();

  load.Start(port);

  Client admin(port);
  // After a reload answered 200 the new index is served; after a refused
  // one (500) the previous one still is.
  auto reload_and_expect = [&](int status, int serving, const char* what) {
    const HttpResponse r = admin.Post("/admin/reload", "");
    EXPECT_EQ(r.result_int(), status) << what << ": " << r.body();
    EXPECT_EQ(admin.Post("/v1/batch", probe_body).body(), probe_expected[serving]) << what;
  };
  int rounds = 0;
  while (rounds < 2 || load.batches() < 3 || load.gets() < 300) {
    ++rounds;
    OverwriteInPlace(live_, bytes_[0]);
    reload_and_expect(200, 0, "smaller, in place");
    OverwriteInPlace(live_, Damaged(bytes_[0]));
    reload_and_expect(500, 0, "same size, damaged, in place");
    OverwriteInPlace(live_, bytes_[2]);
    reload_and_expect(200, 2, "larger, in place");
    TruncateTo(live_, bytes_[2].size() / 2);
    reload_and_expect(500, 2, "truncated");
    ReplaceByRename(live_, bytes_[1]);
    reload_and_expect(200, 1, "renamed over");
    TruncateTo(live_, 0);
    reload_and_expect(500, 1, "truncated to nothing");
    OverwriteInPlace(live_, bytes_[1]);
    reload_and_expect(200, 1, "restored");
    ASSERT_LT(rounds, 10000) << "the load threads made no progress";
  }
  load.Stop();
  server_->Stop();
  EXPECT_EQ(load.bad(), 0) << "first: " << load.first_bad();
  EXPECT_GE(load.batches(), 3);
}

TEST_F(IndexReplaceTest, AChangedFileIsReloadedWithoutASignal) {
  ASSERT_NO_FATAL_FAILURE(StartWatching(2, std::chrono::milliseconds(5)));
  const std::string probe_body = ContestBody(labels_, labels_.size());
  Client c(server_->port());
  // Waits (bounded, for a broken build) until the server answers as index k.
  auto serves = [&](int k) {
    const std::string want = Expected(k, Request{"POST", "/v1/batch", probe_body, true});
    for (int i = 0; i < 20000; ++i) {
      if (c.Post("/v1/batch", probe_body).body() == want) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return false;
  };
  EXPECT_TRUE(serves(1));
  ReplaceByRename(live_, bytes_[0]);
  EXPECT_TRUE(serves(0)) << "renamed over";
  OverwriteInPlace(live_, bytes_[2]);
  EXPECT_TRUE(serves(2)) << "overwritten in place";
  server_->Stop();
}

// The usual operator sequence: a new index renamed in, then SIGHUP. The
// signalled reload already opened the new file, so the watcher, polling the
// same file, must not reload it a second time.
TEST_F(IndexReplaceTest, ASignalledReloadIsNotRepeatedByTheWatcher) {
  // Long enough that the watcher rarely looks between the rename and the
  // reload (it would then rightly reload once itself), short enough that it
  // looks several times in the wait below.
  const auto interval = std::chrono::milliseconds(200);
  std::atomic<int> opened{0};
  ASSERT_NO_FATAL_FAILURE(StartWatching(1, interval, &opened));
  ReplaceByRename(live_, bytes_[0]);
  std::promise<int> status;
  server_->ReloadAsync([&status](const Response& r) { status.set_value(r.status); });
  EXPECT_EQ(status.get_future().get(), 200);
  std::this_thread::sleep_for(interval * 5);  // the watcher looks about five times
  EXPECT_EQ(opened.load(), 1);
  Client c(server_->port());
  EXPECT_NE(c.Get("/metrics").body().find("doro_reloads_total{result=\"ok\"} 1\n"), std::string::npos);
  server_->Stop();
}

}  // namespace
}  // namespace doro
