// Placeholder for the statistics mode.
#include "src/context.h"

namespace netstat {

int run_statistics(const Options&, Context& ctx, int) {
  ctx.err.write("netstat: statistics mode is not implemented yet\n");
  return 1;
}

}  // namespace netstat
