// Placeholder for `netstat diff`.
#include "src/cli/subcommands.h"

namespace netstat {

int run_diff_command(const std::vector<std::string>&, Output&, Output& err) {
  err.write("netstat: diff is not implemented yet\n");
  return 2;
}

}  // namespace netstat
