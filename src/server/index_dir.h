// `doro serve --watch DIR`: which index file of a directory is served.
//
// The rule: the server serves the newest complete index file in DIR that
// passes the checks of IndexFile::Open.
//  - Complete: files still being written under a temporary name are not
//    looked at (dot-files, *.tmp — what `doro index build` writes before
//    its rename —, *.part, *.partial, *~), nor anything that does not start
//    with the index magic (a README, text files) or is not a regular file
//    (a symlink counts as the file it points to).
//  - Newest: by modification time, then by name (a dated name breaks a
//    tie). A finished file renamed in keeps the time its writing ended, and
//    an operator can roll back to an older file with `touch`.
//  - Following the directory (OpenNewer, the watcher's reloads) only moves
//    forward: files newer than the one served, or the served file itself
//    changed. Deleting files, the served one included, changes nothing
//    (the server serves its private copy). A file refused is remembered
//    with its signature and not tried again until it changes.
//  - Starting and explicit reloads (SIGHUP, POST /admin/reload: OpenNewest)
//    apply the rule afresh: the newest file that opens, the served one and
//    files refused before included. A refused file makes the next older
//    one be tried, so a damaged newest file never stops a start.
//
//   auto dir = std::make_shared<IndexDir>("/var/lib/doro", open_fn);
//   auto engine = dir->OpenNewest(&error);       // at start
//   if (dir->HasNewer()) engine = dir->Reopen(&error);  // from the watcher
//
// Thread-safe; the files are listed and opened without holding its lock, so
// a poll never waits for an index being opened.
#ifndef DORO_SERVER_INDEX_DIR_H_
#define DORO_SERVER_INDEX_DIR_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "match/engine.h"
#include "util/file_signature.h"

namespace doro::server {

// One file of the directory that looks like a complete index.
struct IndexDirEntry {
  std::string path;  // DIR/name
  std::string name;
  util::FileSignature signature;
};

// True for a file name a writer uses while the file is incomplete.
bool IsTemporaryName(std::string_view name);

// The complete-looking index files of `dir`, newest first (modification
// time, then name, greater first). False and *error when `dir` cannot be
// read.
bool ListIndexFiles(const std::string& dir, std::vector<IndexDirEntry>* out, std::string* error);

class IndexDir {
 public:
  // Opens one index file (the engine options are the caller's).
  using OpenFn = std::function<std::shared_ptr<const Engine>(const std::string& path, std::string* error)>;

  IndexDir(std::string dir, OpenFn open);

  // The newest file that opens, trying older ones when newer ones are
  // refused. Null and *error when the directory has none.
  std::shared_ptr<const Engine> OpenNewest(std::string* error);
  // The newest file newer than the one served (or the served file itself,
  // changed) that opens, skipping files refused before and unchanged since.
  // Null and *error when none is left or all are refused.
  std::shared_ptr<const Engine> OpenNewer(std::string* error);
  // True when OpenNewer has a file to try. Lists the directory (a readdir,
  // a stat and an 8-byte read per file).
  bool HasNewer();

  // The reload function every trigger shares: OpenNewest when a full
  // rescan was requested since the last one (an explicit reload), else
  // OpenNewer. A reload queue may merge an explicit request with a
  // watcher's: the merged reload then rescans fully.
  void RequestFullRescan() { full_rescan_.store(true); }
  bool FullRescanRequested() const { return full_rescan_.load(); }
  std::shared_ptr<const Engine> Reopen(std::string* error);

  const std::string& dir() const { return dir_; }
  // The file opened last, as listed before it was opened; empty path
  // before any.
  IndexDirEntry served() const;
  // Files refused so far (each refusal of a file once per signature while
  // following; again at every explicit rescan).
  uint64_t refused() const { return refused_total_.load(); }
  // Called once per refusal, after the error is logged (the server counts
  // them in /metrics). Set before the directory is shared between threads.
  void OnRefused(std::function<void()> hook) { on_refused_ = std::move(hook); }

 private:
  enum class Scope { kAll, kNewer };
  std::shared_ptr<const Engine> Open(Scope scope, std::string* error);
  // The entries `scope` allows, in the order to try them.
  std::vector<IndexDirEntry> Candidates(Scope scope, const std::vector<IndexDirEntry>& listed) const;

  const std::string dir_;
  const OpenFn open_;
  std::function<void()> on_refused_;
  std::atomic<bool> full_rescan_{false};
  std::atomic<uint64_t> refused_total_{0};
  mutable std::mutex mu_;
  IndexDirEntry served_;                                 // guarded by mu_
  std::map<std::string, util::FileSignature> refused_;   // path -> as refused; guarded by mu_
};

}  // namespace doro::server

#endif  // DORO_SERVER_INDEX_DIR_H_
