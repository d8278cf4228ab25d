// Placeholder for the interfaces mode.
#include "src/context.h"

namespace netstat {

int run_interfaces(const Options&, Context& ctx, int) {
  ctx.err.write("netstat: interfaces mode is not implemented yet\n");
  return 1;
}

}  // namespace netstat
