// The exit codes of `doro`, by Unix convention, and how a command ends with
// one. Listed in every help text and in doro.1.
#ifndef DORO_CLI_EXIT_CODES_H_
#define DORO_CLI_EXIT_CODES_H_

#include <CLI/CLI.hpp>
#include <string>

namespace doro::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitRuntime = 1,   // unreadable database, I/O error, port in use
  kExitUsage = 2,     // unknown option, bad value, missing argument
  kExitNoAnswer = 3,  // `refine`: not one label got an answer
};

// Printed under each command's help.
inline constexpr const char* kExitCodesHelp =
    "Exit codes: 0 success; 1 runtime error (unreadable database, I/O error); 2 usage error\n"
    "(unknown option, bad value)";

// Prints "doro: <message>" on stderr and ends the command with `code`
// (thrown as CLI::RuntimeError, which the entry point turns into the code).
[[noreturn]] void Fail(ExitCode code, const std::string& message);

}  // namespace doro::cli

#endif  // DORO_CLI_EXIT_CODES_H_
