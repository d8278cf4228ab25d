// What a tree that is not a netstat bundle (a sosreport, a fixture, a /host
// mount) says about the machine it describes: host name, kernel release,
// and, for a sosreport, when it was taken and by which sos. Read from the
// tree's own files, first found wins:
//   host    hostname (sos 3.x), sos_commands/host/hostname,
//           proc/sys/kernel/hostname, etc/hostname
//   kernel  uname, sos_commands/kernel/uname_-a (`uname -a`),
//           proc/sys/kernel/osrelease, proc/version
//   time    sos_reports/manifest.json start_time (sos 4.x), else the first
//           line of sos_logs/sos.log (sos 3.x and 4.x)
// A sosreport is recognized by version.txt ("sosreport: X") or
// sos_reports/manifest.json. Unreadable or malformed files count as absent.
#pragma once

#include <string>

#include "replay/root.h"

namespace netstat {

struct TreeIdentity {
  bool sosreport = false;
  std::string sos_version;     ///< "4.0" ("" unknown)
  std::string hostname;        ///< "" unknown
  std::string kernel_release;  ///< "" unknown
  std::string captured_at;     ///< sos's local time, ISO without a zone
};

TreeIdentity read_tree_identity(const Root& tree);

/// "sosreport, sos 4.0, host web1, taken 2026-12-03T07:11:26" (parts that
/// are unknown are left out); "" for a tree that is not a sosreport.
std::string describe_tree(const TreeIdentity& id);

}  // namespace netstat
