// Shared by the tests that replace the index under a running server
// (index_replace_test, serve_watch_test): three real indexes that answer
// differently, request bodies over the demo labels, and what a server over
// a given index answers (computed without sockets).
#ifndef DORO_TESTS_INDEX_FIXTURE_UTIL_H_
#define DORO_TESTS_INDEX_FIXTURE_UTIL_H_

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"
#include "db/index_file.h"
#include "match/engine.h"
#include "server/handlers.h"
#include "util/work_pool.h"

namespace doro::testing {

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline void WriteFile(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// The same size as `good`, but bytes in its middle flipped: refused by the
// checksum, and wrong if it were ever served.
inline std::string Damaged(std::string good) {
  for (size_t i = good.size() / 4; i < good.size() * 3 / 4; ++i) good[i] = static_cast<char>(good[i] ^ 0x5a);
  return good;
}

inline std::vector<std::string> DemoLabels() {
  std::ifstream in(std::string(DORO_SOURCE_DIR) + "/data/demo/labels.txt");
  std::vector<std::string> labels;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) labels.push_back(line);
  }
  return labels;
}

inline std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// A /v1/batch body of n items cycling through `labels`.
inline std::string ContestBody(const std::vector<std::string>& labels, size_t n) {
  std::string body = R"({"requestList":[)";
  for (size_t i = 0; i < n; ++i) {
    if (i) body += ",";
    body += R"({"seq":)" + std::to_string(i + 1) + R"(,"requestAddress":)" + JsonString(labels[i % labels.size()]) + "}";
  }
  return body + "]}";
}

// GET /v1/refine for one label, every byte escaped.
inline std::string RefineTarget(std::string_view label) {
  std::string t = "/v1/refine?address=";
  for (unsigned char c : label) {
    char buf[4];
    std::snprintf(buf, sizeof buf, "%%%02X", c);
    t += buf;
  }
  return t;
}

// Three indexes over a third, two thirds and all of the demo rows: each
// answers the demo labels differently, and each is larger than the one
// before. Built under `dir` (as small.doroidx, mid.doroidx, large.doroidx).
struct DemoIndexes {
  std::string bytes[3];
  std::shared_ptr<const Engine> engines[3];

  // Call inside ASSERT_NO_FATAL_FAILURE.
  void Build(const std::filesystem::path& dir) {
    std::ifstream in(std::string(DORO_SOURCE_DIR) + "/data/demo/rnaddrkor_demo.txt", std::ios::binary);
    std::vector<std::string> rows;
    for (std::string line; std::getline(in, line);) rows.push_back(line + "\n");
    ASSERT_GT(rows.size(), 30u);
    const char* names[3] = {"small", "mid", "large"};
    for (int k = 0; k < 3; ++k) {
      const std::filesystem::path text = dir / names[k];
      std::filesystem::create_directories(text);
      std::ofstream out(text / "rnaddrkor_demo.txt", std::ios::binary);
      for (size_t i = 0; i < rows.size() * (k + 1) / 3; ++i) out << rows[i];
      out.close();
      LoadReport report;
      std::string error;
      auto db = db::Database::Load(text.string(), &report, &error);
      ASSERT_NE(db, nullptr) << error;
      const std::filesystem::path index = dir / (std::string(names[k]) + ".doroidx");
      ASSERT_TRUE(db::IndexFile::Write(*db, report, index.string(), &error)) << error;
      bytes[k] = ReadFile(index);
      engines[k] = Engine::Open(index.string(), &error);
      ASSERT_NE(engines[k], nullptr) << error;
    }
    ASSERT_LT(bytes[0].size(), bytes[1].size());
    ASSERT_LT(bytes[1].size(), bytes[2].size());
  }

  // What a server over index k answers to `request`.
  std::string Expected(int k, const server::Request& request) const {
    util::WorkPool pool(1);
    server::Handlers handlers({}, engines[k], nullptr, &pool);
    const server::Response r = handlers.Handle(request);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.body;
  }
};

}  // namespace doro::testing

#endif  // DORO_TESTS_INDEX_FIXTURE_UTIL_H_
