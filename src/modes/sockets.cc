// Placeholder for the sockets mode.
#include "src/context.h"

namespace netstat {

int run_sockets(const Options&, Context& ctx, int) {
  ctx.err.write("netstat: sockets mode is not implemented yet\n");
  return 1;
}

}  // namespace netstat
