// ProgramCache: net-tools 2.10's "-p" cache (prg_cache_load): socket inode ->
// "PID/name", built once per pass by walking /proc in listing order, reading
// every /proc/<pid>/fd link and, on a process's first socket link, its
// cmdline. Read only through the Root, so a bundle replays it exactly.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "replay/fd_walk.h"  // socket_inode_from_link, program_name
#include "src/output.h"

namespace netstat {

class Root;

class ProgramCache {
 public:
  /// Scans \a root's /proc (once; later calls do nothing) and prints 2.10's
  /// notes about unreadable fd/ directories on \a err.
  void load(const Root& root, Output& err);
  bool loaded() const { return m_loaded; }
  /// Takes one process of an fd walk that a caller runs for several
  /// consumers (diff: the owner table too); no notes.
  void add(const FdWalkProcess& p);
  /// The "PID/name" text (at most 19 bytes) for \a inode, or "-".
  std::string_view get(uint64_t inode) const;
  size_t size() const { return m_size; }

 private:
  struct Entry {
    uint8_t len = 0;
    std::array<char, 19> text{};
  };
  /// Slot of \a inode in m_slots: where it is, or the empty slot where it
  /// would go.
  size_t find_slot(uint64_t inode) const;
  void grow();

  bool m_loaded = false;
  /// "PID/name" per process that holds a socket, in walk order.
  std::vector<Entry> m_programs;
  /// Open addressing (linear probing) from socket inode to its program:
  /// inode == kEmpty marks a free slot (no link names that inode:
  /// socket_inode_from_link rejects ULONG_MAX); the first add() of an
  /// inode wins. A power-of-two size, at most half full.
  static constexpr uint64_t kEmpty = UINT64_MAX;
  struct Slot {
    uint64_t inode = kEmpty;
    uint32_t program = 0;  ///< index into m_programs
  };
  std::vector<Slot> m_slots;  ///< key and value side by side: one cache miss
  size_t m_size = 0;
};

}  // namespace netstat
