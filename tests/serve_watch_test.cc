// `doro serve --watch DIR`: which file of the directory is served
// (IndexDir, without sockets), then a real server on loopback following a
// directory while files are renamed in — new ones, half-written temporary
// ones, damaged ones, bursts, and all of it under load — and the `doro
// serve --watch` process itself. Waits are bounded (a broken build fails,
// it does not hang); nothing is timed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <future>
#include <mutex>
#include <regex>
#include <set>
#include <thread>
#include <vector>

#include "cli_test_util.h"
#include "checked_load_util.h"
#include "index_fixture_util.h"
#include "match/engine.h"
#include "server/index_dir.h"
#include "server/server.h"
#include "server_test_util.h"

namespace doro {
namespace {

namespace fs = std::filesystem;
using server::IndexDir;
using server::IndexDirEntry;
using server::Request;
using server::Response;
using server::Server;
using server::ServerOptions;
using server::testing::Client;
using server::testing::HttpResponse;
using testing::CheckedLoad;
using testing::ContestBody;
using testing::Damaged;
using testing::RefineTarget;
using testing::WriteFile;

// Bounded wait for a condition another thread makes true.
bool WaitFor(const std::function<bool()>& done) {
  for (int i = 0; i < 20000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return done();
}

class WatchDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("doro_watch_test_" + std::to_string(::getpid()) + "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "build");
    ASSERT_NO_FATAL_FAILURE(indexes_.Build(root_ / "build"));
    watch_ = root_ / "watch";
    fs::create_directories(watch_);
    labels_ = testing::DemoLabels();
    ASSERT_FALSE(labels_.empty());
    probe_body_ = ContestBody(labels_, labels_.size());
    for (int k = 0; k < 3; ++k) probe_[k] = indexes_.Expected(k, Request{"POST", "/v1/batch", probe_body_, true});
    ASSERT_NE(probe_[0], probe_[1]);
    ASSERT_NE(probe_[1], probe_[2]);
  }
  void TearDown() override { fs::remove_all(root_); }

  // Writes `bytes` under a temporary name in the directory, gives it the
  // next modification time (so that files dropped later are newer, however
  // coarse the clock), and renames it to `name`: what `doro index build
  // --out DIR/name` does.
  fs::path Drop(const std::string& name, std::string_view bytes) {
    const fs::path tmp = watch_ / ("." + name + ".tmp");
    WriteFile(tmp, bytes);
    fs::last_write_time(tmp, NextTime());
    const fs::path to = watch_ / name;
    fs::rename(tmp, to);
    return to;
  }
  fs::file_time_type NextTime() { return base_time_ + std::chrono::seconds(++drops_); }

  std::shared_ptr<IndexDir> MakeDir(std::function<void(const std::string&)> before_open = nullptr) {
    return std::make_shared<IndexDir>(watch_.string(), [this, before_open](const std::string& path, std::string* err)
                                                           -> std::shared_ptr<const Engine> {
      ++opens_;
      if (before_open) before_open(path);
      return Engine::Open(path, err);
    });
  }

  fs::path root_, watch_;
  testing::DemoIndexes indexes_;
  std::vector<std::string> labels_;
  std::string probe_body_;
  std::string probe_[3];  // /v1/batch over every demo label, as index k answers
  const fs::file_time_type base_time_ = fs::file_time_type::clock::now();
  int drops_ = 0;
  std::atomic<int> opens_{0};
};

// ---- which file: IndexDir without a server ----

TEST_F(WatchDirTest, OnlyCompleteIndexFilesAreListed) {
  Drop("a.doroidx", indexes_.bytes[0]);
  WriteFile(watch_ / ".hidden.doroidx", indexes_.bytes[0]);           // a dot-file
  WriteFile(watch_ / "b.doroidx.tmp", indexes_.bytes[0]);             // doro's temporary name
  WriteFile(watch_ / "c.doroidx.part", indexes_.bytes[0]);            // a download in progress
  WriteFile(watch_ / "d.doroidx~", indexes_.bytes[0]);                // an editor's backup
  WriteFile(watch_ / "README.txt", "not an index\n");                 // no magic
  fs::create_directories(watch_ / "sub.doroidx");                      // a directory
  ASSERT_EQ(::mkfifo((watch_ / "pipe.doroidx").c_str(), 0600), 0);    // would block a read
  fs::create_symlink(watch_ / "a.doroidx", watch_ / "link.doroidx");  // counts as its target
  std::vector<IndexDirEntry> listed;
  std::string error;
  ASSERT_TRUE(server::ListIndexFiles(watch_.string(), &listed, &error)) << error;
  std::set<std::string> names;
  for (const auto& e : listed) names.insert(e.name);
  EXPECT_EQ(names, (std::set<std::string>{"a.doroidx", "link.doroidx"}));
}

TEST_F(WatchDirTest, TemporaryNames) {
  for (const char* name : {".x", ".x.doroidx", "x.tmp", "x.doroidx.tmp", "x.part", "x.partial", "x~", ""}) {
    EXPECT_TRUE(server::IsTemporaryName(name)) << name;
  }
  for (const char* name : {"x", "doro.idx", "korea-2026-12-01.doroidx", "tmp.doroidx", "x.tmpl"}) {
    EXPECT_FALSE(server::IsTemporaryName(name)) << name;
  }
}

TEST_F(WatchDirTest, NewestIsByModificationTimeThenByName) {
  Drop("c.doroidx", indexes_.bytes[0]);
  Drop("a.doroidx", indexes_.bytes[1]);
  Drop("b.doroidx", indexes_.bytes[2]);
  fs::last_write_time(watch_ / "a.doroidx", fs::last_write_time(watch_ / "b.doroidx"));  // a tie: the name decides
  std::vector<IndexDirEntry> listed;
  std::string error;
  ASSERT_TRUE(server::ListIndexFiles(watch_.string(), &listed, &error)) << error;
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0].name, "b.doroidx");
  EXPECT_EQ(listed[1].name, "a.doroidx");
  EXPECT_EQ(listed[2].name, "c.doroidx");
  auto dir = MakeDir();
  ASSERT_NE(dir->OpenNewest(&error), nullptr) << error;
  EXPECT_EQ(dir->served().name, "b.doroidx");
  // Rolling back by hand: touch an older file.
  fs::last_write_time(watch_ / "c.doroidx", NextTime());
  EXPECT_TRUE(dir->HasNewer());
  ASSERT_NE(dir->OpenNewer(&error), nullptr) << error;
  EXPECT_EQ(dir->served().name, "c.doroidx");
}

TEST_F(WatchDirTest, ARefusedFileIsNotTriedAgainUntilItChanges) {
  Drop("1.doroidx", indexes_.bytes[0]);
  auto dir = MakeDir();
  std::string error;
  ASSERT_NE(dir->OpenNewest(&error), nullptr) << error;
  EXPECT_FALSE(dir->HasNewer());
  Drop("2.doroidx", Damaged(indexes_.bytes[1]));
  EXPECT_TRUE(dir->HasNewer());
  EXPECT_EQ(dir->OpenNewer(&error), nullptr);
  EXPECT_THAT(error, ::testing::HasSubstr("2.doroidx"));
  EXPECT_EQ(dir->refused(), 1u);
  EXPECT_EQ(dir->served().name, "1.doroidx");
  const int opens = opens_;
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(dir->HasNewer());
    EXPECT_EQ(dir->OpenNewer(&error), nullptr);
  }
  EXPECT_EQ(opens_, opens) << "the refused file was opened again";
  EXPECT_EQ(dir->refused(), 1u);
  // Fixed (a good file renamed over it): tried, and served.
  Drop("2.doroidx", indexes_.bytes[1]);
  EXPECT_TRUE(dir->HasNewer());
  ASSERT_NE(dir->OpenNewer(&error), nullptr) << error;
  EXPECT_EQ(dir->served().name, "2.doroidx");
}

TEST_F(WatchDirTest, WhenTheNewestIsRefusedANewerThanServedOneIsTried) {
  Drop("1.doroidx", indexes_.bytes[0]);
  auto dir = MakeDir();
  std::string error;
  ASSERT_NE(dir->OpenNewest(&error), nullptr) << error;
  Drop("2.doroidx", indexes_.bytes[1]);
  Drop("3.doroidx", Damaged(indexes_.bytes[2]));
  auto engine = dir->OpenNewer(&error);
  ASSERT_NE(engine, nullptr) << error;
  EXPECT_EQ(dir->served().name, "2.doroidx");
  EXPECT_EQ(dir->refused(), 1u);
  EXPECT_EQ(engine->report().index_path, (watch_ / "2.doroidx").string());
}

TEST_F(WatchDirTest, DeletingFilesChangesNothingUntilAnExplicitRescan) {
  Drop("1.doroidx", indexes_.bytes[0]);
  Drop("2.doroidx", indexes_.bytes[1]);
  auto dir = MakeDir();
  std::string error;
  ASSERT_NE(dir->OpenNewest(&error), nullptr) << error;
  EXPECT_EQ(dir->served().name, "2.doroidx");
  fs::remove(watch_ / "2.doroidx");
  EXPECT_FALSE(dir->HasNewer());
  EXPECT_EQ(dir->OpenNewer(&error), nullptr);
  EXPECT_EQ(dir->served().name, "2.doroidx");
  // SIGHUP: the rule applied afresh, so the newest file left.
  dir->RequestFullRescan();
  ASSERT_NE(dir->Reopen(&error), nullptr) << error;
  EXPECT_EQ(dir->served().name, "1.doroidx");
  EXPECT_FALSE(dir->FullRescanRequested());
  // Everything deleted: nothing to serve, the last one stays.
  fs::remove(watch_ / "1.doroidx");
  EXPECT_FALSE(dir->HasNewer());
  EXPECT_EQ(dir->OpenNewest(&error), nullptr);
  EXPECT_THAT(error, ::testing::HasSubstr("no index file in"));
}

TEST_F(WatchDirTest, TheServedFileReplacedByAnOlderOneIsReloaded) {
  Drop("live.doroidx", indexes_.bytes[0]);
  auto dir = MakeDir();
  std::string error;
  ASSERT_NE(dir->OpenNewest(&error), nullptr) << error;
  // Renamed over it, with an older time (as `cp -p` or `rsync -a` keep).
  const fs::path tmp = watch_ / ".live.tmp";
  WriteFile(tmp, indexes_.bytes[1]);
  fs::last_write_time(tmp, base_time_ - std::chrono::hours(24));
  fs::rename(tmp, watch_ / "live.doroidx");
  EXPECT_TRUE(dir->HasNewer());
  auto engine = dir->OpenNewer(&error);
  ASSERT_NE(engine, nullptr) << error;
  EXPECT_EQ(engine->report().rows, indexes_.engines[1]->report().rows);
}

TEST_F(WatchDirTest, AFileReplacedByTextRowsWhileBeingOpenedIsRefused) {
  Drop("1.doroidx", indexes_.bytes[0]);
  const std::string rows = testing::ReadFile(std::string(DORO_SOURCE_DIR) + "/data/demo/rnaddrkor_demo.txt");
  auto dir = MakeDir([&](const std::string& path) {
    if (fs::path(path).filename() == "2.doroidx") WriteFile(path, rows);  // between the listing and the open
  });
  std::string error;
  ASSERT_NE(dir->OpenNewest(&error), nullptr) << error;
  Drop("2.doroidx", indexes_.bytes[1]);
  EXPECT_EQ(dir->OpenNewer(&error), nullptr);
  EXPECT_THAT(error, ::testing::HasSubstr("no longer an index file"));
  EXPECT_EQ(dir->served().name, "1.doroidx");
}

TEST_F(WatchDirTest, StartingSkipsARefusedNewestAndFailsWithoutAnyIndex) {
  auto dir = MakeDir();
  std::string error;
  EXPECT_EQ(dir->OpenNewest(&error), nullptr);
  EXPECT_THAT(error, ::testing::HasSubstr("no index file in"));
  Drop("1.doroidx", indexes_.bytes[0]);
  Drop("2.doroidx", Damaged(indexes_.bytes[1]));
  ASSERT_NE(dir->OpenNewest(&error), nullptr) << error;
  EXPECT_EQ(dir->served().name, "1.doroidx");
  EXPECT_EQ(dir->refused(), 1u);
  IndexDir missing((root_ / "no-such-dir").string(), nullptr);
  EXPECT_EQ(missing.OpenNewest(&error), nullptr);
  EXPECT_THAT(error, ::testing::HasSubstr("cannot read directory"));
  EXPECT_FALSE(missing.HasNewer());
}

// ---- a real server following the directory ----

class ServeWatchTest : public WatchDirTest {
 protected:
  // Serves the newest file of the directory, polling every `interval`.
  void Start(std::chrono::milliseconds interval, std::function<void(const std::string&)> before_open = nullptr) {
    dir_ = MakeDir(std::move(before_open));
    std::string error;
    auto engine = dir_->OpenNewest(&error);
    ASSERT_NE(engine, nullptr) << error;
    ServerOptions options;
    options.port = 0;
    options.threads = 2;
    options.watch_dir = dir_;
    options.watch_interval = interval;
    auto dir = dir_;
    server_ = std::make_unique<Server>(options, engine, [dir](std::string* err) { return dir->Reopen(err); });
    ASSERT_TRUE(server_->Start(&error)) << error;
  }
  void TearDown() override {
    if (server_) server_->Stop();
    WatchDirTest::TearDown();
  }

  static std::string ServedPath(Client& c) {
    const HttpResponse r = c.Get("/healthz");
    rapidjson::Document d;
    d.Parse(r.body().c_str());
    if (d.HasParseError() || !d.IsObject() || !d.HasMember("index_path") || !d["index_path"].IsString()) return "";
    return d["index_path"].GetString();
  }
  static uint64_t Counter(Client& c, const std::string& name) {
    const std::string text = c.Get("/metrics").body();
    std::smatch m;
    if (!std::regex_search(text, m, std::regex("\n" + name + " ([0-9]+)\n"))) return ~uint64_t{0};
    return std::stoull(m[1]);
  }
  bool Serves(Client& c, const fs::path& path) {
    return WaitFor([&] { return ServedPath(c) == path.string(); });
  }

  std::shared_ptr<IndexDir> dir_;
  std::unique_ptr<Server> server_;
};

TEST_F(ServeWatchTest, ANewIndexRenamedInIsServedAndNamedInHealthzAndMetrics) {
  const fs::path first = Drop("gen-1.doroidx", indexes_.bytes[1]);
  ASSERT_NO_FATAL_FAILURE(Start(std::chrono::milliseconds(5)));
  Client c(server_->port());
  EXPECT_EQ(ServedPath(c), first.string());
  EXPECT_EQ(c.Post("/v1/batch", probe_body_).body(), probe_[1]);
  const fs::path second = Drop("gen-2.doroidx", indexes_.bytes[0]);
  ASSERT_TRUE(Serves(c, second));
  EXPECT_EQ(c.Post("/v1/batch", probe_body_).body(), probe_[0]);
  const fs::path third = Drop("gen-3.doroidx", indexes_.bytes[2]);
  ASSERT_TRUE(Serves(c, third));
  EXPECT_EQ(c.Post("/v1/batch", probe_body_).body(), probe_[2]);

  const std::string health = c.Get("/healthz").body();
  EXPECT_THAT(health, ::testing::ContainsRegex(R"("index_built_at":"[0-9]{4}-[0-9]{2}-[0-9]{2}T)"));
  const std::string metrics = c.Get("/metrics").body();
  EXPECT_THAT(metrics, ::testing::HasSubstr("doro_db_index_info{path=\"" + third.string() + "\",built_at=\""));
  EXPECT_THAT(metrics, ::testing::ContainsRegex("\ndoro_db_index_built_timestamp_seconds [1-9][0-9]+\n"));
  EXPECT_EQ(Counter(c, "doro_reloads_total\\{result=\"ok\"\\}"), 2u);
  EXPECT_EQ(Counter(c, "doro_index_files_refused_total"), 0u);
}

TEST_F(ServeWatchTest, HalfWrittenAndHiddenFilesAreIgnored) {
  ASSERT_NO_FATAL_FAILURE(Drop("gen-1.doroidx", indexes_.bytes[1]));
  ASSERT_NO_FATAL_FAILURE(Start(std::chrono::milliseconds(1)));
  Client c(server_->port());
  // Newer than anything dropped later: were they looked at, the half-written
  // one would be refused (counted) and the hidden one served.
  const auto future = base_time_ + std::chrono::hours(1);
  const fs::path half = watch_ / "gen-9.doroidx.tmp";
  WriteFile(half, std::string_view(indexes_.bytes[0]).substr(0, indexes_.bytes[0].size() / 2));
  fs::last_write_time(half, future);
  WriteFile(watch_ / ".gen-8.doroidx", indexes_.bytes[0]);
  fs::last_write_time(watch_ / ".gen-8.doroidx", future);
  WriteFile(watch_ / "gen-7.doroidx.part", indexes_.bytes[0]);
  fs::last_write_time(watch_ / "gen-7.doroidx.part", future);
  const fs::path second = Drop("gen-2.doroidx", indexes_.bytes[2]);
  ASSERT_TRUE(Serves(c, second));
  EXPECT_EQ(c.Post("/v1/batch", probe_body_).body(), probe_[2]);
  EXPECT_EQ(Counter(c, "doro_index_files_refused_total"), 0u);
  // The write completes and the file is renamed to its final name: served.
  WriteFile(half, indexes_.bytes[0]);
  fs::last_write_time(half, future);
  fs::rename(half, watch_ / "gen-9.doroidx");
  ASSERT_TRUE(Serves(c, watch_ / "gen-9.doroidx"));
  EXPECT_EQ(c.Post("/v1/batch", probe_body_).body(), probe_[0]);
  EXPECT_EQ(Counter(c, "doro_index_files_refused_total"), 0u);
}

TEST_F(ServeWatchTest, ADamagedFileIsRefusedCountedAndTheOldOneKeepsServing) {
  const fs::path first = Drop("gen-1.doroidx", indexes_.bytes[1]);
  ASSERT_NO_FATAL_FAILURE(Start(std::chrono::milliseconds(1)));
  Client c(server_->port());
  Drop("gen-2.doroidx", Damaged(indexes_.bytes[0]));
  ASSERT_TRUE(WaitFor([&] { return Counter(c, "doro_index_files_refused_total") == 1; }));
  EXPECT_EQ(ServedPath(c), first.string());
  EXPECT_EQ(c.Post("/v1/batch", probe_body_).body(), probe_[1]);
  EXPECT_EQ(Counter(c, "doro_reloads_total\\{result=\"failed\"\\}"), 1u);
  // An explicit reload applies the rule afresh: the damaged newest file is
  // tried again (and refused again), the served one reopened.
  const HttpResponse reload = c.Post("/admin/reload", "");
  EXPECT_EQ(reload.result_int(), 200) << reload.body();
  EXPECT_EQ(Counter(c, "doro_index_files_refused_total"), 2u);
  EXPECT_EQ(ServedPath(c), first.string());
  EXPECT_EQ(c.Post("/v1/batch", probe_body_).body(), probe_[1]);
  // The file fixed under the same name: served.
  const fs::path fixed = Drop("gen-2.doroidx", indexes_.bytes[0]);
  ASSERT_TRUE(Serves(c, fixed));
  EXPECT_EQ(c.Post("/v1/batch", probe_body_).body(), probe_[0]);
  EXPECT_EQ(Counter(c, "doro_index_files_refused_total"), 2u);
}

// While the first reload is held inside its open, eighteen more files
// arrive, the watcher keeps asking and SIGHUPs come in: all of it merges
// into one waiting reload, which opens only the newest file.
TEST_F(ServeWatchTest, ABurstOfFilesCoalescesIntoOneReloadOfTheNewest) {
  std::mutex mu;
  std::condition_variable cv;
  bool armed = false, held = false, release = false;
  std::vector<std::string> opened;
  ASSERT_NO_FATAL_FAILURE(Drop("gen-01.doroidx", indexes_.bytes[0]));
  ASSERT_NO_FATAL_FAILURE(Start(std::chrono::milliseconds(1), [&](const std::string& path) {
    std::unique_lock<std::mutex> lock(mu);
    if (!armed) return;
    opened.push_back(fs::path(path).filename().string());
    if (!held) {
      held = true;
      cv.notify_all();
      cv.wait(lock, [&] { return release; });
    }
  }));
  {
    std::lock_guard<std::mutex> lock(mu);
    armed = true;
  }
  Client c(server_->port());
  Drop("gen-02.doroidx", indexes_.bytes[1]);
  {
    std::unique_lock<std::mutex> lock(mu);
    ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(20), [&] { return held; }));
  }
  fs::path last;
  for (int i = 3; i <= 20; ++i) {
    last = Drop((i < 10 ? "gen-0" : "gen-") + std::to_string(i) + ".doroidx", indexes_.bytes[i % 3]);
  }
  // Operators' reloads made meanwhile join the same waiting reload.
  std::vector<std::future<int>> signalled;
  for (int i = 0; i < 5; ++i) {
    auto done = std::make_shared<std::promise<int>>();
    signalled.push_back(done->get_future());
    server_->ReloadAsync([done](const Response& r) { done->set_value(r.status); });
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    release = true;
  }
  cv.notify_all();
  for (auto& f : signalled) EXPECT_EQ(f.get(), 200);
  ASSERT_TRUE(Serves(c, last));
  EXPECT_EQ(c.Post("/v1/batch", probe_body_).body(), probe_[20 % 3]);
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(opened, (std::vector<std::string>{"gen-02.doroidx", "gen-20.doroidx"}));
  EXPECT_EQ(Counter(c, "doro_reloads_total\\{result=\"ok\"\\}"), 2u);
}

// Files renamed in (good, damaged, half-written under a temporary name,
// the previous one deleted) while a 20,000-label batch and GETs are in
// flight: no request fails, every answer is exactly one of the checked
// indexes' answers.
TEST_F(ServeWatchTest, FilesDroppedInUnderLoadEveryAnswerFromACheckedIndex) {
  CheckedLoad load(indexes_, labels_);
  ASSERT_NO_FATAL_FAILURE(Drop("gen-0000.doroidx", indexes_.bytes[1]));
  ASSERT_NO_FATAL_FAILURE(Start(std::chrono::milliseconds(1)));  // reloads race the renames
  const uint16_t port = server_->port();

  load.Start(port);

  Client admin(port);
  int n = 0, rounds = 0;
  uint64_t refused = 0;
  fs::path served = watch_ / "gen-0000.doroidx";
  auto name = [&n] {
    char buf[32];
    std::snprintf(buf, sizeof buf, "gen-%04d.doroidx", ++n);
    return std::string(buf);
  };
  auto drop_good = [&](int k, const char* what) {
    const fs::path previous = served;
    served = Drop(name(), indexes_.bytes[k]);
    EXPECT_TRUE(Serves(admin, served)) << what;
    EXPECT_EQ(admin.Post("/v1/batch", probe_body_).body(), probe_[k]) << what;
    fs::remove(previous);  // deleting the old one changes nothing
  };
  while (rounds < 2 || load.batches() < 3 || load.gets() < 300) {
    ++rounds;
    drop_good(0, "smaller");
    Drop(name(), Damaged(indexes_.bytes[2]));
    ++refused;
    EXPECT_TRUE(WaitFor([&] { return Counter(admin, "doro_index_files_refused_total") == refused; }));
    EXPECT_EQ(ServedPath(admin), served.string());
    const fs::path half = watch_ / (name() + ".tmp");  // the newest file, but never looked at
    WriteFile(half, std::string_view(indexes_.bytes[2]).substr(0, 4096));
    fs::last_write_time(half, NextTime());
    drop_good(2, "larger");
    drop_good(1, "mid");
    ASSERT_LT(rounds, 10000) << "the load threads made no progress";
  }
  load.Stop();
  EXPECT_EQ(load.bad(), 0) << "first: " << load.first_bad();
  EXPECT_GE(load.batches(), 3);
  EXPECT_EQ(Counter(admin, "doro_index_files_refused_total"), refused);
}

// ---- the `doro serve --watch` process ----

// `doro serve ...` in the background, its log in a file; SIGTERM on exit.
class ServeProcess {
 public:
  ServeProcess(const std::vector<std::string>& args, const fs::path& log) : log_(log) {
    pid_ = fork();
    if (pid_ == 0) {
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      dup2(fd, 2);
      const int null = ::open("/dev/null", O_RDWR);
      dup2(null, 0);
      dup2(null, 1);
      std::string bin = std::string(DORO_BINARY_DIR) + "/doro";
      std::vector<std::string> copy = args;
      std::vector<char*> argv{bin.data()};
      for (auto& a : copy) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  // The port from "serving on http://127.0.0.1:PORT"; 0 when it never came.
  uint16_t Port() {
    std::smatch m;
    uint16_t port = 0;
    WaitFor([&] {
      const std::string log = cli::testing::ReadAll(log_);
      if (!std::regex_search(log, m, std::regex(R"(serving on http://127\.0\.0\.1:([0-9]+))"))) return false;
      port = static_cast<uint16_t>(std::stoi(m[1]));
      return true;
    });
    return port;
  }
  void Signal(int sig) { kill(pid_, sig); }
  int Wait() {
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::string Log() const { return cli::testing::ReadAll(log_); }

 private:
  fs::path log_;
  pid_t pid_ = -1;
};

TEST_F(ServeWatchTest, DoroServeWatchFollowsIndexBuildOut) {
  WriteFile(watch_ / "a.doroidx", indexes_.bytes[0]);
  fs::last_write_time(watch_ / "a.doroidx", base_time_ - std::chrono::hours(1));  // older than what is built next
  ServeProcess serve({"serve", "--watch", watch_.string(), "--port", "0", "--threads", "1", "--watch-interval", "0.01"},
                     root_ / "serve.log");
  const uint16_t port = serve.Port();
  ASSERT_NE(port, 0) << serve.Log();
  Client c(port);
  EXPECT_EQ(ServedPath(c), (watch_ / "a.doroidx").string());
  // `index build` writes DIR/b.doroidx.tmp, then renames it.
  const auto build = cli::testing::RunDoro("index build --db " + std::string(DORO_SOURCE_DIR) + "/data/demo --out " +
                                           (watch_ / "b.doroidx").string());
  ASSERT_EQ(build.exit_code, 0) << build.err;
  ASSERT_TRUE(Serves(c, watch_ / "b.doroidx")) << serve.Log();
  // SIGHUP: the rule afresh; b is still the newest.
  serve.Signal(SIGHUP);
  ASSERT_TRUE(WaitFor([&] { return Counter(c, "doro_reloads_total\\{result=\"ok\"\\}") == 2; })) << serve.Log();
  EXPECT_EQ(ServedPath(c), (watch_ / "b.doroidx").string());
  serve.Signal(SIGTERM);
  EXPECT_EQ(serve.Wait(), 0);
  const std::string log = serve.Log();
  EXPECT_THAT(log, ::testing::HasSubstr("opened " + (watch_ / "b.doroidx").string()));
  EXPECT_THAT(log, ::testing::HasSubstr("SIGHUP: reloading the newest index file in " + watch_.string()));
}

TEST_F(ServeWatchTest, DoroServeWatchRefusesToStartWithoutAnIndexOrWithDb) {
  const auto empty = cli::testing::RunDoro("serve --port 0 --watch " + watch_.string());
  EXPECT_EQ(empty.exit_code, 1);
  EXPECT_THAT(empty.err, ::testing::HasSubstr("no index file in " + watch_.string()));
  const auto missing = cli::testing::RunDoro("serve --port 0 --watch " + (root_ / "nope").string());
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, ::testing::HasSubstr("cannot read directory"));
  const auto both = cli::testing::RunDoro("serve --port 0 --db x.doroidx --watch " + watch_.string());
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_THAT(both.err, ::testing::HasSubstr("--watch"));
}

}  // namespace
}  // namespace doro
