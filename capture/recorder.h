// The recorder: walks any Root (the live system, a directory tree, another
// bundle) and collects everything a replay of every net-tools 2.10 mode
// needs, as the members of one bundle view. It reads only through the Root
// interface, so what it records is exactly what a mode would have read.
//
// Recorded: the /proc/net files the modes read (absent ones listed as
// absent), the socket links of every /proc/<pid>/fd plus argv[0] of that
// process (the whole cmdline only with CmdlineScope::full), the
// /sys/class/net/<if>/ attributes, etc/ lookup files, interface ioctl
// answers, the user names of every uid in the socket files, and every path
// that could not be read. Never recorded: non-socket fd targets, environ.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "replay/bundle_manifest.h"
#include "replay/result.h"
#include "replay/root.h"

namespace netstat {

enum class CmdlineScope : uint8_t { argv0, full };

using Clock = std::function<std::chrono::system_clock::time_point()>;

/// How many threads may read the root at once.
enum class Threads : uint8_t {
  one,
  /// The process walk runs beside the /proc/net reads; only for roots that
  /// are safe to call from two threads (the live system is; MemoryRoot,
  /// with its access log, is not).
  two,
};

struct RecordOptions {
  CmdlineScope cmdline = CmdlineScope::argv0;
  Threads threads = Threads::one;
  /// Time source for the manifest (tests inject a fixed one).
  Clock clock = [] { return std::chrono::system_clock::now(); };
  /// What the manifest names as the source ("/" for the live system).
  std::string source = "/";
  std::string tool;
  std::string tool_version;
  /// The /proc/<pid> entries the process walk takes, in this order, instead
  /// of every one /proc lists: a view of another network namespace records
  /// the processes inside it (capture/netns_scan.h). A process gone since
  /// is left out.
  std::optional<std::vector<std::string>> processes;
};

/// One bundle member (manifest.json excluded), archive path relative.
struct BundleMember {
  std::string path;
  FileType type = FileType::regular;  ///< regular, directory or symlink
  std::string data;                   ///< content or link target
  std::string sha256;                 ///< filled by finalize_recording()
};

/// A capture ready to be written: members in archive order and the manifest
/// (entries and hashes filled in by finalize_recording()).
struct Recording {
  std::vector<BundleMember> members;
  Manifest manifest;
};

/// Records one view of \a root. Fails only when nothing usable could be read
/// at all; individual failures are recorded in the manifest.
Result<Recording> record(const Root& root, const RecordOptions& options);

/// The /proc/net names probed (files, or folders whose files are taken),
/// derived from the read plan (replay/read_plan.h) in its order.
const std::vector<std::string>& recorded_proc_net_names();

/// "2024-05-01T12:00:00.250Z": UTC, RFC 3339, milliseconds always written.
std::string utc_text(std::chrono::system_clock::time_point t);

}  // namespace netstat
