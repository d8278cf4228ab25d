// OwnerTable: socket inode -> the processes holding it (netstat -p), built
// from a root's /proc/<pid>/fd links and /proc/<pid>/cmdline the way
// net-tools 2.10's prg_cache_load does (PIDs in ascending order, targets
// "socket:[N]" or "[0000]:N", program = cmdline's first word, basename
// when it starts with '/').
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "replay/root.h"
#include "src/model/snapshot.h"

namespace netstat {
class ProgramCache;
}

namespace netstat::model {

struct OwnerTable {
  std::unordered_map<uint64_t, std::vector<Owner>> by_inode;
  /// Some fd/ directory could not be read (non-root capture).
  bool access_denied = false;
  /// The owners of \a inode, or null.
  const std::vector<Owner>* find(uint64_t inode) const {
    if (inode == 0) return nullptr;
    auto it = by_inode.find(inode);
    return it == by_inode.end() ? nullptr : &it->second;
  }
};

/// Scans \a root's /proc (one fd walk, replay/fd_walk.h). Missing or
/// unreadable parts give fewer owners, never an error. With \a programs,
/// the same walk fills that -p cache too (diff needs both).
OwnerTable load_owners(const Root& root, ProgramCache* programs = nullptr);

}  // namespace netstat::model
