// The doro command: refine labels, clean batch files, build index files,
// serve HTTP. Everything but this entry point lives in the doro_cli library.
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  // cin then reads with its own buffer, so `doro batch` sees each piece of
  // a pipe as it arrives instead of a byte at a time through stdio.
  std::ios::sync_with_stdio(false);
  return doro::cli::RunCli(argc, argv);
}
