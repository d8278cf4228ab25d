// The interface ioctls of net-tools 2.10's lib/interface.c, asked of the
// running kernel: SIOCGIFCONF (if_readconf: every IPv4 label, kernel order)
// and, per name, what if_fetch asks: FLAGS (the only fatal one), HWADDR,
// METRIC, MTU, OUTFILL/KEEPALIVE for SLIP types, MAP, TXQLEN, and on an
// AF_INET socket ADDR, then DSTADDR/BRDADDR/NETMASK if ADDR worked.
#include <net/if_arp.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <optional>

#include "replay/live_system.h"

namespace netstat {
namespace {

// SIOCGKEEPALIVE / SIOCGOUTFILL from <linux/if_slip.h>.
constexpr unsigned long kSiocgKeepalive = SIOCDEVPRIVATE + 1;
constexpr unsigned long kSiocgOutfill = SIOCDEVPRIVATE + 3;
// The most SIOCGIFCONF entries asked for (40 MiB of struct ifreq).
constexpr size_t kMaxLabels = size_t{1} << 20;

class Socket {
 public:
  Socket() : m_fd(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) {}
  ~Socket() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int get() const { return m_fd; }

 private:
  int m_fd;
};

struct Request {
  explicit Request(std::string_view name) {
    std::memset(&ifr, 0, sizeof ifr);
    std::memcpy(ifr.ifr_name, name.data(), name.size());
  }
  ifreq ifr;
};

uint32_t inet_of(const sockaddr& sa) {
  sockaddr_in sin;
  std::memcpy(&sin, &sa, sizeof sin);
  return sin.sin_addr.s_addr;
}

bool is_slip(uint16_t type) {
  return type == ARPHRD_SLIP || type == ARPHRD_CSLIP || type == ARPHRD_SLIP6 ||
         type == ARPHRD_CSLIP6 || type == ARPHRD_ADAPT;
}

}  // namespace

Result<std::vector<std::string>> live_interface_labels() {
  Socket sock;
  if (sock.get() < 0) return error_from_errno(errno, "socket");
  // Every SIOCGIFCONF walks all interfaces and addresses under the RTNL
  // lock, so ask once with room for most systems; when that fills up, ask
  // the kernel for the size (a null buffer) and try again with slack.
  std::vector<ifreq> buf(1024);
  ifconf ifc;
  for (;;) {
    std::memset(&ifc, 0, sizeof ifc);
    ifc.ifc_len = static_cast<int>(buf.size() * sizeof(ifreq));
    ifc.ifc_req = buf.data();
    if (::ioctl(sock.get(), SIOCGIFCONF, &ifc) < 0) {
      return error_from_errno(errno, "SIOCGIFCONF");
    }
    // A full buffer may have been cut short: ask again with more room.
    if (static_cast<size_t>(ifc.ifc_len) < buf.size() * sizeof(ifreq)) break;
    if (buf.size() >= kMaxLabels) break;
    ifconf need;
    std::memset(&need, 0, sizeof need);
    size_t want = buf.size() * 2;
    if (::ioctl(sock.get(), SIOCGIFCONF, &need) == 0 && need.ifc_len > 0) {
      want = std::max(want, static_cast<size_t>(need.ifc_len) / sizeof(ifreq) +
                                buf.size() / 4);
    }
    buf.resize(std::min(want, kMaxLabels));
  }
  std::vector<std::string> labels;
  size_t n = static_cast<size_t>(ifc.ifc_len) / sizeof(ifreq);
  labels.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    labels.emplace_back(buf[i].ifr_name, strnlen(buf[i].ifr_name, IFNAMSIZ));
  }
  return labels;
}

namespace {

// The socket of every live_interface_info() call: kNone until the first
// call creates it (or stores -1 when that failed: each call then makes its
// own).
constexpr int kNone = -2;
std::atomic<int> g_shared_socket{kNone};

int shared_socket() {
  int fd = g_shared_socket.load(std::memory_order_acquire);
  if (fd != kNone) return fd;
  int made = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  int expected = kNone;
  if (g_shared_socket.compare_exchange_strong(expected, made < 0 ? -1 : made,
                                              std::memory_order_acq_rel)) {
    return made < 0 ? -1 : made;
  }
  if (made >= 0) ::close(made);  // another thread was first
  return expected;
}

}  // namespace

namespace {

/// SIOCGOUTFILL and SIOCGKEEPALIVE, asked of SLIP types only.
void ask_slip(int fd, std::string_view name, IfaceInfo& info) {
  Request r(name);
  if (::ioctl(fd, kSiocgOutfill, &r.ifr) == 0) {
    info.outfill = static_cast<int>(reinterpret_cast<intptr_t>(r.ifr.ifr_data));
  }
  r = Request(name);
  if (::ioctl(fd, kSiocgKeepalive, &r.ifr) == 0) {
    info.keepalive = static_cast<int>(reinterpret_cast<intptr_t>(r.ifr.ifr_data));
  }
}

/// SIOCGIFADDR, then DSTADDR/BRDADDR/NETMASK if it worked, for info.name.
IfaceInfo with_address_ioctls(IfaceInfo info, int fd) {
  std::string_view name = info.name;
  Request r(name);
  r.ifr.ifr_addr.sa_family = AF_INET;
  if (::ioctl(fd, SIOCGIFADDR, &r.ifr) == 0) {
    info.has_addr = true;
    info.addr = inet_of(r.ifr.ifr_addr);
    r = Request(name);
    if (::ioctl(fd, SIOCGIFDSTADDR, &r.ifr) == 0) {
      info.dstaddr = inet_of(r.ifr.ifr_dstaddr);
    } else {
      info.dstaddr_failed = true;
    }
    r = Request(name);
    if (::ioctl(fd, SIOCGIFBRDADDR, &r.ifr) == 0) {
      info.broadaddr = inet_of(r.ifr.ifr_broadaddr);
    } else {
      info.broadaddr_failed = true;
    }
    r = Request(name);
    if (::ioctl(fd, SIOCGIFNETMASK, &r.ifr) == 0) {
      info.netmask = inet_of(r.ifr.ifr_netmask);
    } else {
      info.netmask_failed = true;
    }
  }
  return info;
}

/// The four address answers for info.name on device \a index from the
/// address dump, or from the ioctls when the dump is unsure of that label.
IfaceInfo with_label_addresses(IfaceInfo info, int index, const Ipv4LabelAddresses& labels,
                               int fd) {
  Ipv4LabelAddresses::Key key{index, info.name};
  if (labels.unsure.count(key) != 0) return with_address_ioctls(std::move(info), fd);
  auto it = labels.first.find(key);
  if (it != labels.first.end()) {
    info.has_addr = true;
    info.addr = it->second.local;
    info.dstaddr = it->second.address;
    info.broadaddr = it->second.broadcast;
    info.netmask = it->second.netmask;
  }
  return info;
}

}  // namespace

void renew_live_interface_socket() {
  int old = g_shared_socket.exchange(kNone, std::memory_order_acq_rel);
  if (old >= 0) ::close(old);
}

Result<IfaceInfo> live_interface_info(std::string_view name,
                                      const Ipv4LabelAddresses* labels,
                                      const LiveLinks* links) {
  if (name.size() >= IFNAMSIZ) name = name.substr(0, IFNAMSIZ - 1);
  // The device the ioctls would ask about: the name up to a ':' (dev_ioctl
  // cuts an alias suffix), found by its own name in the link dump.
  const LinkAnswers* link = nullptr;
  if (links != nullptr) {
    auto it = links->by_name.find(std::string(name.substr(0, name.find(':'))));
    if (it != links->by_name.end()) link = &it->second;
  }
  // One socket for every call of the process (never closed; ioctls on it
  // may come from any thread): a socket per interface cost two more
  // syscalls than the ten ioctls, a third of -i's time at 1000 interfaces.
  std::optional<Socket> own;
  int fd = shared_socket();
  if (fd < 0) {  // e.g. EMFILE at the first call: try again each time
    own.emplace();
    if (own->get() < 0) return error_from_errno(errno, "socket");
    fd = own->get();
  }
  IfaceInfo info;
  Request r(name);
  if (link != nullptr) {
    info = link->info;  // FLAGS, HWADDR, METRIC, MTU, MAP, TXQLEN
    info.name = std::string(name);
    if (is_slip(info.hw_type)) ask_slip(fd, name, info);
    if (labels != nullptr) return with_label_addresses(std::move(info), link->index, *labels, fd);
    return with_address_ioctls(std::move(info), fd);
  }
  info.name = std::string(name);

  if (::ioctl(fd, SIOCGIFFLAGS, &r.ifr) < 0) {
    int err = errno;
    if (err == ENODEV) return Error{Errc::not_found, ENODEV, info.name};
    return error_from_errno(err, info.name);
  }
  info.flags = r.ifr.ifr_flags;

  r = Request(name);
  if (::ioctl(fd, SIOCGIFHWADDR, &r.ifr) == 0) {
    info.has_hw = true;
    info.hw_type = r.ifr.ifr_hwaddr.sa_family;
    std::memcpy(info.hw_addr.data(), r.ifr.ifr_hwaddr.sa_data,
                info.hw_addr.size());
  }
  r = Request(name);
  if (::ioctl(fd, SIOCGIFMETRIC, &r.ifr) == 0) info.metric = r.ifr.ifr_metric;
  r = Request(name);
  if (::ioctl(fd, SIOCGIFMTU, &r.ifr) == 0) info.mtu = r.ifr.ifr_mtu;
  if (info.has_hw && is_slip(info.hw_type)) ask_slip(fd, name, info);
  r = Request(name);
  if (::ioctl(fd, SIOCGIFMAP, &r.ifr) == 0) {
    info.has_map = true;
    info.map.mem_start = r.ifr.ifr_map.mem_start;
    info.map.mem_end = r.ifr.ifr_map.mem_end;
    info.map.base_addr = r.ifr.ifr_map.base_addr;
    info.map.irq = r.ifr.ifr_map.irq;
    info.map.dma = r.ifr.ifr_map.dma;
    info.map.port = r.ifr.ifr_map.port;
  }
  r = Request(name);
  if (::ioctl(fd, SIOCGIFTXQLEN, &r.ifr) == 0) info.tx_queue_len = r.ifr.ifr_qlen;

  if (labels != nullptr) {
    r = Request(name);  // the device of name (up to a ':'), as the ioctls use
    if (::ioctl(fd, SIOCGIFINDEX, &r.ifr) == 0) {
      return with_label_addresses(std::move(info), r.ifr.ifr_ifindex, *labels, fd);
    }
  }
  return with_address_ioctls(std::move(info), fd);
}

}  // namespace netstat
