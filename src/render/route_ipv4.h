// Text rendering of the IPv4 routing table (-r) and routing cache (-rC) in
// net-tools 2.10's layouts. Rows come from formats/proc_net_route.h and
// formats/proc_net_rt_cache.h; names from RouteNames.
#pragma once

#include <string>

#include <fmt/format.h>

#include "formats/proc_net_route.h"
#include "formats/proc_net_rt_cache.h"
#include "src/render/route_names.h"

namespace netstat {

/// The column layout 2.10 picks from the -e count.
enum class RouteLayout : uint8_t {
  mss,     ///< no -e: MSS Window irtt
  metric,  ///< -e: Metric Ref Use
  wide,    ///< -ee: both
  none,    ///< -eee: title only
};

/// 2.10's mapping of the -e count: 0 mss, 1 metric, 2 wide, 3 none, then
/// repeating every four from 4 (metric, mss, wide, none).
RouteLayout route_layout(int extend);

/// The Flags text of a FIB route ("UG", "!DMuwi", "UH"...).
std::string fib_flags(uint32_t flags);
/// The Flags text of a cache row.
std::string cache_flags(uint32_t flags, formats::RtCacheFormat format);

/// "Kernel IP routing table" title line.
void render_fib_title(fmt::memory_buffer& b);
/// The column header line for \a layout (nothing for none).
void render_fib_header(fmt::memory_buffer& b, RouteLayout layout);
/// One route (rows are never printed in the none layout).
void render_fib_row(fmt::memory_buffer& b, const formats::Ipv4Route& r,
                    RouteLayout layout, RouteNames& names);

void render_cache_title(fmt::memory_buffer& b);
void render_cache_header(fmt::memory_buffer& b, RouteLayout layout,
                         formats::RtCacheFormat format);
void render_cache_row(fmt::memory_buffer& b, const formats::RtCacheRow& r,
                      RouteLayout layout, formats::RtCacheFormat format,
                      RouteNames& names);

}  // namespace netstat
