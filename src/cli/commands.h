// The subcommands of `doro` other than `serve` (serve_command.h), and the
// entry point that runs them with Unix exit codes (exit_codes.h).
#ifndef DORO_CLI_COMMANDS_H_
#define DORO_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <string>

namespace doro::cli {

void AddRefineCommand(CLI::App& app);
void AddBatchCommand(CLI::App& app);
void AddIndexCommand(CLI::App& app);

// "doro 0.1.0 (index format 5, built 2026-12-01)"
std::string VersionText();

// The names and reasons lines of a help text: "Output fields: input, ..."
std::string FieldsHelp();
std::string ReasonsHelp();

// Parses argv and runs the command. Returns the exit code: `doro` alone
// prints the help (0); --help, --version: 0; a usage error: its message
// and 2; a command's own failure: its code (1, or 3 for refine).
int RunCli(int argc, char** argv);

}  // namespace doro::cli

#endif  // DORO_CLI_COMMANDS_H_
