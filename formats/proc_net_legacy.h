// Parsers for the legacy socket tables net-tools 2.10 still lists:
// /proc/net/ipx/socket, /proc/net/ax25, /proc/net/nr, /proc/net/x25 and
// /proc/net/rose (kernel: net/ipx/ipx_proc.c, net/ax25/af_ax25.c,
// net/netrom/af_netrom.c, net/x25/x25_proc.c, net/rose/af_rose.c).
//
// 2.10's readers for these are full of buffer overruns and fields read with
// the wrong conversions; these parsers reproduce what 2.10 shows for
// well-formed kernel lines (including its field mix-ups: IPX Tx_Queue shown
// as Recv-Q and a "%d" state, X.25 LCI read as decimal) and mark lines 2.10
// rejects. See docs/compat.md for the cases that differ.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace netstat::formats {

/// An IPX "NETWORK:NODE:PORT" address (or Not_Connected).
struct IpxAddress {
  bool connected = false;
  uint32_t network = 0;
  std::array<uint8_t, 6> node{};
  uint16_t port = 0;  ///< as the kernel printed it (host order)
};

struct IpxRow {
  IpxAddress local, remote;
  uint64_t tx_queue = 0, rx_queue = 0;
  int state = 0;  ///< "%d" over the kernel's "%02X" (so "0A" reads as 0)
  int uid = 0;    ///< the previous row's uid when this one's does not parse
};

struct Ax25Row {
  bool bad = false;  ///< "problem reading data from /proc/net/ax25"
  std::string_view dest, source, device;  ///< dest without digipeaters
  int state = 0, vs = 0, vr = 0, send_q = 0, recv_q = 0;
};

struct NetromRow {
  bool bad = false;  ///< "Problem reading data from /proc/net/nr"
  std::string_view user, dest, source, device;  ///< fixed columns 0-8, 10-18, 20-28
  int state = 0, vs = 0, vr = 0, send_q = 0, recv_q = 0;
};

struct X25Row {
  std::string_view dest, source, device;
  int lci = 0;  ///< the kernel's hex LCI read as decimal, as 2.10 does
  int state = 0, vs = 0, vr = 0, send_q = 0, recv_q = 0;
};

struct RoseRow {
  bool bad = false;  ///< "Problem reading data from /proc/net/rose"
  std::string_view dest_addr, dest_call, src_addr, src_call, device;
  int lci = 0, neigh = 0, state = 0;
};

/// Row lists in file order; views point into the text passed in.
std::vector<IpxRow> parse_proc_net_ipx(std::string_view text);
std::vector<Ax25Row> parse_proc_net_ax25(std::string_view text);
std::vector<NetromRow> parse_proc_net_nr(std::string_view text);
std::vector<X25Row> parse_proc_net_x25(std::string_view text);
std::vector<RoseRow> parse_proc_net_rose(std::string_view text);

}  // namespace netstat::formats
