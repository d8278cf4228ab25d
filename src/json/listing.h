// --json / --json-lines for every netstat mode: the same mode dispatch and
// selection flags as the text modes (-M, -s, -r, -i, else sockets with
// -t/-u/-U/-w/-S/-x/-g/-4/-6/-A and -a/-l), rows from the model, written
// as one document (--json) or one object per line (--json-lines).
#pragma once

#include "src/context.h"
#include "src/options.h"

namespace netstat {

/// One pass of the selected mode as JSON. Returns the exit status.
int run_json(const Options& o, Context& ctx);

}  // namespace netstat
