// Placeholder for the masquerade mode.
#include "src/context.h"

namespace netstat {

int run_masquerade(const Options&, Context& ctx, int) {
  ctx.err.write("netstat: masquerade mode is not implemented yet\n");
  return 1;
}

}  // namespace netstat
