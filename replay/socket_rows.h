// Socket rows from somewhere other than the text of their /proc file: the
// live system answers the Internet socket tables from sock_diag netlink
// dumps (replay/live_sock_diag.cc), which skip the kernel's text formatting
// and come out as the same rows the /proc parsers produce, so rendering is
// shared. Every other root (trees, bundles) reads the files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

#include "formats/proc_net_inet.h"
#include "replay/read_plan.h"
#include "replay/result.h"

namespace netstat {

/// Which source a live socket listing reads its tables from: --proc,
/// --netlink or NETSTAT_SOCKET_SOURCE=proc|netlink (docs/performance.md).
enum class SocketSource : uint8_t {
  /// sock_diag where it reproduces the /proc rows exactly, else the file,
  /// silently, table by table.
  automatic,
  /// Always the /proc files.
  proc,
  /// As automatic, but a table sock_diag cannot dump (no diag module, an
  /// old kernel, a refused request) is an error rather than a fallback.
  /// Rows it cannot reproduce exactly (a pending connection's -o
  /// retransmits) still come from the file.
  netlink,
};

struct InetRowsRequest {
  read_plan::NetFile file = read_plan::NetFile::tcp;
  SocketSource source = SocketSource::automatic;
  /// The -o columns are shown (TCP retransmits and probes must be exact).
  bool timers = false;
};

/// Receives the rows of one table, in the file's order, as they are decoded
/// (the table is never held whole).
using InetRowSink = std::function<void(const formats::InetRow&)>;

/// How a root answered Root::inet_rows.
struct InetRowsOutcome {
  enum class Kind : uint8_t {
    /// The sink got \a rows rows (often 0); the rest of the table, from the
    /// file's row number \a rows on (0-based, counting rows, not lines),
    /// must be read from the file. Only a live listing's dump can stop part
    /// way (a row it cannot reproduce exactly, or a dump that broke off):
    /// both sources walk the kernel's tables in the same order, so the file
    /// carries on where the dump stopped.
    file,
    /// The sink got every row.
    done,
    /// Only under SocketSource::netlink: the dump failed after the sink got
    /// \a rows rows; \a error says why.
    failed,
  };
  Kind kind = Kind::file;
  size_t rows = 0;
  Error error;
};

}  // namespace netstat
