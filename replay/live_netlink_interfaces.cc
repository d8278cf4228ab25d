// The IPv4 address answers of the SIOCGIF* ioctls (ADDR, DSTADDR, BRDADDR,
// NETMASK) for every label at once, from one rtnetlink dump of the IPv4
// addresses (RTM_GETADDR). live_interface_info() otherwise asks those four
// per interface, each under the RTNL lock: at 4,000 interfaces they were a
// quarter of -i's time (29.5 -> 23.2 ms task-clock without them), and the
// dump costs about one ioctl per interface.
//
// The ioctls answer from the first address on the device's list whose label
// is the name asked (net/ipv4/devinet.c devinet_ioctl); the dump lists each
// device's addresses in that order, so the first entry with (device index,
// label) gives: SIOCGIFADDR = IFA_LOCAL, SIOCGIFDSTADDR = IFA_ADDRESS,
// SIOCGIFBRDADDR = IFA_BROADCAST, SIOCGIFNETMASK = the prefix length as a
// mask (the kernel leaves an address attribute out only when it is 0). A
// label with no entry has no address (SIOCGIFADDR: EADDRNOTAVAIL). A label
// one of whose addresses is 0.0.0.0 is left to the ioctls: SIOCGIFADDR's
// address match (4.4BSD style, with the 0.0.0.0 it is sent) could pick that
// one over the first.
//
// The device ioctls (FLAGS, HWADDR, METRIC, MTU, MAP, TXQLEN, INDEX: seven
// per interface) come from one link dump (RTM_GETLINK, AF_UNSPEC) asked
// with IFLA_EXT_MASK = RTEXT_FILTER_SKIP_STATS, so rtnl_fill_ifinfo leaves
// out IFLA_STATS/STATS64. An earlier try without that mask, on a machine
// with cheaper system calls, cost as much as the ioctls (4,000 interfaces:
// 31-32 ms task-clock against 29-33 ms); on the 2-core VM of issue 18 the
// dump costs ~12 ms where the seven ioctls per interface cost ~51 ms
// (docs/performance.md). What each message gives, and how the ioctls
// answer the same (net/core/dev_ioctl.c):
//   SIOCGIFFLAGS  (short) dev_get_flags(dev); ifi_flags is dev_get_flags()
//                 whole, so its low 16 bits (IFF_LOWER_UP and up cut off)
//   SIOCGIFHWADDR sa_family dev->type (ifi_type); sa_data the first
//                 min(14, addr_len) bytes of dev_addr (IFLA_ADDRESS, absent
//                 when addr_len is 0), the rest as sent: zero
//   SIOCGIFMETRIC always 0
//   SIOCGIFMTU    IFLA_MTU;  SIOCGIFTXQLEN IFLA_TXQLEN;  SIOCGIFINDEX ifi_index
//   SIOCGIFMAP    IFLA_MAP (struct rtnl_link_ifmap), cut to struct ifmap's
//                 narrower base_addr (unsigned short) and irq (unsigned char)
// The ioctls ask about the name up to a ':' (an alias label asks about its
// device), so the link is looked up by that. A name not in the dump (an
// alternative name, a device made after it), a message lacking one of those
// attributes, or a failed dump leaves that name (or all) to the ioctls;
// SLIP types still ask SIOCGOUTFILL/SIOCGKEEPALIVE. NETSTAT_IOCTL_IFACES=1
// skips both dumps.
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <set>
#include <vector>

#include "replay/live_system.h"
#include "replay/netlink_dump.h"

#ifndef RTEXT_FILTER_SKIP_STATS  // <linux/rtnetlink.h> before 4.6
#define RTEXT_FILTER_SKIP_STATS (1 << 3)
#endif

namespace netstat {
namespace {

/// Sends a dump request of \a type (RTM_GETADDR) for \a family and hands
/// every answer message to \a each; false on any error (then nothing may be
/// trusted).
bool dump(int fd, uint16_t type, uint8_t family, uint32_t seq,
          const std::function<bool(const formats::NetlinkHeader&, std::string_view)>& each) {
  struct {
    nlmsghdr h;
    ifaddrmsg m;
  } req;
  std::memset(&req, 0, sizeof req);
  req.h.nlmsg_len = sizeof req;
  req.h.nlmsg_type = type;
  req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  req.h.nlmsg_seq = seq;
  req.m.ifa_family = family;
  return netlink_dump(fd, std::string_view(reinterpret_cast<const char*>(&req), sizeof req),
                      seq, each)
      .ok;
}

std::string c_string(std::string_view v) { return std::string(v.substr(0, v.find('\0'))); }

uint32_t u32(std::string_view v) {
  uint32_t x = 0;
  std::memcpy(&x, v.data(), sizeof x);
  return x;
}

uint32_t mask_of(unsigned prefix) {  // network byte order, like ifa_mask
  if (prefix == 0) return 0;
  uint32_t host = prefix >= 32 ? 0xFFFFFFFFu : ~((uint32_t{1} << (32 - prefix)) - 1);
  return htonl(host);
}

}  // namespace

std::optional<LinkAnswers> decode_link_message(uint16_t type, std::string_view payload) {
  ifinfomsg m;
  if (type != RTM_NEWLINK || !formats::read_fixed(payload, m)) return std::nullopt;
  LinkAnswers out;
  out.index = m.ifi_index;
  IfaceInfo& info = out.info;
  // SIOCGIFFLAGS: (short) dev_get_flags(dev); ifi_flags is all of it.
  info.flags = static_cast<int16_t>(static_cast<uint16_t>(m.ifi_flags & 0xFFFFu));
  info.metric = 0;  // SIOCGIFMETRIC answers 0 for every device
  // SIOCGIFHWADDR: sa_family dev->type, sa_data the first (at most 14)
  // bytes of dev_addr, the rest as sent (zero); no IFLA_ADDRESS when
  // addr_len is 0, and then all zero.
  info.has_hw = true;
  info.hw_type = m.ifi_type;
  bool name = false, mtu = false, txqlen = false, map = false;
  bool whole = formats::for_each_netlink_attribute(
      payload, sizeof(ifinfomsg), [&](uint16_t t, std::string_view v) {
        switch (t) {
          case IFLA_IFNAME:
            info.name = c_string(v);
            name = !info.name.empty();
            break;
          case IFLA_ADDRESS:
            std::memcpy(info.hw_addr.data(), v.data(), std::min(v.size(), info.hw_addr.size()));
            break;
          case IFLA_MTU:
            if (v.size() >= 4) {
              info.mtu = static_cast<int>(u32(v));
              mtu = true;
            }
            break;
          case IFLA_TXQLEN:
            if (v.size() >= 4) {
              info.tx_queue_len = static_cast<int>(u32(v));
              txqlen = true;
            }
            break;
          case IFLA_MAP: {
            // struct ifmap is narrower than rtnl_link_ifmap: base_addr an
            // unsigned short, irq an unsigned char; both truncate alike.
            rtnl_link_ifmap lm;
            if (!formats::read_fixed(v, lm)) break;
            info.has_map = true;
            info.map.mem_start = lm.mem_start;
            info.map.mem_end = lm.mem_end;
            info.map.base_addr = static_cast<uint16_t>(lm.base_addr);
            info.map.irq = static_cast<uint8_t>(lm.irq);
            info.map.dma = lm.dma;
            info.map.port = lm.port;
            map = true;
            break;
          }
          default:
            break;
        }
      });
  if (!whole || !name || !mtu || !txqlen || !map) return std::nullopt;
  return out;
}

std::optional<LiveLinks> live_netlink_links() {
  NetlinkSocket sock(NETLINK_ROUTE);
  if (sock.get() < 0) return std::nullopt;
  struct {
    nlmsghdr h;
    ifinfomsg m;
    nlattr a;
    uint32_t ext_mask;
  } req;
  std::memset(&req, 0, sizeof req);
  req.h.nlmsg_len = sizeof req;
  req.h.nlmsg_type = RTM_GETLINK;
  req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  req.h.nlmsg_seq = 2;
  req.m.ifi_family = AF_UNSPEC;
  // Without statistics: IFLA_STATS/STATS64 are most of rtnl_fill_ifinfo's
  // work and of the answer's size.
  req.a.nla_len = NLA_HDRLEN + sizeof req.ext_mask;
  req.a.nla_type = IFLA_EXT_MASK;
  req.ext_mask = RTEXT_FILTER_SKIP_STATS;
  static_assert(sizeof req == NLMSG_LENGTH(sizeof(ifinfomsg)) + NLA_HDRLEN + 4);
  LiveLinks out;
  NetlinkDumpStatus st = netlink_dump(
      sock.get(), std::string_view(reinterpret_cast<const char*>(&req), sizeof req), 2,
      [&](const formats::NetlinkHeader& h, std::string_view payload) {
        // A message lacking an attribute leaves its device to the ioctls.
        std::optional<LinkAnswers> link = decode_link_message(h.type, payload);
        if (link) {
          std::string key = link->info.name;
          out.by_name.insert_or_assign(std::move(key), std::move(*link));
        }
        return true;
      });
  if (!st.ok) return std::nullopt;
  return out;
}

std::optional<Ipv4LabelAddresses> live_netlink_ipv4_labels() {
  NetlinkSocket sock(NETLINK_ROUTE);
  if (sock.get() < 0) return std::nullopt;
  Ipv4LabelAddresses out;
  bool ok = dump(sock.get(), RTM_GETADDR, AF_INET, 1,
                 [&](const formats::NetlinkHeader& h, std::string_view payload) {
    ifaddrmsg m;
    if (h.type != RTM_NEWADDR || !formats::read_fixed(payload, m)) return true;
    if (m.ifa_family != AF_INET) return true;
    Ipv4LabelAddresses::Key key{static_cast<int>(m.ifa_index), {}};
    Ipv4LabelAddresses::Address a;
    bool local_seen = false;
    formats::for_each_netlink_attribute(payload, sizeof(ifaddrmsg), [&](uint16_t type, std::string_view v) {
      if (type == IFA_LABEL) key.second = c_string(v);
      if (v.size() < 4) return;
      if (type == IFA_LOCAL) {
        a.local = u32(v);
        local_seen = true;
      }
      if (type == IFA_ADDRESS) a.address = u32(v);
      if (type == IFA_BROADCAST) a.broadcast = u32(v);
    });
    a.netmask = mask_of(m.ifa_prefixlen);
    if (!local_seen || a.local == 0 || key.second.empty()) out.unsure.insert(key);
    out.first.emplace(std::move(key), a);  // the first one counts
    return true;
  });
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace netstat
