// `netstat export`: the rows of many bundles (or trees) as JSON lines, one
// table per row kind, for DuckDB, ClickHouse or Spark (docs/fleet.md).
//
// Inputs are exported in parallel (a pool of worker threads, each taking
// the next input), each bundle streamed from its decoded tree into the
// worker's own part files, so memory is a few bundles' worth whatever the
// number of inputs. The rows are those of the listing modes' --json-lines
// (src/json/rows.h), each with "bundle", "netns" and "frame" added.
#pragma once

#include <string>
#include <vector>

#include "replay/archive_limits.h"
#include "src/output.h"

namespace netstat::exporter {

struct ExportOptions {
  std::string output;               ///< a folder, or "-" for stdout
  std::vector<std::string> inputs;  ///< bundle files or trees
  unsigned jobs = 0;                ///< worker threads; 0 = one per core
  bool numeric = false;             ///< -n: numeric members only
  bool quiet = false;               ///< no summary line
  ArchiveLimits limits;             ///< caps on each bundle read
};

/// Exit status: 0 every input exported (or exported before), 1 some were
/// skipped as unreadable (each named on stderr and in the bundles table),
/// 2 the output could not be written.
int run_export(const ExportOptions& opts, Output& out, Output& err);

}  // namespace netstat::exporter
