// Interface rows: the -i mode's list (names of /proc/net/dev and the root's
// SIOCGIFCONF labels, in 2.10's natural order, src/model/iface_list.h),
// with the root's ioctl answers, /proc/net/dev counters and the IPv6
// addresses of /proc/net/if_inet6. Interfaces that are not UP are dropped
// unless \a all (-a), as netstat -i does.
#include <net/if.h>

#include <cstring>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "formats/proc_net_dev.h"
#include "formats/proc_net_if_inet6.h"
#include "replay/read_plan.h"
#include "src/model/tables.h"
#include "src/model/iface_list.h"

namespace netstat::model {
namespace {

IfaceCounters counters_of(const formats::DevCounters& d) {
  IfaceCounters c;
  c.rx_bytes = d.rx_bytes;
  c.rx_packets = d.rx_packets;
  c.rx_errors = d.rx_errors;
  c.rx_dropped = d.rx_dropped;
  c.rx_fifo = d.rx_fifo_errors;
  c.rx_frame = d.rx_frame_errors;
  c.rx_compressed = d.rx_compressed;
  c.rx_multicast = d.rx_multicast;
  c.tx_bytes = d.tx_bytes;
  c.tx_packets = d.tx_packets;
  c.tx_errors = d.tx_errors;
  c.tx_dropped = d.tx_dropped;
  c.tx_fifo = d.tx_fifo_errors;
  c.tx_collisions = d.collisions;
  c.tx_carrier = d.tx_carrier_errors;
  c.tx_compressed = d.tx_compressed;
  return c;
}

uint32_t prefix_of_mask(uint32_t mask_net_order) {
  uint32_t m = __builtin_bswap32(mask_net_order);
  uint32_t n = 0;
  while (n < 32 && (m & (0x80000000u >> n)) != 0) ++n;
  return n;
}

}  // namespace

std::vector<Interface> load_interfaces(const Root& root, bool all,
                                       std::vector<std::string>* warnings) {
  std::vector<Interface> out;
  IfaceList list;
  Result<std::string> dev = root.read_file(read_plan::path(read_plan::NetFile::dev));
  if (dev.ok()) {
    formats::ProcNetDev parsed = formats::parse_proc_net_dev(*dev);
    for (const formats::ProcNetDevRow& row : parsed.rows) {
      list.add_dev_row(row, parsed.version);
    }
  } else if (warnings) {
    warnings->push_back("cannot open " + std::string(read_plan::path(read_plan::NetFile::dev)) +
                        " (" + error_text(dev.error()) + ")");
  }
  Result<std::vector<std::string>> labels = root.interface_labels();
  if (labels.ok()) {
    for (const std::string& l : *labels) list.add(l);
  } else if (warnings) {
    warnings->push_back("SIOCGIFCONF: " + error_text(labels.error()));
  }
  formats::ProcNetIfInet6 inet6;
  Result<std::string> if6 = root.read_file(read_plan::path(read_plan::NetFile::if_inet6));
  if (if6.ok()) inet6 = formats::parse_proc_net_if_inet6(*if6);
  std::unordered_map<std::string_view, std::vector<const formats::IfInet6Entry*>>
      inet6_by_name;
  for (const formats::IfInet6Entry& e : inet6.entries) {
    inet6_by_name[e.name].push_back(&e);
  }

  static const std::vector<const formats::IfInet6Entry*> kNoInet6;
  for (const auto& [key, entry] : list.entries()) {
    const std::string& name = entry.name;
    Interface i;
    i.name = name;
    i.has_counters = entry.has_stats;
    if (entry.has_stats) i.counters = counters_of(entry.stats);
    Result<IfaceInfo> info = root.interface_info(name);
    if (info.ok()) {
      i.has_info = true;
      i.flags = static_cast<uint16_t>(info->flags);
      i.mtu = info->mtu;
      i.metric = info->metric;
      i.tx_queue_len = info->tx_queue_len;
      i.has_hw = info->has_hw;
      i.hw_type = info->hw_type;
      i.hw_addr = info->hw_addr;
      if (info->has_addr) {
        IfaceAddress a;
        std::memcpy(a.addr.data(), &info->addr, 4);
        a.netmask = info->netmask;
        a.prefix_len = info->netmask_failed ? 0 : prefix_of_mask(info->netmask);
        if ((i.flags & IFF_BROADCAST) && !info->broadaddr_failed) {
          a.broadcast = info->broadaddr;
        }
        if ((i.flags & IFF_POINTOPOINT) && !info->dstaddr_failed) {
          a.destination = info->dstaddr;
        }
        i.addresses.push_back(a);
      }
    } else if (warnings && info.code() != Errc::not_captured) {
      warnings->push_back(name + ": error fetching interface information: " +
                          error_text(info.error()));
    }
    if (i.has_info && !all && (i.flags & IFF_UP) == 0) continue;
    auto v6 = inet6_by_name.find(name);
    for (const formats::IfInet6Entry* p :
         v6 == inet6_by_name.end() ? kNoInet6 : v6->second) {
      const formats::IfInet6Entry& e = *p;
      if (e.conversions < 13) continue;
      std::optional<std::array<uint8_t, 16>> a = formats::if_inet6_address(e);
      if (!a) continue;
      IfaceAddress x;
      x.v6 = true;
      x.addr = *a;
      x.prefix_len = e.prefix_len;
      x.scope = e.scope;
      i.addresses.push_back(x);
    }
    out.push_back(std::move(i));
  }
  return out;
}

}  // namespace netstat::model
