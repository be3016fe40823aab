// Shared by the CLI tests: run the built `doro` binary and capture its exit
// code, stdout and stderr.
#ifndef DORO_TESTS_CLI_TEST_UTIL_H_
#define DORO_TESTS_CLI_TEST_UTIL_H_

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

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

// `doro <args>` with pipes to its stdin and from its stdout (stderr goes to
// a file), for what a shell pipeline sees: lines written while the input is
// still open.
class PipedDoro {
 public:
  explicit PipedDoro(const std::vector<std::string>& args) {
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(in[0], 0);
      dup2(out[1], 1);
      const std::string err = (tmp_.path / "stderr").string();
      freopen(err.c_str(), "w", stderr);
      close(in[1]);
      close(out[0]);
      std::vector<char*> argv;
      std::string bin = std::string(DORO_BINARY_DIR) + "/doro";
      argv.push_back(bin.data());
      std::vector<std::string> copy = args;
      for (auto& a : copy) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(in[0]);
    close(out[1]);
    to_ = in[1];
    from_ = out[0];
  }
  ~PipedDoro() {
    CloseInput();
    if (from_ >= 0) close(from_);
    if (pid_ > 0) Wait();
  }
  void Write(std::string_view s) { (void)!write(to_, s.data(), s.size()); }
  void CloseInput() {
    if (to_ >= 0) close(to_);
    to_ = -1;
  }
  // Reads one line of output; "" when the output ends, or after
  // `guard_seconds` without one (so that a broken build fails, not hangs).
  std::string ReadLine(int guard_seconds = 60) {
    while (true) {
      const size_t nl = pending_.find('\n');
      if (nl != std::string::npos) {
        std::string line = pending_.substr(0, nl);
        pending_.erase(0, nl + 1);
        return line;
      }
      pollfd p{from_, POLLIN, 0};
      if (poll(&p, 1, guard_seconds * 1000) <= 0) return "";
      char buf[4096];
      const ssize_t n = read(from_, buf, sizeof buf);
      if (n <= 0) return "";
      pending_.append(buf, static_cast<size_t>(n));
    }
  }
  // Waits for the exit; the exit code, -1 when killed.
  int Wait() {
    int status = 0;
    if (pid_ > 0 && waitpid(pid_, &status, 0) == pid_) {
      pid_ = -1;
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    return exit_code_;
  }
  std::string Err() const { return ReadAll(tmp_.path / "stderr"); }

 private:
  TempDir tmp_;
  pid_t pid_ = -1;
  int to_ = -1, from_ = -1;
  int exit_code_ = -1;
  std::string pending_;
};

}  // namespace doro::cli::testing

#endif  // DORO_TESTS_CLI_TEST_UTIL_H_
