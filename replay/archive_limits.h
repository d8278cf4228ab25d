// Caps on what one decoded archive (or untrusted tree) may make us hold in
// memory. Kept apart from the archive reader so that option parsing and
// callers that only pass limits along do not pull libarchive's interface in.
// The caps are a parameter of everything that reads a bundle (open_root,
// open_views, verify, the exporter); the command line builds them once per
// run from the environment and the --archive-max-* options
// (src/options.h, resolve_archive_limits).
#pragma once

#include <cstddef>

namespace netstat {

/// Caps on what one archive may make us hold in memory. The defaults suit a
/// bundle of a very busy host (1M sockets) and a typical sosreport; they are
/// the documented limits (docs/bundle-format.md, "Reading limits"), which
/// the command line changes through the variables and options named below.
struct ArchiveLimits {
  /// NETSTAT_ARCHIVE_MAX_ENTRY_SIZE, --archive-max-entry-size
  size_t max_entry_size = size_t{256} << 20;
  /// NETSTAT_ARCHIVE_MAX_TOTAL_SIZE, --archive-max-total-size
  size_t max_total_size = size_t{1} << 30;
  /// NETSTAT_ARCHIVE_MAX_ENTRIES, --archive-max-entries
  size_t max_entries = 1'000'000;
};

}  // namespace netstat
