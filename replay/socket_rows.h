// Socket rows from somewhere other than the text of their /proc file: the
// live system answers the Internet socket tables from sock_diag netlink
// dumps (replay/live_sock_diag.cc), which skip the kernel's text formatting
// and come out as the same rows the /proc parsers produce, so rendering is
// shared. Every other root (trees, bundles) reads the files.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

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

/// What a root answers: nullopt = read the file; an error only under
/// SocketSource::netlink; else the rows in the file's order.
using InetRowsAnswer = std::optional<Result<std::vector<formats::InetRow>>>;

}  // namespace netstat
