// Builds the -p owner table from the one fd walk (replay/fd_walk.h), with
// net-tools 2.10's link and cmdline rules, but keeping every owner of an
// inode with its full program name and numeric pid (ProgramCache keeps only the first owner's
// "PID/name" cut to 19 bytes, which is what the text column needs).
#include "src/model/owners.h"

#include <algorithm>
#include <charconv>

#include "replay/fd_walk.h"

namespace netstat::model {

OwnerTable load_owners(const Root& root) {
  OwnerTable table;
  (void)walk_fds(root, PidOrder::numeric, [&](FdWalkProcess& p) {
    if (p.fd_error != nullptr) {
      if (p.fd_error->code == Errc::permission_denied) table.access_denied = true;
      return;
    }
    if (!p.cmdline || !p.cmdline->ok()) return;
    uint64_t value = 0;  // fewer than 20 digits (PidOrder::numeric)
    std::from_chars(p.pid.data(), p.pid.data() + p.pid.size(), value);
    auto pid = static_cast<uint32_t>(value);
    std::string program(program_name(**p.cmdline));
    for (const FdWalkProcess::Socket& s : p.sockets) {
      if (s.inode == 0) continue;
      std::vector<Owner>& owners = table.by_inode[s.inode];
      bool dup = std::any_of(owners.begin(), owners.end(),
                             [pid](const Owner& o) { return o.pid == pid; });
      if (!dup) owners.push_back(Owner{pid, program});
    }
  });
  return table;
}

}  // namespace netstat::model
