// Shared by the CLI tests: run the built `doro` binary and capture its exit
// code, stdout and stderr.
#ifndef DORO_TESTS_CLI_TEST_UTIL_H_
#define DORO_TESTS_CLI_TEST_UTIL_H_

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace doro::cli::testing {

struct Run {
  int exit_code = -1;
  std::string out, err;
};

inline std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A scratch directory, removed with its contents at the end of the scope.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "doro_cli_XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

// Runs `doro <args>` through the shell (args are pasted in as written) with
// stdin from /dev/null unless args redirect it.
inline Run RunDoro(const std::string& args) {
  TempDir tmp;
  const auto out = tmp.path / "stdout", err = tmp.path / "stderr";
  const std::string cmd = std::string(DORO_BINARY_DIR) + "/doro " + args + " </dev/null >" + out.string() + " 2>" +
                          err.string();
  const int status = std::system(cmd.c_str());
  Run r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadAll(out);
  r.err = ReadAll(err);
  return r;
}

}  // namespace doro::cli::testing

#endif  // DORO_TESTS_CLI_TEST_UTIL_H_
