// The network namespaces of a machine, for `capture --all-netns` and
// `capture --netns=SEL` (docs/bundle-format.md, views): the capturer's own,
// each name under /run/netns (`ip netns add`), and each distinct
// /proc/<pid>/ns/net (containers, `unshare -n`). Each is identified by its
// inode, its names, the processes inside (pid, comm) and, where the
// cgroup of the first process inside tells, the container
// (formats/cgroup_container.h).
//
// scan_netns() reads /proc through a Root (so tests run it on a memory
// tree); list_named_netns() and open_netns() are the live-only part: the
// inode of an nsfs file and an fd to enter it with setns(2).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "replay/bundle_manifest.h"
#include "replay/root.h"

namespace netstat {

/// One entry of /run/netns.
struct NamedNetns {
  std::string name;
  uint64_t inode = 0;          ///< 0 when it could not be told
  std::optional<Error> error;  ///< why not: unreadable, not a net namespace
};

/// The entries of \a dir (default /run/netns) in name order: each opened
/// and checked to be a network namespace (ioctl NS_GET_NSTYPE). A missing
/// folder is no entry.
std::vector<NamedNetns> list_named_netns(const std::string& dir = "/run/netns");

struct NetnsInfo {
  uint64_t inode = 0;
  bool self = false;               ///< the capturing process's namespace
  std::vector<std::string> names;  ///< under /run/netns
  /// Processes inside (pid order); not gathered for the capturer's own
  /// namespace (the host: every process not in another one).
  std::vector<ViewProcess> processes;
  std::optional<ViewContainer> container;
  /// The manifest's netns text: "self" or "netns:[INODE]".
  std::string netns() const;
};

struct NetnsScan {
  uint64_t self_inode = 0;
  /// The capturer's own first, then named ones (by first name), then the
  /// others in order of their first process.
  std::vector<NetnsInfo> namespaces;
  /// What could not be told: processes whose ns/net link could not be read
  /// (one entry, netns "unknown", with their pids), /run/netns entries that
  /// are not network namespaces.
  std::vector<SkippedNetns> unknown;
};

/// Scans \a root's /proc (pids, their ns/net links, comm, cgroup) and
/// merges \a named. Fails only when /proc cannot be listed or the
/// capturer's own namespace cannot be told.
Result<NetnsScan> scan_netns(const Root& root, const std::vector<NamedNetns>& named);

/// The namespace \a sel names in \a scan: a name from /run/netns, an inode
/// number, "pid:PID" of a process inside it, or "self". Null when none.
const NetnsInfo* find_netns(const NetnsScan& scan, std::string_view sel);

/// An fd (O_CLOEXEC) that enters \a ns with setns(2): /run/netns/NAME
/// (under \a named_dir) for a named one, else /proc/PID/ns/net of a process
/// inside, checked to still be that namespace (a pid may have exited or
/// been reused since the scan). Errors carry errno.
Result<int> open_netns(const NetnsInfo& ns, const std::string& named_dir = "/run/netns");

}  // namespace netstat
