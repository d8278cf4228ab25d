// /proc/net/sctp/snmp: one "Name value" counter per line (present only when
// the sctp module is loaded).
//
// Kernel format (net/sctp/proc.c, sctp_snmp_seq_show):
//   SctpCurrEstab                   	0
//   SctpActiveEstabs                	0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace netstat::formats {

struct SctpCounter {
  std::string name;
  uint64_t value = 0;
  bool operator==(const SctpCounter&) const = default;
};

/// The counters 2.10 looks at, in file order: each line is split at its
/// first blank (space or tab) into name and rest; lines whose rest is empty
/// after blanks are dropped, and the value is strtoul(rest) (0 for a word,
/// wrapped for a negative number). A line starting with a blank has an empty
/// name.
std::vector<SctpCounter> parse_proc_net_sctp_snmp(std::string_view text);

}  // namespace netstat::formats
