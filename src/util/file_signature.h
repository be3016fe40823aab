// What a file looks like from outside, to notice that it changed without
// reading it: `doro serve` polls the signature of its --db path and reloads
// when it differs (an index copied over in place, or renamed over).
//
//   const FileSignature before = SignatureOf(path);
//   ...
//   if (SignatureOf(path) != before) reload();
//
// Device, inode, size, modification and change times: a rename over the
// file, a write in place and a truncation all show. A missing path has
// exists == false.
#ifndef DORO_UTIL_FILE_SIGNATURE_H_
#define DORO_UTIL_FILE_SIGNATURE_H_

#include <cstdint>
#include <string>

namespace doro::util {

struct FileSignature {
  bool exists = false;
  uint64_t device = 0;
  uint64_t inode = 0;
  uint64_t size = 0;
  int64_t modified_ns = 0;
  int64_t changed_ns = 0;

  bool operator==(const FileSignature&) const = default;
};

FileSignature SignatureOf(const std::string& path);

}  // namespace doro::util

#endif  // DORO_UTIL_FILE_SIGNATURE_H_
