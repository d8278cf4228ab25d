// Text rendering of the legacy families' routing tables (-r -A ipx, ax25,
// netrom, rose, x25, ddp) in net-tools 2.10's layouts; rows come from
// formats/proc_net_legacy_route.h. With --safe-strings every string column
// (callsigns, devices, addresses, tokens) goes through safe_view().
#pragma once

#include <fmt/format.h>

#include "formats/proc_net_legacy_route.h"
#include "src/render/safe_strings.h"

namespace netstat {

void render_ipx_route_head(fmt::memory_buffer& b);
void render_ipx_route_row(fmt::memory_buffer& b, const formats::IpxRouteRow& r);

void render_ax25_route_head(fmt::memory_buffer& b);
void render_ax25_route_row(fmt::memory_buffer& b,
                           const formats::Ax25RouteRow& r, SafeStrings safe);

void render_netrom_route_head(fmt::memory_buffer& b);
/// A row whose neighbour 2.10 cannot find ends after the mnemonic (2.10
/// leaves the line open; we end it, docs/compat.md).
void render_netrom_route_row(fmt::memory_buffer& b,
                             const formats::NetromRouteRow& r, SafeStrings safe);

void render_rose_route_head(fmt::memory_buffer& b);
void render_rose_route_row(fmt::memory_buffer& b,
                           const formats::RoseRouteRow& r, SafeStrings safe);

void render_x25_route_head(fmt::memory_buffer& b);
void render_x25_route_row(fmt::memory_buffer& b, const formats::X25RouteRow& r,
                          SafeStrings safe);

/// The Flags letters of an AppleTalk route (U G ! then the IPv4 extras;
/// unlike the IPv4 FIB, `!` does not drop U and G).
std::string ddp_route_flags(int flags);
void render_ddp_route_head(fmt::memory_buffer& b);
void render_ddp_route_row(fmt::memory_buffer& b, const formats::DdpRouteRow& r,
                          SafeStrings safe);

}  // namespace netstat
