// Placeholder for `netstat capture`.
#include "src/cli/subcommands.h"

namespace netstat {

int run_capture_command(const std::vector<std::string>&, Output&, Output& err) {
  err.write("netstat: capture is not implemented yet\n");
  return 2;
}

}  // namespace netstat
