// Parsers for /proc/net/igmp and /proc/net/igmp6 (kernel: net/ipv4/igmp.c
// igmp_mc_seq_show, net/ipv6/mcast.c igmp6_mc_seq_show):
//
//   Idx	Device    : Count Querier	Group    Users Timer	Reporter
//   1	lo        :     1      V3
//   				010000E0     1 0:00000000		0
//
//   1    lo              ff020000000000000000000000000001     1 0000000C 0
//
// net-tools 2.10's igmp_do_one keeps its layout flags and the current device
// in static storage shared by both files, and this parser keeps them in an
// IgmpState the caller passes to both files of one pass:
//  * line 0 of a file: if it lacks "Device" the IPv6 layout is switched on
//    (for good) and the line is parsed as data; otherwise it is a header and
//    "Idx" at its start selects the index layout of IPv4 device lines;
//  * IPv4 device lines (not starting with TAB): "%d\t%15c" (or "%15c"), read
//    into a 16-byte buffer that keeps the previous name's bytes where the new
//    read is shorter, then cut at the last ':';
//  * IPv4 group lines: "\t%8[0-9A-Fa-f] %d"; IPv6 lines:
//    "%d %15s %64[0-9A-Fa-f] %d" (the name overwrites the same buffer).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "formats/fgets_lines.h"

namespace netstat::formats {

/// Parser state that spans the igmp and igmp6 files of one pass.
struct IgmpState {
  bool index_layout = false;
  bool v6_layout = false;
  std::array<char, 16> device{};  ///< C string buffer (NUL-terminated)
};

struct IgmpRow {
  uint32_t line = 0;
  bool v6 = false;
  std::array<char, 16> device_buf{};
  int refcount = 0;
  std::array<uint8_t, 16> group{};  ///< network order; IPv4 in [0..4)
  /// The interface name as 2.10 prints it (may hold blanks, TAB, newline).
  std::string_view device() const {
    size_t n = 0;
    while (n < device_buf.size() && device_buf[n] != '\0') ++n;
    return std::string_view(device_buf.data(), n);
  }
};

struct IgmpIssue {
  uint32_t line = 0;
  bool v6 = false;  ///< "warning, got bogus igmp6 line N." vs "igmp line N."
};

struct IgmpTable {
  std::vector<IgmpRow> rows;
  std::vector<IgmpIssue> issues;
};

/// Feeds one piece (0-based number \a line) through the state machine.
/// Returns true and fills \a row when it yields a group; sets \a bogus when
/// the piece is a bad line.
bool parse_igmp_line(std::string_view piece, uint32_t line, IgmpState& state,
                     IgmpRow& row, bool& bogus, bool& bogus_v6);

/// Parses one whole file with \a state (shared by igmp and igmp6).
IgmpTable parse_proc_net_igmp(std::string_view text, IgmpState& state);

}  // namespace netstat::formats
