// Placeholder for the route mode.
#include "src/context.h"

namespace netstat {

int run_route(const Options&, Context& ctx, int) {
  ctx.err.write("netstat: route mode is not implemented yet\n");
  return 1;
}

}  // namespace netstat
