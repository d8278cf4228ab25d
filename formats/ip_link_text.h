// iproute2's text about links and addresses, as a sosreport keeps it
// (sos_commands/networking/ip_-d_address, ip_address, ip_-s_-d_link,
// ip_-o_addr, ip_-o_link): the block form
//
//   3: veth0@veth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
//       link/ether 26:30:df:c1:e2:3f brd ff:ff:ff:ff:ff:ff promiscuity 0 ...
//       inet 10.1.0.1/24 brd 10.1.0.255 scope global veth0
//          valid_lft forever preferred_lft forever
//       inet 10.1.0.9/24 scope global secondary veth0:1
//       inet6 fe80::2430:dfff:fec1:e23f/64 scope link
//       RX:  bytes packets errors dropped  missed   mcast
//            1312      16      0       0       0       0
//       TX:  bytes packets errors dropped carrier collsns
//             656       8      0       0       0       0
//
// and the one-line form of `ip -o` (the same lines joined by '\'; address
// lines name the link as "3: veth0    inet ..."). Pure parser: lines it does
// not understand are skipped, numbers out of range leave the field unknown.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netstat::formats {

/// One IPv4 address line ("inet LOCAL[/LEN] [peer PEER[/LEN]] [brd B] ...
/// [LABEL]"). Addresses in network byte order.
struct IpInet4 {
  uint32_t local = 0;
  bool has_peer = false;
  uint32_t peer = 0;  ///< the peer ("peer P"): SIOCGIFDSTADDR's answer
  int prefix_len = 32;
  bool has_broadcast = false;
  uint32_t broadcast = 0;
  std::string label;  ///< the address label ("veth0:1"); "" when not printed
  bool operator==(const IpInet4&) const = default;
};

/// One IPv6 address line ("inet6 ADDR/LEN scope S ...").
struct IpInet6 {
  std::array<uint8_t, 16> addr{};
  int prefix_len = 128;
  std::string scope;  ///< "global", "link", "host", ... as printed
  bool operator==(const IpInet6&) const = default;
};

/// One link with everything the text says about it.
struct IpLink {
  int index = 0;          ///< the "N:" before the name
  std::string name;       ///< the name before '@' ("veth1" of "veth1@veth0")
  std::string name_field; ///< the name as printed, '@' part included
  bool has_flags = false; ///< the "<...>" list was printed
  /// The flags as SIOCGIFFLAGS would give them (IFF_*; IFF_RUNNING set when
  /// UP and not NO-CARRIER, as the kernel reports it; bits above 16 kept).
  uint32_t flags = 0;
  std::vector<std::string> flag_words;  ///< as printed, NO-CARRIER included
  std::optional<int> mtu;
  std::optional<int> qlen;  ///< "qlen N" (the transmit queue length)
  std::string state;        ///< "UP", "DOWN", "UNKNOWN", ... ("" not printed)
  std::string link_type;    ///< "ether", "loopback", "none", "[65534]", ...
  bool has_link_addr = false;
  std::vector<uint8_t> link_addr;  ///< "link/TYPE ADDR" (hex pairs, or a tunnel's IP)
  std::vector<IpInet4> inet;
  std::vector<IpInet6> inet6;
  /// "RX:"/"TX:" (and -s -s "RX errors:"/"TX errors:") columns by their
  /// printed name, prefixed "rx_"/"tx_"/"rx_errors_"/"tx_errors_":
  /// rx_bytes, rx_packets, rx_errors, rx_dropped, rx_missed (rx_overrun in
  /// old iproute2), rx_mcast, tx_bytes, ..., tx_carrier, tx_collsns,
  /// rx_errors_length, rx_errors_crc, rx_errors_frame, rx_errors_fifo, ...
  std::map<std::string, uint64_t, std::less<>> stats;
};

/// Every link of \a text in text order; address lines of the one-line form
/// are merged into the link of the same index.
std::vector<IpLink> parse_ip_link_text(std::string_view text);

/// The ARPHRD_* number iproute2 printed as "link/NAME" ("ether" -> 1,
/// "loopback" -> 772, "none" -> 65534, "[803]" -> 803); nullopt when unknown.
std::optional<uint16_t> arphrd_from_link_type(std::string_view name);

/// The IFF_* bit of a flag word iproute2 prints ("UP" -> 0x1, "LOWER_UP" ->
/// 0x10000); 0 when it is not one.
uint32_t iff_bit_from_word(std::string_view word);

}  // namespace netstat::formats
