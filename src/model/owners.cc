// Builds the -p owner table from the one fd walk (replay/fd_walk.h), with
// net-tools 2.10's link and cmdline rules, but keeping every owner of an
// inode with its full program name and numeric pid (ProgramCache keeps only the first owner's
// "PID/name" cut to 19 bytes, which is what the text column needs).
#include "src/model/owners.h"

#include <algorithm>
#include <charconv>

#include "replay/fd_walk.h"
#include "src/programs.h"

namespace netstat::model {

OwnerTable load_owners(const Root& root, ProgramCache* programs) {
  OwnerTable table;
  // Listing order (what -p's "first PID wins" needs); each inode's owners
  // are put in PID order at the end.
  (void)walk_fds(root, PidOrder::listing, [&](FdWalkProcess& p) {
    if (programs != nullptr) programs->add(p);
    if (p.fd_error != nullptr) {
      if (p.fd_error->code == Errc::permission_denied) table.access_denied = true;
      return;
    }
    if (!p.cmdline || !p.cmdline->ok() || p.pid.size() >= 20) return;
    uint64_t value = 0;
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
  for (auto& [inode, owners] : table.by_inode) {
    if (owners.size() > 1) {
      std::sort(owners.begin(), owners.end(),
                [](const Owner& a, const Owner& b) { return a.pid < b.pid; });
    }
  }
  return table;
}

}  // namespace netstat::model
