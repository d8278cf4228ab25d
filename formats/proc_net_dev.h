// /proc/net/dev (per-interface counters) as net-tools 2.10's interface list
// reads it for `netstat -i`.
//
// Kernel format (net/core/net-procfs.c, dev_seq_show), 16 counters:
//   Inter-|   Receive                                                |  Transmit
//    face |bytes    packets errs drop fifo frame compressed multicast|bytes ...
//       lo:    3267      29    0    0    0     0          0         0     3267 ...
// Older kernels printed 13 counters (no compressed/multicast) or 11 (no byte
// counts); 2.10 picks the layout from the second header line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace netstat::formats {

/// The counter layout, chosen as 2.10 does from the second line of the file:
/// it contains "compressed" -> v3, else "bytes" -> v2, else v1.
enum class ProcNetDevVersion : uint8_t {
  v1 = 1,  ///< 11 counters: rx packets errs drop fifo frame, tx packets errs drop fifo colls carrier
  v2 = 2,  ///< 13 counters: v1 plus rx/tx bytes in front of the packets
  v3 = 3,  ///< 16 counters: v2 plus rx compressed multicast, tx compressed
};

/// The counters 2.10 keeps per interface (struct user_net_device_stats).
struct DevCounters {
  uint64_t rx_packets = 0, tx_packets = 0, rx_bytes = 0, tx_bytes = 0;
  uint64_t rx_errors = 0, tx_errors = 0, rx_dropped = 0, tx_dropped = 0;
  uint64_t rx_multicast = 0, rx_compressed = 0, tx_compressed = 0;
  uint64_t collisions = 0, rx_frame_errors = 0, rx_fifo_errors = 0;
  uint64_t tx_carrier_errors = 0, tx_fifo_errors = 0;
  bool operator==(const DevCounters&) const = default;
};

/// One interface line.
struct ProcNetDevRow {
  /// The name as 2.10's (Debian-bounded) name reader cuts it: at most 15
  /// bytes; "eth0:1:" style alias names keep their ":<digits>". May be empty
  /// (a blank line is an interface named "").
  std::string name;
  /// The counters in the version's order, as sscanf read them: the first
  /// \a fields of them are valid, the rest were not on the line (or not
  /// numbers). 2.10 writes only those into an existing entry.
  uint64_t values[16] = {};
  uint8_t fields = 0;
};

struct ProcNetDevIssue {
  size_t line = 0;  ///< 1-based fgets piece number
  std::string what;
  bool operator==(const ProcNetDevIssue&) const = default;
};

struct ProcNetDev {
  ProcNetDevVersion version = ProcNetDevVersion::v3;
  /// Every line after the two header lines, in file order. Lines are fgets
  /// pieces of at most 511 bytes (2.10's buffer), so an over-long line
  /// continues as a "line" of its own, as in 2.10.
  std::vector<ProcNetDevRow> rows;
  /// Lines whose counters were short or unreadable (2.10 is silent about
  /// them; kept for --json and diff).
  std::vector<ProcNetDevIssue> issues;
};

/// How many counters a line of \a v holds.
int counter_count(ProcNetDevVersion v);

ProcNetDev parse_proc_net_dev(std::string_view text);

/// Writes the row's parsed counters into \a into, leaving the others as they
/// are (2.10 sscanf()s a repeated name into the same entry).
void merge_counters(DevCounters& into, const ProcNetDevRow& row,
                    ProcNetDevVersion v);

/// The row's counters on a fresh (all zero) entry.
DevCounters row_counters(const ProcNetDevRow& row, ProcNetDevVersion v);

}  // namespace netstat::formats
