// /proc/net/snmp and /proc/net/netstat: the paired-line counter format.
//
// Kernel format (net/ipv4/proc.c, snmp_seq_show / netstat_seq_show):
//   Ip: Forwarding DefaultTTL InReceives ...
//   Ip: 1 64 58470 ...
//   Icmp: InMsgs InErrors ...
//   Icmp: 171 0 ...
// Each section is a names line and a values line with the same title.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace netstat::formats {

struct SnmpSection {
  std::string title;               ///< text of the names line before its ':'
  std::vector<std::string> names;  ///< in file order
  /// One value per name, read the way 2.10 reads them (strtoull base 10,
  /// one after another): a negative number wraps, a word that is not a
  /// number gives 0 and stops the line (every later value is 0), and
  /// missing values are 0. Extra values are dropped.
  std::vector<uint64_t> values;
  bool operator==(const SnmpSection&) const = default;
};

struct SnmpFile {
  std::vector<SnmpSection> sections;
  /// A names or values line without ':'. 2.10 prints "Problem while parsing
  /// FILE" on stderr and ignores the rest of the file.
  bool parse_error = false;
  size_t error_line = 0;  ///< 1-based line of the pair that failed
};

/// Reads line pairs; a names line that is exactly "\n" is skipped, and a
/// names line without a values line ends the file silently.
SnmpFile parse_proc_net_snmp(std::string_view text);

}  // namespace netstat::formats
