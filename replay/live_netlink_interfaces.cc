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

namespace netstat {
namespace {

class NetlinkSocket {
 public:
  NetlinkSocket() : m_fd(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE)) {}
  ~NetlinkSocket() {
    if (m_fd >= 0) ::close(m_fd);
  }
  NetlinkSocket(const NetlinkSocket&) = delete;
  NetlinkSocket& operator=(const NetlinkSocket&) = delete;
  int get() const { return m_fd; }

 private:
  int m_fd;
};

constexpr size_t align4(size_t n) { return (n + 3) & ~size_t{3}; }

/// Sends a dump request of \a type (RTM_GETADDR) for \a family and hands every answer
/// message (its header and payload) to \a each. False on any error (then
/// nothing may be trusted). The <linux/netlink.h> iteration macros are not
/// used: they cast in C style and assume aligned buffers.
bool dump(int fd, uint16_t type, uint8_t family, uint32_t seq,
          const std::function<bool(const nlmsghdr&, std::string_view)>& each) {
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
  sockaddr_nl kernel;
  std::memset(&kernel, 0, sizeof kernel);
  kernel.nl_family = AF_NETLINK;
  if (::sendto(fd, &req, req.h.nlmsg_len, 0, reinterpret_cast<sockaddr*>(&kernel),
               sizeof kernel) < 0) {
    return false;
  }
  // The kernel sizes each dump message to the reader's buffer (at least a
  // page, at most 32 KiB by default); 64 KiB always holds one.
  std::vector<char> buf(size_t{1} << 16);
  for (;;) {
    iovec iov{buf.data(), buf.size()};
    msghdr msg;
    std::memset(&msg, 0, sizeof msg);
    sockaddr_nl from;
    std::memset(&from, 0, sizeof from);
    msg.msg_name = &from;
    msg.msg_namelen = sizeof from;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    ssize_t n = ::recvmsg(fd, &msg, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if ((msg.msg_flags & MSG_TRUNC) != 0 || from.nl_pid != 0) return false;
    size_t total = static_cast<size_t>(n), off = 0;
    if (total == 0) return false;
    while (off < total) {
      nlmsghdr h;
      if (total - off < sizeof h) return false;
      std::memcpy(&h, buf.data() + off, sizeof h);
      if (h.nlmsg_len < sizeof h || h.nlmsg_len > total - off) return false;
      if (h.nlmsg_seq != seq) return false;
      if (h.nlmsg_type == NLMSG_DONE) return true;
      if (h.nlmsg_type == NLMSG_ERROR) return false;
      if ((h.nlmsg_flags & NLM_F_DUMP_INTR) != 0) return false;  // changed mid-dump
      std::string_view payload(buf.data() + off + sizeof h, h.nlmsg_len - sizeof h);
      if (!each(h, payload)) return false;
      off += align4(h.nlmsg_len);
    }
  }
}

/// The fixed header \a T at the start of \a payload; false if too short.
template <typename T>
bool fixed_header(std::string_view payload, T& out) {
  if (payload.size() < sizeof(T)) return false;
  std::memcpy(&out, payload.data(), sizeof(T));
  return true;
}

/// The attributes of \a payload after a fixed header of \a fixed bytes.
template <typename Fn>
void for_each_attr(std::string_view payload, size_t fixed, Fn&& fn) {
  size_t off = align4(fixed);
  while (off + sizeof(rtattr) <= payload.size()) {
    rtattr a;
    std::memcpy(&a, payload.data() + off, sizeof a);
    if (a.rta_len < sizeof a || a.rta_len > payload.size() - off) return;
    fn(a.rta_type, payload.substr(off + sizeof a, a.rta_len - sizeof a));
    off += align4(a.rta_len);
  }
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
  NetlinkSocket sock;
  if (sock.get() < 0) return std::nullopt;
  Ipv4LabelAddresses out;
  bool ok = dump(sock.get(), RTM_GETADDR, AF_INET, 1,
                 [&](const nlmsghdr& h, std::string_view payload) {
    ifaddrmsg m;
    if (h.nlmsg_type != RTM_NEWADDR || !fixed_header(payload, m)) return true;
    if (m.ifa_family != AF_INET) return true;
    Ipv4LabelAddresses::Key key{static_cast<int>(m.ifa_index), {}};
    Ipv4LabelAddresses::Address a;
    bool local_seen = false;
    for_each_attr(payload, sizeof(ifaddrmsg), [&](unsigned short type, std::string_view v) {
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
