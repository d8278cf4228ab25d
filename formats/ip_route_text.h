// The IPv4 main routing table from iproute2's `ip route show table all` text
// (a sosreport keeps it per named namespace:
// sos_commands/networking/ip_netns_exec_NAME_ip_route_show_table_all), as
// the kernel's /proc/net/route would list it. Pure parser.
//
//   default via 10.9.0.2 dev v0 proto static metric 50
//   10.9.0.0/24 dev v0 proto kernel scope link src 10.9.0.1
//   unreachable 203.0.113.0/24
//   local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1
//   fe80::/64 dev v0 proto kernel metric 256 pref medium
//
// Kept: IPv4 routes of the main table (no "table" word, or "table main"),
// in text order (iproute2 and /proc/net/route walk the same table in the
// same order), except broadcast and multicast ones, which /proc/net/route
// leaves out too. Each gives the file's fields: destination and mask from
// the prefix ("default" = 0/0, no length = /32), gateway from "via", flags
// U, G with a gateway, H for a /32, R for unreachable and prohibit; metric;
// MTU = advmss + 40 and Window as the kernel prints them; interface "*"
// without "dev". A route the file would show differently from anything the
// text says (several next hops, an IPv6 gateway, an rtt metric, a device
// name the file's "%15s" cannot give back: over 15 bytes, a NUL or white
// space in it; a line not understood) makes the table inexact: the caller
// must not replay it.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "formats/proc_net_route.h"

namespace netstat::formats {

/// The routes, or nullopt when the text holds one that cannot be rebuilt
/// exactly (\a why, if given, says which).
std::optional<std::vector<Ipv4Route>> parse_ip_route_main(std::string_view text,
                                                          std::string* why = nullptr);

/// /proc/net/route text for \a routes (the kernel's layout).
std::string proc_net_route_text(const std::vector<Ipv4Route>& routes);

}  // namespace netstat::formats
