// The read plan: every /proc/net file netstat reads, in one place. Modes
// (text, --json, diff) name a file by NetFile, never by its path; capture
// records exactly the files listed here (recorded_proc_net_names() in
// capture/recorder.h is derived from kNetFiles, and so is the uid scan that
// records user names).
//
// The socket sections carry what net-tools 2.10 says about them: the family
// name of its "no support for `...' on this system." message and its
// bogus-line warning (2.10's msgid: the text listing translates it where it
// prints it, except UNIX's, which 2.10 prints untranslated; JSON does not).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace netstat::read_plan {

/// Every /proc/net file of kNetFiles (in its order).
enum class NetFile : uint8_t {
  tcp, tcp6, udp, udp6, udplite, udplite6, raw, raw6, unix_domain,
  sctp_eps, sctp_assocs, sctp_snmp, sctp6_eps, sctp6_assocs,
  igmp, igmp6, route, ipv6_route, rt_cache, ndisc, dev, if_inet6,
  snmp, snmp6, netstat, ip_masquerade, nf_conntrack,
  ipx_socket, ipx_route, ipx_route_old, ax25, ax25_route,
  nr, nr_nodes, nr_neigh, rose, rose_nodes, rose_neigh, rose_routes,
  x25, x25_route, x25_routes, atalk_route,
};

struct NetFileInfo {
  NetFile file;
  std::string_view path;
  /// The whitespace-separated field (0-based, lines after the header) that
  /// holds a uid, or -1: capture records the user names of those uids.
  int8_t uid_column = -1;
  /// False for files no mode reads, recorded for whoever analyses a bundle.
  bool read = true;
};

/// In capture's order (which also orders a bundle's "absent" list).
inline constexpr NetFileInfo kNetFiles[] = {
    {NetFile::tcp, "/proc/net/tcp", 7},
    {NetFile::tcp6, "/proc/net/tcp6", 7},
    {NetFile::udp, "/proc/net/udp", 7},
    {NetFile::udp6, "/proc/net/udp6", 7},
    {NetFile::udplite, "/proc/net/udplite", 7},
    {NetFile::udplite6, "/proc/net/udplite6", 7},
    {NetFile::raw, "/proc/net/raw", 7},
    {NetFile::raw6, "/proc/net/raw6", 7},
    {NetFile::unix_domain, "/proc/net/unix"},
    {NetFile::sctp_eps, "/proc/net/sctp/eps", 6},
    {NetFile::sctp_assocs, "/proc/net/sctp/assocs", 9},
    {NetFile::sctp_snmp, "/proc/net/sctp/snmp"},
    {NetFile::sctp6_eps, "/proc/net/sctp6/eps"},
    {NetFile::sctp6_assocs, "/proc/net/sctp6/assocs"},
    {NetFile::igmp, "/proc/net/igmp"},
    {NetFile::igmp6, "/proc/net/igmp6"},
    {NetFile::route, "/proc/net/route"},
    {NetFile::ipv6_route, "/proc/net/ipv6_route"},
    {NetFile::rt_cache, "/proc/net/rt_cache"},
    {NetFile::ndisc, "/proc/net/ndisc", -1, false},
    {NetFile::dev, "/proc/net/dev"},
    {NetFile::if_inet6, "/proc/net/if_inet6"},
    {NetFile::snmp, "/proc/net/snmp"},
    {NetFile::snmp6, "/proc/net/snmp6"},
    {NetFile::netstat, "/proc/net/netstat"},
    {NetFile::ip_masquerade, "/proc/net/ip_masquerade"},
    {NetFile::nf_conntrack, "/proc/net/nf_conntrack", -1, false},
    {NetFile::ipx_socket, "/proc/net/ipx/socket", 5},
    {NetFile::ipx_route, "/proc/net/ipx/route"},
    {NetFile::ipx_route_old, "/proc/net/ipx_route"},
    {NetFile::ax25, "/proc/net/ax25"},
    {NetFile::ax25_route, "/proc/net/ax25_route"},
    {NetFile::nr, "/proc/net/nr"},
    {NetFile::nr_nodes, "/proc/net/nr_nodes"},
    {NetFile::nr_neigh, "/proc/net/nr_neigh"},
    {NetFile::rose, "/proc/net/rose"},
    {NetFile::rose_nodes, "/proc/net/rose_nodes"},
    {NetFile::rose_neigh, "/proc/net/rose_neigh"},
    {NetFile::rose_routes, "/proc/net/rose_routes", -1, false},
    {NetFile::x25, "/proc/net/x25"},
    {NetFile::x25_route, "/proc/net/x25/route"},
    {NetFile::x25_routes, "/proc/net/x25_routes"},
    {NetFile::atalk_route, "/proc/net/atalk_route"},
};

constexpr bool net_files_indexed() {
  for (size_t i = 0; i < std::size(kNetFiles); ++i) {
    if (static_cast<size_t>(kNetFiles[i].file) != i) return false;
  }
  return true;
}
static_assert(net_files_indexed(), "kNetFiles is indexed by NetFile");

constexpr const NetFileInfo& info(NetFile f) { return kNetFiles[static_cast<size_t>(f)]; }
/// "/proc/net/tcp".
constexpr std::string_view path(NetFile f) { return info(f).path; }

/// The directory /proc/net itself.
inline constexpr std::string_view kProcNet = "/proc/net";

/// A socket section of 2.10's listing: its IPv4 (or only) file, its IPv6
/// file (the same NetFile when there is none), the family name 2.10's
/// "no support for" message names, and its bogus-line warning (nullptr when
/// the section words it otherwise).
struct SocketTables {
  NetFile v4;
  NetFile v6;
  std::string_view family;
  const char* bogus;
};

inline constexpr SocketTables kTcp{NetFile::tcp, NetFile::tcp6, "AF INET (tcp)",
                                   "warning, got bogus tcp line.\n"};
inline constexpr SocketTables kSctpEps{NetFile::sctp_eps, NetFile::sctp6_eps,
                                       "AF INET (sctp)",
                                       "warning, got bogus sctp eps line.\n"};
inline constexpr SocketTables kSctpAssocs{NetFile::sctp_assocs, NetFile::sctp6_assocs,
                                          "AF INET (sctp)",
                                          "warning, got bogus sctp assoc line.\n"};
inline constexpr SocketTables kUdp{NetFile::udp, NetFile::udp6, "AF INET (udp)",
                                   "warning, got bogus udp line.\n"};
inline constexpr SocketTables kUdplite{NetFile::udplite, NetFile::udplite6,
                                       "AF INET (udplite)",
                                       "warning, got bogus udp line.\n"};
inline constexpr SocketTables kRaw{NetFile::raw, NetFile::raw6, "AF INET (raw)",
                                   "warning, got bogus raw line.\n"};
/// Bogus lines: "warning, got bogus igmp line %d.\n" / "igmp6".
inline constexpr SocketTables kIgmp{NetFile::igmp, NetFile::igmp6, "AF INET (igmp)",
                                    nullptr};
inline constexpr SocketTables kUnix{NetFile::unix_domain, NetFile::unix_domain,
                                    "AF UNIX", "warning, got bogus unix line.\n"};
inline constexpr SocketTables kIpx{NetFile::ipx_socket, NetFile::ipx_socket, "AF IPX",
                                   nullptr};
inline constexpr SocketTables kAx25{NetFile::ax25, NetFile::ax25, "AF AX25", nullptr};
inline constexpr SocketTables kX25{NetFile::x25, NetFile::x25, "AF X25", nullptr};
inline constexpr SocketTables kNetrom{NetFile::nr, NetFile::nr, "AF NETROM", nullptr};
inline constexpr SocketTables kRose{NetFile::rose, NetFile::rose, "AF ROSE", nullptr};

/// The legacy socket families, in 2.10's section order (after UNIX).
inline constexpr std::array<const SocketTables*, 5> kLegacySockets = {
    &kIpx, &kAx25, &kX25, &kNetrom, &kRose};

/// \a bogus without its final newline (the JSON/diff warning text).
constexpr std::string_view warning_text(const char* bogus) {
  std::string_view s(bogus);
  if (!s.empty() && s.back() == '\n') s.remove_suffix(1);
  return s;
}

}  // namespace netstat::read_plan
