// Composition root: wires stdout/stderr to Output sinks and calls run().
#include <csignal>
#include <string>
#include <vector>

#include <unistd.h>

#include "src/app.h"
#include "src/i18n.h"
#include "src/output.h"

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_DFL);
  // 2.10's setlocale(LC_ALL, "") and bindtextdomain("net-tools", ...).
  netstat::i18n::init();
  std::vector<std::string> args(argv, argv + argc);
  // stdout is line buffered on a terminal and block buffered otherwise, as
  // stdio does for net-tools; stderr is unbuffered.
  netstat::Output out(STDOUT_FILENO, isatty(STDOUT_FILENO) == 1);
  netstat::Output err(STDERR_FILENO, true);
  int status = netstat::run(args, out, err);
  out.flush();
  err.flush();
  return status;
}
