// Where subcommands write a bundle on stdout (`-o -`): never to a terminal,
// and every write error surfaces (a full disk or a closed `| ssh` pipe must
// not look like a finished transfer).
#pragma once

#include "capture/bundle_writer.h"
#include "replay/result.h"
#include "src/output.h"

namespace netstat {

/// Fails when \a out is a terminal: a bundle is binary.
Result<void> check_stream_target(const Output& out);

/// A ByteSink writing to \a out that flushes each chunk and fails with
/// "write error: ..." as soon as a write does.
ByteSink output_sink(Output& out);

}  // namespace netstat
