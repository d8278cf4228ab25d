// -p for a sosreport: sos keeps no /proc/<pid>/fd, but it keeps text that
// names the PID and program of each socket inode: what `netstat -W -neopa`
// printed (exactly what net-tools showed on the machine), else what
// `ss -peaonmi` and `lsof` printed (for hosts without net-tools). This turns
// that text into the process table a bundle would hold
// (netstat/processes.tsv), so -p, --json owners and diff read the owners
// through the one /proc/<pid>/fd walk, as on the live system.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "formats/netstat_owners.h"
#include "replay/process_table.h"
#include "replay/root.h"

namespace netstat {

/// The files tried, in order; every one found adds the inodes no earlier
/// one named (a file names an inode's owners all at once: ss and lsof list
/// every process holding it, and -p shows the lowest PID, as net-tools'
/// walk of /proc does).
struct SosOwnerSource {
  std::string_view path;  ///< a file, or a folder + "/" + a name prefix ("lsof")
  std::vector<formats::SocketOwner> (*parse)(std::string_view text);
};
inline constexpr SosOwnerSource kSosOwnerSources[] = {
    {"/sos_commands/networking/netstat_-W_-neopa", formats::parse_netstat_owners},
    {"/sos_commands/networking/netstat_-neopa", formats::parse_netstat_owners},
    {"/sos_commands/networking/netstat_-W_-neopa_--unix", formats::parse_netstat_owners},
    {"/sos_commands/networking/ss_-peaonmi", formats::parse_ss_owners},
    {"/sos_commands/filesys/lsof", formats::parse_lsof_owners},   // lsof_-b_M_-n_-l_-P
    {"/sos_commands/process/lsof", formats::parse_lsof_owners},   // sos 3.x: lsof_-b_M_-n_-l_-c
};

/// The process table built from \a tree's saved outputs (as a capture
/// would have written it: see ProcessTable::from_socket_owners): one
/// process per PID named, in numeric order, cmdline = the program name as
/// printed, one fd "socket:[INODE]" per socket it owned. nullopt when the
/// tree holds none of kSosOwnerSources or they name no owner. \a used
/// (optional) gets the paths that named owners. Called only when a mode
/// walks /proc/<pid> (-p, JSON owners, diff), never for -tan.
std::optional<ProcessTable> sos_process_table(const Root& tree,
                                              std::vector<std::string>* used = nullptr);

}  // namespace netstat
