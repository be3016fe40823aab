#include "util/file_signature.h"

#include <sys/stat.h>

#include <filesystem>
#include <functional>

namespace doro::util {
namespace {

bool StatOf(const std::string& path, FileSignature* s) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return false;
  s->exists = true;
  s->device = st.st_dev;
  s->inode = st.st_ino;
  s->size = static_cast<uint64_t>(st.st_size);
  s->modified_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  s->changed_ns = static_cast<int64_t>(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec;
  return true;
}

uint64_t Mix(uint64_t h, uint64_t v) { return (h ^ v) * 0x100000001b3ull + 0x9E3779B97F4A7C15ull; }

}  // namespace

FileSignature SignatureOf(const std::string& path) {
  FileSignature s;
  if (!StatOf(path, &s)) return FileSignature{};
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) return s;
  // The order of entries is the filesystem's; the hash is of an unordered
  // set (sum of per-entry hashes) so that it does not depend on it.
  for (std::filesystem::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    FileSignature e;
    if (!StatOf(it->path().string(), &e)) continue;
    uint64_t h = Mix(std::hash<std::string>{}(it->path().filename().string()), e.inode);
    h = Mix(Mix(Mix(h, e.size), static_cast<uint64_t>(e.modified_ns)), static_cast<uint64_t>(e.changed_ns));
    s.entries_hash += h;
  }
  return s;
}

}  // namespace doro::util
