// /proc/net/if_inet6 (IPv6 addresses per interface) as net-tools 2.10's
// `netstat -ie` reads it for its "inet6" lines.
//
// Kernel format (net/ipv6/addrconf.c, if6_seq_show):
//   fe8000000000000000fc00fffe000001 04 40 20 80     eth0
//   address (32 hex) ifindex prefixlen scope flags name
// 2.10 does not read it line by line: it loops
//   fscanf("%4s%4s%4s%4s%4s%4s%4s%4s %08x %02x %02x %02x %20s\n")
// over the file and uses the variables whatever fscanf managed to fill, so a
// malformed line shifts the fields of the following ones and a short read
// keeps the previous values. The parser replays exactly that.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netstat::formats {

/// The variables after one fscanf call (values it did not reach keep the
/// previous call's; the first call starts from empty strings and zeros).
struct IfInet6Entry {
  /// The eight "%4s" pieces joined with ':' ("fe80:0000:...:0001"), which
  /// 2.10 hands to the IPv6 address parser.
  std::string address_text;
  uint32_t ifindex = 0;
  uint32_t prefix_len = 0;
  uint32_t scope = 0;
  uint32_t flags = 0;
  std::string name;  ///< "%20s": at most 20 bytes
  int conversions = 0;  ///< fscanf's return value (13 for a good line)
  bool operator==(const IfInet6Entry&) const = default;
};

struct ProcNetIfInet6 {
  std::vector<IfInet6Entry> entries;
  /// 1-based numbers of the fscanf calls that filled fewer than 13 fields.
  std::vector<size_t> short_reads;
};

ProcNetIfInet6 parse_proc_net_if_inet6(std::string_view text);

/// The address an entry's text denotes (inet_pton rules, so 8 groups of 1-4
/// hex digits, "::" and dotted tails are accepted); nullopt if none.
std::optional<std::array<uint8_t, 16>> if_inet6_address(
    const IfInet6Entry& entry);

/// The scope tags 2.10 appends to "scopeid 0x<scope>": "<compat,global>",
/// "<link>", "<host>", ... or "" when no tag applies.
std::string if_inet6_scope_tags(uint32_t scope);

}  // namespace netstat::formats
