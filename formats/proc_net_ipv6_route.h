// /proc/net/ipv6_route as net-tools 2.10's INET6 rprint_fib reads it.
//
// Kernel format (net/ipv6/route.c, ipv6_route_native_seq_show), no header:
//   fe800000000000000000000000000000 40 00000000000000000000000000000000 00
//   00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0
// (destination, prefix length, source, source prefix length, next hop,
// metric, refcnt, use, flags, device; one route per line).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace netstat::formats {

using Ipv6Bytes = std::array<uint8_t, 16>;

struct Ipv6Route {
  Ipv6Bytes destination{};
  uint32_t destination_plen = 0;
  Ipv6Bytes source{};
  uint32_t source_plen = 0;
  Ipv6Bytes next_hop{};
  int32_t metric = 0;  ///< signed, as 2.10 prints it (ffffffff is -1)
  int32_t refcnt = 0;
  int32_t use = 0;
  uint32_t flags = 0;
  std::string iface;  ///< at most 15 bytes (%15s)
  bool operator==(const Ipv6Route&) const = default;
};

struct Ipv6RouteTable {
  /// Every well-formed line in file order (FIB and cache entries alike;
  /// kRtf6Cache tells them apart).
  std::vector<Ipv6Route> routes;
  /// 1-based numbers of lines that are not a route. 2.10 re-prints the
  /// previous row for them; we skip them (docs/compat.md).
  std::vector<size_t> bad_lines;
};

constexpr uint32_t kRtf6Cache = 0x01000000;

Ipv6RouteTable parse_proc_net_ipv6_route(std::string_view text);

/// The rows of parse_proc_net_ipv6_route one at a time, without the table:
/// \a row is called for every well-formed line of \a text in order (the
/// reference is only valid during the call). Lines are independent, so a
/// file may be scanned in runs of whole lines. Returns the number of lines.
size_t scan_proc_net_ipv6_route(std::string_view text,
                                const std::function<void(const Ipv6Route&)>& row);

}  // namespace netstat::formats
