// Context: what a mode needs to run one pass: the root it reads, where it
// prints, and the name resolver (with its caches, which live for the whole
// process as in 2.10, also across -c iterations).
#pragma once

#include "replay/root.h"
#include "src/options.h"
#include "src/output.h"

namespace netstat {

class Resolver;

struct Context {
  const Root& root;
  Output& out;
  Output& err;
  Resolver& resolver;
  /// True when reading the running system (then -c repeats; on a snapshot
  /// one pass is printed).
  bool live = true;
};

/// One pass of a mode. \a iteration counts -c passes from 0. Returns the
/// exit status (0 to continue with -c).
using ModeFn = int (*)(const Options&, Context&, int iteration);

int run_sockets(const Options& o, Context& ctx, int iteration);     // modes/sockets.cc
int run_route(const Options& o, Context& ctx, int iteration);       // modes/route.cc
int run_interfaces(const Options& o, Context& ctx, int iteration);  // modes/interfaces.cc
int run_statistics(const Options& o, Context& ctx, int iteration);  // modes/statistics.cc
int run_masquerade(const Options& o, Context& ctx, int iteration);  // modes/masquerade.cc

}  // namespace netstat
