// Placeholder for `netstat verify`.
#include "src/cli/subcommands.h"

namespace netstat {

int run_verify_command(const std::vector<std::string>&, Output&, Output& err) {
  err.write("netstat: verify is not implemented yet\n");
  return 2;
}

}  // namespace netstat
