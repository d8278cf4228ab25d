// -p for a sosreport: sos keeps no /proc/<pid>/fd, but it keeps what
// `netstat -W -neopa` printed on the machine, which names the PID/Program of
// each socket inode. This turns that text into the process table a bundle
// would hold (netstat/processes.tsv), so -p, --json owners and diff read
// the owners through the one /proc/<pid>/fd walk, as on the live system.
#pragma once

#include <optional>
#include <string>

#include "replay/root.h"

namespace netstat {

/// The files tried, in order; every one found adds the inodes not yet named.
inline constexpr std::string_view kSosOwnerSources[] = {
    "/sos_commands/networking/netstat_-W_-neopa",
    "/sos_commands/networking/netstat_-neopa",
    "/sos_commands/networking/netstat_-W_-neopa_--unix",
};

/// The process table text (serialize_process_table) built from \a tree's
/// saved `netstat -p` outputs: one process per PID named, in numeric order,
/// cmdline = the program name as printed, one fd "socket:[INODE]" per socket
/// it owned. nullopt when the tree holds none of kSosOwnerSources or they
/// name no owner.
std::optional<std::string> sos_process_table(const Root& tree);

}  // namespace netstat
