// Text rendering of the IPv6 routing table and its cache view (-6r,
// -6rC) in net-tools 2.10's single layout (-e has no effect).
#pragma once

#include <string>

#include <fmt/format.h>

#include "formats/proc_net_ipv6_route.h"
#include "src/render/route_names.h"

namespace netstat {

enum class Ipv6RouteView : uint8_t { fib, cache };

/// The Flag text of an IPv6 route ("UG", "Un", "!n", "UGDAe"...).
std::string ipv6_route_flags(uint32_t flags);

/// Title line ("Kernel IPv6 routing table"/"... cache") and column header.
void render_ipv6_route_head(fmt::memory_buffer& b, Ipv6RouteView view);
/// One route; nothing when the route belongs to the other view (cache
/// entries carry RTF_CACHE).
void render_ipv6_route_row(fmt::memory_buffer& b, const formats::Ipv6Route& r,
                           Ipv6RouteView view, const RouteNames& names);

}  // namespace netstat
