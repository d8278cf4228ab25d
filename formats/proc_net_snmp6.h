// /proc/net/snmp6: one "Name value" counter per line.
//
// Kernel format (net/ipv6/proc.c, snmp6_seq_show):
//   Ip6InReceives                   	58470
//   Icmp6InMsgs                     	171
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace netstat::formats {

struct Snmp6Counter {
  std::string name;
  uint64_t value = 0;
  bool operator==(const Snmp6Counter&) const = default;
};

/// One counter per line, in file order, read as 2.10 reads them with
/// sscanf("%s %llu") into buffers that live across lines: a line without a
/// number keeps the previous line's value, and a blank line repeats the
/// previous name and value (the buffers start as "" and 0).
std::vector<Snmp6Counter> parse_proc_net_snmp6(std::string_view text);

/// The section 2.10 files a counter under: the name up to and including its
/// first '6' ("Icmp6InMsgs" -> "Icmp6"), or the whole name without a '6'.
std::string_view snmp6_section_of(std::string_view name);

}  // namespace netstat::formats
