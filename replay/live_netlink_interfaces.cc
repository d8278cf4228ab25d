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
// Whole-link dumps (RTM_GETLINK) were tried for the other six ioctls and
// dropped: the kernel's rtnl_fill_ifinfo costs as much as the ioctls
// (4,000 interfaces: 31-32 ms task-clock against 29-33 ms).
#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <set>
#include <vector>

#include "replay/live_system.h"
#include "replay/netlink_dump.h"

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
