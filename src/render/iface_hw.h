// Hardware types of `netstat -ie`'s hardware line: the ARPHRD_* types
// net-tools 2.10 (Debian build) knows, their short names, titles and
// address printers; every other type is "unspec" (UNSPEC).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace netstat {

/// The hardware address as 2.10 holds it: the first 8 bytes of sa_data
/// (if_fetch copies no more), the rest zero.
using HwAddrBuffer = std::array<uint8_t, 32>;

struct HwLine {
  std::string_view name;   ///< "ether", "loop", "unspec", ...
  std::string_view title;  ///< "Ethernet", "Local Loopback", "UNSPEC", ...
  bool has_address = false;
  std::string address;     ///< as the type's printer writes it
};

/// What follows the address buffer in 2.10's struct interface on x86-64:
/// statistics_valid (int), 4 bytes of padding, rx_packets, tx_packets and
/// rx_bytes (little-endian). Ash's printer reads 64 bytes, so these show.
using HwAddrTrailer = std::array<uint8_t, 32>;

/// The trailer for an interface with (\a has_stats) or without statistics.
HwAddrTrailer hw_addr_trailer(bool has_stats, uint64_t rx_packets,
                              uint64_t tx_packets, uint64_t rx_bytes);

/// The hardware line parts for ARPHRD \a type and address \a addr.
HwLine hw_line(uint16_t type, const HwAddrBuffer& addr,
               const HwAddrTrailer& trailer = {});

/// True for CSLIP and CSLIP6, the types whose RX/TX "compressed" counters
/// 2.10 prints.
bool hw_can_compress(uint16_t type);

}  // namespace netstat
