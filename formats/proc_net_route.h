// /proc/net/route (IPv4 FIB) as net-tools 2.10's rprint_fib reads it.
//
// Kernel format (net/ipv4/fib_trie.c, fib_route_seq_show):
//   Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
//   eth0\t00000000\t0102A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0
// Addresses are the in-memory __be32 printed with %08X.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace netstat::formats {

/// One route as 2.10 shows it. Addresses are the 8-hex-digit values of the
/// file (the s_addr bytes of a little-endian kernel: 0x0102A8C0 is
/// 192.168.2.1).
struct Ipv4Route {
  std::string iface;  ///< at most 15 bytes (2.10 reads it with %15s)
  uint32_t destination = 0;
  uint32_t gateway = 0;
  uint32_t mask = 0;
  uint32_t flags = 0;
  int32_t refcnt = 0;
  int32_t use = 0;
  int32_t metric = 0;  ///< signed: 4294967295 in the file reads as -1
  int32_t mtu = 0;
  int32_t window = 0;
  int32_t irtt = 0;
  bool operator==(const Ipv4Route&) const = default;
};

struct Ipv4RouteTable {
  enum class Status : uint8_t {
    ok,
    empty_file,       ///< nothing at all: 2.10 exits 1 without a message
    missing_field,    ///< header lacks a column (see missing_field)
    format_overflow,  ///< header too long for 2.10's format buffer
  };
  Status status = Status::ok;
  std::string missing_field;
  /// The rows 2.10 prints, in file order: lines with at least 10 of the 11
  /// wanted fields and flag RTF_UP. Like 2.10, an address that is not 8 hex
  /// digits keeps the previous row's value, and a missing IRTT keeps the
  /// previous line's (the first row starts from 0).
  std::vector<Ipv4Route> routes;
};

constexpr uint32_t kRtfUp = 0x0001;
constexpr uint32_t kRtfGateway = 0x0002;
constexpr uint32_t kRtfHost = 0x0004;
constexpr uint32_t kRtfReject = 0x0200;

Ipv4RouteTable parse_proc_net_route(std::string_view text);

/// for_each_proc_net_route over a file handed over in runs of whole lines
/// (the first run starts with the header): feed() each run in file order,
/// then finish(). Rows, statuses and 2.10's carried-over values are exactly
/// those of the whole file.
class ProcNetRouteScanner {
 public:
  explicit ProcNetRouteScanner(std::function<void(const Ipv4Route&)> row);
  ~ProcNetRouteScanner();
  ProcNetRouteScanner(const ProcNetRouteScanner&) = delete;
  ProcNetRouteScanner& operator=(const ProcNetRouteScanner&) = delete;
  void feed(std::string_view run);
  /// The status of the whole file; \a missing_field as for_each_proc_net_route.
  Ipv4RouteTable::Status finish(std::string& missing_field) const;

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

/// Streaming form of parse_proc_net_route for large tables: calls \a row
/// for each route in file order (the Ipv4Route is reused between calls) and
/// returns the status; \a missing_field receives the missing column name.
Ipv4RouteTable::Status for_each_proc_net_route(
    std::string_view text, std::string& missing_field,
    const std::function<void(const Ipv4Route&)>& row);

}  // namespace netstat::formats
