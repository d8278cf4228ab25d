// /proc/net/rt_cache (IPv4 routing cache) as net-tools 2.10's rprint_cache
// reads it. Kernels since 3.6 print only the header line:
//   Iface\tDestination\tGateway \tFlags\t\tRefCnt\tUse\tMetric\tSource\t\tMTU\t
//   Window\tIRTT\tTOS\tHHRef\tHHUptod\tSpecDst   (one line, padded to 127)
// Kernels 2.2-3.5 (net/ipv4/route.c, rt_cache_seq_show) added one row per
// cached route; 2.0 kernels had "... IRTT HH ARP" instead.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace netstat::formats {

/// Which layout 2.10's proc_guess_fmt() recognised in the header.
enum class RtCacheFormat : uint8_t {
  v2_2,     ///< IRTT TOS HHRef HHUptod SpecDst (value 63)
  v2_0,     ///< IRTT HH ARP (value 97)
  unknown,  ///< anything else: 2.10 prints "ERROR: proc_guess_fmt(...)"
};

struct RtCacheRow {
  std::string iface;  ///< at most 15 bytes
  // Addresses (s_addr values of the hex text, see Ipv4Route).
  uint32_t source = 0;
  uint32_t destination = 0;
  uint32_t gateway = 0;
  uint32_t spec_dst = 0;  ///< 2.2 only
  uint32_t flags = 0;
  int32_t refcnt = 0;
  int32_t use = 0;
  int32_t metric = 0;
  int32_t mtu = 0;
  int32_t window = 0;
  int32_t irtt = 0;
  int32_t tos = 0;       ///< 2.2 (read as decimal although the kernel writes hex)
  int32_t hh_ref = 0;    ///< 2.2
  int32_t hh_uptod = 0;  ///< 2.2
  int32_t hh = 0;        ///< 2.0
  int32_t arp = 0;       ///< 2.0
  bool operator==(const RtCacheRow&) const = default;
};

struct RtCacheTable {
  enum class Status : uint8_t {
    ok,
    empty_file,       ///< 2.10: perror + exit 255
    missing_field,    ///< warning, exit status stays 0
    format_overflow,  ///< warning, exit status stays 0
  };
  Status status = Status::ok;
  RtCacheFormat format = RtCacheFormat::unknown;
  int guess = 0;  ///< proc_guess_fmt's bit value (printed in the ERROR line)
  std::string missing_field;
  /// Rows with at least 12 fields, file order. As in 2.10 a value that is
  /// not read keeps the previous line's, and the four addresses are read
  /// into one shared sockaddr in the order destination, gateway, source,
  /// spec_dst, so an unreadable one shows the previous conversion.
  std::vector<RtCacheRow> rows;
};

RtCacheTable parse_proc_net_rt_cache(std::string_view text);

}  // namespace netstat::formats
