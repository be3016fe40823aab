#include "server/index_dir.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <set>
#include <tuple>

#include "db/index_file.h"

namespace doro::server {
namespace {

namespace fs = std::filesystem;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// What "newer" compares: the modification time, then the name.
std::tuple<int64_t, std::string_view> Key(const IndexDirEntry& e) { return {e.signature.modified_ns, e.name}; }

}  // namespace

bool IsTemporaryName(std::string_view name) {
  // Dot-files: rsync's and many editors' temporary names. The suffixes:
  // doro's own (IndexFile::Write), and curl/wget/browser partial downloads.
  return name.empty() || name.front() == '.' || EndsWith(name, ".tmp") || EndsWith(name, ".part") ||
         EndsWith(name, ".partial") || EndsWith(name, "~");
}

bool ListIndexFiles(const std::string& dir, std::vector<IndexDirEntry>* out, std::string* error) {
  out->clear();
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    *error = "cannot read directory " + dir + ": " + ec.message();
    return false;
  }
  for (const fs::directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      *error = "cannot read directory " + dir + ": " + ec.message();
      return false;
    }
    IndexDirEntry e;
    e.name = it->path().filename().string();
    if (IsTemporaryName(e.name)) continue;
    e.path = it->path().string();
    // Regular files only (symlinks followed): opening a FIFO to read its
    // magic would block the poll.
    std::error_code type_ec;
    if (!fs::is_regular_file(it->path(), type_ec)) continue;
    e.signature = util::SignatureOf(e.path);
    if (!e.signature.exists || !db::IndexFile::LooksLikeIndex(e.path)) continue;  // gone, or not an index
    out->push_back(std::move(e));
  }
  std::sort(out->begin(), out->end(), [](const IndexDirEntry& a, const IndexDirEntry& b) { return Key(a) > Key(b); });
  return true;
}

IndexDir::IndexDir(std::string dir, OpenFn open) : dir_(std::move(dir)), open_(std::move(open)) {}

IndexDirEntry IndexDir::served() const {
  std::lock_guard<std::mutex> lock(mu_);
  return served_;
}

std::vector<IndexDirEntry> IndexDir::Candidates(Scope scope, const std::vector<IndexDirEntry>& listed) const {
  if (scope == Scope::kAll) return listed;
  std::vector<IndexDirEntry> out;
  for (const auto& e : listed) {
    if (const auto it = refused_.find(e.path); it != refused_.end() && it->second == e.signature) continue;
    const bool newer = served_.path.empty() || (e.path == served_.path ? e.signature != served_.signature
                                                                        : Key(e) > Key(served_));
    if (newer) out.push_back(e);
  }
  return out;
}

bool IndexDir::HasNewer() {
  std::vector<IndexDirEntry> listed;
  std::string error;
  if (!ListIndexFiles(dir_, &listed, &error)) return false;  // a directory gone for a moment: keep serving
  std::lock_guard<std::mutex> lock(mu_);
  return !Candidates(Scope::kNewer, listed).empty();
}

std::shared_ptr<const Engine> IndexDir::OpenNewest(std::string* error) { return Open(Scope::kAll, error); }

std::shared_ptr<const Engine> IndexDir::OpenNewer(std::string* error) { return Open(Scope::kNewer, error); }

std::shared_ptr<const Engine> IndexDir::Reopen(std::string* error) {
  return full_rescan_.exchange(false) ? OpenNewest(error) : OpenNewer(error);
}

std::shared_ptr<const Engine> IndexDir::Open(Scope scope, std::string* error) {
  std::vector<IndexDirEntry> listed;
  if (!ListIndexFiles(dir_, &listed, error)) return nullptr;
  std::vector<IndexDirEntry> candidates;
  {
    std::lock_guard<std::mutex> lock(mu_);
    // Forget refusals of files no longer there, so the map stays as small
    // as the directory.
    std::set<std::string> present;
    for (const auto& e : listed) present.insert(e.path);
    std::erase_if(refused_, [&present](const auto& kv) { return !present.count(kv.first); });
    candidates = Candidates(scope, listed);
  }
  if (candidates.empty()) {
    *error = listed.empty() ? "no index file in " + dir_ + " (build one with `doro index build --out " + dir_ + "/`)"
                            : "no index file in " + dir_ + " newer than the one served";
    return nullptr;
  }
  std::string refusals;
  for (const auto& c : candidates) {
    std::string why;
    std::shared_ptr<const Engine> engine;
    try {
      engine = open_(c.path, &why);
    } catch (const std::exception& e) {
      why = e.what();
    }
    // Listed as an index but replaced by a text file before the open: that
    // would be read as rows, not checked as an index.
    if (engine && engine->report().index_path.empty()) {
      engine.reset();
      why = c.path + " is no longer an index file";
    }
    if (engine) {
      std::lock_guard<std::mutex> lock(mu_);
      served_ = c;
      refused_.erase(c.path);
      return engine;
    }
    if (why.empty()) why = "cannot open " + c.path;
    spdlog::error("not served: {}", why);
    {
      std::lock_guard<std::mutex> lock(mu_);
      refused_[c.path] = c.signature;
    }
    refused_total_.fetch_add(1);
    if (on_refused_) on_refused_();
    if (!refusals.empty()) refusals += "; ";
    refusals += why;
  }
  *error = refusals;
  return nullptr;
}

}  // namespace doro::server
