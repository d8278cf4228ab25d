// Route rows from /proc/net/route and /proc/net/ipv6_route through the
// route mode's parsers; IPv4 keeps 2.10's row rules (RTF_UP, 10 of 11
// fields), IPv6 splits FIB and cache entries by RTF_CACHE as -r / -rC do.
#include <cstring>

#include "formats/proc_net_ipv6_route.h"
#include "formats/proc_net_route.h"
#include "replay/read_plan.h"
#include "src/model/tables.h"

namespace netstat::model {
namespace {

uint32_t prefix_of_mask(uint32_t mask_net_order) {
  uint32_t m = __builtin_bswap32(mask_net_order);
  uint32_t n = 0;
  while (n < 32 && (m & (0x80000000u >> n)) != 0) ++n;
  return n;
}

void put4(AddrBytes& a, uint32_t v) { std::memcpy(a.data(), &v, 4); }

}  // namespace

std::vector<Route> load_routes(const Root& root, RouteFamily family, bool fib,
                               bool cache, std::vector<std::string>* warnings) {
  std::vector<Route> out;
  if (family == RouteFamily::inet) {
    Result<std::string> text = root.read_file(read_plan::path(read_plan::NetFile::route));
    if (!text.ok()) {
      if (warnings) warnings->push_back(std::string(read_plan::path(read_plan::NetFile::route)) + ": " + error_text(text.error()));
      return out;
    }
    if (!fib) return out;
    formats::Ipv4RouteTable t = formats::parse_proc_net_route(*text);
    if (t.status == formats::Ipv4RouteTable::Status::missing_field && warnings) {
      warnings->push_back("warning: " + std::string(read_plan::path(read_plan::NetFile::route)) +
                          " does not contain required field " + t.missing_field);
    }
    for (const formats::Ipv4Route& r : t.routes) {
      Route x;
      x.family = RouteFamily::inet;
      put4(x.destination, r.destination);
      put4(x.gateway, r.gateway);
      x.mask = r.mask;
      x.prefix_len = prefix_of_mask(r.mask);
      x.iface = r.iface;
      x.flags = r.flags;
      x.metric = r.metric;
      x.refcnt = r.refcnt;
      x.use = r.use;
      x.mtu = r.mtu;
      x.window = r.window;
      x.irtt = r.irtt;
      out.push_back(std::move(x));
    }
    return out;
  }
  Result<std::string> text = root.read_file(read_plan::path(read_plan::NetFile::ipv6_route));
  if (!text.ok()) {
    if (warnings) warnings->push_back(std::string(read_plan::path(read_plan::NetFile::ipv6_route)) + ": " + error_text(text.error()));
    return out;
  }
  formats::Ipv6RouteTable t = formats::parse_proc_net_ipv6_route(*text);
  for (const formats::Ipv6Route& r : t.routes) {
    bool is_cache = (r.flags & formats::kRtf6Cache) != 0;
    if (is_cache ? !cache : !fib) continue;
    Route x;
    x.family = RouteFamily::inet6;
    x.destination = r.destination;
    x.prefix_len = r.destination_plen;
    x.source = r.source;
    x.source_prefix_len = r.source_plen;
    x.gateway = r.next_hop;
    x.iface = r.iface;
    x.flags = r.flags;
    x.metric = r.metric;
    x.refcnt = r.refcnt;
    x.use = r.use;
    x.cache = is_cache;
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace netstat::model
