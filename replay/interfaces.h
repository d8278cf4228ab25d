// What the kernel answers about network interfaces outside /proc: the
// SIOCGIFCONF label list and the per-name SIOCGIF* ioctls that net-tools'
// `-i` uses. The live root asks the kernel; capture records the answers and
// the archive root replays them, so `-i` prints the same either way.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace netstat {

/// `struct ifmap` as SIOCGIFMAP returns it.
struct IfMap {
  uint64_t mem_start = 0;
  uint64_t mem_end = 0;
  uint16_t base_addr = 0;
  uint8_t irq = 0;
  uint8_t dma = 0;
  uint8_t port = 0;
  bool operator==(const IfMap&) const = default;
};

/// The ioctl-level view of one interface name (or IPv4 label like eth0:1).
/// IPv4 addresses are in network byte order, as in sockaddr_in.
struct IfaceInfo {
  std::string name;
  int16_t flags = 0;          ///< SIOCGIFFLAGS (16-bit, includes IFF_RUNNING)
  int mtu = 0;                ///< SIOCGIFMTU
  int metric = 0;             ///< SIOCGIFMETRIC
  bool has_hw = false;        ///< SIOCGIFHWADDR succeeded
  uint16_t hw_type = 0;       ///< sa_family of the hardware address (ARPHRD_*)
  std::array<uint8_t, 14> hw_addr{};  ///< sa_data of the hardware address
  bool has_map = false;       ///< SIOCGIFMAP succeeded
  IfMap map;
  int tx_queue_len = -1;      ///< SIOCGIFTXQLEN, -1 when unknown
  bool has_addr = false;      ///< SIOCGIFADDR succeeded (an IPv4 address)
  uint32_t addr = 0;
  uint32_t dstaddr = 0;       ///< SIOCGIFDSTADDR
  uint32_t broadaddr = 0;     ///< SIOCGIFBRDADDR
  uint32_t netmask = 0;       ///< SIOCGIFNETMASK
  /// SIOCGIFDSTADDR/BRDADDR/NETMASK failed although SIOCGIFADDR worked
  /// (2.10 then prints "[NONE SET]" for that address).
  bool dstaddr_failed = false;
  bool broadaddr_failed = false;
  bool netmask_failed = false;
  /// SLIP line settings (SIOCGOUTFILL/SIOCGKEEPALIVE), asked only for the
  /// SLIP hardware types; 0 otherwise.
  int outfill = 0;
  int keepalive = 0;
  bool operator==(const IfaceInfo&) const = default;
};

}  // namespace netstat
