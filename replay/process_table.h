// The process table of a bundle (netstat/processes.tsv): what `-p` reads per
// process, in one compact text table instead of one tar symlink per fd
// (107k symlink members load ~40x slower than this table; see
// docs/bundle-format.md).
//
//   netstat-processes<TAB>1
//   P<TAB>pid<TAB>fd-dir state<TAB>cmdline state<TAB>cmdline (escaped)
//   F<TAB>fd<TAB>link target (escaped)      ... one per socket fd of that P
//
// A state is "ok", "-" (cmdline only: not read) or an Errc name with an
// optional errno ("permission_denied:13"). Escaped fields hold bytes
// 0x00-0x1f, 0x7f and '\' as \xHH; everything else is raw.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "replay/result.h"

namespace netstat {

inline constexpr std::string_view kProcessTablePath = "netstat/processes.tsv";
inline constexpr std::string_view kProcessTableMagic = "netstat-processes\t1";

// --- Writing ---

/// One process as capture saw it.
struct ProcessRecord {
  struct Fd {
    std::string name;    ///< entry name in fd/ ("4")
    std::string target;  ///< readlink answer ("socket:[5678]")
  };
  std::string pid;                    ///< the /proc entry name
  std::optional<Error> fd_error;      ///< fd/ could not be listed
  std::optional<Result<std::string>> cmdline;  ///< nullopt: not read
  std::vector<Fd> fds;                ///< socket links, fd/ order
};

/// The table text for \a procs, in the given order.
std::string serialize_process_table(const std::vector<ProcessRecord>& procs);

/// \a s with bytes 0x00-0x1f, 0x7f and '\' written as \xHH.
std::string escape_field(std::string_view s);
/// Appends escape_field(\a s) to \a out.
void append_escaped(std::string& out, std::string_view s);

// --- Reading ---

/// A parsed table. Fields point into the table text it owns, so loading
/// 100k fds costs two vectors and no per-fd allocation.
class ProcessTable {
 public:
  struct Fd {
    std::string_view name;
    std::string_view target;
  };
  struct Process {
    std::string_view pid;
    std::optional<Error> fd_error;
    std::optional<Error> cmdline_error;  ///< set when reading it failed
    bool cmdline_read = false;           ///< false: capture did not read it
    std::string_view cmdline;
    uint32_t fd_begin = 0;
    uint32_t fd_end = 0;
  };

  /// A process of a table built in memory (from_socket_owners): its PID,
  /// its program name and its sockets, inodes[begin, end).
  struct OwnerProcess {
    uint64_t pid = 0;
    std::string_view program;
    uint32_t begin = 0;
    uint32_t end = 0;
  };
  /// The table a capture would have written for processes that hold only
  /// sockets, as serialize_process_table + parse would give it without the
  /// text round trip: each process in the given order (PIDs distinct), its
  /// cmdline read as program + NUL, fds named 0, 1, ... with targets
  /// "socket:[INODE]".
  static ProcessTable from_socket_owners(const std::vector<OwnerProcess>& procs,
                                         const std::vector<uint64_t>& inodes);

  /// Parses \a text. Errors say "line N: ..." (the caller adds the file).
  static Result<ProcessTable> parse(std::string text);

  const std::vector<Process>& processes() const { return m_procs; }
  /// nullptr when \a pid is not in the table.
  const Process* find(std::string_view pid) const;
  /// The socket fds of \a p, in recorded order.
  const Fd* fds_begin(const Process& p) const { return m_fds.data() + p.fd_begin; }
  const Fd* fds_end(const Process& p) const { return m_fds.data() + p.fd_end; }
  size_t fd_count() const { return m_fds.size(); }

 private:
  std::unique_ptr<std::string> m_text;
  std::deque<std::string> m_unescaped;  ///< storage for escaped fields
  std::vector<Process> m_procs;
  std::vector<Fd> m_fds;
  std::unordered_map<std::string_view, size_t> m_by_pid;
};

}  // namespace netstat
