// The one walk of /proc/<pid>/fd: every numeric /proc entry, its fd/ links
// read in one go, the links that name a socket the way net-tools 2.10's
// prg_cache_load accepts them ("socket:[N]" or "[0000]:N"), and the
// process's cmdline when it holds at least one. `-p` (ProgramCache), JSON
// owners (model::load_owners), diff and capture (the process table) are its
// consumers; nothing else reads /proc/<pid>/fd.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "replay/result.h"

namespace netstat {

class Root;

/// The inode of an fd link target as 2.10 accepts it: "socket:[N]" (at
/// least 11 bytes, ending in ']') or "[0000]:N", N parsed like strtoul(..., 0)
/// over the whole rest (so "0x3f1" and octal "011" work); ULONG_MAX is
/// rejected. Only the first 29 bytes of a target are ever looked at.
std::optional<uint64_t> socket_inode_from_link(std::string_view target);

/// The program name part of a -p entry: the first NUL-terminated string of
/// the first 511 bytes of \a cmdline, reduced to what follows its last '/'
/// when it starts with '/'.
std::string_view program_name(std::string_view cmdline);

/// One process as the walk saw it. Views point into the walk's buffers and
/// are valid during the visit only (a consumer may move the strings out).
struct FdWalkProcess {
  struct Socket {
    std::string_view fd;      ///< entry name in fd/ ("4")
    std::string_view target;  ///< readlink answer ("socket:[5678]")
    uint64_t inode = 0;       ///< socket_inode_from_link(target)
  };
  std::string_view pid;  ///< the /proc entry name (digits)
  /// Set when fd/ could not be listed; then sockets is empty.
  const Error* fd_error = nullptr;
  /// The socket links of fd/, in its order (entries named by a digit).
  std::vector<Socket> sockets;
  /// /proc/<pid>/cmdline, read only when sockets is not empty.
  std::optional<Result<std::string>> cmdline;
};

/// The order processes are visited in.
enum class PidOrder : uint8_t {
  listing,  ///< /proc's own order (2.10's -p: the first PID listed wins)
  numeric,  ///< ascending PID (entries of 20 digits or more are skipped)
};

/// How many threads read the fd/ directories of a walk. Whatever the
/// number, processes are visited on the calling thread, one at a time, in
/// the walk's order: threads only read ahead.
struct FdWalkThreads {
  unsigned threads = 1;
  /// Helpers start once this many fd/ entries have been read on the
  /// calling thread (a small /proc is walked by one thread).
  size_t spawn_after_links = 4096;
  /// One thread unless \a root's reads overlap (the live system): then
  /// min(hardware threads, 4), or NETSTAT_FD_WALK_THREADS (1..64).
  static FdWalkThreads for_root(const Root& root);
};

/// Walks \a root's /proc and calls \a visit for each numeric entry. Fails
/// only when /proc itself cannot be listed; every other failure is part of
/// what a process reports. With \a only, /proc is not listed: exactly those
/// entries are walked, in that order, and one whose fd/ no longer exists
/// (the process has gone) is skipped. The fd/ directories are read by
/// FdWalkThreads::for_root(root) threads.
Result<void> walk_fds(const Root& root, PidOrder order,
                      const std::function<void(FdWalkProcess&)>& visit,
                      const std::vector<std::string>* only = nullptr);
/// walk_fds with an explicit number of threads (tests).
Result<void> walk_fds(const Root& root, PidOrder order,
                      const std::function<void(FdWalkProcess&)>& visit,
                      const std::vector<std::string>* only, const FdWalkThreads& threads);

}  // namespace netstat
