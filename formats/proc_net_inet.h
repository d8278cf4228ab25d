// Parser for the Internet socket tables /proc/net/{tcp,tcp6,udp,udp6,
// udplite,udplite6,raw,raw6} (kernel: net/ipv4/tcp_ipv4.c get_tcp4_sock,
// net/ipv6/tcp_ipv6.c get_tcp6_sock, net/ipv4/udp.c udp4_format_sock,
// net/ipv4/raw.c raw_sock_seq_show ...):
//
//   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ...
//    0: 0100007F:0277 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 34523 ...
//
// Lines are read as net-tools 2.10 reads them (fgets pieces of 8191 bytes,
// line 0 skipped whatever it holds) and scanned with its sscanf format
//   "%d: %64[0-9A-Fa-f]:%X %64[0-9A-Fa-f]:%X %X %lX:%lX %X:%lX %lX %d %d %lu"
// A TCP line needs 11 conversions (through retrnsmt), UDP/UDP-Lite/RAW 10
// (through tm->when); fewer make the line bogus. The family is decided per
// line by the local address length (more than 8 hex digits = IPv6), never
// by the file name.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "formats/fgets_lines.h"

namespace netstat::formats {

/// Which 2.10 reader a file goes through (UDP-Lite uses the UDP one).
enum class InetKind : uint8_t { tcp, udp, raw };

enum class InetFamily : uint8_t { inet, inet6 };

/// One socket line. Values keep the C types 2.10 parses them into.
struct InetRow {
  uint32_t line = 0;  ///< 0-based fgets piece number in the file
  InetFamily family = InetFamily::inet;
  /// Addresses in network byte order; IPv4 uses the first 4 bytes.
  std::array<uint8_t, 16> local{};
  std::array<uint8_t, 16> remote{};
  uint32_t local_port = 0;   ///< as parsed (%X): 2.10 later cuts it to 16 bits
  uint32_t remote_port = 0;
  uint32_t state = 0;        ///< "st" (hex)
  uint64_t tx_queue = 0;
  uint64_t rx_queue = 0;
  uint32_t timer_active = 0; ///< "tr"
  uint64_t timer_when = 0;   ///< "tm->when", in clock ticks
  uint64_t retransmits = 0;
  int32_t uid = 0;           ///< %d: 4294967295 reads as -1
  int32_t timeout = 0;
  uint64_t inode = 0;
  /// sscanf conversions made (10..14). uid/timeout/inode are 0 when absent;
  /// 2.10 would print stale stack values there.
  uint8_t fields = 0;
};

enum class InetIssueKind : uint8_t {
  bogus_line,        ///< too few fields: "warning, got bogus tcp line."
  bad_address,       ///< an IPv6 address shorter than 32 hex digits
};

struct InetIssue {
  uint32_t line = 0;
  InetIssueKind kind = InetIssueKind::bogus_line;
};

/// Result of parsing one whole file.
struct InetTable {
  std::vector<InetRow> rows;
  std::vector<InetIssue> issues;
};

/// Outcome of scanning one piece.
enum class InetLineStatus : uint8_t { row, bogus, bad_address };

/// Scans one fgets piece (not the header) into \a row.
InetLineStatus parse_inet_line(std::string_view line, InetKind kind,
                               InetRow& row);

/// Parses a whole file: rows and issues in file order.
InetTable parse_proc_net_inet(std::string_view text, InetKind kind);

/// Streams a file without collecting it: \a on_row(const InetRow&) for each
/// row, \a on_issue(const InetIssue&) for each bad line, in file order.
/// A file may come in runs of whole lines: \a pieces_before is the number of
/// fgets pieces of the runs before this one (the first piece of the file is
/// the header); returns the pieces of this run.
template <typename OnRow, typename OnIssue>
size_t scan_proc_net_inet(std::string_view text, InetKind kind, OnRow&& on_row,
                          OnIssue&& on_issue, size_t pieces_before = 0) {
  FgetsLines lines(text);
  std::string_view piece;
  InetRow row;
  while (lines.next(piece)) {
    uint32_t n = static_cast<uint32_t>(pieces_before + lines.count() - 1);
    if (n == 0) continue;
    row.line = n;
    switch (parse_inet_line(piece, kind, row)) {
      case InetLineStatus::row: on_row(static_cast<const InetRow&>(row)); break;
      case InetLineStatus::bogus:
        on_issue(InetIssue{n, InetIssueKind::bogus_line});
        break;
      case InetLineStatus::bad_address:
        on_issue(InetIssue{n, InetIssueKind::bad_address});
        break;
    }
  }
  return lines.count();
}

}  // namespace netstat::formats
