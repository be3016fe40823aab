// The `doro serve` subcommand: flags in, a running server::Server out. It
// lives with the CLI so that the server library does not depend on CLI11.
#ifndef DORO_CLI_SERVE_COMMAND_H_
#define DORO_CLI_SERVE_COMMAND_H_

#include <CLI/CLI.hpp>

namespace doro::cli {

// Registers `serve` on `app`: --db, --host, --port, --threads,
// --max-body-bytes, --max-items, --max-label-bytes, --idle-timeout,
// --access-log. The
// callback opens the database, serves until SIGTERM/SIGINT (graceful stop,
// exit 0), reloads the database on SIGHUP, and throws CLI::RuntimeError(1)
// when the database cannot be opened or the port cannot be bound.
void AddServeCommand(CLI::App& app);

}  // namespace doro::cli

#endif  // DORO_CLI_SERVE_COMMAND_H_
