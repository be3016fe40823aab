// The index reader (IndexFile::Open) on mutated index files.
//
// The file under test is a valid index of the demo database with the input's
// edits applied. Input: byte 0 holds flags (bit 0: recompute the checksum
// after the edits, so that the checks behind it are reached; bit 1: set the
// header's file size to the new size); then edits of
// [kind][offset: 4 bytes LE][length][length bytes], kind % 4 being
// overwrite, truncate at offset, insert, xor; offsets wrap at the file size.
//
// Properties: Open returns a database or an error, never crashes; a file it
// accepts formats every building and serves labels without reading outside
// the mapping (ASan checks the reads; the tables are only as trustworthy as
// IndexFile::CheckTables makes them).
#include <cstring>
#include <memory>
#include <string>

#include "db/database.h"
#include "db/index_file.h"
#include "fuzz_util.h"
#include "match/engine.h"

namespace {

using doro::db::Database;
using doro::db::IndexFile;

// The header fields the edits may need to repair. They mirror
// src/db/index_file.cc (format version 5); Setup() checks that repairing
// the pristine file gives it back unchanged, and turns repair off when the
// format has moved on (the fuzzing then stops at the checksum).
constexpr size_t kHeaderSizeAt = 12, kFileSizeAt = 16, kChecksumAt = 24;

uint64_t Checksum(const char* data, size_t size, uint64_t seed) {
  uint64_t h = seed ^ size;
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t w;
    std::memcpy(&w, data + i, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdull;
    h ^= h >> 29;
  }
  for (; i < size; ++i) h = (h ^ static_cast<unsigned char>(data[i])) * 0x100000001b3ull;
  h ^= h >> 33;
  return h;
}

struct Setup {
  std::string path = doro::fuzz::ScratchDir() + "/fuzz.doroidx";
  std::string pristine;
  uint32_t header_size = 0;
  bool can_repair = false;
  std::vector<std::string> labels;

  Setup() {
    doro::LoadReport report;
    std::string error;
    const auto db = Database::Load("", &report, &error);
    if (db == nullptr || !IndexFile::Write(*db, report, path, &error)) doro::fuzz::Fail("demo index", error);
    pristine = doro::fuzz::ReadFile(path);
    std::memcpy(&header_size, pristine.data() + kHeaderSizeAt, 4);
    const size_t n = db->tables().buildings.size();
    for (size_t i = 0; i < n; i += n / 8 + 1) {
      labels.push_back(db->RoadAddress(static_cast<uint32_t>(i)));
      labels.push_back(db->English(static_cast<uint32_t>(i)));
    }
    if (header_size <= pristine.size()) {
      std::string copy = pristine;
      can_repair = true;
      Repair(&copy, false);
      can_repair = copy == pristine;
    }
    if (!can_repair) std::fprintf(stderr, "index_fuzz: the index header changed; checksum repair is off\n");
  }

  void Repair(std::string* file, bool fix_size) const {
    if (!can_repair || file->size() < header_size) return;
    if (fix_size) {
      const uint64_t size = file->size();
      std::memcpy(file->data() + kFileSizeAt, &size, 8);
    }
    std::string head = file->substr(0, header_size);
    std::memset(head.data() + kChecksumAt, 0, 8);
    const uint64_t h = Checksum(head.data(), head.size(), 0x9E3779B97F4A7C15ull);
    const uint64_t sum = Checksum(file->data() + header_size, file->size() - header_size, h);
    std::memcpy(file->data() + kChecksumAt, &sum, 8);
  }
};

const Setup& TheSetup() {
  static const Setup setup;
  return setup;
}

std::string Edit(const std::string& pristine, std::string_view in) {
  std::string file = pristine;
  size_t i = 0;
  while (i + 6 <= in.size()) {
    const uint8_t kind = static_cast<uint8_t>(in[i]) % 4;
    uint32_t offset;
    std::memcpy(&offset, in.data() + i + 1, 4);
    const size_t len = static_cast<uint8_t>(in[i + 5]);
    i += 6;
    const std::string_view bytes = in.substr(i, kind == 1 ? 0 : len);
    i += bytes.size();
    const size_t at = file.empty() ? 0 : offset % (file.size() + 1);
    switch (kind) {
      case 0: file.replace(at, bytes.size(), bytes); break;
      case 1: file.resize(at); break;
      case 2: file.insert(at, bytes); break;
      case 3:
        for (size_t k = 0; k < bytes.size() && at + k < file.size(); ++k) file[at + k] ^= bytes[k];
        break;
    }
  }
  return file;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const Setup& setup = TheSetup();
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string file = Edit(setup.pristine, in.substr(1));
  if (data[0] & 1) setup.Repair(&file, (data[0] & 2) != 0);
  doro::fuzz::WriteFile(setup.path, file);

  doro::LoadReport report;
  std::string error;
  const std::unique_ptr<Database> db = IndexFile::Open(setup.path, &report, &error);
  if (db == nullptr) {
    FUZZ_CHECK(!error.empty(), "IndexFile::Open failed without saying why");
    return 0;
  }
  const auto& t = db->tables();
  for (uint32_t i = 0; i < t.buildings.size(); ++i) {
    (void)db->RoadAddress(i), (void)db->Reference(i), (void)db->English(i), (void)db->Zip(i), (void)db->BuildingId(i);
  }
  // An engine over an accepted file that differs from the pristine one:
  // opening one costs milliseconds, so the pristine file (the seed) does
  // not pay for it on every run.
  if (file == setup.pristine) return 0;
  const auto engine = doro::Engine::Open(setup.path, &error);
  FUZZ_CHECK(engine != nullptr, "IndexFile::Open accepted the file, Engine::Open did not: " + error);
  for (const std::string& label : setup.labels) (void)engine->Refine(label);
  return 0;
}
