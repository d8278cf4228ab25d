// ProgramCache: net-tools 2.10's "-p" cache (prg_cache_load): socket inode ->
// "PID/name", built once per pass by walking /proc in listing order, reading
// every /proc/<pid>/fd link and, on a process's first socket link, its
// cmdline. Read only through the Root, so a bundle replays it exactly.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "src/output.h"

namespace netstat {

class Root;

class ProgramCache {
 public:
  /// Scans \a root's /proc (once; later calls do nothing) and prints 2.10's
  /// notes about unreadable fd/ directories on \a err.
  void load(const Root& root, Output& err);
  bool loaded() const { return m_loaded; }
  /// The "PID/name" text (at most 19 bytes) for \a inode, or "-".
  std::string_view get(uint64_t inode) const;
  size_t size() const { return m_entries.size(); }

 private:
  struct Entry {
    uint8_t len = 0;
    std::array<char, 19> text{};
  };
  bool m_loaded = false;
  std::unordered_map<uint64_t, Entry> m_entries;
};

/// The inode of an fd link target as 2.10 accepts it: "socket:[N]" (at
/// least 11 bytes, ending in ']') or "[0000]:N", N parsed like strtoul(..., 0)
/// over the whole rest (so "0x3f1" and octal "011" work); ULONG_MAX is
/// rejected. Only the first 29 bytes of a target are ever looked at.
std::optional<uint64_t> socket_inode_from_link(std::string_view target);

/// The program name part of an entry: the first NUL-terminated string of the
/// first 511 bytes of \a cmdline, reduced to what follows its last '/' when
/// it starts with '/'.
std::string_view program_name(std::string_view cmdline);

}  // namespace netstat
